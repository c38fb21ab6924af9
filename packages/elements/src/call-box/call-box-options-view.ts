// The call box's colour choices: loaded the first time the agent opens them
// (a chunk of its own in the script-tag build).
import { msg } from '@lit/localize';
import { css, html, type TemplateResult } from 'lit';
import { callBoxColourName, callBoxColours, type CallBoxColour } from '../index.js';

/** What the call box gives its options view to draw. */
export interface CallBoxOptionsState {
  readonly colour: CallBoxColour;
  readonly open: boolean;
  onChange(event: Event): void;
  onKeyDown(event: KeyboardEvent): void;
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
`;

function renderColours(state: CallBoxOptionsState): TemplateResult {
  return html`
        <fieldset id="colours" part="colours" class="colours" ?hidden=${!state.open} @keydown=${state.onKeyDown}>
          <legend class="visually-hidden">${msg('Call box colour')}</legend>
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

export interface CallBoxOptionsView {
  readonly styles: typeof styles;
  renderColours(state: CallBoxOptionsState): TemplateResult;
}

export const callBoxOptionsView: CallBoxOptionsView = { styles, renderColours };
