import type { CallHandle, CallSnapshot, PhoneApi, Transfer, TransferMode, TransferTarget } from '@cx/core';
import {
  CxAcceptRequestEvent,
  CxDeclineRequestEvent,
  CxHangUpRequestEvent,
  CxHoldRequestEvent,
  CxMergeRequestEvent,
  CxMuteRequestEvent,
  CxRecordRequestEvent,
  CxTransferRequestEvent,
} from '../events/request-events.js';
import { requestCommand, type CommandOutcome } from './request-command.js';

/*
 * The agent's commands on a call, as every element gives them: the
 * cancelable request event from `host` first, then the call's command.
 */

/** Whether the hold toggle (Place on hold / Exit the hold) can be used now. */
export function canHoldOrResume(snapshot: CallSnapshot): boolean {
  return snapshot.can.hold || snapshot.can.resume;
}

export function acceptCall(host: EventTarget, call: CallHandle): Promise<CommandOutcome> {
  return requestCommand(host, new CxAcceptRequestEvent({ call }), 'accept', call, () => call.accept());
}

export function declineCall(host: EventTarget, call: CallHandle): Promise<CommandOutcome> {
  return requestCommand(host, new CxDeclineRequestEvent({ call }), 'decline', call, () => call.decline());
}

export function hangUpCall(host: EventTarget, call: CallHandle): Promise<CommandOutcome> {
  return requestCommand(host, new CxHangUpRequestEvent({ call }), 'hang-up', call, () => call.hangup());
}

/** Mutes the agent's mic on `call`, or reactivates it. */
export function toggleMute(host: EventTarget, call: CallHandle): Promise<CommandOutcome> {
  const muted = !call.muted;
  return requestCommand(host, new CxMuteRequestEvent({ call, muted }), 'mute', call, () => call.mute(muted));
}

/** Places `call` on hold, or takes it off hold (which holds the phone's other active call). */
export function toggleHold(host: EventTarget, call: CallHandle): Promise<CommandOutcome> {
  return setHeld(host, call, call.snapshot.can.hold);
}

export function setHeld(host: EventTarget, call: CallHandle, held: boolean): Promise<CommandOutcome> {
  return requestCommand(host, new CxHoldRequestEvent({ call, held }), held ? 'hold' : 'resume', call, () =>
    call.hold(held),
  );
}

/** Transfers `call` (blind: "Transfer and hang up"; attended: "Start the attended transfer"); the Transfer in `started`. */
export function transferCall(
  host: EventTarget,
  call: CallHandle,
  target: TransferTarget,
  mode: TransferMode,
  started?: (transfer: Transfer) => void,
): Promise<CommandOutcome> {
  return requestCommand(host, new CxTransferRequestEvent({ call, target, mode }), 'transfer', call, async () => {
    const transfer = await call.transfer(target, { mode });
    started?.(transfer);
  });
}

/** Merges `call` and `other` into a 3-way conversation. */
export function mergeCalls(host: EventTarget, phone: PhoneApi, call: CallHandle, other: CallHandle): Promise<CommandOutcome> {
  return requestCommand(host, new CxMergeRequestEvent({ call, other }), 'merge', call, () => phone.merge(call, other));
}

/** Starts recording `call`, or stops. */
export function toggleRecording(host: EventTarget, call: CallHandle): Promise<CommandOutcome> {
  const recording = !call.snapshot.recording;
  return requestCommand(host, new CxRecordRequestEvent({ call, recording }), 'record', call, () =>
    recording ? call.startRecording() : call.stopRecording(),
  );
}
