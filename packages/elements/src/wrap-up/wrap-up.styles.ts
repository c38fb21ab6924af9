import { css } from 'lit';

/**
 * `<cx-wrap-up>` ("Post-interaction"): the caller and the time, the queue's
 * form, tags, CRM links, the save status and the commands. Colours, corners
 * and the focus ring come from the theme's `--cx-*` properties (through the
 * private `--_*` tokens of the theme styles).
 */
export const wrapUpStyles = css`
  :host {
    display: block;
  }

  section {
    display: grid;
    gap: 0.6rem;
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }

  h2 {
    margin: 0;
    font-size: 0.95rem;
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.4rem;
  }

  .queue {
    font-weight: 400;
    color: var(--_text-muted);
  }

  .time {
    font-variant-numeric: tabular-nums;
  }

  .time .left {
    font-weight: 600;
  }

  .time.ending .left {
    color: var(--_danger);
  }

  .form {
    display: grid;
    gap: 0.6rem;
  }

  .field {
    display: grid;
    gap: 0.2rem;
  }

  .field.checkbox,
  .tag {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.2rem 0.4rem;
  }

  .field.checkbox .field-error {
    flex-basis: 100%;
  }

  .label-row {
    display: flex;
    gap: 0.25rem;
  }

  .required {
    color: var(--_danger);
    font-weight: 600;
  }

  input[type='text'],
  textarea,
  select {
    width: 100%;
    min-height: 2.25rem;
    padding: 0.3rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }

  textarea {
    font: inherit;
    min-height: 4.5rem;
    resize: vertical;
  }

  input[type='checkbox'] {
    width: 1.1rem;
    height: 1.1rem;
    margin: 0;
    accent-color: var(--_accent);
  }

  [aria-invalid='true'] {
    border-color: var(--_danger);
    outline: 1px solid var(--_danger);
  }

  .field-error {
    font-size: 0.9em;
  }

  fieldset {
    display: flex;
    flex-wrap: wrap;
    gap: 0.35rem 1rem;
    margin: 0;
    padding: 0.4rem 0.6rem 0.6rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  fieldset .field-error {
    flex-basis: 100%;
  }

  legend {
    padding: 0 0.25rem;
  }

  .links {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.35rem 0.75rem;
  }

  .status:empty {
    display: none;
  }

  .status.queued,
  .status.refused {
    color: var(--_danger);
  }

  .muted {
    color: var(--_text-muted);
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.35rem;
  }
`;
