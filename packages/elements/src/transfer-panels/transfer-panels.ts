// Loaded when the agent first opens Transfer (or a transfer starts): a chunk
// of its own in the script-tag build. What it shares with the rest comes
// through the package indexes.
import { msg } from '@lit/localize';
import {
  parseDialTarget,
  type CallHandle,
  type DirectoryEntry,
  type PhoneApi,
  type Transfer,
  type TransferFailure,
  type TransferMode,
  type TransferTarget,
} from '@cx/core';
import { css, html, nothing, type PropertyDeclarations } from 'lit';
import { CommandController, CxElement, CxEvent, requestCommand, StoreController, transferCall } from '../index.js';

/** The tabs of the picker: kinds of destination, and a typed number (labels read in the locale of the moment). */
const TABS = [
  { kind: 'user', label: () => msg('User') },
  { kind: 'queue', label: () => msg('Queue') },
  { kind: 'routing', label: () => msg('Smart Routing') },
  { kind: 'contact', label: () => msg('Directory') },
  { kind: 'number', label: () => msg('Number') },
] as const;
type TabKind = (typeof TABS)[number]['kind'];

const SEARCH_DELAY = 150;

/** The picker asks to be closed (Escape, or a transfer started). */
export class CxTransferCloseEvent extends CxEvent<Record<string, never>> {
  static readonly type = 'cx-transfer-close';
  constructor() {
    super(CxTransferCloseEvent.type, {}, { cancelable: false });
  }
}

const panelStyles = css`
  .box {
    display: grid;
    gap: 0.5rem;
    padding: 0.6rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
  }
  .tabs,
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.35rem;
  }
  [role='tab'][aria-selected='true'] {
    border-color: var(--_accent);
    font-weight: 600;
  }
  #choices {
    /* One height whatever the search finds: the buttons below stay put while
       results come and go, so a click meant for one never lands on the other. */
    height: 12rem;
    overflow: auto;
  }
  .choices {
    display: grid;
    gap: 0.2rem;
    margin: 0;
    padding: 0;
    border: 0;
  }
  .choice {
    display: flex;
    gap: 0.4rem;
    align-items: baseline;
  }
  .target,
  .none {
    color: var(--_text-muted);
  }
  input[type='search'] {
    font: inherit;
    padding: 0.35rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
`;

/**
 * @tagname cx-transfer-picker
 * @summary Where to transfer a call: a search box "Transfer destination",
 * tabs User, Queue, Smart Routing, Directory and Number, the matching
 * destinations, then "Transfer and hang up" (blind) or "Start the attended
 * transfer". Destinations come from `phone.directory.search()` (the
 * platform, else the `directory` option); the Number tab takes what was
 * typed. Escape closes it.
 *
 * @event cx-transfer-request - The agent chose a destination and a mode. Cancelable.
 * @event cx-transfer-close - The picker is done (a transfer started, or Escape).
 * @event cx-command-failed - The transfer could not start; the picker shows why.
 */
export class CxTransferPicker extends CxElement {
  static override properties: PropertyDeclarations = {
    call: { attribute: false },
    phone: { attribute: false },
    tab: { state: true },
    text: { state: true },
    found: { state: true },
    chosen: { state: true },
  };

  static override shadowRootOptions: ShadowRootInit = { ...CxElement.shadowRootOptions, delegatesFocus: true };
  static override styles = [CxElement.styles, panelStyles];

  /** The call to transfer. */
  call: CallHandle | undefined = undefined;
  /** The agent's phone: its directory answers the search. */
  phone: PhoneApi | undefined = undefined;

  private tab: TabKind = 'user';
  private text = '';
  private found: readonly DirectoryEntry[] = [];
  private chosen: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly commands = new CommandController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    this.search();
  }

  protected override render(): unknown {
    const choices = this.choices();
    const chosen = choices.find((c) => c.key === this.chosen) ?? choices[0];
    return html`
      <section class="box" aria-label=${msg('Transfer the call')} @keydown=${this.onKeyDown}>
        <label for="search">${msg('Transfer destination')}</label>
        <input id="search" type="search" autocomplete="off" .value=${this.text} @input=${this.onInput} />
        <div class="tabs" role="tablist" aria-label=${msg('Kind of destination')}>
          ${TABS.map(
            ({ kind, label }) => html`<button
              role="tab"
              id="tab-${kind}"
              aria-selected=${this.tab === kind ? 'true' : 'false'}
              aria-controls="choices"
              tabindex=${this.tab === kind ? '0' : '-1'}
              @click=${() => this.selectTab(kind)}
            >
              ${label()}
            </button>`,
          )}
        </div>
        <div id="choices" role="tabpanel" aria-labelledby="tab-${this.tab}">
          ${choices.length === 0
            ? html`<p class="none">${this.tab === 'number' ? msg('Type a number or an extension above.') : msg('No destination found.')}</p>`
            : html`<fieldset class="choices">
                <legend class="visually-hidden">${msg('Destinations')}</legend>
                ${choices.map(
                  (choice) => html`<label class="choice">
                    <input type="radio" name="destination" .checked=${choice === chosen} @change=${() => (this.chosen = choice.key)} />
                    <span class="text"><bdi>${choice.name}</bdi></span>
                    <span class="target text"><bdi>${choice.detail}</bdi></span>
                  </label>`,
                )}
              </fieldset>`}
        </div>
        <div class="actions">
          <button class="primary" ?disabled=${!chosen} @click=${() => this.start(chosen?.target, 'blind')}>${msg('Transfer and hang up')}</button>
          <button ?disabled=${!chosen} @click=${() => this.start(chosen?.target, 'attended')}>${msg('Start the attended transfer')}</button>
        </div>
        ${this.commands.error ? html`<p class="error text" role="alert">${this.commands.error}</p>` : nothing}
      </section>
    `;
  }

  /** The destinations offered in the current tab. */
  private choices(): Array<{ key: string; name: string; detail: string; target: TransferTarget }> {
    if (this.tab === 'number') {
      const text = this.text.trim();
      if (text === '') return [];
      try {
        const dial = parseDialTarget(text, 'invalid');
        return [{ key: `number:${dial.number}`, name: dial.number, detail: msg('Number'), target: text }];
      } catch {
        return [];
      }
    }
    return this.found
      .filter((entry) => entry.kind === this.tab)
      .map((entry) => ({ key: `${entry.kind}:${entry.id}`, name: entry.name, detail: entry.target, target: entry }));
  }

  private selectTab(kind: TabKind): void {
    this.tab = kind;
    this.chosen = undefined;
  }

  private onInput(event: Event): void {
    this.text = (event.target as HTMLInputElement).value;
    this.chosen = undefined;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.search(), SEARCH_DELAY);
  }

  private search(): void {
    const phone = this.phone;
    if (!phone) return;
    const text = this.text;
    phone.directory.search(text).then(
      (found) => {
        if (text === this.text) this.found = found;
      },
      () => {
        this.found = [];
      },
    );
  }

  private async start(target: TransferTarget | undefined, mode: TransferMode): Promise<void> {
    const call = this.call;
    if (!call || target === undefined) return;
    const outcome = await this.commands.run('transfer', () => transferCall(this, call, target, mode));
    if (outcome?.status === 'done') this.dispatchEvent(new CxTransferCloseEvent());
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.dispatchEvent(new CxTransferCloseEvent());
      return;
    }
    const index = TABS.findIndex((t) => t.kind === this.tab);
    const inTabs = (event.target as Element | null)?.getAttribute('role') === 'tab';
    if (!inTabs || (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft')) return;
    event.preventDefault();
    const next = TABS[(index + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
    if (!next) return;
    this.selectTab(next.kind);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${next.kind}`)?.focus());
  }
}

/** A transfer's state, in words (in the locale of the moment). */
const stateWords = (): Readonly<Record<string, string>> => ({
  trying: msg('calling'),
  ringing: msg('ringing'),
  consulting: msg('you are talking to them; the customer is on hold'),
  completed: msg('done'),
  cancelled: msg('cancelled'),
});

/** Why a transfer failed, in words (in the locale of the moment). */
const reasonWords = (): Readonly<Record<TransferFailure, string>> => ({
  busy: msg('busy'),
  'no-answer': msg('no answer'),
  rejected: msg('refused'),
  'not-found': msg('not found'),
  failed: msg('it did not go through'),
});

/**
 * @tagname cx-transfer-status
 * @summary The transfer of a call as it goes: to whom, and where it
 * stands (calling, ringing, consulting); on failure, why in words, and the
 * customer is back with the agent. During an attended transfer: "Complete
 * the transfer" and "Cancel the transfer".
 *
 * @event cx-transfer-action - Complete the transfer or Cancel the transfer (`detail.action`). Cancelable.
 * @event cx-command-failed - Completing or cancelling failed; the status shows why.
 */
export class CxTransferStatus extends CxElement {
  static override properties: PropertyDeclarations = {
    call: { attribute: false },
    transfer: { attribute: false },
  };

  static override styles = [CxElement.styles, panelStyles];

  /** The call being transferred. */
  call: CallHandle | undefined = undefined;
  /** The transfer, for Complete and Cancel (from `transfer:changed`). */
  transfer: Transfer | undefined = undefined;

  private readonly snapshot = new StoreController(this, () => this.call?.$snapshot);
  private readonly commands = new CommandController(this);

  protected override render(): unknown {
    const transfer = this.snapshot.value?.transfer;
    if (!transfer) return nothing;
    const to = transfer.targetName;
    if (transfer.state === 'failed') {
      const reason = reasonWords()[transfer.reason ?? 'failed'];
      return html`<div class="box">
        <p class="text" role="alert">${msg(html`Transfer to <bdi>${to}</bdi> failed: ${reason}. The customer is back with you.`)}</p>
      </div>`;
    }
    const live = transfer.state === 'trying' || transfer.state === 'ringing' || transfer.state === 'consulting';
    return html`<div class="box">
      <p class="text" role="status">${msg(html`Transfer to <bdi>${to}</bdi>: ${stateWords()[transfer.state] ?? transfer.state}.`)}</p>
      ${live && transfer.mode === 'attended' && this.transfer
        ? html`<div class="actions">
            ${transfer.state === 'consulting'
              ? html`<button class="primary" @click=${() => this.act('complete')}>${msg('Complete the transfer')}</button>`
              : nothing}
            <button @click=${() => this.act('cancel')}>${msg('Cancel the transfer')}</button>
          </div>`
        : nothing}
      ${this.commands.error ? html`<p class="error text" role="alert">${this.commands.error}</p>` : nothing}
    </div>`;
  }

  private async act(what: 'complete' | 'cancel'): Promise<void> {
    const transfer = this.transfer;
    if (!transfer) return;
    await this.commands.run(what, () =>
      requestCommand(this, new CxTransferActionEvent({ call: transfer.call, action: what }), 'transfer', transfer.call, () =>
        what === 'complete' ? transfer.complete() : transfer.cancel(),
      ),
    );
  }
}

export interface TransferActionDetail {
  readonly call: CallHandle;
  readonly action: 'complete' | 'cancel';
}

/** The agent asked to complete or cancel an attended transfer. */
export class CxTransferActionEvent extends CxEvent<TransferActionDetail> {
  static readonly type = 'cx-transfer-action';
  constructor(detail: TransferActionDetail) {
    super(CxTransferActionEvent.type, detail, { cancelable: true });
  }
}

for (const [tag, element] of [
  ['cx-transfer-picker', CxTransferPicker],
  ['cx-transfer-status', CxTransferStatus],
] as const) {
  if (globalThis.customElements && !customElements.get(tag)) customElements.define(tag, element);
}

declare global {
  interface HTMLElementTagNameMap {
    'cx-transfer-picker': CxTransferPicker;
    'cx-transfer-status': CxTransferStatus;
  }
  interface HTMLElementEventMap {
    'cx-transfer-close': CxTransferCloseEvent;
    'cx-transfer-action': CxTransferActionEvent;
  }
}
