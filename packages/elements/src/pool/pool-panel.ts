// A chunk of its own in the script-tag build, loaded when the phone has a
// platform (see `loadPoolPanel()` in the package index). The list is
// virtualised: ten thousand waiting calls cost the rows on screen.
import { msg, str } from '@lit/localize';
import type { Me, MonitorSession, PhoneApi, PoolEntry } from '@cx/core';
import { flow } from '@lit-labs/virtualizer/layouts/flow.js';
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import {
  CommandController,
  CxElement,
  CxEvent,
  formatClock,
  loadMonitorPanel,
  requestCommand,
  StoreController,
  TickController,
  type MonitorTarget,
} from '../index.js';
import { partyText } from '../format/party-text.js';

/** The agent asked to take a call from the pool. Cancelable. */
export class CxTakeRequestEvent extends CxEvent<{ readonly entry: PoolEntry }> {
  static readonly type = 'cx-take-request';
  constructor(entry: PoolEntry) {
    super(CxTakeRequestEvent.type, { entry }, { cancelable: true });
  }
}

/** A supervisor asked to monitor a call of the pool (the same event as `<cx-monitor-panel>`'s). Cancelable. */
export class CxPoolMonitorRequestEvent extends CxEvent<{ readonly target: MonitorTarget; readonly mode: 'silent' }> {
  static readonly type = 'cx-monitor-request';
  constructor(target: MonitorTarget) {
    super(CxPoolMonitorRequestEvent.type, { target, mode: 'silent' }, { cancelable: true });
  }
}

/** Who may monitor calls: an administrator, or a user with the right (the agent's phone checks it too). */
function mayMonitor(me: Me | undefined): boolean {
  return me !== undefined && (me.role === 'admin' || me.permissions.includes('monitor-any-call'));
}

/** Where a pooled call stands, in the locale of the moment. */
const stateWords = (): Readonly<Record<PoolEntry['state'], string>> => ({
  waiting: msg('Waiting'),
  offered: msg('Being offered'),
  handling: msg('In conversation'),
});

/** Who the agent is, for "mine" and "may take". */
function takeable(entry: PoolEntry, me: Me | undefined): boolean {
  if (entry.state === 'handling') return false;
  return !(entry.state === 'offered' && entry.agent !== undefined && entry.agent.id !== me?.id);
}

const styles = css`
  :host {
    display: block;
  }
  section {
    display: grid;
    gap: 0.35rem;
  }
  h2 {
    margin: 0;
    font-size: 0.95rem;
  }
  .list {
    height: var(--cx-pool-height, 16rem);
    overflow: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .row {
    display: grid;
    grid-template-columns: minmax(5rem, 1fr) minmax(7rem, 2fr) 4rem minmax(6rem, 1fr) auto;
    align-items: center;
    gap: 0.5rem;
    width: 100%;
    box-sizing: border-box;
    padding: 0.3rem 0.5rem;
    border-bottom: 1px solid var(--_border);
    min-height: 2.5rem;
  }
  .wait {
    font-variant-numeric: tabular-nums;
  }
  .empty {
    margin: 0;
    padding: 0.5rem;
  }
`;

/**
 * @tagname cx-pool-panel
 * @summary The Voice module's "Calls in pool": calls waiting or being
 * offered in the agent's queues and the calls being handled there, each
 * with its queue, caller, wait time (live) and state, and "Take this call".
 *
 * @event cx-take-request - The agent asked to take a call. Cancelable.
 * @event cx-monitor-request - A supervisor asked to monitor a call being handled (`mode: 'silent'`). Cancelable.
 * @event cx-command-failed - Taking failed (another agent was faster: `already-taken`); the panel says why.
 * @cssproperty --cx-pool-height - Height of the scrolling list (default 16rem).
 * @csspart list - The scrolling list.
 * @csspart row - One call.
 * @csspart take-button - Take this call.
 * @csspart monitor-button - Monitor this call (supervisors and administrators, on calls being handled).
 */
export class CxPoolPanel extends CxElement {
  static override properties: PropertyDeclarations = {
    phone: { attribute: false },
    monitoring: { state: true },
  };

  static override styles = [CxElement.styles, styles];

  /** The agent's phone. */
  phone: PhoneApi | undefined = undefined;

  private readonly pool = new StoreController(this, () => this.phone?.$pool);
  private readonly me = new StoreController(this, () => this.phone?.$me);
  private readonly commands = new CommandController(this);
  private readonly tick = new TickController(this);
  /** The call this supervisor monitors from the pool, and the session. */
  private monitoring: { target: MonitorTarget; session: MonitorSession } | undefined;

  protected override render(): unknown {
    const pool = this.pool.value ?? [];
    const me = this.me.value;
    const now = Date.now();
    this.tick.running = pool.length > 0;
    return html`<section aria-labelledby="pool-title">
      <h2 id="pool-title">${msg('Calls in pool')}</h2>
      ${this.commands.error ? html`<p class="error text" role="alert">${this.commands.error}</p>` : nothing}
      ${pool.length === 0
        ? html`<p class="empty text">${msg('No call is waiting.')}</p>`
        : html`<div part="list" class="list" role="list" aria-label=${msg('Calls in pool')}>
            ${virtualize({
              items: pool as PoolEntry[],
              layout: flow(),
              keyFunction: (entry: PoolEntry) => entry.interactionId,
              renderItem: (entry: PoolEntry) => this.renderEntry(entry, me, now),
            })}
          </div>`}
      ${this.monitoring
        ? html`<cx-monitor-panel .phone=${this.phone} .target=${this.monitoring.target} .session=${this.monitoring.session}></cx-monitor-panel>`
        : nothing}
    </section>`;
  }

  private renderEntry(entry: PoolEntry, me: Me | undefined, now: number): TemplateResult {
    const waited = Math.max(0, Math.floor((now - Date.parse(entry.waitingSince)) / 1000));
    const caller = partyText(entry.caller);
    const words = stateWords()[entry.state];
    const state = entry.agent && entry.state !== 'waiting' ? `${words} · ${entry.agent.name}` : words;
    return html`<div part="row" class="row" role="listitem">
      <span class="queue text"><bdi>${entry.queue.name}</bdi></span>
      <span class="caller text"><bdi>${caller}</bdi></span>
      <span class="wait" aria-label=${msg(str`Waiting for ${formatClock(waited)}`)}>${formatClock(waited)}</span>
      <span class="state text">${state}</span>
      ${takeable(entry, me)
        ? html`<button part="take-button" class="primary" aria-label=${msg('Take this call')} title="${caller}" @click=${() => this.take(entry)}>
            ${msg('Take this call')}
          </button>`
        : entry.state === 'handling' && mayMonitor(me)
          ? html`<button part="monitor-button" aria-label=${msg('Monitor this call')} title="${caller}" @click=${() => this.monitor(entry, caller)}>
              ${msg('Monitor this call')}
            </button>`
          : html`<span></span>`}
    </div>`;
  }

  private async monitor(entry: PoolEntry, caller: string): Promise<void> {
    const phone = this.phone;
    if (!phone) return;
    const target: MonitorTarget = { interactionId: entry.interactionId, label: entry.agent ? `${entry.agent.name} with ${caller}` : caller };
    await this.commands.run(`monitor:${entry.interactionId}`, () =>
      requestCommand(this, new CxPoolMonitorRequestEvent(target), 'monitor', undefined, async () => {
        await this.monitoring?.session.stop();
        const [session] = await Promise.all([phone.monitor(entry.interactionId, { mode: 'silent' }), loadMonitorPanel()]);
        this.monitoring = { target, session };
      }),
    );
  }

  private async take(entry: PoolEntry): Promise<void> {
    const phone = this.phone;
    if (!phone) return;
    await this.commands.run(`take:${entry.interactionId}`, () =>
      requestCommand(this, new CxTakeRequestEvent(entry), 'take', undefined, () => phone.take(entry.interactionId)),
    );
  }
}

if (globalThis.customElements && !customElements.get('cx-pool-panel')) customElements.define('cx-pool-panel', CxPoolPanel);

declare global {
  interface HTMLElementTagNameMap {
    'cx-pool-panel': CxPoolPanel;
  }
  interface HTMLElementEventMap {
    'cx-take-request': CxTakeRequestEvent;
  }
}
