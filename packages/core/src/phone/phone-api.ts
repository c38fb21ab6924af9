import type { ReadableAtom } from 'nanostores';
import type { AgentState, AgentStatus, RestingStatus } from '../agent/agent-status.js';
import type { Me, PoolEntry, Voicemail } from '../platform/platform-schemas.js';
import type { MissedCallEntry } from '../missed/missed-calls.js';
import type { CallHandle } from '../call/call.js';
import type { ConnectionStatus } from '../sip/sip-agent.js';
import type { PhoneApiEventMap } from './phone-events.js';
import type { DirectoryEntry } from '../transfer/transfer-types.js';
import type { Conference } from '../conference/conference-feature.js';
import type { MonitorOptions, MonitorSession } from '../monitoring/monitoring-feature.js';
import type { WrapUp, WrapUpCommands } from '../wrap-up/wrap-up-types.js';
import type { PhoneDevices } from '../media/devices-types.js';
import type { VoicemailPlayback } from '../voicemail/voicemail-feature.js';
import type { NotificationKind, NotificationMode, NotificationSettings } from '../notifications/notification-settings.js';
import type { PhoneContacts } from '../contacts/contact-options.js';
import type { UnansweredSettings } from '../rules/unanswered.js';
import type { UnansweredSettingsChange } from '../unanswered/unanswered-change.js';
import type { DialOrigin } from '../crm/crm-types.js';

/** Options of `phone.call()`. */
export interface CallOptions {
  /** Extra SIP headers for the INVITE, e.g. `{ 'X-CX-Queue': 'Sales' }`. */
  headers?: Readonly<Record<string, string>>;
  /** The number the callee sees (`P-Preferred-Identity`); default `profile.callerId`. */
  callerId?: string;
  /** A smart outbound call: the routing it goes through (`X-CX-Route-Via`). */
  via?: string;
  /** What placed the call, as `hooks.beforeDial` is told (default `call`). */
  origin?: DialOrigin;
}

/**
 * A phone as the elements use it: stores to render and commands to give.
 * `Phone` is one; a phone mirrored from another tab, or a test double, can
 * be another, and the elements render it the same.
 */
export interface PhoneApi {
  readonly $connection: ReadableAtom<ConnectionStatus>;
  readonly $calls: ReadableAtom<readonly CallHandle[]>;
  readonly $activeCall: ReadableAtom<CallHandle | undefined>;
  readonly $agent: ReadableAtom<AgentStatus>;
  readonly $agentState: ReadableAtom<AgentState>;
  /** The agent's profile, rights and queues from the platform; undefined without one. */
  readonly $me: ReadableAtom<Me | undefined>;
  /** The calls in the pool; empty without a platform. */
  readonly $pool: ReadableAtom<readonly PoolEntry[]>;
  /** Missed calls, newest first (this phone's and the platform's). */
  readonly $missedCalls: ReadableAtom<readonly MissedCallEntry[]>;
  /** Voicemail from the platform, newest first; empty without one. */
  readonly $voicemails: ReadableAtom<readonly Voicemail[]>;
  /** The post-interaction in progress, or undefined. */
  readonly $wrapUp: ReadableAtom<WrapUp | undefined>;
  /** Commands of the post-interaction. */
  readonly wrapUp: WrapUpCommands;
  on<K extends keyof PhoneApiEventMap>(name: K, fn: (...args: PhoneApiEventMap[K]) => void): () => void;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  call(target: string, options?: CallOptions): Promise<CallHandle>;
  setPaused(paused: boolean): void;
  /** Available, or paused with a reason; tells the platform. */
  setStatus(status: RestingStatus, options?: { reason?: string }): Promise<void>;
  /** Takes a call from the pool; the INVITE that follows is answered at once. */
  take(interactionId: string): Promise<void>;
  /** Calls back a missed call's number. */
  callBack(entry: Pick<MissedCallEntry, 'caller'>): Promise<CallHandle>;
  /** Marks a voicemail heard. */
  markHeard(id: string): Promise<void>;
  /** A voicemail's audio, fetched with the token. */
  voicemailAudio(id: string): Promise<Blob>;
  /** Plays a voicemail to the agent (through the media graph); resolves once it plays. */
  playVoicemail(id: string): Promise<VoicemailPlayback>;
  /** Whether `call` may be shown and handled from `<cx-small-banner>`. */
  allowsSmallBanner(call: CallHandle): boolean;
  /** Whether the agent may place smart outbound calls (through a routing). */
  allowsSmartOutbound(): boolean;
  /** Joins two calls into a 3-way conversation (`snapshot.can.merge`). */
  merge(a: CallHandle, b: CallHandle): Promise<Conference>;
  /** Supervisor: monitors an agent's call. */
  monitor(target: string | { readonly interactionId?: string | undefined }, options?: MonitorOptions): Promise<MonitorSession>;
  /** Transfer destinations. */
  readonly directory: { search(text: string): Promise<DirectoryEntry[]> };
  /** Microphones, outputs and the ringer: lists, the agent's choices, the microphone permission (docs/devices.md). */
  readonly devices: PhoneDevices;
  /** How the agent is told of each kind of event (docs/notifications.md). */
  readonly $notificationSettings: ReadableAtom<NotificationSettings>;
  /** Changes one kind's mode; saved for this agent (browser, and platform when there is one). */
  setNotification(kind: NotificationKind, mode: NotificationMode): Promise<void>;
  /** The agent's unanswered-call notification settings: email, SMS, exceptions, exclusion list (docs/unanswered-calls.md); undefined until read (on `connect()`). */
  readonly $unansweredSettings: ReadableAtom<UnansweredSettings | undefined>;
  /** Changes some of them; resolves to the whole new settings once saved (browser, and platform when it keeps them). */
  setUnansweredSettings(change: UnansweredSettingsChange): Promise<UnansweredSettings>;
  /** Local contact folders (vCard, CSV files) that name callers; `import` and `removeFolder` run in the tab that holds the calls. */
  readonly contacts: PhoneContacts;
}
