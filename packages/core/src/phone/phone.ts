import { atom, type ReadableAtom } from 'nanostores';
import type { AgentState, AgentStatus, RestingStatus } from '../agent/agent-status.js';
import type { CallHandle } from '../call/call.js';
import { Emitter } from '../emitter.js';
import type { Feature } from '../features/feature.js';
import { Logger } from '../logger.js';
import type { MissedCallEntry } from '../missed/missed-calls.js';
import type { MonitorOptions } from '../monitoring/monitoring-feature.js';
import type { Me, PoolEntry, Voicemail } from '../platform/platform-schemas.js';
import type { ConnectionStatus } from '../sip/sip-agent.js';
import type { TabGroup, TabSeat } from '../tabs/tab-seat.js';
import type { WrapUp, WrapUpCommands } from '../wrap-up/wrap-up-types.js';
import type { PhoneDevices } from '../media/devices-types.js';
import type { NotificationKind, NotificationMode, NotificationSettings } from '../notifications/notification-settings.js';
import type { PhoneContacts } from '../contacts/contact-options.js';
import type { UnansweredSettings } from '../rules/unanswered.js';
import type { UnansweredSettingsChange } from '../unanswered/unanswered-change.js';
import { installLocalFeature, LocalPhone } from './local-phone.js';
import type { CallOptions, PhoneApi } from './phone-api.js';
import type { PhoneApiEventMap } from './phone-events.js';
import type { PhoneOptions, ResolvedPhoneOptions } from './phone-options.js';

export type { CallOptions } from './phone-api.js';

let localOf: (phone: Phone) => LocalPhone;

/** The phone of this tab inside a {@link Phone} (core and its testing kit only). */
export function localPhoneOf(phone: Phone): LocalPhone {
  return localOf(phone);
}

/**
 * The agent's phone, as `createPhone()` makes it: stores to render and
 * commands to give.
 *
 * With `tabs: 'shared'` (the default) one tab per agent holds the SIP
 * registration and the media; in the agent's other tabs the same phone
 * mirrors that one's stores and forwards its commands there, so the page
 * cannot tell. Which tab holds is settled on `connect()`, and again when
 * the holding tab closes (src/tabs/).
 */
export class Phone implements PhoneApi {
  readonly options: ResolvedPhoneOptions;
  /** The link to the SIP server (the holding tab's, in the others). */
  readonly $connection: ReadableAtom<ConnectionStatus>;
  /** Live calls first (newest first), then recently ended ones. */
  readonly $calls: ReadableAtom<readonly CallHandle[]>;
  /** The call the agent is talking on (or dialing, or last held), if any. */
  readonly $activeCall: ReadableAtom<CallHandle | undefined>;
  /** What the agent is doing. */
  readonly $agent: ReadableAtom<AgentStatus>;
  /** The agent's status with its reason, since when, and where it goes back to between calls. */
  readonly $agentState: ReadableAtom<AgentState>;
  /** The agent's profile, rights and queues from the platform (`GET /me`); undefined without a platform or until loaded. */
  readonly $me: ReadableAtom<Me | undefined>;
  /** The calls in the pool the agent may see; empty without a platform. */
  readonly $pool: ReadableAtom<readonly PoolEntry[]>;
  /** Missed calls, newest first. */
  readonly $missedCalls: ReadableAtom<readonly MissedCallEntry[]>;
  /** Voicemail from the platform, newest first; empty without one. */
  readonly $voicemails: ReadableAtom<readonly Voicemail[]>;
  /** The post-interaction in progress (form, draft, time), or undefined. */
  readonly $wrapUp: ReadableAtom<WrapUp | undefined>;
  /** How the agent is told of each kind of event (`off`, `sound`, `desktop`, `both`; docs/notifications.md). */
  readonly $notificationSettings: ReadableAtom<NotificationSettings>;
  /**
   * The agent's unanswered-call notification settings (docs/unanswered-calls.md):
   * this browser's for the agent, then the platform's. Undefined until the
   * phone reads them, on `connect()` (or the first `setUnansweredSettings`):
   * they load with their feature, so the script tag does not carry them.
   */
  readonly $unansweredSettings: ReadableAtom<UnansweredSettings | undefined>;
  /** Commands of the post-interaction: `update`, `save`, `extend`, `end`, `pickContact`, `pickCase`. */
  readonly wrapUp: WrapUpCommands;
  /** Transfer destinations: the platform's directory when there is one, else the `directory` option. */
  readonly directory: PhoneApi['directory'];
  /**
   * Microphones, outputs and the ringer (docs/devices.md). The lists, the
   * choices and the permission are this browser's, so they come from this
   * tab; the `set*` commands go where the media is (the holding tab).
   */
  readonly devices: PhoneDevices;
  /**
   * Local contact folders (vCard, CSV) that name callers after the CRM hook
   * and the platform; the holding tab's, and its commands run there.
   */
  readonly contacts: PhoneContacts;

  readonly #local: LocalPhone;
  readonly #events = new Emitter<PhoneApiEventMap>();
  /** Another tab's phone, mirrored, while that tab holds the registration. */
  readonly #remote = atom<PhoneApi | undefined>(undefined);
  #tabs: Promise<TabGroup | undefined> | undefined;
  readonly #logger: Logger;

  static {
    localOf = (phone) => phone.#local;
  }

  constructor(options: PhoneOptions) {
    const local = new LocalPhone(options, (name, args) => this.#events.emit(name, ...args));
    this.#local = local;
    this.options = local.options;
    this.#logger = new Logger(this.options.log);
    this.#events.onListenerError = (error) => this.#logger.error('A phone event listener threw', error);
    const now = (): PhoneApi => this.#remote.get() ?? local;
    // Each store shows the local phone's, or the mirrored one's while another tab holds.
    const follow = <T>(pick: (phone: PhoneApi) => ReadableAtom<T>): ReadableAtom<T> => {
      const $store = atom(pick(local).get());
      let off = (): void => undefined;
      this.#remote.subscribe((remote) => {
        off();
        off = pick(remote ?? local).subscribe((value) => $store.set(value));
      });
      return $store;
    };
    this.$connection = follow((p) => p.$connection);
    this.$calls = follow((p) => p.$calls);
    this.$activeCall = follow((p) => p.$activeCall);
    this.$agent = follow((p) => p.$agent);
    this.$agentState = follow((p) => p.$agentState);
    this.$me = follow((p) => p.$me);
    this.$pool = follow((p) => p.$pool);
    this.$missedCalls = follow((p) => p.$missedCalls);
    this.$voicemails = follow((p) => p.$voicemails);
    this.$wrapUp = follow((p) => p.$wrapUp);
    this.$notificationSettings = follow((p) => p.$notificationSettings);
    this.$unansweredSettings = follow((p) => p.$unansweredSettings);
    const wrapUp = (name: keyof WrapUpCommands) => (...args: never[]) => (now().wrapUp[name] as (...a: never[]) => unknown)(...args);
    this.wrapUp = {
      update: wrapUp('update'),
      save: wrapUp('save'),
      extend: wrapUp('extend'),
      end: wrapUp('end'),
      pickContact: wrapUp('pickContact'),
      pickCase: wrapUp('pickCase'),
    } as WrapUpCommands;
    this.directory = { search: (text) => now().directory.search(text) };
    this.devices = {
      ...local.devices,
      setInput: (id) => now().devices.setInput(id),
      setOutput: (id) => now().devices.setOutput(id),
      setRinger: (id) => now().devices.setRinger(id),
    };
    this.contacts = {
      $folders: follow((p) => p.contacts.$folders),
      import: (file, options) => now().contacts.import(file, options),
      removeFolder: (id) => now().contacts.removeFolder(id),
    };
  }

  get #now(): PhoneApi {
    return this.#remote.get() ?? this.#local;
  }

  /** Subscribe to an event; returns the function that unsubscribes. */
  on<K extends keyof PhoneApiEventMap>(name: K, fn: (...args: PhoneApiEventMap[K]) => void): () => void {
    return this.#events.on(name, fn);
  }

  /**
   * Connect and register. Resolves once registered (in another tab's
   * phone, once the holding tab is); rejects with `registration-failed` or
   * `connection-failed` within `sip.connectTimeout`. Calling it again tries
   * again.
   */
  async connect(): Promise<void> {
    const group = await this.#group();
    return group ? group.connect() : this.#local.connect();
  }

  /** Hang up every call, unregister and close the connection (in another tab's phone: stop mirroring it). */
  async disconnect(): Promise<void> {
    const group = await this.#tabs;
    return group ? group.disconnect() : this.#local.disconnect();
  }

  /**
   * Hang up, unregister and release everything the phone holds (features,
   * media, listeners); another tab of the agent takes over. Later commands
   * reject with `destroyed`.
   */
  async destroy(): Promise<void> {
    const group = await this.#tabs;
    await group?.leave();
    await this.#local.destroy();
    this.#events.clear();
  }

  /**
   * Places a call (in the tab that holds the registration). `hooks.beforeDial`
   * runs first, here: in the tab where the agent asked for it.
   */
  async call(target: string, options: CallOptions = {}): Promise<CallHandle> {
    const hooks = this.options.hooks;
    // The hook's runner is a chunk of its own, loaded only by pages that have one.
    if (hooks.beforeDial) target = await (await import('../crm/before-dial.js')).beforeDial(hooks, target, options);
    return this.#now.call(target, options);
  }
  setPaused(paused: boolean): void {
    this.#now.setPaused(paused);
  }
  setStatus(status: RestingStatus, options?: { reason?: string }): Promise<void> {
    return this.#now.setStatus(status, options);
  }
  take(interactionId: string): Promise<void> {
    return this.#now.take(interactionId);
  }
  /** Calls back a missed call's number (through `hooks.beforeDial`, origin `call-back`). */
  callBack(entry: Pick<MissedCallEntry, 'caller'>): Promise<CallHandle> {
    return this.call(entry.caller.number, { origin: 'call-back' });
  }
  markHeard(id: string): ReturnType<PhoneApi['markHeard']> {
    return this.#now.markHeard(id);
  }
  voicemailAudio(id: string): Promise<Blob> {
    return this.#now.voicemailAudio(id);
  }
  playVoicemail(id: string): ReturnType<PhoneApi['playVoicemail']> {
    return this.#now.playVoicemail(id);
  }
  allowsSmallBanner(call: CallHandle): boolean {
    return this.#now.allowsSmallBanner(call);
  }
  allowsSmartOutbound(): boolean {
    return this.#now.allowsSmartOutbound();
  }
  merge(a: CallHandle, b: CallHandle): ReturnType<PhoneApi['merge']> {
    return this.#now.merge(a, b);
  }
  monitor(target: string | { readonly interactionId?: string | undefined }, options?: MonitorOptions): ReturnType<PhoneApi['monitor']> {
    return this.#now.monitor(target, options);
  }
  /** Changes how the agent is told of `kind`; rejects with `invalid-options` for an unknown kind or mode. */
  setNotification(kind: NotificationKind, mode: NotificationMode): Promise<void> {
    return this.#now.setNotification(kind, mode);
  }
  /** Changes the unanswered-call settings; rejects with `invalid-options` (and `fields`) for a wrong value, changing nothing. */
  setUnansweredSettings(change: UnansweredSettingsChange): Promise<UnansweredSettings> {
    return this.#now.setUnansweredSettings(change);
  }

  /** A call's peer connection and remote audio (this tab's calls only), for meters and tests. */
  mediaOf(call: CallHandle): ReturnType<LocalPhone['mediaOf']> {
    return this.#local.mediaOf(call);
  }

  /** Whether this tab holds the agent's registration (always, with `tabs: 'independent'`). */
  get holdsRegistration(): boolean {
    return this.#remote.get() === undefined;
  }

  /** The tab group, loaded on the first `connect()` unless `tabs` is `independent` or the browser cannot share. */
  #group(): Promise<TabGroup | undefined> {
    const shared = this.options.tabs === 'shared' && typeof BroadcastChannel === 'function' && !!globalThis.navigator?.locks;
    if (!shared) return Promise.resolve(undefined);
    const seat: TabSeat = {
      local: this.#local,
      mirror: (remote) => this.#remote.set(remote),
      emit: (name, ...args) => this.#events.emit(name, ...args),
      logger: this.#logger,
    };
    return (this.#tabs ??= import('../tabs/tab-group.js').then(
      (m) => m.joinTabs(seat),
      (error: unknown) => {
        this.#logger.warn('No tab group: this tab registers alone', error);
        return undefined;
      },
    ));
  }
}

/** Adds a feature to a phone (once) and returns its API. Core only: features reach a call's legs. */
export function installFeature<Api>(phone: Phone | LocalPhone, feature: Feature<Api>): Api {
  return installLocalFeature(phone instanceof Phone ? localOf(phone) : phone, feature);
}

/** Creates a phone (see DESIGN: `CX.createPhone({ sip, platform })`). */
export function createPhone(options: PhoneOptions): Phone {
  return new Phone(options);
}
