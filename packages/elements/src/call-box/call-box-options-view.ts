// The call box's colour choices and its "Close this call box?" dialog:
// loaded the first time the agent opens either (a chunk of its own in the
// script-tag build).
import { css, html, type TemplateResult } from 'lit';
import { callBoxColourName, callBoxColours, type CallBoxColour } from '../index.js';

/** What the call box gives its options view to draw. */
export interface CallBoxOptionsState {
  readonly colour: CallBoxColour;
  readonly open: boolean;
  readonly caller: string;
  onChange(event: Event): void;
  onKeyDown(event: KeyboardEvent): void;
  onClose(): void;
}

const styles = css`
  .colours {
    display: flex;
    flex-wrap: wrap;
    gap: 0.35rem;
    margin: 0;
    padding: 0.4rem 0.6rem;
    border: none;
    border-top: 1px solid var(--_border);
  }

  .colours[hidden] {
    display: none;
  }

  .choice {
    position: relative;
    display: inline-flex;
    padding: 0.2rem;
    border-radius: 50%;
    cursor: pointer;
  }

  .choice input {
    position: absolute;
    inset: 0;
    margin: 0;
    opacity: 0;
    cursor: pointer;
  }

  .choice:has(input:checked) {
    box-shadow: 0 0 0 2px var(--_text);
  }

  .choice:has(input:focus-visible) {
    outline: var(--_focus-ring);
    outline-offset: 2px;
  }

  .choice .swatch {
    width: 1.25rem;
    height: 1.25rem;
  }

  .dialog {
    max-width: min(24rem, 90vw);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }

  .dialog::backdrop {
    background: rgb(0 0 0 / 0.35);
  }

  .dialog form {
    display: grid;
    gap: 0.75rem;
  }

  .dialog-title {
    font-weight: 700;
  }

  .dont-ask {
    display: flex;
    gap: 0.5em;
    align-items: center;
  }

  .dialog-actions {
    display: flex;
    justify-content: flex-end;
    gap: 0.5rem;
  }
`;

function renderColours(state: CallBoxOptionsState): TemplateResult {
  return html`
        <fieldset id="colours" part="colours" class="colours" ?hidden=${!state.open} @keydown=${state.onKeyDown}>
          <legend class="visually-hidden">Call box colour</legend>
          ${callBoxColours.map(
            (choice) => html`
              <label class="choice" title=${callBoxColourName(choice)}>
                <input type="radio" name="colour" .value=${choice} .checked=${choice === state.colour} @change=${state.onChange} />
                <span class="swatch colour-${choice}" aria-hidden="true"></span>
                <span class="visually-hidden">${callBoxColourName(choice)}</span>
              </label>
            `,
          )}
        </fieldset>
  `;
}

function renderDialog(state: CallBoxOptionsState): TemplateResult {
  return html`
        <dialog part="dialog" class="dialog" aria-labelledby="confirm-title" aria-describedby="confirm-text" @close=${state.onClose}>
          <form method="dialog">
            <p id="confirm-title" class="dialog-title">Close this call box?</p>
            <p id="confirm-text" class="text">The call with <bdi>${state.caller}</bdi> is over. Its box leaves the banner.</p>
            <label class="dont-ask"><input type="checkbox" name="dont-ask" /> Don't show this again</label>
            <div class="dialog-actions">
              <button value="cancel" autofocus>Cancel</button>
              <button value="close" class="primary">Close</button>
            </div>
          </form>
        </dialog>
  `;
}

export interface CallBoxOptionsView {
  readonly styles: typeof styles;
  renderColours(state: CallBoxOptionsState): TemplateResult;
  renderDialog(state: CallBoxOptionsState): TemplateResult;
}

export const callBoxOptionsView: CallBoxOptionsView = { styles, renderColours, renderDialog };
