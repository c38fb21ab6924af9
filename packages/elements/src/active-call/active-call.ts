import { msg } from '@lit/localize';
import { CxError, CxErrorCode, type CallHandle, type CallSnapshot, type MonitorMode, type PhoneApi } from '@cx/core';
import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
// Loaded with <cx-call-box> once a call exists or the phone is registered (call-panels.ts): a chunk of its
// own in the script-tag build, so what it shares with the rest comes through the package index.
import {
  callColourStyles,
  callerLabel,
  callerNumberLabel,
  callStateLabel,
  callTypeLabel,
  canHoldOrResume,
  CommandController,
  CxElement,
  hangUpCall,
  hotlineStyles,
  hotlineView,
  loadTransferPanels,
  mergeCalls,
  Shortcut,
  ShortcutController,
  shortcutLabel,
  StoreController,
  toggleHold,
  toggleMute,
  toggleRecording,
  type CommandOutcome,
  type ShortcutActions,
} from '../index.js';
import type { CxKeypad } from '../keypad/keypad.js';
import { activeCallStyles } from './active-call.styles.js';
import type { DatasView } from './call-datas-view.js';

/** Loads a panel the first time it is opened (a chunk of its own in the script-tag build). */
async function loaded(load: () => Promise<unknown>, what: string): Promise<CommandOutcome> {
  try {
    await load();
    return { status: 'done' };
  } catch (cause) {
    return { status: 'failed', error: new CxError(CxErrorCode.FeatureUnavailable, `The ${what} could not be loaded.`, { cause }) };
  }
}

/** What the agent is told of a supervisor who whispers or joined (silent monitoring is not shown). */
function monitorNotice(supervisor: string, mode: MonitorMode): TemplateResult {
  if (mode === 'barge') return msg(html`<bdi>${supervisor}</bdi> joined the call.`);
  if (mode === 'whisper') return msg(html`<bdi>${supervisor}</bdi> is talking to you (the customer does not hear).`);
  return msg(html`<bdi>${supervisor}</bdi> is listening.`);
}

const loadKeypad = (): Promise<CommandOutcome> => loaded(() => import('../keypad/keypad.js'), 'keypad');
const openTransferPanels = (): Promise<CommandOutcome> => loaded(loadTransferPanels, 'transfer picker');

/** The tabs of the panel; Datas appears once the call was answered. */
export type ActiveCallTab = 'call' | 'datas';

/**
 * @tagname cx-active-call
 * @summary One call in progress: the caller at the top, the call timer, and
 * the controls: Mute my mic / Reactivate my mic (red while muted), Place on
 * hold / Exit the hold, Phone keypad (its keys and typed digits send DTMF)
 * and Hang up; under them, Transfer (the transfer picker), Merge and Start
 * the recording / Stop the recording. Once the call is answered, a Datas
 * tab shows the path it took in the routing tree and every IVR variable. A
 * notice says when a supervisor talks to the agent or joins the call, and
 * "Poor connection" (announced politely; its title names the warnings)
 * while the call has call-quality warnings (`snapshot.quality`).
 *
 * Shortcuts, page-wide while the call is live: Alt+Shift+M mutes or
 * reactivates the mic, Alt+Shift+H places on hold or exits the hold,
 * Alt+Shift+E hangs up (`no-shortcuts` turns them off).
 *
 * @event cx-mute-request - The agent asked to mute or reactivate their mic. Cancelable.
 * @event cx-hold-request - The agent asked to place on hold or exit the hold. Cancelable.
 * @event cx-hang-up-request - The agent asked to hang up. Cancelable.
 * @event cx-dtmf-request - A key of the keypad was pressed or typed. Cancelable.
 * @event cx-transfer-request - Transfer and hang up, or Start the attended transfer, in the picker. Cancelable.
 * @event cx-merge-request - The agent asked to merge the call with the other one. Cancelable.
 * @event cx-record-request - The agent asked to start or stop recording. Cancelable.
 * @event cx-command-failed - A command failed; the panel shows the message.
 *
 * @csspart panel - The panel.
 * @csspart header - Caller, type of call, state and timer.
 * @csspart caller - The caller's name (or number).
 * @csspart number - The caller's number, when the name is shown above it.
 * @csspart call-type - The type of call in words.
 * @csspart state - Where the call stands, in words.
 * @csspart timer - The call timer.
 * @csspart quality - "Poor connection", while the call has quality warnings.
 * @csspart hotline - The company the caller dialled (docs/hotline.md), with `greeting` and `hotline-line`.
 * @csspart tabs - The Call / Datas tabs.
 * @csspart controls - The row of call controls.
 * @csspart mute-button - Mute my mic / Reactivate my mic.
 * @csspart hold-button - Place on hold / Exit the hold.
 * @csspart keypad-button - Phone keypad.
 * @csspart hang-up-button - Hang up.
 * @csspart keypad - The `<cx-keypad>`.
 * @csspart more-controls - The second row: Transfer, Merge, recording.
 * @csspart transfer-button - Transfer.
 * @csspart merge-button - Merge.
 * @csspart record-button - Start the recording / Stop the recording.
 * @csspart transfer-picker - The `<cx-transfer-picker>`, while open.
 * @csspart monitor - The notice that a supervisor talks to the agent or joined the call.
 * @csspart datas - The Datas tab: route and IVR variables.
 * @csspart error - Why the last command failed.
 * @csspart empty - Shown when there is no call.
 *
 * @cssproperty --cx-danger - Hang up, and the mute button while muted; `--cx-on-danger` their text.
 */
export class CxActiveCall extends CxElement {
  static override properties: PropertyDeclarations = {
    call: { attribute: false },
    phone: { attribute: false },
    noShortcuts: { type: Boolean, attribute: 'no-shortcuts' },
    tab: { state: true },
    keypadOpen: { state: true },
    pickerOpen: { state: true },
  };

  static override styles = [CxElement.styles, activeCallStyles, callColourStyles, hotlineStyles];

  /** The call to show and drive. */
  call: CallHandle | undefined = undefined;
  /** The phone of the call: for Merge (the other call) and the transfer destinations. */
  phone: PhoneApi | undefined = undefined;
  /** Turns off the page-wide keyboard shortcuts. */
  noShortcuts = false;

  private tab: ActiveCallTab = 'call';
  private keypadOpen = false;
  private pickerOpen = false;
  /** The Datas tab's view: loaded when the tab is first shown (a chunk of its own in the script-tag build). */
  private datasView: DatasView | undefined;
  private datasLoading: Promise<void> | undefined;
  /** Panels being loaded. */
  private readonly loading = new Set<Promise<unknown>>();
  private readonly calls = new StoreController(this, () => this.phone?.$calls);
  private readonly commands = new CommandController(this);
  private readonly snapshot = new StoreController(this, () => this.call?.$snapshot);
  private readonly shortcuts = new ShortcutController(this, () => this.shortcutActions());

  /** Mutes the agent's mic, or reactivates it. */
  async toggleMute(): Promise<void> {
    const call = this.call;
    if (!call?.snapshot.can.mute) return;
    await this.commands.run('mute', () => toggleMute(this, call));
  }

  /** Places the call on hold, or takes it off hold (which holds the other active call). */
  async toggleHold(): Promise<void> {
    const call = this.call;
    if (!call || !canHoldOrResume(call.snapshot)) return;
    await this.commands.run('hold', () => toggleHold(this, call));
  }

  /** Hangs up. */
  async hangUp(): Promise<void> {
    const call = this.call;
    if (!call?.snapshot.can.hangup) return;
    const focused = this.matches(':focus-within');
    const outcome = await this.commands.run('hang-up', () => hangUpCall(this, call));
    if (outcome?.status === 'done' && focused) {
      // The controls are gone: keep the focus in the panel rather than losing it to the page.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.panel')?.focus();
    }
  }

  /** Focuses the first call control that can be used (else the panel). */
  override focus(options?: FocusOptions): void {
    const target =
      this.renderRoot.querySelector<HTMLElement>('.controls button:not(:disabled)') ??
      this.renderRoot.querySelector<HTMLElement>('.panel');
    if (target) target.focus(options);
    else super.focus(options);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('call')) {
      this.tab = 'call';
      this.keypadOpen = false;
      this.pickerOpen = false;
      this.commands.clear();
    }
    this.shortcuts.enabled = !this.noShortcuts;
    if (this.tab === 'datas') this.loadDatas();
  }

  /** Lit waits for what is loading (the Datas view, a panel): `updateComplete` means drawn. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await Promise.all([this.datasLoading, ...this.loading]);
    return super.getUpdateComplete();
  }

  /** Runs a step that loads a panel, tracked so that `updateComplete` waits for it. */
  private async track<T>(step: () => Promise<T>): Promise<T> {
    const running = step();
    this.loading.add(running);
    try {
      return await running;
    } finally {
      this.loading.delete(running);
    }
  }

  private loadDatas(): void {
    this.datasLoading ??= import('./call-datas-view.js').then(
      ({ datasView }) => {
        this.datasView = datasView;
        const root = this.renderRoot;
        const sheet = datasView.styles.styleSheet;
        if (root instanceof ShadowRoot && sheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
        this.requestUpdate();
      },
      () => {
        this.datasLoading = undefined;
      },
    );
  }

  protected override render(): unknown {
    const snapshot = this.snapshot.value;
    if (!snapshot) return html`<p part="empty" class="empty">${msg('No call in progress.')}</p>`;
    const { info } = snapshot;
    const caller = callerLabel(snapshot);
    const number = callerNumberLabel(snapshot);
    const answered = snapshot.answeredAt !== undefined;
    const tab = answered ? this.tab : 'call';
    const queue = info.queue ? info.queue.name || info.queue.id : '';
    // Call-quality warnings of a live call: a discreet notice, announced once as it appears (not with each sample).
    const poor = !snapshot.endedAt && snapshot.quality?.warnings.join(', ');
    return html`
      <section part="panel" class="panel ${info.colour}" aria-labelledby="caller" tabindex="-1">
        <header part="header" class="header">
          <div class="who">
            <p id="caller" part="caller" class="caller text"><bdi>${caller}</bdi></p>
            ${number ? html`<p part="number" class="number text"><bdi>${number}</bdi></p>` : nothing}
            <p class="meta text">
              <span part="call-type">${callTypeLabel(info)}</span>${queue ? html` · <bdi>${queue}</bdi>` : nothing}
            </p>
          </div>
          <div class="when">
            <p part="state" class="state ${snapshot.state}" role="status">${callStateLabel(snapshot)}</p>
            ${answered
              ? html`<p part="timer" class="timer">
                  <span class="visually-hidden">${msg('Call time')} </span>
                  <cx-call-timer theme=${this.theme ?? nothing} .since=${snapshot.answeredAt} .until=${snapshot.endedAt}></cx-call-timer>
                </p>`
              : nothing}
            <p part="quality" class="meta" role="status" title=${poor || nothing}>${poor ? msg('Poor connection') : ''}</p>
          </div>
        </header>
        ${hotlineView(info.hotline)}
        ${answered ? this.renderTabs(tab) : nothing}
        <div
          id="panel-call"
          class="tab-panel"
          role=${answered ? 'tabpanel' : nothing}
          aria-labelledby=${answered ? 'tab-call' : nothing}
          ?hidden=${tab !== 'call'}
        >
          ${this.renderControls(snapshot)}
        </div>
        ${answered
          ? html`<div id="panel-datas" part="datas" class="tab-panel datas" role="tabpanel" aria-labelledby="tab-datas" tabindex="0" ?hidden=${tab !== 'datas'}>
              ${this.datasView?.render(snapshot.info) ?? nothing}
            </div>`
          : nothing}
        ${this.commands.error ? html`<p part="error" class="error text" role="alert">${this.commands.error}</p>` : nothing}
      </section>
    `;
  }

  private renderTabs(tab: ActiveCallTab): TemplateResult {
    const one = (id: ActiveCallTab, label: string): TemplateResult => html`
      <button
        role="tab"
        id="tab-${id}"
        class="tab"
        aria-selected=${tab === id ? 'true' : 'false'}
        aria-controls="panel-${id}"
        tabindex=${tab === id ? '0' : '-1'}
        @click=${() => this.selectTab(id)}
      >
        ${label}
      </button>
    `;
    return html`
      <div part="tabs" class="tabs" role="tablist" aria-label=${msg('Call details')} @keydown=${this.onTabKeyDown}>
        ${one('call', msg('Call'))} ${one('datas', msg('Datas'))}
      </div>
    `;
  }

  private renderControls(snapshot: CallSnapshot): TemplateResult | typeof nothing {
    if (!snapshot.can.hangup) return nothing;
    const keys = (shortcut: Shortcut): string | typeof nothing => (this.noShortcuts ? nothing : shortcutLabel(shortcut));
    const keypadShown = this.keypadOpen && snapshot.can.sendDtmf;
    return html`
      <div part="controls" class="controls" role="group" aria-label=${msg('Call controls')}>
        <button
          part="mute-button"
          class="toggle-danger"
          aria-pressed=${snapshot.muted ? 'true' : 'false'}
          aria-keyshortcuts=${keys(Shortcut.Mute)}
          ?disabled=${!snapshot.can.mute}
          @click=${this.toggleMute}
        >
          ${snapshot.muted ? msg('Reactivate my mic') : msg('Mute my mic')}
        </button>
        <button part="hold-button" aria-keyshortcuts=${keys(Shortcut.Hold)} ?disabled=${!canHoldOrResume(snapshot)} @click=${this.toggleHold}>
          ${snapshot.can.resume ? msg('Exit the hold') : msg('Place on hold')}
        </button>
        <button
          part="keypad-button"
          aria-expanded=${keypadShown ? 'true' : 'false'}
          aria-controls="keypad"
          ?disabled=${!snapshot.can.sendDtmf}
          @click=${this.toggleKeypad}
        >
          ${msg('Phone keypad')}
        </button>
        <button part="hang-up-button" class="danger" aria-keyshortcuts=${keys(Shortcut.HangUp)} @click=${this.hangUp}>
          ${msg('Hang up')}
        </button>
      </div>
      ${this.renderMore(snapshot)}
      <cx-keypad id="keypad" part="keypad" theme=${this.theme ?? nothing} .call=${this.call} ?hidden=${!keypadShown}></cx-keypad>
      ${this.pickerOpen && snapshot.can.transfer
        ? html`<cx-transfer-picker
            id="transfer"
            part="transfer-picker"
            theme=${this.theme ?? nothing}
            .call=${this.call}
            .phone=${this.phone}
            @cx-transfer-close=${this.closePicker}
          ></cx-transfer-picker>`
        : nothing}
    `;
  }

  /** Transfer, Merge and the recording: the second row of controls. */
  private renderMore(snapshot: CallSnapshot): TemplateResult {
    const recording = snapshot.recording;
    return html`
      <div part="more-controls" class="controls more" role="group" aria-label=${msg('More call controls')}>
        <button
          part="transfer-button"
          aria-expanded=${this.pickerOpen ? 'true' : 'false'}
          aria-controls="transfer"
          ?disabled=${!snapshot.can.transfer}
          @click=${this.togglePicker}
        >
          ${msg('Transfer')}
        </button>
        ${this.phone ? html`<button part="merge-button" ?disabled=${!snapshot.can.merge} @click=${this.merge}>${msg('Merge')}</button>` : nothing}
        <button
          part="record-button"
          class=${recording ? 'recording' : ''}
          aria-pressed=${recording ? 'true' : 'false'}
          ?disabled=${!snapshot.can.record && !recording}
          @click=${this.toggleRecording}
        >
          ${recording ? msg('Stop the recording') : msg('Start the recording')}
        </button>
      </div>
      ${snapshot.monitor
        ? html`<p part="monitor" class="notice text" role="status">
            ${monitorNotice(snapshot.monitor.supervisor, snapshot.monitor.mode)}
          </p>`
        : nothing}
      <p class="visually-hidden" role="status">${recording ? msg('Recording') : ''}</p>
    `;
  }

  private togglePicker(): Promise<void> {
    return this.track(async () => {
      if (!this.pickerOpen) {
        const outcome = await this.commands.run('transfer-picker', openTransferPanels);
        if (outcome?.status !== 'done') return;
      }
      this.pickerOpen = !this.pickerOpen;
      if (!this.pickerOpen) return;
      await super.getUpdateComplete();
      this.renderRoot.querySelector<HTMLElement>('cx-transfer-picker')?.focus();
    });
  }

  private async closePicker(): Promise<void> {
    this.pickerOpen = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part="transfer-button"]')?.focus();
  }

  /** Merges with the other call in progress. */
  async merge(): Promise<void> {
    const call = this.call;
    const phone = this.phone;
    const other = (this.calls.value ?? []).find((c) => c !== call && c.snapshot.can.merge);
    if (!call || !phone || !other) return;
    await this.commands.run('merge', () => mergeCalls(this, phone, call, other));
  }

  /** Starts recording the call, or stops. */
  async toggleRecording(): Promise<void> {
    const call = this.call;
    if (!call) return;
    await this.commands.run('record', () => toggleRecording(this, call));
  }

  private shortcutActions(): ShortcutActions {
    const snapshot = this.snapshot.value;
    if (!snapshot?.can.hangup || snapshot.can.accept) return {};
    const actions: ShortcutActions = {
      [Shortcut.Mute]: () => void this.toggleMute(),
      [Shortcut.HangUp]: () => void this.hangUp(),
    };
    if (canHoldOrResume(snapshot)) actions[Shortcut.Hold] = () => void this.toggleHold();
    return actions;
  }

  private toggleKeypad(): Promise<void> {
    return this.track(async () => {
      if (!this.keypadOpen) {
        const outcome = await this.commands.run('keypad', loadKeypad);
        if (outcome?.status !== 'done') return;
      }
      this.keypadOpen = !this.keypadOpen;
      if (!this.keypadOpen) return;
      await super.getUpdateComplete();
      this.renderRoot.querySelector<CxKeypad>('cx-keypad')?.focus();
    });
  }

  private selectTab(tab: ActiveCallTab): void {
    if (tab === 'datas') this.loadDatas();
    this.tab = tab;
  }

  private async onTabKeyDown(event: KeyboardEvent): Promise<void> {
    const order: ActiveCallTab[] = ['call', 'datas'];
    const at = order.indexOf(this.tab);
    let next: ActiveCallTab | undefined;
    if (event.key === 'ArrowRight') next = order[(at + 1) % order.length];
    else if (event.key === 'ArrowLeft') next = order[(at + order.length - 1) % order.length];
    else if (event.key === 'Home') next = order[0];
    else if (event.key === 'End') next = order[order.length - 1];
    if (next === undefined) return;
    event.preventDefault();
    this.selectTab(next);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#tab-${next}`)?.focus();
  }

}

if (globalThis.customElements && !customElements.get('cx-active-call')) customElements.define('cx-active-call', CxActiveCall);

declare global {
  interface HTMLElementTagNameMap {
    'cx-active-call': CxActiveCall;
  }
}
