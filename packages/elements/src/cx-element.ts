import { LitElement, type CSSResultGroup, type PropertyDeclarations } from 'lit';
import { baseStyles } from './styles/base.styles.js';
import { themeStyles } from './styles/theme.styles.js';

/** A fixed palette; without one the element follows the reader's `prefers-color-scheme`. */
export type Theme = 'light' | 'dark';

/**
 * What every CX Banner element shares: the design tokens, the light and
 * dark palettes, and the `theme` attribute that picks one.
 */
export abstract class CxElement extends LitElement {
  static override properties: PropertyDeclarations = {
    theme: { reflect: true },
  };

  static override styles: CSSResultGroup = [themeStyles, baseStyles];

  /** `light` or `dark`; unset follows `prefers-color-scheme`. */
  theme: Theme | undefined = undefined;
}
