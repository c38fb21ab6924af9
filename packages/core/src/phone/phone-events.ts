import type { AgentStatus } from '../agent/agent-status.js';
import type { DeviceChange } from '../media/devices-types.js';
import type { Call, CallHandle, CallSnapshot } from '../call/call.js';
import type { MonitorNotice } from '../call/call-info.js';
import type { QualitySample } from '../quality/quality-types.js';
import type { ConnectionStatus } from '../sip/sip-agent.js';
import type { Transfer } from '../transfer/transfer-types.js';
import type { CallRecord } from '../wrap-up/wrap-up-types.js';
import type { NotificationKind } from '../notifications/notification-settings.js';
import type { Contact } from '../contacts/contact-options.js';
import type { UnansweredNotice } from '../unanswered/unanswered-messages.js';

/** Every event of `phone.on(name, fn)`, with its listener's arguments; `C` is how calls are handed out. */
export interface PhoneEvents<C extends CallHandle> {
  /** The link to the SIP server changed (connecting, registered, lost, ...). */
  'connection:changed': [status: ConnectionStatus];
  /** An offer is ringing: screen pop time. */
  'call:incoming': [call: C];
  /** An outbound call was placed. */
  'call:outgoing': [call: C];
  /** A call was answered (by the agent, or by the callee for outbound calls). */
  'call:accepted': [call: C];
  /** The agent put a call on hold. */
  'call:held': [call: C];
  /** The agent took a call off hold. */
  'call:resumed': [call: C];
  /** The agent's microphone was muted or unmuted on a call. */
  'call:muted': [call: C, muted: boolean];
  /** Anything about a call changed; `previous` is the snapshot before. */
  'call:changed': [call: C, previous: CallSnapshot];
  /** A call is over: see `call.snapshot.endReason`. */
  'call:ended': [call: C];
  /** An offer was not answered: the countdown ran out or the caller hung up first. */
  'call:missed': [call: C];
  /** A DTMF digit arrived from the other party (SIP INFO). */
  'call:dtmf': [call: C, digit: string];
  /** The agent status changed. */
  'agent:changed': [status: AgentStatus];
  /** A transfer moved (trying, ringing, consulting, completed, failed, cancelled). */
  'transfer:changed': [call: C, transfer: Transfer];
  /** A recording of the call started. */
  'recording:started': [call: C];
  /** It stopped (the file follows with `recording:ready`). */
  'recording:stopped': [call: C];
  /** The file of a recording: Opus in WebM (or Ogg), `duration` in seconds. */
  'recording:ready': [call: C, recording: RecordingFile];
  /** Agent side: a supervisor's monitoring of a call changed mode (shown only once they whisper or barge in). */
  'monitor:changed': [call: C, monitor: MonitorNotice];
  /** Agent side: the supervisor who had spoken up stopped monitoring the call. */
  'monitor:ended': [call: C];
  /** A call and its post-interaction (if any) are over: the record to store in the CRM. */
  'call:logged': [call: C, record: CallRecord];
  /**
   * A sample of an answered call's quality (every 2 s while it is active):
   * estimated MOS, round-trip time, jitter, packet loss, and the warnings in
   * force after it (raised and cleared with hysteresis, as Twilio's SDK
   * does; docs/reliability.md). `call.snapshot.quality` has the warnings too.
   */
  'call:quality': [call: C, quality: QualitySample];
  /**
   * A chosen device (microphone, output or ringer) was unplugged during a
   * call: the browser's default is used now (`to` is `''`) and the call goes
   * on. Emitted by the tab that holds the media (docs/devices.md).
   */
  'device:changed': [change: DeviceChange];
  /**
   * The agent clicked a desktop notification of this call (its page was
   * focused first): bring the call forward (the Banner focuses its popup).
   */
  'notification:clicked': [call: C, kind: NotificationKind];
  /**
   * `contacts.autoOpen`: the moment to open this call's contact card (once
   * per call; `hooks.openContact` is called at the same time, in the tab
   * that holds the calls). Every tab of the agent hears it.
   */
  'contact:open': [call: C, contact: Contact];
  /**
   * A call nobody answered gives this message (docs/unanswered-calls.md):
   * once per email and once per SMS the agent's settings ask for, from the
   * tab that holds the calls; with a platform it is also posted to it
   * (`POST /notifications`). Every tab of the agent hears it.
   */
  'unanswered:notify': [call: C, notice: UnansweredNotice];
}

/** A finished recording. */
export interface RecordingFile {
  readonly blob: Blob;
  /** Seconds. */
  readonly duration: number;
  readonly mimeType: string;
}


/** The events of a `Phone`. */
export type PhoneEventMap = PhoneEvents<Call>;

/** The events of any `PhoneApi` (calls as `CallHandle`s). */
export type PhoneApiEventMap = PhoneEvents<CallHandle>;

export type PhoneEventName = keyof PhoneEventMap;
