import { css } from 'lit';

/**
 * The platform's list regions ("Missed calls", "Voicemail"): a heading with
 * a count badge, then the list. The badge's colours come from each region.
 */
export const listRegionStyles = css`
  :host {
    display: block;
  }
  h2 {
    margin: 0;
    font-size: 0.95rem;
    display: flex;
    align-items: center;
    gap: 0.4rem;
  }
  .badge {
    min-width: 1.4rem;
    padding: 0 0.35rem;
    border-radius: 999px;
    font-size: 0.8rem;
    text-align: center;
  }
  ul {
    list-style: none;
    margin: 0.35rem 0 0;
    padding: 0;
    display: grid;
  }
`;
