import { css } from 'lit';

/**
 * The look the settings regions share (Notifications, Devices): a heading,
 * then label and select pairs in a two-column grid (`.rows`), and the
 * permission button or guidance below.
 */
export const settingsFormStyles = css`
  :host {
    display: block;
  }
  h2 {
    margin: 0 0 0.4rem;
    font-size: 0.95rem;
  }
  .rows {
    display: grid;
    grid-template-columns: minmax(6rem, auto) minmax(8rem, 1fr);
    gap: 0.4rem 0.75rem;
    align-items: center;
  }
  select {
    font: inherit;
    min-height: 2rem;
    min-width: 0;
  }
  .permission {
    margin: 0.6rem 0 0;
  }
`;
