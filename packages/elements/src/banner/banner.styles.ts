import { css } from 'lit';

export const bannerStyles = css`
  .banner {
    display: grid;
    gap: 0.75rem;
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    /* Lay out by the room the page gives the banner, not by the window. */
    container-type: inline-size;
    min-width: 16rem;
  }

  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
  }


  .agent {
    font-weight: 400;
    color: var(--_text-muted);
  }

  .dial {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }

  .kinds {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    flex-basis: 100%;
    margin: 0;
    padding: 0;
    border: 0;
    font-size: 0.9em;
  }

  /* More specific than \`.dial input\` (the number field's width): radios keep their own size. */
  .dial .kinds input {
    width: auto;
    margin: 0 0.25rem 0 0;
  }

  .kinds label {
    display: inline-flex;
    align-items: center;
  }

  .transfers {
    display: grid;
    gap: 0.5rem;
  }

  .dial input {
    min-width: 0;
    width: 14rem;
    padding: 0.3rem 0.6rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .dial input::placeholder {
    color: var(--_text-muted);
    opacity: 1;
  }

  .header .error {
    flex-basis: 100%;
  }

  .popups {
    display: grid;
    gap: 0.5rem;
  }

  .calls {
    display: grid;
    grid-template-columns: minmax(12rem, 16rem) 1fr;
    gap: 0.75rem;
    align-items: start;
  }

  /* A finished call shown again, with no call in progress: the panel alone. */
  .calls > :only-child {
    grid-column: 1 / -1;
  }

  @container (max-width: 36rem) {
    .calls {
      grid-template-columns: 1fr;
    }
  }

  .call-list {
    display: grid;
    gap: 0.4rem;
    list-style: none;
  }

  .idle {
    color: var(--_text-muted);
  }
`;
