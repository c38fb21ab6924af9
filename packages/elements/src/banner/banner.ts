import { isMissed, type CallHandle, type CallSnapshot, type DirectoryEntry, type PhoneApi, type Transfer } from '@cx/core';
import { msg } from '@lit/localize';
import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import { requestCommand } from '../commands/request-command.js';
import { StoreController } from '../controllers/store-controller.js';
import { SubscriptionController } from '../controllers/subscription-controller.js';
import { CxElement } from '../cx-element.js';
import type { CxCallShowRequestEvent } from '../call-history/call-history.js';
import type { CxCallBoxSelectEvent, CxMissedDismissEvent } from '../events/call-box-events.js';
import { forwardPhoneEvents } from '../events/forward-phone-events.js';
import {
  loadAgentStatus,
  loadCallHistory,
  loadCallPanels,
  loadMissedCalls,
  loadPoolPanel,
  loadSettings,
  loadTransferPanels,
  loadVoicemail,
  loadWrapUp,
} from '../lazy-panels.js';
import { CxDialRequestEvent, type CxAcceptRequestEvent, type CxCallBackRequestEvent } from '../events/request-events.js';
import { agentLabel, callerLabel, connectionLabel } from '../format/call-labels.js';
import { errorMessage } from '../format/error-messages.js';
import { BannerPreferences } from '../preferences/banner-preferences.js';
import { browserStorage, type PreferenceStorage } from '../preferences/preference-storage.js';
import { connectionStatusStyles } from '../styles/connection-status.styles.js';
import { bannerStyles } from './banner.styles.js';
import { LeaveGuardController } from '../close-protection/leave-guard.js';

/** Missed call notices shown at once; older ones wait in the phone's history. */
const MISSED_SHOWN = 3;

/**
 * @tagname cx-banner
 * @summary The agent's Banner: the state of the connection, a New call
 * action, the popup of each ringing call, the call boxes, the active call
 * panel and the recent calls. Give it a phone: `banner.phone =
 * CX.createPhone({...})`.
 *
 * The call boxes list the calls in progress; selecting a box shows its call
 * in the panel and takes it off hold (the other call goes on hold). The
 * panel shows live calls only (the phone's active call, else the first
 * box): when the last one ends, it goes. A finished call leaves the list for
 * "Recent calls (n)" (`<cx-call-history>`, a disclosure), where Call back
 * puts its number in New call and Show opens it in the panel again, until
 * the next call rings or is placed. Colours the agent gives the boxes are
 * remembered in `localStorage` (or the `storage` given).
 *
 * Keyboard: Tab reaches every control; page-wide shortcuts Alt+Shift+A
 * (Accept), Alt+Shift+D (Decline), Alt+Shift+M (Mute my mic / Reactivate
 * my mic), Alt+Shift+H (Place on hold / Exit the hold), Alt+Shift+E (Hang
 * up); the `no-shortcuts` attribute turns them off. While the Phone keypad
 * has the focus, typing 0-9, * and # sends the tones.
 *
 * @event cx-connection-changed - The link to the SIP server changed.
 * @event cx-call-incoming - A call rings.
 * @event cx-call-accepted - A call was answered.
 * @event cx-call-held - A call was placed on hold.
 * @event cx-call-resumed - A call left the hold.
 * @event cx-call-muted - The agent's mic was muted or reactivated.
 * @event cx-call-ended - A call is over (`detail.reason` says why).
 * @event cx-call-missed - A call was missed (after `cx-call-ended`).
 * @event cx-call-declined - The agent declined a call (after `cx-call-ended`).
 * @event cx-dial-request - The agent asked for a new call. Cancelable.
 * @event cx-call-back-request - Call back, from a Missed call notice or Recent calls: the number goes into New call. Cancelable.
 * @event cx-call-show-request - Show, in Recent calls: a finished call in the panel (or no longer). Cancelable.
 * @event cx-accept-request - From the popup. Cancelable.
 * @event cx-before-leave - The page is being left or reloaded during a call. Cancelable: no confirmation is asked.
 * @event cx-navigate-during-call - A navigation inside the page during a call. Cancelable (Navigation API).
 * @event cx-decline-request - From the popup. Cancelable.
 * @event cx-mute-request - From the active call panel. Cancelable.
 * @event cx-hold-request - From the active call panel or a call box. Cancelable.
 * @event cx-dtmf-request - From the phone keypad. Cancelable.
 * @event cx-hang-up-request - From the active call panel. Cancelable.
 * @event cx-transfer-request - From the transfer picker. Cancelable.
 * @event cx-transfer-action - Complete the transfer or Cancel the transfer. Cancelable.
 * @event cx-merge-request - Merge, from the active call panel. Cancelable.
 * @event cx-record-request - Start or stop the recording. Cancelable.
 * @event cx-call-box-select - A call box was selected. Cancelable.
 * @event cx-call-box-colour - The agent gave a call box a colour.
 * @event cx-missed-dismiss - The agent dismissed a Missed call notice.
 * @event cx-command-failed - A command failed; the element where it was given shows the message.
 *
 * @csspart base - The banner.
 * @csspart header - Status and New call.
 * @csspart status - The connection and agent status.
 * @csspart my-status - "My status" (`<cx-agent-status>`).
 * @csspart pool - "Calls in pool" (`<cx-pool-panel>`), with a platform.
 * @csspart missed-calls - "Missed calls" (`<cx-missed-calls>`), once there is one.
 * @csspart voicemail - "Voicemail" (`<cx-voicemail>`), once the platform has a message.
 * @csspart new-call - The New call form.
 * @csspart dial-input - The number field.
 * @csspart new-call-button - New call.
 * @csspart settings-button - Settings: opens and closes the agent's settings.
 * @csspart settings - The settings (`<cx-settings>`: the regions "Notifications" and "Devices").
 * @csspart call-kind - The New call choices (number, extension, smart outbound).
 * @csspart routing - The routing of a smart outbound call.
 * @csspart dial-error - Why the last new call could not be placed.
 * @csspart lost-call - A call lost with the tab of the agent that carried it (several tabs).
 * @csspart popups - The column of popups.
 * @csspart popup - Each `<cx-call-popup>`.
 * @csspart transfers - The status of each transfer in progress.
 * @csspart calls - Call boxes and active call panel.
 * @csspart call-list - The list of call boxes (calls in progress).
 * @csspart call-box - Each `<cx-call-box>`.
 * @csspart active-call - The `<cx-active-call>` panel.
 * @csspart idle - Shown when there is no call.
 * @csspart wrap-up - "Post-interaction" (`<cx-wrap-up>`), while the agent wraps up a call.
 * @csspart history - "Recent calls" (`<cx-call-history>`), once a call has ended.
 *
 * @cssproperty --cx-font-family - Font of the banner.
 * @cssproperty --cx-font-size - Base font size (default 14px).
 * @cssproperty --cx-surface - Background; `--cx-surface-raised` for raised parts.
 * @cssproperty --cx-text - Text colour; `--cx-text-muted` for secondary text.
 * @cssproperty --cx-border - Borders.
 * @cssproperty --cx-accent - New call, selection and focus ring; `--cx-on-accent` its text.
 * @cssproperty --cx-success - Accept; `--cx-on-success` its text.
 * @cssproperty --cx-danger - Decline, Hang up, muted mic; `--cx-on-danger` its text.
 * @cssproperty --cx-raspberry - Popups of smart routing and campaign calls (also `--cx-ocean`, `--cx-sky`, `--cx-lilac`, and `--cx-on-*` for their text).
 * @cssproperty --cx-radius - Corner radius.
 * @cssproperty --cx-focus-ring - Outline of the focused control.
 */
export class CxBanner extends CxElement {
  static override properties: PropertyDeclarations = {
    phone: { attribute: false },
    storage: { attribute: false },
    noShortcuts: { type: Boolean, attribute: 'no-shortcuts' },
    reviewedId: { state: true },
    dismissed: { state: true },
    dialError: { state: true },
    kind: { state: true },
    routings: { state: true },
  };

  static override styles = [CxElement.styles, connectionStatusStyles, bannerStyles];

  /** The agent's phone (`CX.createPhone(...)`). */
  phone: PhoneApi | undefined = undefined;
  /** Where the agent's presentational choices are kept (default `localStorage`). */
  storage: PreferenceStorage | undefined = undefined;
  /** Turns off the page-wide keyboard shortcuts. */
  noShortcuts = false;

  /**
   * A finished call the agent chose to look at again in the panel (Show,
   * in Recent calls), until the next call rings or is placed. Live calls
   * are never "selected" here: the panel shows the phone's `$activeCall`,
   * and selecting a held call's box resumes it.
   */
  private reviewedId: string | undefined = undefined;
  /** The focus was in the banner when a call ended: if what had it goes with the call (its panel), the number field takes it. */
  private refocus = false;
  private dismissed: ReadonlySet<string> = new Set();
  private dialError = '';
  /** Whether Settings (notifications and devices) is open. */
  private settingsOpen = false;
  /**
   * Who was on a call that ended with the tab that carried it (another tab of the agent takes it over if it can);
   * '' when none. Rendered in the locale of the moment.
   */
  private lostCaller = '';
  private preferences = new BannerPreferences(browserStorage());
  /** The call whose Accept was pressed from inside the banner: the focus follows it to the panel. */
  private focusOnAccept: CallHandle | undefined;
  /** The kind of new call the agent chose. */
  private kind: 'number' | 'extension' | 'smart' = 'number';
  /** Routings for smart outbound calls (loaded when that kind is chosen). */
  private routings: readonly DirectoryEntry[] = [];
  /** Transfers in progress, by call id (for Complete and Cancel). */
  private readonly transfers = new Map<string, Transfer>();

  private readonly calls = new StoreController(this, () => this.phone?.$calls);
  /** While a call is live in this tab: leaving the page asks first (close-protection/). */
  private readonly leaveGuard = new LeaveGuardController(this, () => this.phone);
  private readonly connection = new StoreController(this, () => this.phone?.$connection);
  private readonly agent = new StoreController(this, () => this.phone?.$agent);
  private readonly me = new StoreController(this, () => this.phone?.$me);
  private readonly missedCalls = new StoreController(this, () => this.phone?.$missedCalls);
  private readonly voicemails = new StoreController(this, () => this.phone?.$voicemails);
  private readonly wrapUp = new StoreController(this, () => this.phone?.$wrapUp);
  private readonly activeCall = new StoreController(this, () => this.phone?.$activeCall);
  /** The phone's events, dispatched as `cx-*` DOM events while the banner is in the page. */
  private readonly phoneEvents = new SubscriptionController(this, () => this.phone, (phone) => {
    const stop = forwardPhoneEvents(this, phone);
    const unreview = (): void => (this.reviewedId = undefined);
    const offs = [
      phone.on('call:incoming', unreview),
      phone.on('call:outgoing', unreview),
      phone.on('call:accepted', (call) => {
        if (this.lostCaller) {
          this.lostCaller = '';
          this.requestUpdate();
        }
        void this.onAccepted(call);
      }),
      phone.on('call:ended', (call) => {
        this.refocus ||= this.matches(':focus-within');
        if (call.snapshot.endReason === 'tab-closed') {
          this.lostCaller = callerLabel(call.snapshot);
          this.requestUpdate();
        }
      }),
      // A click on the desktop notification of a ringing call: its popup takes the focus.
      phone.on('notification:clicked', (call) => {
        const popup = [...this.renderRoot.querySelectorAll('cx-call-popup')].find((el) => el.call?.id === call.id);
        popup?.focus();
      }),
      phone.on('transfer:changed', (call, transfer) => {
        this.transfers.set(call.id, transfer);
        this.requestUpdate();
      }),
    ];
    return () => {
      stop();
      for (const off of offs) off();
    };
  });

  constructor() {
    super();
    this.addEventListener('cx-accept-request', (event: CxAcceptRequestEvent) => {
      if (this.matches(':focus-within')) this.focusOnAccept = event.detail.call;
    });
    this.addEventListener('cx-call-box-select', (event: CxCallBoxSelectEvent) =>
      unlessCancelled(event, () => (this.reviewedId = undefined)),
    );
    this.addEventListener('cx-call-show-request', (event: CxCallShowRequestEvent) =>
      unlessCancelled(event, () => (this.reviewedId = event.detail.show ? event.detail.call.id : undefined)),
    );
    this.addEventListener('cx-call-back-request', (event: CxCallBackRequestEvent) =>
      unlessCancelled(event, () => void this.prefill(event.detail.target)),
    );
    this.addEventListener('cx-missed-dismiss', (event: CxMissedDismissEvent) => {
      this.dismissed = new Set([...this.dismissed, event.detail.call.id]);
    });
  }

  private readonly onSettingsToggle = (): void => {
    this.settingsOpen = !this.settingsOpen;
    if (this.settingsOpen) quietly(loadSettings);
    this.requestUpdate();
  };

  /** Places a call to `target` (a number, an extension or a SIP address), as the New call button does. */
  async dial(target: string): Promise<CallHandle | undefined> {
    const phone = this.phone;
    const text = target.trim();
    this.dialError = '';
    if (!phone) {
      this.dialError = msg('No phone is connected to this banner.');
      return undefined;
    }
    if (text === '') {
      this.dialError = msg('Type a number, an extension or a SIP address.');
      return undefined;
    }
    if (this.kind === 'extension' && !/^\d{2,8}$/.test(text)) {
      this.dialError = msg('An extension is 2 to 8 digits.');
      return undefined;
    }
    const via = this.kind === 'smart' ? (this.renderRoot.querySelector<HTMLSelectElement>('#routing')?.value ?? '') : '';
    if (this.kind === 'smart' && via === '') {
      this.dialError = msg('Choose the routing of the smart outbound call.');
      return undefined;
    }
    let placed: CallHandle | undefined;
    const outcome = await requestCommand(this, new CxDialRequestEvent({ target: text }), 'dial', undefined, async () => {
      placed = await phone.call(text, via ? { via } : {});
    });
    if (outcome.status === 'failed') this.dialError = errorMessage(outcome.error);
    return placed;
  }

  /** Puts `target` in the New call field and the focus on it, for the agent to place the call (Call back). */
  async prefill(target: string): Promise<void> {
    if (this.kind === 'extension' && !/^\d{2,8}$/.test(target)) this.kind = 'number';
    this.dialError = '';
    await this.updateComplete;
    const input = this.renderRoot.querySelector<HTMLInputElement>('#dial');
    if (!input) return;
    input.value = target;
    input.focus();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('storage')) this.preferences = new BannerPreferences(this.storage ?? browserStorage());
  }

  protected override updated(): void {
    // The panel of the call that ended had the focus: the post-interaction, else the number field, takes it, not the page.
    if (this.refocus && !this.matches(':focus-within')) {
      const wrapUp = this.renderRoot.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>('cx-wrap-up');
      const dial = this.renderRoot.querySelector<HTMLElement>('#dial');
      if (wrapUp?.updateComplete) void wrapUp.updateComplete.then(() => (this.matches(':focus-within') ? undefined : wrapUp.focus()));
      else dial?.focus();
    }
    this.refocus = false;
  }

  protected override render(): unknown {
    const calls = this.calls.value ?? [];
    const connection = this.connection.value ?? { state: 'disconnected' };
    const agent = this.agent.value ?? 'offline';
    const theme = this.theme ?? nothing;
    const popups = calls.filter((call) => call.state === 'ringing');
    const missed = calls.filter((call) => isMissed(call.snapshot) && !this.dismissed.has(call.id)).slice(0, MISSED_SHOWN);
    const boxed = calls.filter((call) => hasBox(call.snapshot));
    const boxes = boxed.filter((call) => !call.ended);
    const anyEnded = boxed.length > boxes.length;
    if (anyEnded) quietly(loadCallHistory);
    // The call panels load once the phone is registered (before any call, so that Accept never waits), or with a call.
    if (calls.length > 0 || connection.state === 'registered') quietly(loadCallPanels);
    const selected = this.panelCall(calls, boxes);
    const transferring = calls.filter((call) => !call.ended && showsTransfer(call.snapshot));
    if (transferring.length > 0) quietly(loadTransferPanels);
    const me = this.me.value;
    if (this.phone) quietly(loadAgentStatus);
    if (me) quietly(loadPoolPanel);
    const anyMissed = (this.missedCalls.value?.length ?? 0) > 0;
    if (anyMissed) quietly(loadMissedCalls);
    const anyVoicemail = (this.voicemails.value?.length ?? 0) > 0;
    if (anyVoicemail) quietly(loadVoicemail);
    const wrapUp = this.wrapUp.value;
    // Loaded while a call is answered, so that the post-interaction shows the moment it ends.
    if (wrapUp || boxes.some((call) => call.snapshot.answeredAt !== undefined)) quietly(loadWrapUp);
    return html`
      <section part="base" class="banner" aria-label=${msg('Phone')}>
        <header part="header" class="header">
          <p part="status" class="status ${connection.state}" role="status">
            <span class="dot" aria-hidden="true"></span>
            <span class="text">${connectionLabel(connection)}</span>
            ${connection.state === 'registered' ? html`<span class="agent">· ${agentLabel(agent)}</span>` : nothing}
          </p>
          ${this.phone ? html`<cx-agent-status part="my-status" theme=${theme} .phone=${this.phone}></cx-agent-status>` : nothing}
          ${this.phone
            ? html`<button
                part="settings-button"
                class="settings-toggle"
                type="button"
                aria-expanded=${this.settingsOpen ? 'true' : 'false'}
                aria-controls="settings"
                @click=${this.onSettingsToggle}
              >
                ${msg('Settings')}
              </button>`
            : nothing}
          <form part="new-call" class="dial" @submit=${this.onDialSubmit}>
            <label class="visually-hidden" for="dial">${msg('Number or extension')}</label>
            <input
              id="dial"
              part="dial-input"
              name="target"
              type="tel"
              autocomplete="off"
              placeholder=${msg('Number or extension')}
              aria-invalid=${this.dialError ? 'true' : 'false'}
              aria-describedby=${ifDefined(this.dialError ? 'dial-error' : undefined)}
            />
            <button part="new-call-button" class="primary" type="submit">${msg('New call')}</button>
            <fieldset part="call-kind" class="kinds" @change=${this.onKindChange}>
              <legend class="visually-hidden">${msg('New call')}</legend>
              <label><input type="radio" name="kind" value="number" .checked=${this.kind === 'number'} /> ${msg('Make a call to a number')}</label>
              <label><input type="radio" name="kind" value="extension" .checked=${this.kind === 'extension'} /> ${msg('Make a call to an extension')}</label>
              ${this.phone?.allowsSmartOutbound()
                ? html`<label><input type="radio" name="kind" value="smart" .checked=${this.kind === 'smart'} /> ${msg('Smart outbound call')}</label>`
                : nothing}
            </fieldset>
            ${this.kind === 'smart'
              ? html`<label class="routing">${msg('Routing')}
                  <select id="routing" part="routing">
                    ${this.routings.map((r) => html`<option value=${r.id}>${r.name}</option>`)}
                  </select>
                </label>`
              : nothing}
          </form>
          ${this.dialError
            ? html`<p id="dial-error" part="dial-error" class="error text" role="alert">${this.dialError}</p>`
            : nothing}
          ${this.lostCaller
            ? html`<p part="lost-call" class="error text" role="alert">
                ${msg(html`The call with <bdi>${this.lostCaller}</bdi> was lost with its tab; this tab takes it over if it can.`)}
              </p>`
            : nothing}
        </header>
        ${popups.length + missed.length > 0
          ? html`<div part="popups" class="popups">
              ${repeat(
                [...popups, ...missed],
                (call) => call.id,
                (call) => html`<cx-call-popup
                  part="popup"
                  theme=${theme}
                  ?no-shortcuts=${this.noShortcuts}
                  .call=${call}
                ></cx-call-popup>`,
              )}
            </div>`
          : nothing}
        ${transferring.length > 0
          ? html`<div part="transfers" class="transfers">
              ${repeat(
                transferring,
                (call) => call.id,
                (call) => html`<cx-transfer-status theme=${theme} .call=${call} .transfer=${this.transfers.get(call.id)}></cx-transfer-status>`,
              )}
            </div>`
          : nothing}
        ${selected
          ? html`<div part="calls" class="calls">
              ${boxes.length > 0
                ? html`<ul part="call-list" class="call-list" aria-label=${msg('Calls')}>
                    ${repeat(
                      boxes,
                      (call) => call.id,
                      (call) => html`<li>
                        <cx-call-box
                          part="call-box"
                          theme=${theme}
                          ?selected=${call === selected}
                          .call=${call}
                          .preferences=${this.preferences}
                        ></cx-call-box>
                      </li>`,
                    )}
                  </ul>`
                : nothing}
              <cx-active-call
                part="active-call"
                theme=${theme}
                ?no-shortcuts=${this.noShortcuts}
                .call=${selected}
                .phone=${this.phone}
              ></cx-active-call>
            </div>`
          : popups.length === 0 && !wrapUp
            ? html`<p part="idle" class="idle">${msg('No call in progress.')}</p>`
            : nothing}
        ${this.settingsOpen && this.phone ? html`<cx-settings id="settings" part="settings" theme=${theme} .phone=${this.phone}></cx-settings>` : nothing}
        ${wrapUp ? html`<cx-wrap-up part="wrap-up" theme=${theme} .phone=${this.phone}></cx-wrap-up>` : nothing}
        ${anyEnded
          ? html`<cx-call-history part="history" theme=${theme} .phone=${this.phone} .shownId=${this.reviewedId}></cx-call-history>`
          : nothing}
        ${me ? html`<cx-pool-panel part="pool" theme=${theme} .phone=${this.phone}></cx-pool-panel>` : nothing}
        ${anyMissed ? html`<cx-missed-calls part="missed-calls" theme=${theme} .phone=${this.phone}></cx-missed-calls>` : nothing}
        ${anyVoicemail ? html`<cx-voicemail part="voicemail" theme=${theme} .phone=${this.phone}></cx-voicemail>` : nothing}
      </section>
    `;
  }

  /**
   * The call the panel shows: a finished one the agent chose to look at
   * again, else the phone's active call, else the first box; never a
   * finished call by itself.
   */
  private panelCall(calls: readonly CallHandle[], boxes: readonly CallHandle[]): CallHandle | undefined {
    const active = this.activeCall.value;
    return calls.find((call) => call.id === this.reviewedId) ?? (active && boxes.includes(active) ? active : boxes[0]);
  }

  private onKindChange(event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    if (value !== 'number' && value !== 'extension' && value !== 'smart') return;
    this.kind = value;
    this.dialError = '';
    if (value === 'smart' && this.phone) {
      this.phone.directory.search('').then(
        (entries) => (this.routings = entries.filter((entry) => entry.kind === 'routing')),
        () => (this.routings = []),
      );
    }
  }

  private async onDialSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const input = form.elements.namedItem('target') as HTMLInputElement;
    const placed = await this.dial(input.value);
    if (placed) input.value = '';
  }

  private async onAccepted(call: CallHandle): Promise<void> {
    this.reviewedId = undefined;
    if (this.focusOnAccept !== call) return;
    this.focusOnAccept = undefined;
    // The panel takes the focus once defined, even if its chunk comes late (a slow network).
    await loadCallPanels().catch(() => undefined);
    await this.updateComplete;
    const panel = this.renderRoot.querySelector('cx-active-call');
    await panel?.updateComplete;
    panel?.focus();
  }
}

/**
 * Runs `action` once `event` has reached every listener, unless one of them
 * cancelled it. (The banner hears its children's events before the page does.)
 */
function unlessCancelled(event: Event, action: () => void): void {
  queueMicrotask(() => {
    if (!event.defaultPrevented) action();
  });
}

/** A transfer worth showing: in progress, or failed (the customer is back). */
function showsTransfer(snapshot: CallSnapshot): boolean {
  const state = snapshot.transfer?.state;
  return state === 'trying' || state === 'ringing' || state === 'consulting' || state === 'failed';
}

/** Loads a panel in the background: a failed load is tried again at the next render. */
function quietly(load: () => Promise<void>): void {
  void load().catch(() => undefined);
}

/**
 * A call has a box once it is out of the ringing phase, unless it was an
 * offer that never got answered (a missed call); the box of a finished call
 * leaves the list for Recent calls.
 */
function hasBox(snapshot: CallSnapshot): boolean {
  if (snapshot.state === 'ringing') return false;
  return !(snapshot.state === 'ended' && snapshot.direction === 'inbound' && snapshot.answeredAt === undefined);
}

declare global {
  interface HTMLElementTagNameMap {
    'cx-banner': CxBanner;
  }
}
