import type { Call, CallState } from '@cx/core';
import {
  CxAcceptRequestEvent,
  CxDeclineRequestEvent,
  CxHangUpRequestEvent,
  CxHoldRequestEvent,
  CxMuteRequestEvent,
} from '../events/request-events.js';
import { requestCommand, type CommandOutcome } from './request-command.js';

/*
 * The agent's commands on a call, as every element gives them: the
 * cancelable request event from `host` first, then the call's command.
 */

const MUTABLE: readonly CallState[] = ['dialing', 'connecting', 'active', 'held'];

/** Whether the agent's mic can be muted or reactivated on a call in this state. */
export function canMute(state: CallState): boolean {
  return MUTABLE.includes(state);
}

/** Whether a call in this state can be placed on hold or taken off hold. */
export function canHold(state: CallState): boolean {
  return state === 'active' || state === 'held';
}

export function acceptCall(host: EventTarget, call: Call): Promise<CommandOutcome> {
  return requestCommand(host, new CxAcceptRequestEvent({ call }), 'accept', call, () => call.accept());
}

export function declineCall(host: EventTarget, call: Call): Promise<CommandOutcome> {
  return requestCommand(host, new CxDeclineRequestEvent({ call }), 'decline', call, () => call.decline());
}

export function hangUpCall(host: EventTarget, call: Call): Promise<CommandOutcome> {
  return requestCommand(host, new CxHangUpRequestEvent({ call }), 'hang-up', call, () => call.hangup());
}

/** Mutes the agent's mic on `call`, or reactivates it. */
export function toggleMute(host: EventTarget, call: Call): Promise<CommandOutcome> {
  const muted = !call.muted;
  return requestCommand(host, new CxMuteRequestEvent({ call, muted }), 'mute', call, () => call.mute(muted));
}

/** Places `call` on hold, or takes it off hold (which holds the phone's other active call). */
export function toggleHold(host: EventTarget, call: Call): Promise<CommandOutcome> {
  return setHeld(host, call, call.state === 'active');
}

export function setHeld(host: EventTarget, call: Call, held: boolean): Promise<CommandOutcome> {
  return requestCommand(host, new CxHoldRequestEvent({ call, held }), held ? 'hold' : 'resume', call, () =>
    call.hold(held),
  );
}
