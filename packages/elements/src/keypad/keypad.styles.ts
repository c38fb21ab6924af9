import { css } from 'lit';

export const keypadStyles = css`
  .keypad {
    display: grid;
    gap: 0.5rem;
  }

  .display {
    display: block;
    min-height: 1.6em;
    padding: 0.2rem 0.5rem;
    border-radius: var(--_radius);
    background: var(--_surface-raised);
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.1em;
    overflow-wrap: anywhere;
  }

  .keys {
    display: grid;
    grid-template-columns: repeat(3, minmax(3rem, 1fr));
    gap: 0.35rem;
  }

  .key {
    flex-direction: column;
    gap: 0;
    min-height: 2.75rem;
    font-size: 1.1em;
    font-weight: 600;
  }

  .letters {
    min-height: 1em;
    font-size: 0.6em;
    font-weight: 400;
    letter-spacing: 0.1em;
    color: var(--_text-muted);
  }
`;
