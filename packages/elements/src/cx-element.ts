import { updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, type CSSResultGroup, type PropertyDeclarations } from 'lit';
import { followLang } from './i18n/locale.js';
import { baseStyles } from './styles/base.styles.js';
import { themeStyles } from './styles/theme.styles.js';

/** A fixed palette; without one the element follows the reader's `prefers-color-scheme`. */
export type Theme = 'light' | 'dark';

/**
 * What every CX Banner element shares: the design tokens, the light and
 * dark palettes, the `theme` attribute that picks one, and the language:
 * every element re-renders when the locale changes, and a `lang` attribute
 * on one (else on the page) chooses the locale (see `setLocale`).
 */
export abstract class CxElement extends LitElement {
  static override properties: PropertyDeclarations = {
    theme: { reflect: true },
  };

  static override styles: CSSResultGroup = [themeStyles, baseStyles];

  /** `light` or `dark`; unset follows `prefers-color-scheme`. */
  theme: Theme | undefined = undefined;

  // `lang` stays the native attribute (a Lit property would shadow HTMLElement's): only watched.
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') followLang(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasAttribute('lang')) followLang(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.hasAttribute('lang')) followLang(this);
  }
}
