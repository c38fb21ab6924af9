import { css } from 'lit';

export const activeCallStyles = css`
  .more button.recording {
    border-color: var(--_danger);
    color: var(--_danger);
  }

  /* A red dot that blinks while the call is recorded (steady for reduced motion). */
  .more button.recording::before {
    content: '';
    display: inline-block;
    width: 0.6em;
    height: 0.6em;
    margin-inline-end: 0.4em;
    border-radius: 50%;
    background: var(--_danger);
    animation: blink 1s steps(2, start) infinite;
  }

  @media (prefers-reduced-motion: reduce) {
    .more button.recording::before {
      animation: none;
    }
  }

  @keyframes blink {
    to {
      visibility: hidden;
    }
  }

  .notice {
    padding: 0.4rem 0.6rem;
    border-radius: var(--_radius);
    background: var(--_surface-raised);
    font-weight: 600;
  }

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

`;
