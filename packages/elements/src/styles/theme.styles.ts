import { css } from 'lit';

/*
 * The design tokens of every element. A page themes the banner with the
 * public `--cx-*` custom properties (they inherit through shadow roots);
 * each element reads them through private `--_*` copies that fall back to
 * the light or the dark palette. The palette follows the `theme` attribute
 * (`light` or `dark`), else the reader's `prefers-color-scheme`.
 */

const light = css`
  --_surface: var(--cx-surface, #ffffff);
  --_surface-raised: var(--cx-surface-raised, #f3f4f6);
  --_text: var(--cx-text, #1b1d21);
  --_text-muted: var(--cx-text-muted, #545b67);
  --_border: var(--cx-border, #8a929e);
  --_accent: var(--cx-accent, #2456c8);
  --_on-accent: var(--cx-on-accent, #ffffff);
  --_success: var(--cx-success, #1b7a4b);
  --_on-success: var(--cx-on-success, #ffffff);
  --_danger: var(--cx-danger, #c4262e);
  --_on-danger: var(--cx-on-danger, #ffffff);
  color-scheme: light;
`;

const dark = css`
  --_surface: var(--cx-surface, #1d2026);
  --_surface-raised: var(--cx-surface-raised, #272b33);
  --_text: var(--cx-text, #eef0f3);
  --_text-muted: var(--cx-text-muted, #b3b9c4);
  --_border: var(--cx-border, #6b7380);
  --_accent: var(--cx-accent, #8ab4ff);
  --_on-accent: var(--cx-on-accent, #10131a);
  --_success: var(--cx-success, #4fd49a);
  --_on-success: var(--cx-on-success, #0b1f14);
  --_danger: var(--cx-danger, #ff8a8f);
  --_on-danger: var(--cx-on-danger, #2a0508);
  color-scheme: dark;
`;

export const themeStyles = css`
  :host {
    ${light}
    /* Popup colours by type of call: the same in both palettes. */
    --_raspberry: var(--cx-raspberry, #b0174f);
    --_on-raspberry: var(--cx-on-raspberry, #ffffff);
    --_ocean: var(--cx-ocean, #0b4f8a);
    --_on-ocean: var(--cx-on-ocean, #ffffff);
    --_sky: var(--cx-sky, #8fd0f7);
    --_on-sky: var(--cx-on-sky, #0b2a40);
    --_lilac: var(--cx-lilac, #cbb1ec);
    --_on-lilac: var(--cx-on-lilac, #2a1745);
    --_radius: var(--cx-radius, 8px);
    --_focus-ring: var(--cx-focus-ring, 2px solid var(--_accent));
    font-family: var(--cx-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--cx-font-size, 14px);
    line-height: 1.4;
    color: var(--_text);
  }

  :host([theme='dark']) {
    ${dark}
  }

  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
    }
  }
`;
