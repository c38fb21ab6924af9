// Loaded when the agent first opens the Phone keypad: a chunk of its own in
// the script-tag build. What it shares with the rest comes through the
// package index.
import { msg } from '@lit/localize';
import type { CallHandle } from '@cx/core';
import { html, type PropertyDeclarations, type PropertyValues } from 'lit';
import { CxDtmfRequestEvent, CxElement, errorMessage, requestCommand } from '../index.js';
import { keypadStyles } from './keypad.styles.js';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;
const LETTERS: Readonly<Record<string, string>> = {
  '2': 'ABC',
  '3': 'DEF',
  '4': 'GHI',
  '5': 'JKL',
  '6': 'MNO',
  '7': 'PQRS',
  '8': 'TUV',
  '9': 'WXYZ',
};
/** Most digits shown in the keypad's display. */
const SHOWN = 32;

/**
 * @tagname cx-keypad
 * @summary The phone keypad of a call: its keys (0-9, *, #) send DTMF
 * tones, and so does typing them while the keypad has the focus.
 *
 * @event cx-dtmf-request - A key was pressed. Cancelable: `preventDefault()` and no tone is sent.
 * @event cx-command-failed - The tone could not be sent.
 *
 * @csspart keypad - The grid of keys.
 * @csspart key - Each key.
 * @csspart display - The digits sent so far on this call.
 */
export class CxKeypad extends CxElement {
  static override properties: PropertyDeclarations = {
    call: { attribute: false },
    sent: { state: true },
    error: { state: true },
  };

  static override shadowRootOptions: ShadowRootInit = { ...CxElement.shadowRootOptions, delegatesFocus: true };

  static override styles = [CxElement.styles, keypadStyles];

  /** The call the tones go to. */
  call: CallHandle | undefined = undefined;

  private sent = '';
  private error = '';

  /** Sends `digits` on the call, as pressing their keys does. */
  async press(digits: string): Promise<void> {
    const call = this.call;
    if (!call) return;
    const outcome = await requestCommand(this, new CxDtmfRequestEvent({ call, digits }), 'dtmf', call, () =>
      call.sendDtmf(digits),
    );
    if (outcome.status === 'done') {
      this.sent = (this.sent + digits).slice(-SHOWN);
      this.error = '';
    } else if (outcome.status === 'failed') {
      this.error = errorMessage(outcome.error);
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('call')) {
      this.sent = '';
      this.error = '';
    }
  }

  protected override render(): unknown {
    return html`
      <div part="keypad" class="keypad" role="group" aria-label=${msg('Phone keypad')} @keydown=${this.onKeyDown}>
        <p part="display" class="display"><span class="visually-hidden">${msg('Digits sent:')} </span>${this.sent}</p>
        <div class="keys">
          ${KEYS.map(
            (key) => html`
              <button part="key" class="key" data-key=${key} @click=${() => void this.press(key)}>
                ${key}<span class="letters" aria-hidden="true">${LETTERS[key] ?? ''}</span>
              </button>
            `,
          )}
        </div>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      </div>
    `;
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.ctrlKey || event.altKey || event.metaKey || !/^[0-9*#]$/.test(event.key)) return;
    event.preventDefault();
    void this.press(event.key);
  }
}

if (globalThis.customElements && !customElements.get('cx-keypad')) customElements.define('cx-keypad', CxKeypad);

declare global {
  interface HTMLElementTagNameMap {
    'cx-keypad': CxKeypad;
  }
}
