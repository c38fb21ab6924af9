// A chunk of its own in the script-tag build: the Banner loads it once a call
// has ended (see `loadCallHistory()` in lazy-panels.ts). What it shares with
// the Banner comes through the package index.
import { msg, str } from '@lit/localize';
import type { CallHandle, CallSnapshot, PhoneApi } from '@cx/core';
import { html, nothing, type PropertyDeclarations } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { callerLabel, CxCallBackRequestEvent, CxElement, CxEvent, endLabel, formatDuration, formatTime, StoreController } from '../index.js';
import { callHistoryStyles } from './call-history.styles.js';

/** Most finished calls listed, newest first (the phone keeps as many). */
const MOST = 20;

const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };

/** What Show asks for. */
export interface CallShowDetail {
  /** A finished call of the history. */
  readonly call: CallHandle;
  /** True to show it in the active call panel, false to stop showing it. */
  readonly show: boolean;
}

/**
 * The agent asked to look at a finished call again in the active call panel
 * (Show, in Recent calls), or to stop looking at it (Show pressed again).
 * The Banner shows it until the next call rings or is placed. Cancelable.
 */
export class CxCallShowRequestEvent extends CxEvent<CallShowDetail> {
  static readonly type = 'cx-call-show-request';
  constructor(detail: CallShowDetail) {
    super(CxCallShowRequestEvent.type, detail, { cancelable: true });
  }
}

/**
 * A finished call worth listing: one the agent talked on or placed. An offer
 * that was never answered is not one: it is a missed call (its notice and
 * the region "Missed calls" have it).
 */
function isRecent(call: CallHandle): boolean {
  return call.ended && (call.direction === 'outbound' || call.snapshot.answeredAt !== undefined);
}

/** How long the call lasted, or why it never started, in words. */
function outcome(snapshot: CallSnapshot): string {
  const { answeredAt, endedAt } = snapshot;
  return answeredAt === undefined || endedAt === undefined ? endLabel(snapshot) : formatDuration((endedAt - answeredAt) / 1000);
}

/**
 * @tagname cx-call-history
 * @summary "Recent calls": the calls of the phone that ended, newest first
 * (the 20 latest), behind a disclosure button that counts them ("Recent
 * calls (3)"). Each entry says the direction, the other party (the contact
 * name, else the display name, else the number; always as text), when the
 * call began, and how long it lasted or why it did not take place; with
 * Call back (the Banner puts the number in New call) and Show (the Banner
 * shows the call in its active call panel; pressed again, it stops).
 * Offers that were never answered are not listed: they are missed calls.
 *
 * @event cx-call-back-request - Call back: `detail.target` is the other party's number. Cancelable.
 * @event cx-call-show-request - Show: `detail.show` says whether to show `detail.call` in the panel or stop. Cancelable.
 *
 * @csspart base - The whole history.
 * @csspart toggle - The "Recent calls (n)" button that opens and closes the list.
 * @csspart list - The list of finished calls.
 * @csspart entry - Each finished call.
 * @csspart party - The other party.
 * @csspart call-back-button - Call back.
 * @csspart show-button - Show.
 */
export class CxCallHistory extends CxElement {
  static override properties: PropertyDeclarations = {
    phone: { attribute: false },
    shownId: { attribute: false },
    open: { type: Boolean, reflect: true },
  };

  static override styles = [CxElement.styles, callHistoryStyles];

  /** The agent's phone: its finished calls are listed. */
  phone: PhoneApi | undefined = undefined;
  /** The id of the finished call the active call panel shows (its Show is pressed). */
  shownId: string | undefined = undefined;
  /** Whether the list is open. */
  open = false;

  private readonly calls = new StoreController(this, () => this.phone?.$calls);

  protected override render(): unknown {
    const recent = (this.calls.value ?? []).filter(isRecent).slice(0, MOST);
    if (recent.length === 0) return nothing;
    return html`<div part="base">
      <button
        part="toggle"
        class="toggle"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="recent"
        @click=${() => (this.open = !this.open)}
      >
        ${msg(str`Recent calls (${recent.length})`)}
      </button>
      <ul id="recent" part="list" aria-label=${msg('Recent calls')} ?hidden=${!this.open}>
        ${repeat(
          recent,
          (call) => call.id,
          (call) => this.renderEntry(call),
        )}
      </ul>
    </div>`;
  }

  private renderEntry(call: CallHandle): unknown {
    const snapshot = call.snapshot;
    const shown = call.id === this.shownId;
    const at = new Date(snapshot.createdAt);
    return html`<li part="entry" class=${shown ? 'shown' : ''}>
      <span class="text"
        >${snapshot.direction === 'inbound' ? msg('Incoming') : msg('Outgoing')} ·
        <bdi part="party" class="party">${callerLabel(snapshot)}</bdi></span
      >
      <span class="meta"><time datetime=${at.toISOString()}>${formatTime(at, TIME)}</time> · ${outcome(snapshot)}</span>
      <span class="actions">
        ${snapshot.info.remote.number
          ? html`<button part="call-back-button" @click=${() => this.dispatchEvent(new CxCallBackRequestEvent({ call, target: call.info.remote.number }))}>
              ${msg('Call back')}
            </button>`
          : nothing}
        <button
          part="show-button"
          aria-pressed=${shown ? 'true' : 'false'}
          @click=${() => this.dispatchEvent(new CxCallShowRequestEvent({ call, show: !shown }))}
        >
          ${msg('Show')}
        </button>
      </span>
    </li>`;
  }
}

if (globalThis.customElements && !customElements.get('cx-call-history')) customElements.define('cx-call-history', CxCallHistory);

declare global {
  interface HTMLElementTagNameMap {
    'cx-call-history': CxCallHistory;
  }
  interface HTMLElementEventMap {
    'cx-call-show-request': CxCallShowRequestEvent;
  }
}
