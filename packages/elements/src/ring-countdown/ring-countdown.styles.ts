import { css } from 'lit';

export const ringCountdownStyles = css`
  .row {
    display: flex;
    gap: 0.4em;
    align-items: baseline;
    color: var(--_text-muted);
  }

  .seconds {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
    color: var(--_text);
  }

  .bar {
    height: 4px;
    margin-top: 0.25rem;
    border-radius: 2px;
    background: var(--_surface-raised);
    overflow: hidden;
  }

  .fill {
    height: 100%;
    background: var(--cx-countdown-colour, var(--_text));
    transform-origin: left center;
    animation-name: shrink;
    animation-timing-function: linear;
    animation-fill-mode: both;
  }

  @keyframes shrink {
    from {
      transform: scaleX(var(--_from, 1));
    }
    to {
      transform: scaleX(0);
    }
  }
`;
