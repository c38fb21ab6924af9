import { css } from 'lit';

export const callPopupStyles = css`
  .popup {
    --_band: var(--_surface-raised);
    --_on-band: var(--_text);
    overflow: hidden;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    box-shadow: 0 6px 24px rgb(0 0 0 / 0.18);
    animation: arrive 120ms ease-out;
  }

  .popup.missed {
    --_band: var(--_danger);
    --_on-band: var(--_on-danger);
  }

  .band {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: baseline;
    gap: 0.25rem 0.75rem;
    padding: 0.5rem 0.75rem;
    background: var(--_band);
    color: var(--_on-band);
  }

  .title {
    font-weight: 700;
  }

  .type {
    font-size: 0.9em;
    font-weight: 600;
  }

  .body {
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem;
  }

  .caller {
    font-size: 1.15em;
    font-weight: 600;
    display: -webkit-box;
    -webkit-line-clamp: 3;
    -webkit-box-orient: vertical;
    overflow: hidden;
  }

  .number,
  .reason {
    color: var(--_text-muted);
  }

  .details {
    display: grid;
    gap: 0.15rem;
  }

  .details div {
    display: flex;
    gap: 0.5em;
  }

  dt {
    color: var(--_text-muted);
  }

  dt::after {
    content: ':';
  }

  dd {
    margin: 0;
  }

  .actions {
    display: flex;
    gap: 0.5rem;
  }

  .actions button {
    flex: 1;
  }

  @keyframes arrive {
    from {
      opacity: 0;
      transform: translateY(-4px);
    }
  }
`;
