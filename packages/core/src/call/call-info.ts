import type { HotlineMatch } from '../rules/hotline-match.js';

/**
 * What the PBX/ACD told us about an offered call, parsed from the INVITE
 * (DESIGN section 4). Every field is optional on the wire; parsing never
 * throws and every string here is plain text (control and bidi characters
 * removed, length bounded): render it as text, never as markup.
 */

/** Kind of call, from `X-CX-Call-Type` (or inferred: `direct`). */
export const CallType = {
  Smart: 'smart',
  Campaign: 'campaign',
  Preview: 'preview',
  Direct: 'direct',
} as const;
export type CallType = (typeof CallType)[keyof typeof CallType];

/**
 * Popup colour by kind of call: smart routing or campaign = raspberry,
 * direct external = ocean, direct internal = sky, preview = lilac.
 */
export const CallColour = {
  Raspberry: 'raspberry',
  Ocean: 'ocean',
  Sky: 'sky',
  Lilac: 'lilac',
} as const;
export type CallColour = (typeof CallColour)[keyof typeof CallColour];

export type TransferType = 'blind' | 'attended';

export interface TransferInfo {
  type: TransferType;
  /** Who transferred the call (display name or number), '' when unknown. */
  by: string;
}

export interface QueueInfo {
  name: string;
  id: string;
}

export interface RemoteParty {
  /** The user part of the caller's URI (a phone number or an extension); '' when anonymous. */
  number: string;
  /** The caller's display name, sanitised; '' when none. */
  displayName: string;
  /** The caller's SIP URI as text, e.g. `sip:+33123456789@example.com`. */
  uri: string;
  /** True when the caller is one of our users (by domain / extension pattern). */
  internal: boolean;
  /**
   * `number` in E.164 (`+33123456789`), for a CRM to look the caller up:
   * set when it is a phone number (national numbers need the phone's
   * `region` option); absent for extensions, anonymous callers and names.
   */
  e164?: string | undefined;
}

export interface CallInfo {
  remote: RemoteParty;
  interactionId: string | undefined;
  callType: CallType;
  colour: CallColour;
  queue: QueueInfo | undefined;
  /** Seconds the caller waited in the queue. */
  waitTime: number | undefined;
  /** Seconds before the offer is redistributed, when the INVITE says. */
  ringTimeout: number | undefined;
  transfer: TransferInfo | undefined;
  /** The number the customer dialled (X-CX-Called, else the To user). */
  called: string;
  /** Path taken in the routing tree (IVR), as its steps. */
  route: readonly string[];
  /** IVR variables (`X-CX-Data-<Name>`), name as sent -> value. */
  data: Readonly<Record<string, string>>;
  /** Supervisor monitoring request carried by this INVITE, if any. */
  monitor: MonitorInfo | undefined;
  /** The INVITE asked to be answered automatically. */
  autoAnswer: boolean;
  /**
   * What the INVITE says about handling this call from the small banner
   * (`X-CX-Small-Banner: allow|deny`): `true`, `false`, or `undefined`
   * when it says nothing and the agent's profile decides.
   */
  smallBanner: boolean | undefined;
  /** The queue's recording setting for this call (`X-CX-Recording`): wins over `profile.recording`. */
  recording: RecordingPolicy | undefined;
  /**
   * Every header of the INVITE by lower-case name, as plain bounded text
   * (repeated headers joined with `, `; credentials left out): what your
   * PBX or ACD sends beyond the `X-CX-*` contract. Empty for outbound calls.
   */
  headers: Readonly<Record<string, string>>;
  /**
   * The hotline entity the called number reached (docs/hotline.md): its
   * name, greeting and filled template line, as text; absent when none
   * matched or for outbound calls.
   */
  hotline?: HotlineMatch | undefined;
}

export type MonitorMode = 'silent' | 'whisper' | 'barge';

/** What the agent is told of a supervisor on their call (once they whisper or barge in). */
export interface MonitorNotice {
  readonly mode: MonitorMode;
  /** The supervisor's name (else extension), plain text. */
  readonly supervisor: string;
}

/** Whether a call may be recorded: `auto` starts at once, `allowed` on the agent's request, `off` never. */
export type RecordingPolicy = 'auto' | 'allowed' | 'off';
export interface MonitorInfo {
  mode: MonitorMode;
  target: string;
}
