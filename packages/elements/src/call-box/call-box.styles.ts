import { css } from 'lit';

export const callBoxStyles = css`
  .box {
    --_stripe: transparent;
    border: 1px solid var(--_border);
    border-left: 6px solid var(--_stripe);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  :host([selected]) .box {
    background: var(--_surface-raised);
    box-shadow: inset 0 0 0 1px var(--_accent);
  }

  .colour-red {
    --_stripe: var(--cx-call-box-red, #d64045);
  }
  .colour-orange {
    --_stripe: var(--cx-call-box-orange, #e08a1e);
  }
  .colour-green {
    --_stripe: var(--cx-call-box-green, #2f9e5a);
  }
  .colour-teal {
    --_stripe: var(--cx-call-box-teal, #14988f);
  }
  .colour-blue {
    --_stripe: var(--cx-call-box-blue, #2f6fd6);
  }
  .colour-purple {
    --_stripe: var(--cx-call-box-purple, #8a4fd0);
  }

  .row {
    display: flex;
    align-items: stretch;
  }

  .select {
    flex: 1;
    min-width: 0;
    flex-direction: column;
    align-items: flex-start;
    gap: 0.1rem;
    border: none;
    background: none;
    text-align: start;
    white-space: normal;
  }

  .caller {
    font-weight: 600;
    max-width: 100%;
    display: -webkit-box;
    -webkit-line-clamp: 1;
    -webkit-box-orient: vertical;
    overflow: hidden;
  }

  .line {
    display: flex;
    gap: 0.5em;
    color: var(--_text-muted);
  }

  .ended .state {
    font-style: italic;
  }

  .icon {
    min-width: 2.25rem;
    padding: 0.25rem;
    border: none;
    background: none;
  }

  .swatch {
    display: inline-block;
    width: 1rem;
    height: 1rem;
    border-radius: 50%;
    border: 1px solid var(--_border);
    background: var(--_stripe);
  }

  .swatch.colour-none {
    background: linear-gradient(135deg, transparent 45%, var(--_text-muted) 45% 55%, transparent 55%);
  }

  .error {
    padding: 0 0.6rem 0.4rem;
  }

`;
