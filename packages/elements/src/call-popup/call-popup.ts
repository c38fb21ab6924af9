import { msg, str } from '@lit/localize';
import { isMissed, type CallHandle, type CallSnapshot } from '@cx/core';
import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { acceptCall, declineCall } from '../commands/call-commands.js';
import { CommandController } from '../controllers/command-controller.js';
import { Shortcut, ShortcutController, shortcutLabel } from '../controllers/shortcut-controller.js';
import { StoreController } from '../controllers/store-controller.js';
import { CxElement } from '../cx-element.js';
import { CxMissedDismissEvent } from '../events/call-box-events.js';
import { CxCallBackRequestEvent } from '../events/request-events.js';
import { callerLabel, callerNumberLabel, callTypeLabel, endLabel } from '../format/call-labels.js';
import { formatDuration } from '../format/format-duration.js';
import { formatTime } from '../i18n/locale.js';
import { callColourStyles } from '../styles/call-colour.styles.js';
import { hotlineStyles, hotlineView } from '../format/hotline-view.js';
import { callPopupStyles } from './call-popup.styles.js';

/**
 * @tagname cx-call-popup
 * @summary The incoming call: who calls, from which queue, how long they
 * waited, who transferred them, the countdown, and Accept / Decline. When
 * the offer is missed (the countdown ran out or the caller hung up first),
 * a Missed call notice takes its place until the agent dismisses it.
 *
 * The popup's colour tells the type of call (raspberry: smart routing or
 * campaign; ocean: direct external; sky: internal; lilac: preview), and the
 * type is also written in words. Screen readers hear the call as soon as
 * the popup appears. Shortcuts, page-wide while the call rings: Alt+Shift+A
 * accepts, Alt+Shift+D declines (`no-shortcuts` turns them off).
 *
 * @event cx-accept-request - The agent asked to accept. Cancelable: `preventDefault()` and the call is not accepted.
 * @event cx-decline-request - The agent asked to decline. Cancelable.
 * @event cx-command-failed - Accepting or declining failed; the popup shows the message.
 * @event cx-missed-dismiss - The agent dismissed the Missed call notice.
 * @event cx-call-back-request - Call back, from the Missed call notice: the Banner puts the number in New call. Cancelable.
 *
 * @csspart popup - The popup.
 * @csspart popup-raspberry - The popup of a smart routing or campaign call.
 * @csspart popup-ocean - The popup of a direct external call.
 * @csspart popup-sky - The popup of an internal call.
 * @csspart popup-lilac - The popup of a preview call.
 * @csspart missed - The Missed call notice (also a `popup`).
 * @csspart header - The coloured band with the type of call.
 * @csspart call-type - The type of call in words.
 * @csspart caller - The caller's name (or number).
 * @csspart number - The caller's number, when the name is shown above it.
 * @csspart details - Queue, wait time and transfer.
 * @csspart countdown - The `<cx-ring-countdown>`.
 * @csspart actions - The row of buttons.
 * @csspart accept-button - Accept.
 * @csspart decline-button - Decline.
 * @csspart dismiss-button - Dismiss, on the Missed call notice.
 * @csspart call-back-button - Call back, on the Missed call notice.
 * @csspart error - Why the last command failed.
 * @csspart hotline - The company the caller dialled (docs/hotline.md), with `greeting` and `hotline-line`.
 *
 * @cssproperty --cx-raspberry - Band of smart routing and campaign calls; `--cx-on-raspberry` its text.
 * @cssproperty --cx-ocean - Band of direct external calls; `--cx-on-ocean` its text.
 * @cssproperty --cx-sky - Band of internal calls; `--cx-on-sky` its text.
 * @cssproperty --cx-lilac - Band of preview calls; `--cx-on-lilac` its text.
 * @cssproperty --cx-success - Accept button; `--cx-on-success` its text.
 * @cssproperty --cx-danger - Decline button; `--cx-on-danger` its text.
 */
export class CxCallPopup extends CxElement {
  static override properties: PropertyDeclarations = {
    call: { attribute: false },
    noShortcuts: { type: Boolean, attribute: 'no-shortcuts' },
    dismissed: { state: true },
  };

  static override styles = [CxElement.styles, callPopupStyles, callColourStyles, hotlineStyles];

  /** The call to show (an inbound call of `phone.$calls`). */
  call: CallHandle | undefined = undefined;
  /** Turns off the page-wide keyboard shortcuts. */
  noShortcuts = false;

  private dismissed = false;
  private readonly commands = new CommandController(this);
  private readonly snapshot = new StoreController(this, () => this.call?.$snapshot);
  private readonly shortcuts = new ShortcutController(this, () =>
    this.snapshot.value?.can.accept
      ? { [Shortcut.Accept]: () => void this.accept(), [Shortcut.Decline]: () => void this.decline() }
      : {},
  );

  /** Accepts the call, as the Accept button does (`cx-accept-request` first). */
  async accept(): Promise<void> {
    const call = this.call;
    if (!call) return;
    await this.commands.run('answer', () => acceptCall(this, call));
  }

  /** Declines the call, as the Decline button does (`cx-decline-request` first). */
  async decline(): Promise<void> {
    const call = this.call;
    if (!call) return;
    await this.commands.run('answer', () => declineCall(this, call));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('call')) {
      this.commands.clear();
      this.dismissed = false;
    }
    this.shortcuts.enabled = !this.noShortcuts;
  }

  protected override render(): unknown {
    const snapshot = this.snapshot.value;
    if (!snapshot || this.dismissed) return nothing;
    if (snapshot.state === 'ringing') return this.renderOffer(snapshot);
    if (isMissed(snapshot)) return this.renderMissed(snapshot);
    return nothing;
  }

  private renderOffer(snapshot: CallSnapshot): TemplateResult {
    const { info } = snapshot;
    const caller = callerLabel(snapshot);
    const number = callerNumberLabel(snapshot);
    const type = callTypeLabel(info);
    const queue = info.callType === 'smart' && info.queue ? info.queue.name || info.queue.id : '';
    const accept = shortcutLabel(Shortcut.Accept);
    const decline = shortcutLabel(Shortcut.Decline);
    const keys = this.noShortcuts ? '' : ` ${msg(str`Press ${accept} to accept, ${decline} to decline.`)}`;
    // The caller's name isolated (bdi) even where it is not seen: a right-to-left name must not reorder the sentence.
    const alert = queue ? msg(html`${type} from <bdi>${caller}</bdi>, queue <bdi>${queue}</bdi>.`) : msg(html`${type} from <bdi>${caller}</bdi>.`);
    // The company the caller dialled, and what to say: the agent needs it before answering.
    const hotline = info.hotline ? html` ${msg(html`Called contact: <bdi>${info.hotline.entity}</bdi>.`)} <bdi>${info.hotline.greeting}</bdi>` : nothing;
    return html`
      <section
        part="popup popup-${info.colour}"
        class="popup ${info.colour}"
        aria-labelledby="title"
        aria-describedby="caller details"
      >
        <p class="visually-hidden" role="alert">${alert}${hotline}${keys}</p>
        <header part="header" class="band">
          <span id="title" class="title">${msg('Incoming call')}</span>
          <span part="call-type" class="type">${type}</span>
        </header>
        <div class="body">
          ${hotlineView(info.hotline)}
          <p part="caller" id="caller" class="caller text"><bdi>${caller}</bdi></p>
          ${number ? html`<p part="number" class="number text"><bdi>${number}</bdi></p>` : nothing}
          <dl part="details" id="details" class="details">
            ${queue ? html`<div><dt>${msg('Queue')}</dt><dd class="text"><bdi>${queue}</bdi></dd></div>` : nothing}
            ${info.waitTime === undefined
              ? nothing
              : html`<div><dt>${msg('Wait time')}</dt><dd>${formatDuration(info.waitTime)}</dd></div>`}
            ${info.transfer
              ? html`<div>
                  <dt>${info.transfer.type === 'attended' ? msg('Attended transfer') : msg('Blind transfer')}</dt>
                  <dd class="text">${msg(html`from <bdi>${info.transfer.by || msg('an unknown agent')}</bdi>`)}</dd>
                </div>`
              : nothing}
          </dl>
          <cx-ring-countdown
            part="countdown"
            theme=${this.theme ?? nothing}
            .deadline=${snapshot.ringDeadline}
            .start=${snapshot.createdAt}
          ></cx-ring-countdown>
          <div part="actions" class="actions">
            <button
              part="accept-button"
              class="success"
              aria-keyshortcuts=${this.noShortcuts ? nothing : accept}
              @click=${this.accept}
            >
              ${msg('Accept')}
            </button>
            <button
              part="decline-button"
              class="danger"
              aria-keyshortcuts=${this.noShortcuts ? nothing : decline}
              @click=${this.decline}
            >
              ${msg('Decline')}
            </button>
          </div>
          ${this.commands.error ? html`<p part="error" class="error text" role="alert">${this.commands.error}</p>` : nothing}
        </div>
      </section>
    `;
  }

  private renderMissed(snapshot: CallSnapshot): TemplateResult {
    const caller = callerLabel(snapshot);
    const number = callerNumberLabel(snapshot);
    const when = new Date(snapshot.endedAt ?? snapshot.createdAt);
    return html`
      <section part="popup missed" class="popup missed" aria-labelledby="missed-title" aria-describedby="missed-caller">
        <p class="visually-hidden" role="status">${msg(html`Missed call from <bdi>${caller}</bdi>.`)}</p>
        <header part="header" class="band">
          <span id="missed-title" class="title">${msg('Missed call')}</span>
          <time datetime=${when.toISOString()}>${formatTime(when, { hour: '2-digit', minute: '2-digit' })}</time>
        </header>
        <div class="body">
          <p part="caller" id="missed-caller" class="caller text"><bdi>${caller}</bdi></p>
          ${number ? html`<p part="number" class="number text"><bdi>${number}</bdi></p>` : nothing}
          <p class="reason">${endLabel(snapshot)}</p>
          <div part="actions" class="actions">
            ${snapshot.info.remote.number
              ? html`<button part="call-back-button" class="success" @click=${this.callBack}>${msg('Call back')}</button>`
              : nothing}
            <button part="dismiss-button" @click=${this.dismiss}>${msg('Dismiss')}</button>
          </div>
        </div>
      </section>
    `;
  }

  private callBack(): void {
    const call = this.call;
    if (call) this.dispatchEvent(new CxCallBackRequestEvent({ call, target: call.info.remote.number }));
  }

  private dismiss(): void {
    const call = this.call;
    if (!call) return;
    this.dismissed = true;
    this.dispatchEvent(new CxMissedDismissEvent({ call }));
  }

}

declare global {
  interface HTMLElementTagNameMap {
    'cx-call-popup': CxCallPopup;
  }
}
