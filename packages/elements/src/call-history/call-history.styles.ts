import { css } from 'lit';

/** "Recent calls": the disclosure button, then the short list of finished calls. */
export const callHistoryStyles = css`
  .toggle {
    border: none;
    background: none;
    padding-inline: 0.25rem;
    font-weight: 600;
  }

  /* A chevron drawn with borders: nothing for a screen reader to read. */
  .toggle::before {
    content: '';
    width: 0.4em;
    height: 0.4em;
    margin-inline-end: 0.2em;
    border-right: 2px solid currentColor;
    border-bottom: 2px solid currentColor;
    transform: rotate(-45deg);
  }

  .toggle[aria-expanded='true']::before {
    transform: rotate(45deg);
  }

  ul {
    list-style: none;
    display: grid;
    gap: 0.35rem;
    margin-top: 0.35rem;
  }

  li {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.1rem 0.5rem;
    align-items: center;
    padding: 0.3rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  li.shown {
    background: var(--_surface-raised);
    box-shadow: inset 0 0 0 1px var(--_accent);
  }

  .party {
    font-weight: 600;
  }

  .meta {
    color: var(--_text-muted);
    font-size: 0.9em;
  }

  .actions {
    grid-row: 1 / span 2;
    grid-column: 2;
    display: flex;
    gap: 0.35rem;
  }

  .actions button {
    min-height: 2rem;
    padding-inline: 0.6rem;
  }

  /* Show, pressed: the call is in the panel. */
  .actions [aria-pressed='true'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
`;
