// How <cx-small-banner> is drawn: loaded when a page first shows one (a
// chunk of its own in the script-tag build). The element (small-banner.ts)
// keeps the state, the shortcuts and the events; this draws them.
import { msg } from '@lit/localize';
import type { AgentStatus, CallHandle, ConnectionStatus, PhoneApi } from '@cx/core';
import { html, nothing, type TemplateResult } from 'lit';
import {
  acceptCall,
  agentLabel,
  callerLabel,
  callStateLabel,
  callTypeLabel,
  canHoldOrResume,
  connectionLabel,
  declineCall,
  hangUpCall,
  loadAgentStatus,
  Shortcut,
  toggleHold,
  toggleMute,
  type CommandOutcome,
} from '../index.js';
import { smallBannerStyles } from './small-banner.styles.js';

/** What the element gives its view to draw. */
export interface SmallBannerState {
  /** Where commands are dispatched from (the element). */
  readonly host: HTMLElement;
  readonly phone: PhoneApi | undefined;
  readonly theme: string | undefined;
  readonly connection: ConnectionStatus;
  readonly agent: AgentStatus;
  readonly ringing: CallHandle | undefined;
  readonly current: CallHandle | undefined;
  /** A call the bar may not show is in progress. */
  readonly hidden: boolean;
  readonly error: string;
  keys(shortcut: Shortcut): string | typeof nothing;
  run(command: () => Promise<CommandOutcome>): void;
}

export interface SmallBannerView {
  readonly styles: typeof smallBannerStyles;
  render(state: SmallBannerState): TemplateResult;
}

function myStatus(phone: PhoneApi, theme: string | undefined): TemplateResult {
  void loadAgentStatus().catch(() => undefined);
  return html`<cx-agent-status part="my-status" compact theme=${theme ?? nothing} .phone=${phone}></cx-agent-status>`;
}

function render(state: SmallBannerState): TemplateResult {
const { connection, ringing, current, hidden } = state;
return html`
    <section part="base" class="bar" aria-label=${msg('Phone bar')}>
      <p part="status" class="status ${connection.state}" role="status">
        <span class="dot" aria-hidden="true"></span>
        <span class="text">
          ${connection.state === 'registered' ? agentLabel(state.agent) : connectionLabel(connection)}
        </span>
      </p>
      ${state.phone ? myStatus(state.phone, state.theme) : nothing}
      ${ringing ? renderRinging(state, ringing) : nothing} ${current ? renderCurrent(state, current) : nothing}
      ${hidden ? html`<p part="restricted" class="restricted">${msg('A call is in progress (not shown here).')}</p>` : nothing}
      ${state.error ? html`<p part="error" class="error text" role="alert">${state.error}</p>` : nothing}
    </section>
  `;
}

function renderRinging(state: SmallBannerState, call: CallHandle): TemplateResult {
const { host } = state;
  const { info } = call.snapshot;
  const caller = callerLabel(call.snapshot);
  const type = callTypeLabel(info);
  return html`
    <div part="ringing" class="call ringing ${info.colour}">
      <p class="visually-hidden" role="alert">${msg(html`${type} from <bdi>${caller}</bdi>.`)}</p>
      <span part="call-type" class="badge">${type}</span>
      <span part="caller" class="caller text"><bdi>${caller}</bdi></span>
      <span class="actions">
        <button
          part="accept-button"
          class="success"
          aria-keyshortcuts=${state.keys(Shortcut.Accept)}
          @click=${() => state.run(() => acceptCall(host, call))}
        >
          ${msg('Accept')}
        </button>
        <button
          part="decline-button"
          class="danger"
          aria-keyshortcuts=${state.keys(Shortcut.Decline)}
          @click=${() => state.run(() => declineCall(host, call))}
        >
          ${msg('Decline')}
        </button>
      </span>
    </div>
  `;
}

function renderCurrent(state: SmallBannerState, call: CallHandle): TemplateResult {
const { host } = state;
  const snapshot = call.snapshot;
  const caller = callerLabel(snapshot);
  return html`
    <div part="call" class="call ${snapshot.info.colour}">
      <span part="caller" class="caller text"><bdi>${caller}</bdi></span>
      <span part="state" class="state">${callStateLabel(snapshot)}</span>
      ${snapshot.answeredAt === undefined
        ? nothing
        : html`<span part="timer" class="timer">
            <span class="visually-hidden">${msg('Call time')} </span>
            <cx-call-timer theme=${state.theme ?? nothing} .since=${snapshot.answeredAt}></cx-call-timer>
          </span>`}
      <span class="actions">
        <button
          part="mute-button"
          class="toggle-danger"
          aria-pressed=${snapshot.muted ? 'true' : 'false'}
          aria-keyshortcuts=${state.keys(Shortcut.Mute)}
          ?disabled=${!snapshot.can.mute}
          @click=${() => state.run(() => toggleMute(host, call))}
        >
          ${snapshot.muted ? msg('Reactivate my mic') : msg('Mute my mic')}
        </button>
        <button
          part="hold-button"
          aria-keyshortcuts=${state.keys(Shortcut.Hold)}
          ?disabled=${!canHoldOrResume(snapshot)}
          @click=${() => state.run(() => toggleHold(host, call))}
        >
          ${snapshot.can.resume ? msg('Exit the hold') : msg('Place on hold')}
        </button>
        <button
          part="hang-up-button"
          class="danger"
          aria-keyshortcuts=${state.keys(Shortcut.HangUp)}
          @click=${() => state.run(() => hangUpCall(host, call))}
        >
          ${msg('Hang up')}
        </button>
      </span>
    </div>
  `;
}

export const smallBannerView: SmallBannerView = { styles: smallBannerStyles, render };
