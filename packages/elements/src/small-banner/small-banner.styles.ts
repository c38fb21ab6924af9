import { css } from 'lit';

export const smallBannerStyles = css`
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4rem 0.75rem;
    padding: 0.35rem 0.6rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }


  .call {
    --_band: var(--_border);
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4rem 0.6rem;
    min-width: 0;
    padding-left: 0.5rem;
    border-left: 4px solid var(--_band);
  }


  .badge {
    padding: 0.05rem 0.45rem;
    border-radius: 999px;
    background: var(--_band);
    color: var(--_on-band);
    font-size: 0.85em;
    font-weight: 600;
  }

  .caller {
    max-width: 16rem;
    font-weight: 600;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }

  .state,
  .restricted {
    color: var(--_text-muted);
  }

  .timer {
    font-variant-numeric: tabular-nums;
  }

  .actions {
    display: inline-flex;
    gap: 0.35rem;
  }

  .actions button {
    min-height: 2rem;
    padding: 0.2rem 0.6rem;
  }
`;
