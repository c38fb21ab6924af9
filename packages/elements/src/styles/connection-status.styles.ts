import { css } from 'lit';

/** The connection status line of both banners: a coloured dot and its words. */
export const connectionStatusStyles = css`
  .status {
    display: flex;
    align-items: center;
    gap: 0.4em;
    font-weight: 600;
  }

  .dot {
    width: 0.6rem;
    height: 0.6rem;
    border-radius: 50%;
    background: var(--_text-muted);
    flex-shrink: 0;
  }

  .registered .dot {
    background: var(--_success);
  }

  .failed .dot {
    background: var(--_danger);
  }
`;
