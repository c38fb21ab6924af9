import { css } from 'lit';

export const callTimerStyles = css`
  :host {
    display: inline-block;
    font-variant-numeric: tabular-nums;
  }
`;
