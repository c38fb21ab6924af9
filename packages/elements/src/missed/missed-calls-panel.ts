// A chunk of its own in the script-tag build: the Banner loads it once the
// phone has a missed call (see `loadMissedCalls()` in the package index).
import { msg, str } from '@lit/localize';
import type { MissedCallEntry, MissedReason, PhoneApi } from '@cx/core';
import { css, html, nothing, type PropertyDeclarations } from 'lit';
import { partyText } from '../format/party-text.js';
import { CommandController, CxElement, CxEvent, formatTime, requestCommand, StoreController } from '../index.js';
import { listRegionStyles } from '../styles/list-region.styles.js';

/** The agent asked to call back a missed call. Cancelable. */
export class CxMissedCallBackEvent extends CxEvent<{ readonly entry: MissedCallEntry }> {
  static readonly type = 'cx-missed-call-back-request';
  constructor(entry: MissedCallEntry) {
    super(CxMissedCallBackEvent.type, { entry }, { cancelable: true });
  }
}

/** Why a call was missed, in the locale of the moment. */
const reasonWords = (): Readonly<Record<MissedReason, string>> => ({
  'no-answer': msg('No answer'),
  declined: msg('Declined'),
  'caller-hung-up': msg('The caller hung up'),
});

const styles = css`
  .badge {
    background: var(--_danger);
    color: var(--_on-danger);
  }
  ul {
    gap: 0.25rem;
  }
  li {
    display: grid;
    grid-template-columns: 3.5rem 1fr auto;
    gap: 0.5rem;
    align-items: center;
  }
  li.processed .caller {
    color: var(--_text-muted);
  }
`;

/**
 * @tagname cx-missed-calls
 * @summary The region "Missed calls": every call the agent missed (the ring
 * ran out, declined, the caller hung up first), from this phone and from the
 * platform, newest first, with the time, the caller, the reason and Call
 * back; a badge counts those not yet called back. A later connected call with
 * the same number marks them called back.
 *
 * @event cx-missed-call-back-request - The agent asked to call back. Cancelable.
 * @event cx-command-failed - The call could not be placed; the region says why.
 * @csspart badge - The count of missed calls not yet called back.
 * @csspart call-back-button - Call back.
 */
export class CxMissedCalls extends CxElement {
  static override properties: PropertyDeclarations = {
    phone: { attribute: false },
  };

  static override styles = [CxElement.styles, listRegionStyles, styles];

  /** The agent's phone. */
  phone: PhoneApi | undefined = undefined;

  private readonly missed = new StoreController(this, () => this.phone?.$missedCalls);
  private readonly commands = new CommandController(this);

  protected override render(): unknown {
    const entries = this.missed.value ?? [];
    const open = entries.filter((entry) => !entry.processed).length;
    return html`<section aria-labelledby="missed-title">
      <h2 id="missed-title">
        ${msg('Missed calls')}
        ${open > 0 ? html`<span part="badge" class="badge" aria-label=${msg(str`${open} not called back`)}>${open}</span>` : nothing}
      </h2>
      ${this.commands.error ? html`<p class="error text" role="alert">${this.commands.error}</p>` : nothing}
      ${entries.length === 0
        ? html`<p class="text">${msg('No missed call.')}</p>`
        : html`<ul>
            ${entries.map((entry) => this.renderEntry(entry))}
          </ul>`}
    </section>`;
  }

  private renderEntry(entry: MissedCallEntry): unknown {
    const who = partyText(entry.caller);
    const at = new Date(entry.at);
    return html`<li class=${entry.processed ? 'processed' : ''}>
      <time datetime=${entry.at}>${Number.isNaN(at.getTime()) ? '' : formatTime(at, { hour: '2-digit', minute: '2-digit' })}</time>
      <span class="caller text"
        ><bdi>${who}</bdi> · ${entry.processed ? msg('Called back') : reasonWords()[entry.reason]}</span
      >
      <button part="call-back-button" aria-label=${msg('Call back')} title=${who} @click=${() => this.callBack(entry)}>${msg('Call back')}</button>
    </li>`;
  }

  private async callBack(entry: MissedCallEntry): Promise<void> {
    const phone = this.phone;
    if (!phone) return;
    await this.commands.run(`call-back:${entry.id}`, () =>
      requestCommand(this, new CxMissedCallBackEvent(entry), 'dial', undefined, () => phone.callBack(entry)),
    );
  }
}

if (globalThis.customElements && !customElements.get('cx-missed-calls')) customElements.define('cx-missed-calls', CxMissedCalls);

declare global {
  interface HTMLElementTagNameMap {
    'cx-missed-calls': CxMissedCalls;
  }
  interface HTMLElementEventMap {
    'cx-missed-call-back-request': CxMissedCallBackEvent;
  }
}
