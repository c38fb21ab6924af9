import { css } from 'lit';

/** Resets and the shared look of buttons, fields and hidden-but-spoken text. */
export const baseStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
  }

  :host([hidden]),
  [hidden] {
    display: none !important;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  p,
  dl,
  dd,
  ol,
  ul {
    margin: 0;
  }

  ul,
  ol {
    padding: 0;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }

  /* Caller data may be long or unbroken: wrap it, never push the layout. */
  .text {
    overflow-wrap: anywhere;
    min-width: 0;
  }

  button,
  input,
  select {
    font: inherit;
    color: inherit;
  }

  button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.35em;
    min-height: 2.25rem;
    padding: 0.3rem 0.8rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
    color: var(--_text);
    cursor: pointer;
    white-space: nowrap;
  }

  button:hover:not(:disabled) {
    filter: brightness(0.95);
  }

  button:disabled {
    cursor: not-allowed;
    opacity: 0.55;
  }

  :focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 2px;
  }

  button.success {
    background: var(--_success);
    border-color: var(--_success);
    color: var(--_on-success);
  }

  button.danger,
  button[aria-pressed='true'].toggle-danger {
    background: var(--_danger);
    border-color: var(--_danger);
    color: var(--_on-danger);
  }

  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }

  .error {
    color: var(--_danger);
  }

  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.01ms !important;
      transition-duration: 0.01ms !important;
    }
  }
`;
