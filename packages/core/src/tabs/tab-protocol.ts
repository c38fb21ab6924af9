// What the agent's tabs say to each other over their BroadcastChannel. The
// holding tab ("host") publishes its phone's stores, calls and events and
// runs the commands the other tabs ("mirrors") forward; everything is plain
// data (structured clone): calls, transfers and errors travel as records
// and are rebuilt on the other side.
import type { CallSnapshot } from '../call/call.js';
import type { DialogId } from '../call/call-leg.js';
import type { MonitorMode } from '../call/call-info.js';
import type { MonitorState } from '../monitoring/monitoring-feature.js';
import type { TransferSnapshot } from '../transfer/transfer-types.js';

/** Bump when a message changes shape: tabs of another version ignore each other. */
export const PROTOCOL = 1;

/** The phone's stores as the host publishes them. */
export interface WireStores {
  connection: unknown;
  agent: unknown;
  agentState: unknown;
  me: unknown;
  pool: unknown;
  missedCalls: unknown;
  voicemails: unknown;
  wrapUp: unknown;
  notificationSettings: unknown;
  unansweredSettings: unknown;
  /** `phone.devices` of the holding tab: the lists, the choices and the permission. */
  inputs: unknown;
  outputs: unknown;
  deviceSelection: unknown;
  microphonePermission: unknown;
  /** `phone.contacts.$folders` of the holding tab. */
  contactFolders: unknown;
  smartOutbound: boolean;
}

/** A call as it travels: its snapshot and what the host decides for it. */
export interface WireCall {
  readonly snapshot: CallSnapshot;
  /** `phone.allowsSmallBanner(call)` on the host. */
  readonly smallBanner: boolean;
  /** The SIP dialog of an answered call: another tab may take it over with `Replaces` if this one closes. */
  readonly dialog?: DialogId | undefined;
}

/** A value of a command's result or an event's argument. */
export type Wire =
  | { readonly $call: WireCall }
  | { readonly $transfer: { id: string; callId: string; consultationId: string | undefined; snapshot: TransferSnapshot } }
  | { readonly $conference: { id: string; callIds: string[] } }
  | { readonly $monitor: { id: string; mode: MonitorMode; state: MonitorState } }
  | { readonly $playback: { id: string; ended: boolean } }
  | { readonly $error: WireError }
  | { readonly $plain: unknown };

export interface WireError {
  code: string;
  message: string;
  solutions?: readonly string[];
  statusCode?: number | undefined;
  fields?: Readonly<Record<string, string>>;
}

/** What a command acts on. */
export type CommandTarget =
  | { kind: 'phone' }
  | { kind: 'wrapUp' }
  | { kind: 'directory' }
  | { kind: 'devices' }
  | { kind: 'contacts' }
  | { kind: 'call' | 'transfer' | 'monitor' | 'conference' | 'playback'; id: string };

/** From the host, to every tab. */
export type HostMessage = { v: typeof PROTOCOL; host: string } & (
  | { t: 'stores'; stores: Partial<WireStores> }
  | { t: 'call'; call: WireCall }
  | { t: 'calls'; ids: string[]; active: string | undefined }
  | { t: 'event'; name: string; args: Wire[] }
  | { t: 'object'; value: Wire }
  | { t: 'result'; to: string; id: number; ok: boolean; value: Wire }
  /** The host is leaving (its tab closes): these calls go with it. */
  | { t: 'bye'; live: string[] }
);

/** From a mirror, to the host. */
export type MirrorMessage = { v: typeof PROTOCOL; from: string } & (
  | { t: 'hello' }
  /** The tab goes away (or stops mirroring). */
  | { t: 'leave' }
  | { t: 'command'; id: number; target: CommandTarget; method: string; args: Wire[] }
);

/** The channel and lock name of an agent's tabs. */
export function groupName(key: string): string {
  return `cx-banner.tabs.v${PROTOCOL}:${key}`;
}
