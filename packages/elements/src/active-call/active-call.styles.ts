import { css } from 'lit';

export const activeCallStyles = css`
  .panel {
    --_band: var(--_border);
    display: grid;
    gap: 0.75rem;
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-left: 6px solid var(--_band);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .panel:focus {
    outline: none;
  }

  .panel:focus-visible {
    outline: var(--_focus-ring);
  }


  .header {
    display: flex;
    justify-content: space-between;
    gap: 0.75rem;
  }

  .who {
    min-width: 0;
  }

  .caller {
    font-size: 1.15em;
    font-weight: 600;
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
  }

  .number,
  .meta,
  .none {
    color: var(--_text-muted);
  }

  .when {
    text-align: end;
    flex-shrink: 0;
  }

  .state {
    font-weight: 600;
  }

  .state.held {
    color: var(--_danger);
  }

  .timer {
    font-size: 1.1em;
  }

  .tabs {
    display: flex;
    gap: 0.25rem;
    border-bottom: 1px solid var(--_border);
  }

  .tab {
    min-height: 2rem;
    border: none;
    border-bottom: 3px solid transparent;
    border-radius: 0;
    background: none;
  }

  .tab[aria-selected='true'] {
    border-bottom-color: var(--_accent);
    font-weight: 600;
  }

  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }

  cx-keypad {
    margin-top: 0.75rem;
    max-width: 16rem;
  }

  .datas {
    display: grid;
    gap: 0.75rem;
  }

  .section-title {
    font-weight: 600;
    margin-bottom: 0.25rem;
  }

  .route {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    list-style: none;
    counter-reset: step;
  }

  .route li {
    counter-increment: step;
    padding: 0.1rem 0.5rem;
    border-radius: 999px;
    background: var(--_surface-raised);
  }

  .route li::before {
    content: counter(step) '. ';
    color: var(--_text-muted);
  }

  .pairs {
    display: grid;
    gap: 0.15rem;
  }

  .pairs div {
    display: grid;
    grid-template-columns: minmax(6rem, max-content) 1fr;
    gap: 0.75rem;
  }

  dt {
    color: var(--_text-muted);
  }

  dd {
    margin: 0;
  }
`;
