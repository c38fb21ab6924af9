import { css } from 'lit';

/** The region "Unanswered calls": fieldsets of label and control pairs, checkboxes with their label, the exclusion list. */
export const unansweredSettingsStyles = css`
  form {
    display: grid;
    gap: 0.6rem;
  }
  fieldset {
    margin: 0;
    padding: 0.4rem 0.6rem 0.6rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    display: grid;
    gap: 0.4rem;
  }
  legend {
    padding: 0 0.25rem;
    font-weight: 600;
  }
  .check {
    display: flex;
    align-items: center;
    gap: 0.4rem;
  }
  .check input {
    margin: 0;
    width: 1.1rem;
    height: 1.1rem;
  }
  input:not([type='checkbox']),
  textarea {
    font: inherit;
    color: inherit;
    min-height: 2rem;
    min-width: 0;
    padding: 0.2rem 0.4rem;
  }
  textarea {
    min-height: 4.5rem;
    resize: vertical;
  }
  .field {
    display: grid;
    gap: 0.2rem;
  }
  .hint,
  .field-error {
    font-size: 0.85rem;
  }
  .actions {
    display: flex;
    align-items: center;
    gap: 0.75rem;
  }
`;
