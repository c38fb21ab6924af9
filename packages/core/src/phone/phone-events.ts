import type { AgentStatus } from '../agent/agent-status.js';
import type { Call, CallSnapshot } from '../call/call.js';
import type { ConnectionStatus } from '../sip/sip-agent.js';

/** Every event of `phone.on(name, fn)`, with its listener's arguments. */
export interface PhoneEventMap {
  /** The link to the SIP server changed (connecting, registered, lost, ...). */
  'connection:changed': [status: ConnectionStatus];
  /** An offer is ringing: screen pop time. */
  'call:incoming': [call: Call];
  /** An outbound call was placed. */
  'call:outgoing': [call: Call];
  /** A call was answered (by the agent, or by the callee for outbound calls). */
  'call:accepted': [call: Call];
  /** The agent put a call on hold. */
  'call:held': [call: Call];
  /** The agent took a call off hold. */
  'call:resumed': [call: Call];
  /** The agent's microphone was muted or unmuted on a call. */
  'call:muted': [call: Call, muted: boolean];
  /** Anything about a call changed; `previous` is the snapshot before. */
  'call:changed': [call: Call, previous: CallSnapshot];
  /** A call is over: see `call.snapshot.endReason`. */
  'call:ended': [call: Call];
  /** An offer was not answered: the countdown ran out or the caller hung up first. */
  'call:missed': [call: Call];
  /** A DTMF digit arrived from the other party (SIP INFO). */
  'call:dtmf': [call: Call, digit: string];
  /** The agent status changed. */
  'agent:changed': [status: AgentStatus];
}

export type PhoneEventName = keyof PhoneEventMap;
