// Supervisors only: a chunk of its own in the script-tag build, loaded by
// `loadMonitorPanel()` (or when <cx-monitor-panel> is first needed).
import { msg, str } from '@lit/localize';
import type { MonitorMode, MonitorSession, MonitorState, PhoneApi } from '@cx/core';
import { css, html, nothing, type PropertyDeclarations } from 'lit';
import { CommandController, CxElement, CxEvent, requestCommand, StoreController } from '../index.js';

/** The call a supervisor may monitor. */
export interface MonitorTarget {
  /** The call's interaction id (`X-CX-Interaction-Id`). */
  readonly interactionId: string;
  /** The agent's extension or address (needed without a platform). */
  readonly agent?: string;
  /** Who and what, for people: "Ann Lee with +33 1 23 45 67 89". */
  readonly label?: string;
}

export interface MonitorRequestDetail {
  readonly target: MonitorTarget;
  /** The mode asked for, or `stop`. */
  readonly mode: MonitorMode | 'stop';
}

/** The supervisor asked to monitor a call, change mode, or stop. Cancelable. */
export class CxMonitorRequestEvent extends CxEvent<MonitorRequestDetail> {
  static readonly type = 'cx-monitor-request';
  constructor(detail: MonitorRequestDetail) {
    super(CxMonitorRequestEvent.type, detail, { cancelable: true });
  }
}

/** What the supervisor's mode means, in the locale of the moment. */
const modeWords = (): Readonly<Record<MonitorMode, string>> => ({
  silent: msg('Listening: neither the agent nor the customer hears you.'),
  whisper: msg('Talking to the agent: the customer does not hear you.'),
  barge: msg('In the call: the agent and the customer hear you.'),
});

const styles = css`
  .box {
    display: grid;
    gap: 0.5rem;
    padding: 0.6rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.35rem;
  }
  button[aria-pressed='true'] {
    border-color: var(--_accent);
    font-weight: 600;
  }
`;

/**
 * @tagname cx-monitor-panel
 * @summary A supervisor's controls for one agent's call: "Monitor this
 * call" (silent), then "Talk to agent" (whisper: only the agent hears),
 * "Join the call" (barge: both hear), "Return to silent monitoring" and
 * "Stop monitoring". Says in words what the agent and the customer hear.
 *
 * @event cx-monitor-request - The supervisor asked to start, change mode or stop. Cancelable.
 * @event cx-command-failed - It did not work (not allowed, the agent's phone refused); the panel shows why.
 */
export class CxMonitorPanel extends CxElement {
  static override properties: PropertyDeclarations = {
    phone: { attribute: false },
    target: { attribute: false },
    session: { attribute: false },
  };

  static override styles = [CxElement.styles, styles];

  /** The supervisor's phone. */
  phone: PhoneApi | undefined = undefined;
  /** The call to monitor. */
  target: MonitorTarget | undefined = undefined;

  /** The monitoring in progress: set by the panel, or handed to it by whoever started it (Calls in pool). */
  session: MonitorSession | undefined = undefined;
  private readonly mode = new StoreController(this, () => this.session?.$mode);
  private readonly state = new StoreController<MonitorState>(this, () => this.session?.$state);
  private readonly commands = new CommandController(this);

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    void this.session?.stop();
  }

  protected override render(): unknown {
    const target = this.target;
    if (!target) return nothing;
    const live = this.session !== undefined && this.state.value !== 'ended';
    const mode = this.mode.value ?? 'silent';
    return html`<section class="box" aria-label=${target.label ? msg(str`Monitoring: ${target.label}`) : msg('Monitoring')}>
      ${target.label ? html`<p class="text"><bdi>${target.label}</bdi></p>` : nothing}
      ${live ? html`<p class="text" role="status">${modeWords()[mode]}</p>` : nothing}
      <div class="actions">
        ${live
          ? html`
              <button aria-pressed=${mode === 'whisper' ? 'true' : 'false'} ?disabled=${mode === 'whisper'} @click=${() => this.act('whisper')}>
                ${msg('Talk to agent')}
              </button>
              <button aria-pressed=${mode === 'barge' ? 'true' : 'false'} ?disabled=${mode === 'barge'} @click=${() => this.act('barge')}>
                ${msg('Join the call')}
              </button>
              ${mode === 'silent' ? nothing : html`<button @click=${() => this.act('silent')}>${msg('Return to silent monitoring')}</button>`}
              <button class="danger" @click=${() => this.act('stop')}>${msg('Stop monitoring')}</button>
            `
          : html`<button class="primary" @click=${() => this.act('silent')}>${msg('Monitor this call')}</button>`}
      </div>
      ${this.commands.error ? html`<p class="error text" role="alert">${this.commands.error}</p>` : nothing}
    </section>`;
  }

  private async act(mode: MonitorMode | 'stop'): Promise<void> {
    const phone = this.phone;
    const target = this.target;
    if (!phone || !target) return;
    // One key per action: Stop is never held up by a mode change in flight.
    await this.commands.run(mode, () =>
      requestCommand(this, new CxMonitorRequestEvent({ target, mode }), 'monitor', undefined, async () => {
        const session = this.session;
        if (mode === 'stop') {
          await session?.stop();
          this.session = undefined;
        } else if (session && session.state !== 'ended') {
          await session.setMode(mode);
        } else {
          this.session = await phone.monitor(target.interactionId, { mode, ...(target.agent ? { agent: target.agent } : {}) });
        }
      }),
    );
  }
}

if (globalThis.customElements && !customElements.get('cx-monitor-panel')) customElements.define('cx-monitor-panel', CxMonitorPanel);

declare global {
  interface HTMLElementTagNameMap {
    'cx-monitor-panel': CxMonitorPanel;
  }
  interface HTMLElementEventMap {
    'cx-monitor-request': CxMonitorRequestEvent;
  }
}
