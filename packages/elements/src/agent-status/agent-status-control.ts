// A chunk of its own in the script-tag build: the banners load it once
// they have a phone (see `loadAgentStatus()` in the package index).
import { msg, str } from '@lit/localize';
import type { AgentState, Me, PhoneApi, RestingStatus } from '@cx/core';
import { css, html, nothing, type PropertyDeclarations } from 'lit';
import { CommandController, CxElement, CxEvent, requestCommand, StoreController } from '../index.js';

export interface StatusRequestDetail {
  readonly status: RestingStatus;
  readonly reason: string | undefined;
}

/** The agent chose a status in "My status". Cancelable: `preventDefault()` and nothing changes. */
export class CxStatusRequestEvent extends CxEvent<StatusRequestDetail> {
  static readonly type = 'cx-status-request';
  constructor(detail: StatusRequestDetail) {
    super(CxStatusRequestEvent.type, detail, { cancelable: true });
  }
}

/** The choices: Available, then Paused with each of the platform's reasons (or plain Paused). */
function choices(me: Me | undefined): { value: string; label: string; status: RestingStatus; reason?: string }[] {
  const reasons = me?.pauseReasons ?? [];
  return [
    { value: 'available', label: msg('Available'), status: 'available' },
    ...(reasons.length === 0
      ? [{ value: 'paused', label: msg('Paused'), status: 'paused' as const }]
      : reasons.map((reason, i) => ({ value: `paused:${i}`, label: msg(str`Paused: ${reason}`), status: 'paused' as const, reason }))),
  ];
}

function currentValue(state: AgentState | undefined, me: Me | undefined): string {
  const resting = state?.resting;
  if (!resting || resting.status === 'available') return 'available';
  const index = me?.pauseReasons.indexOf(resting.reason ?? '') ?? -1;
  return index >= 0 ? `paused:${index}` : 'paused';
}

const styles = css`
  :host {
    display: inline-block;
  }
  label {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
  }
  select {
    font: inherit;
    min-height: 2rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: inherit;
    padding: 0 0.4rem;
  }
`;

/**
 * @tagname cx-agent-status
 * @summary "My status": the agent chooses Available, or Paused with one of
 * the platform's pause reasons. What the agent rests on between calls: on a
 * call the status stays "on a call" and the choice applies after it.
 *
 * @attr compact - Hides the visible word "My status" (the control keeps its name).
 * @event cx-status-request - The agent chose a status. Cancelable.
 * @event cx-command-failed - The change was refused (offline); the control says why.
 * @csspart select - The choice.
 */
export class CxAgentStatus extends CxElement {
  static override properties: PropertyDeclarations = {
    phone: { attribute: false },
    compact: { type: Boolean, reflect: true },
  };

  static override styles = [CxElement.styles, styles];

  /** The agent's phone. */
  phone: PhoneApi | undefined = undefined;
  compact = false;

  private readonly agent = new StoreController(this, () => this.phone?.$agentState);
  private readonly me = new StoreController(this, () => this.phone?.$me);
  private readonly commands = new CommandController(this);

  protected override render(): unknown {
    const state = this.agent.value;
    const me = this.me.value;
    const offline = !state || state.status === 'offline';
    const options = choices(me);
    const value = currentValue(state, me);
    return html`<label
        ><span class=${this.compact ? 'visually-hidden' : 'word'}>${msg('My status')}</span>
        <select part="select" aria-label=${msg('My status')} ?disabled=${offline} @change=${this.onChange}>
          ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === value}>${o.label}</option>`)}
        </select></label
      >${this.commands.error ? html`<span class="error text" role="alert">${this.commands.error}</span>` : nothing}`;
  }

  private async onChange(event: Event): Promise<void> {
    const select = event.target as HTMLSelectElement;
    const choice = choices(this.me.value).find((o) => o.value === select.value);
    const phone = this.phone;
    if (!choice || !phone) return;
    const outcome = await this.commands.run('status', () =>
      requestCommand(this, new CxStatusRequestEvent({ status: choice.status, reason: choice.reason }), 'status', undefined, () =>
        phone.setStatus(choice.status, choice.reason === undefined ? {} : { reason: choice.reason }),
      ),
    );
    // Prevented or failed: the control shows the status in force again.
    if (outcome?.status !== 'done') select.value = currentValue(this.agent.value, this.me.value);
  }
}

if (globalThis.customElements && !customElements.get('cx-agent-status')) customElements.define('cx-agent-status', CxAgentStatus);

declare global {
  interface HTMLElementTagNameMap {
    'cx-agent-status': CxAgentStatus;
  }
  interface HTMLElementEventMap {
    'cx-status-request': CxStatusRequestEvent;
  }
}
