import { atom, computed, type ReadableAtom, type WritableAtom } from 'nanostores';
import { AgentController, type AgentReport } from '../agent/agent-controller.js';
import type { AgentState, AgentStatus, RestingStatus } from '../agent/agent-status.js';
import { createCall, type Call, type CallDriver, type CallExtras, type CallHandle, type CallSnapshot } from '../call/call.js';
import type { CallInfo } from '../call/call-info.js';
import type { CallLeg, CallLegListener, DialogId, LegEnd } from '../call/call-leg.js';
import { isMissed, type EndReason } from '../call/call-state.js';
import { parseOffer } from '../call/parse-offer.js';
import { Emitter } from '../emitter.js';
import { CxError, CxErrorCode } from '../errors/cx-error.js';
import type { Feature, FeatureContext, InstalledFeature } from '../features/feature.js';
import { lazyFeature } from '../features/lazy.js';
import { newId } from '../id.js';
import { Logger } from '../logger.js';
import { MediaGraph } from '../media/media-graph.js';
import type { DevicesApi } from '../media/devices.js';
import type { PhoneDevices } from '../media/devices-types.js';
import { lazyDevices } from '../media/lazy-devices.js';
import { routeCalls, type Route } from '../media/routing.js';
import { smallBannerAllows } from '../rules/small-banner-access.js';
import { LegRegistry } from '../sip/leg-registry.js';
import { routeOffer } from '../sip/offer-router.js';
import { SipAgent, type ConnectionStatus, type IncomingOffer } from '../sip/sip-agent.js';
import type { IncomingRefer } from '../sip/sip-leg.js';
import type { TransferApi } from '../transfer/transfer-feature.js';
import type { Conference, ConferenceApi } from '../conference/conference-feature.js';
import { mergeableCalls } from '../conference/merge-rule.js';
import type { RecordingApi } from '../recording/recording-feature.js';
import type { MonitoringApi, MonitorOptions, MonitorSession } from '../monitoring/monitoring-feature.js';
import type { PlatformApi } from '../platform/platform-feature.js';
import type { MissedApi } from '../missed/missed-feature.js';
import type { UnansweredApi } from '../unanswered/unanswered-feature.js';
import type { UnansweredSettingsChange } from '../unanswered/unanswered-change.js';
import type { UnansweredSettings } from '../rules/unanswered.js';
import type { VoicemailApi, VoicemailPlayback } from '../voicemail/voicemail-feature.js';
import type { WrapUpApi } from '../wrap-up/wrap-up-feature.js';
import type { QualityApi } from '../quality/quality-feature.js';
import type { NotificationsApi } from '../notifications/notifications-feature.js';
import type { HotlineApi } from '../hotline/hotline-feature.js';
import type { ContactsApi } from '../contacts/contacts-feature.js';
import type { ContactFolder, PhoneContacts } from '../contacts/contact-options.js';
import type { NotificationKind, NotificationMode, NotificationSettings } from '../notifications/notification-settings.js';
import type { WrapUp, WrapUpCommands } from '../wrap-up/wrap-up-types.js';
import { wrapUpCommands } from '../wrap-up/wrap-up-commands.js';
import type { MissedCallEntry } from '../missed/missed-calls.js';
import type { Me, PoolEntry, Queue, Voicemail } from '../platform/platform-schemas.js';
import { searchDirectory } from '../transfer/directory.js';
import type { DirectoryEntry } from '../transfer/transfer-types.js';
import { CallList } from './call-list.js';
import { parseDialTarget } from './dial-target.js';
import type { CallOptions, PhoneApi } from './phone-api.js';
import type { PhoneEventMap } from './phone-events.js';
import { resolvePhoneOptions, type PhoneOptions, type ResolvedPhoneOptions } from './phone-options.js';


const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]{1,64}$/;
/** How long an interaction the agent took waits for its INVITE, by default. */
const TAKEN_WAIT = 30_000;


/** Rarely used features: loaded (a chunk of their own) when first asked for. */
const LAZY = {
  transfer: lazyFeature<TransferApi>('transfer', () => import('../transfer/transfer-feature.js').then((m) => m.transferFeature)),
  conference: lazyFeature<ConferenceApi>('conference', () => import('../conference/conference-feature.js').then((m) => m.conferenceFeature)),
  recording: lazyFeature<RecordingApi>('recording', () => import('../recording/recording-feature.js').then((m) => m.recordingFeature)),
  monitoring: lazyFeature<MonitoringApi>('monitoring', () => import('../monitoring/monitoring-feature.js').then((m) => m.monitoringFeature)),
  contacts: lazyFeature<ContactsApi>('contacts', () => import('../contacts/contacts-feature.js').then((m) => m.contactsFeature)),
  platform: lazyFeature<PlatformApi>('platform', () => import('../platform/platform-feature.js').then((m) => m.platformFeature)),
  missed: lazyFeature<MissedApi>('missed', () => import('../missed/missed-feature.js').then((m) => m.missedFeature)),
  unanswered: lazyFeature<UnansweredApi>('unanswered', () => import('../unanswered/unanswered-feature.js').then((m) => m.unansweredFeature)),
  voicemail: lazyFeature<VoicemailApi>('voicemail', () => import('../voicemail/voicemail-feature.js').then((m) => m.voicemailFeature)),
  wrapUp: lazyFeature<WrapUpApi>('wrap-up', () => import('../wrap-up/wrap-up-feature.js').then((m) => m.wrapUpFeature)),
  quality: lazyFeature<QualityApi>('quality', () => import('../quality/quality-feature.js').then((m) => m.qualityFeature)),
  notifications: lazyFeature<NotificationsApi>('notifications', () => import('../notifications/notifications-feature.js').then((m) => m.notificationsFeature)),
  devices: lazyFeature<DevicesApi>('devices', () => import('../media/devices.js').then((m) => m.devicesFeature)),
  hotline: lazyFeature<HotlineApi>('hotline', () => import('../hotline/hotline-feature.js').then((m) => m.hotlineFeature)),
};

/** A SIP token (a routing id of `X-CX-Route-Via`). */
const TOKEN = /^[A-Za-z0-9._~+-]{1,128}$/;

/** Handed out by the class's static block: core code (and its testing kit) can add features to a phone. */
let install: <Api>(phone: LocalPhone, feature: Feature<Api>) => Api;

/**
 * The phone of the tab that holds the registration: one SIP registration,
 * its calls and the stores that describe them. `createPhone()` wraps it in
 * a {@link Phone}, which mirrors another tab's instead while that one holds
 * the agent's registration (src/tabs/).
 *
 * It wires the parts and grows with none of them: the SIP agent (transport,
 * registration, legs), offer routing, the media graph, the call list and
 * the features.
 */
export class LocalPhone implements PhoneApi {
  /** The link to the SIP server. */
  readonly $connection: ReadableAtom<ConnectionStatus>;
  /** Live calls first (newest first), then recently ended ones. */
  readonly $calls: ReadableAtom<readonly Call[]>;
  /** The call the agent is talking on (or dialing, or last held), if any. */
  readonly $activeCall: ReadableAtom<Call | undefined>;
  /** What the agent is doing. */
  readonly $agent: ReadableAtom<AgentStatus>;
  /** The agent's status with its reason, since when, and where it goes back to between calls. */
  readonly $agentState: ReadableAtom<AgentState>;
  /** The agent's profile, rights and queues from the platform (`GET /me`); undefined without a platform or until loaded. */
  readonly $me: ReadableAtom<Me | undefined>;
  /** The calls in the pool the agent may see (`GET /pool` and `pool` events); empty without a platform. */
  readonly $pool: ReadableAtom<readonly PoolEntry[]>;
  /** Missed calls, newest first: this phone's and the platform's (filled once connected). */
  readonly $missedCalls: ReadableAtom<readonly MissedCallEntry[]>;
  /** Voicemail from the platform, newest first (`GET /voicemails` and `voicemail` events); empty without one. */
  readonly $voicemails: ReadableAtom<readonly Voicemail[]>;
  /** The post-interaction in progress (form, draft, time), or undefined. */
  readonly $wrapUp: ReadableAtom<WrapUp | undefined>;
  /** How the agent is told of each kind of event: the `notifications` option, then what the agent saved (docs/notifications.md). */
  readonly $notificationSettings: ReadableAtom<NotificationSettings>;
  /** The agent's unanswered-call settings (docs/unanswered-calls.md): undefined until read on `connect()` (this browser's, then the platform's). */
  readonly $unansweredSettings: ReadableAtom<UnansweredSettings | undefined>;
  /** Commands of the post-interaction: `update`, `save`, `extend`, `end`, `pickContact`, `pickCase`. */
  readonly wrapUp: WrapUpCommands = wrapUpCommands(() => this.#feature(LAZY.wrapUp));
  /** Microphones and outputs, the agent's choices and the microphone permission (docs/devices.md). */
  readonly devices: PhoneDevices = lazyDevices((stores) => this.#feature(LAZY.devices).then((devices) => devices.start(this.#graph, stores)));
  readonly #folders = atom<readonly ContactFolder[]>([]);
  /** Local contact folders (vCard, CSV) that name callers after the CRM hook and the platform (docs/phone-api.md "Contact sources"). */
  readonly contacts: PhoneContacts = {
    $folders: this.#folders,
    import: async (file, options) => (await this.#contacts()).import(file, options),
    removeFolder: async (id) => (await this.#contacts()).removeFolder(id),
  };
  readonly options: ResolvedPhoneOptions;

  readonly #logger: Logger;
  readonly #events = new Emitter<PhoneEventMap>();
  readonly #calls = new CallList();
  readonly #drivers = new WeakMap<Call, CallDriver>();
  readonly #ringTimers = new WeakMap<Call, ReturnType<typeof setTimeout>>();
  readonly #agent: AgentController;
  readonly #me = atom<Me | undefined>(undefined);
  readonly #pool = atom<readonly PoolEntry[]>([]);
  readonly #missed = atom<readonly MissedCallEntry[]>([]);
  /** The hotline matcher, once loaded (docs/hotline.md). */
  #hotline: HotlineApi | undefined;
  /** The contacts feature, once loaded (it loads with the phone): it gives calls their caller's number in E.164. */
  #contactsApi: ContactsApi | undefined;
  readonly #voicemails = atom<readonly Voicemail[]>([]);
  readonly #wrapUp = atom<WrapUp | undefined>(undefined);
  readonly #notificationSettings: WritableAtom<NotificationSettings>;
  readonly #unansweredSettings = atom<UnansweredSettings | undefined>(undefined);
  readonly #legs = new LegRegistry();
  readonly #graph: MediaGraph;
  readonly #sip: SipAgent;
  readonly #features = new Map<Feature<unknown>, InstalledFeature<unknown>>();
  readonly #featureRoutes = new Map<string, () => readonly Route[]>();
  readonly #referHandlers = new Set<(refer: IncomingRefer) => boolean>();
  readonly #taken = new Map<string, number>();
  #destroyed = false;
  /** What calls hand to the lazy features. */
  readonly #extras: CallExtras = {
    transfer: (call, target, options) => this.#feature(LAZY.transfer).then((api) => api.transfer(call, target, options)),
    startRecording: (call) => this.#feature(LAZY.recording).then((api) => api.start(call)),
    stopRecording: (call) => this.#feature(LAZY.recording).then((api) => api.stop(call)),
  };

  /** Transfer destinations: the platform's directory when there is one, else the `directory` option. */
  readonly directory = {
    search: async (text: string): Promise<DirectoryEntry[]> =>
      this.options.platform
        ? (await this.#platform()).client.directory(text)
        : searchDirectory(this.options.directory, text),
  };

  static {
    install = <Api>(phone: LocalPhone, feature: Feature<Api>): Api => phone.#install(feature) as Api;
  }

  /** `forward` hears every event first (the tab-aware {@link Phone} re-emits them). */
  constructor(options: PhoneOptions, forward?: Emitter<PhoneEventMap>['tap']) {
    this.options = resolvePhoneOptions(options);
    this.#events.tap = forward;
    this.#logger = new Logger(this.options.log);
    this.#events.onListenerError = (error) => this.#logger.error('A phone event listener threw', error);
    this.#graph = new MediaGraph(this.options.media.getStream ?? getUserMedia, this.#logger);
    this.#sip = new SipAgent(this.options, this.#logger, {
      onOffer: (offer) => this.#handleOffer(offer),
      streamFor: (leg) => this.#graph.streamFor(leg.id),
      referPolicy: (refer) => [...this.#referHandlers].some((handler) => handler(refer)),
      onDialog: (leg, dialog) => {
        this.#legs.update(leg, dialog);
        this.onDialogs?.();
      },
      onReconnected: () => {
        const live = (): CallLeg[] => this.#calls.live().flatMap((call) => this.#liveLeg(call) ?? []);
        if (live().length === 0) return;
        // Loaded when first needed: most connections never drop mid-call.
        import('../sip/dialog-refresh.js')
          .then(({ refreshDialogs }) => refreshDialogs(live(), this.#logger, (leg) => live().includes(leg)))
          .catch((error: unknown) => this.#logger.warn('The calls could not be refreshed after the reconnection', error));
      },
    });
    this.$connection = this.#sip.$status;
    this.$calls = this.#calls.$calls;
    this.$activeCall = this.#calls.$active;
    this.#agent = new AgentController({
      $connection: this.$connection,
      $calls: this.$calls,
      wrapUpOf: (call) => {
        // With a platform, its interactions; without one, every answered call.
        const interactionId = call.info.interactionId ?? (this.options.platform ? undefined : call.id);
        const seconds = this.#queueOf(call.info)?.wrapUpSeconds ?? this.#me.get()?.profile.wrapUpSeconds ?? this.options.profile.wrapUpSeconds;
        return interactionId === undefined ? undefined : { interactionId, seconds };
      },
      report: (report) => this.#report(report),
    });
    this.$agentState = this.#agent.$state;
    this.$agent = this.#agent.$status;
    this.$me = this.#me;
    this.$pool = this.#pool;
    this.$missedCalls = this.#missed;
    this.$voicemails = this.#voicemails;
    this.$wrapUp = this.#wrapUp;
    this.$notificationSettings = this.#notificationSettings = atom(this.options.notifications);
    this.$unansweredSettings = this.#unansweredSettings;
    // Hotline (docs/hotline.md): loaded now when the page gives entities, so that a call shows its company as it
    // rings; else once the platform's /me has some.
    const hotline = (): void =>
      this.#start(LAZY.hotline, (api) => {
        api.start(this.#me);
        this.#hotline = api;
      });
    if (this.options.hotline.entities.length > 0) hotline();
    this.#me.subscribe((me) => me?.hotline?.length && hotline());
    let lastConnection = this.$connection.get();
    this.$connection.listen((status) => {
      if (status !== lastConnection) this.#events.emit('connection:changed', status);
      lastConnection = status;
    });
    let lastAgent: AgentStatus | undefined;
    this.$agent.subscribe((status) => {
      if (lastAgent !== undefined && status !== lastAgent) this.#events.emit('agent:changed', status);
      lastAgent = status;
    });
    // Callers' contacts (the CRM hook, the platform, local folders): loaded
    // now, well before the first call. The file parsers load on the first import.
    this.#contacts().catch((error: unknown) => this.#destroyed || this.#logger.error('The contact lookup could not be loaded', error));
  }

  /** The contacts feature, filling `contacts.$folders`. */
  async #contacts(): Promise<ContactsApi> {
    const api = await this.#feature(LAZY.contacts);
    api.start(this.#folders);
    return (this.#contactsApi = api);
  }

  /** Subscribe to an event; returns the function that unsubscribes. */
  on<K extends keyof PhoneEventMap>(name: K, fn: (...args: PhoneEventMap[K]) => void): () => void {
    return this.#events.on(name, fn);
  }

  /**
   * Connect to the SIP server and register. Resolves once registered;
   * rejects with `registration-failed` or `connection-failed` within
   * `sip.connectTimeout`. Calling it again tries again.
   */
  connect(): Promise<void> {
    // Reading a devices store loads them: the saved microphone is then the one calls open.
    this.devices.$selection.get();
    this.#start(LAZY.missed, (missed) => missed.start(this.#missed));
    this.#start(LAZY.wrapUp, (wrapUp) => wrapUp.start(this.#wrapUp, this.#agent));
    this.#start(LAZY.quality, (quality) => quality.start());
    this.#notifications().catch((error: unknown) => this.#logger.warn('Notifications could not be loaded', error));
    this.#start(LAZY.unanswered, (unanswered) => unanswered.start(this.#unansweredSettings));
    if (this.options.platform) {
      this.#start(LAZY.voicemail, (voicemail) => voicemail.start(this.#voicemails));
      // The profile and the pool load beside the registration; a platform
      // that cannot be reached leaves the phone doing what SIP can do.
      this.#platform()
        .then((platform) => platform.start(this.#platformSinks))
        .catch((error: unknown) => this.#logger.error('The platform could not be reached', error));
    }
    return this.#sip.connect();
  }

  /**
   * The agent becomes available, or paused with a reason (one of
   * `$me.pauseReasons`). Tells the platform (`PUT /me/status`). Paused on a
   * call takes effect when the call ends; available ends the wrap-up.
   * Rejects with `not-connected` while offline.
   */
  async setStatus(status: RestingStatus, options: { reason?: string } = {}): Promise<void> {
    if (this.#destroyed) throw destroyedError();
    if (status !== 'available' && status !== 'paused') {
      throw new CxError(CxErrorCode.InvalidOptions, `The agent can choose "available" or "paused", not "${String(status)}".`);
    }
    this.#agent.choose(status, status === 'paused' ? options.reason : undefined);
    await this.#reporting;
  }

  /**
   * Takes a call from the pool (`POST /pool/{id}/take`): the INVITE that
   * follows for this interaction is answered at once. Rejects with
   * `already-taken` when another agent was faster, `no-platform` without one.
   */
  /** Marks a voicemail heard (`POST /voicemails/{id}/heard`). */
  async markHeard(id: string): Promise<void> {
    await this.#platform();
    await (await this.#feature(LAZY.voicemail)).markHeard(id);
  }

  /** A voicemail's audio (its `audioUrl`, fetched with the token), to play. */
  async voicemailAudio(id: string): Promise<Blob> {
    await this.#platform();
    return (await this.#feature(LAZY.voicemail)).audio(id);
  }

  /** Plays a voicemail to the agent, through the media graph; resolves once it plays. */
  async playVoicemail(id: string): Promise<VoicemailPlayback> {
    await this.#platform();
    return (await this.#feature(LAZY.voicemail)).play(id);
  }

  /** Calls back the number of a missed call; a connected call marks it processed. */
  callBack(entry: Pick<MissedCallEntry, 'caller'>): Promise<Call> {
    return this.call(entry.caller.number);
  }

  /**
   * How the agent is told of `kind` (`ringing`, `missed`,
   * `transferRequested`, `ended`): `off`, `sound`, `desktop` or `both`.
   * Saved for this AOR in the browser, and on the platform when it keeps
   * them. Rejects with `invalid-options` for an unknown kind or mode.
   */
  async setNotification(kind: NotificationKind, mode: NotificationMode): Promise<void> {
    return (await this.#notifications()).set(kind, mode);
  }

  /**
   * Changes the agent's unanswered-call settings (only the fields given);
   * resolves to the whole new settings once saved for this AOR, and on the
   * platform when it keeps them (`PUT /me/unanswered`). Rejects with
   * `invalid-options` (an `UnansweredSettingsError` with `fields`) for a
   * wrong value, changing nothing.
   */
  async setUnansweredSettings(change: UnansweredSettingsChange): Promise<UnansweredSettings> {
    const api = await this.#feature(LAZY.unanswered);
    api.start(this.#unansweredSettings);
    return api.set(change);
  }

  /** The notifications feature, started (it plays and shows only in the phone that is connected). */
  async #notifications(): Promise<NotificationsApi> {
    const api = await this.#feature(LAZY.notifications);
    api.start({ $settings: this.#notificationSettings, $me: this.#me });
    return api;
  }

  async take(interactionId: string): Promise<void> {
    if (this.#destroyed) throw destroyedError();
    await (await this.#platform()).take(interactionId);
  }

  /** Hang up every call, unregister and close the connection. */
  async disconnect(): Promise<void> {
    await Promise.all(this.#calls.live().map((call) => call.hangup().catch(() => undefined)));
    if (this.options.platform) await this.#platform().then((platform) => platform.stop(), () => undefined);
    await this.#sip.disconnect();
  }

  /**
   * Hang up, unregister and release everything the phone holds (features,
   * media, listeners). Later commands reject with `destroyed`.
   */
  async destroy(): Promise<void> {
    if (this.#destroyed) return;
    this.#destroyed = true;
    await this.disconnect();
    await this.#sip.destroy();
    this.#agent.dispose();
    for (const feature of this.#features.values()) feature.dispose();
    this.#features.clear();
    this.#graph.dispose();
    this.#events.clear();
  }

  /**
   * Goes away without a word, as a tab that closes does: the connection
   * drops (no un-REGISTER, no BYE) and the media stops. Final.
   */
  abandon(): void {
    this.#destroyed = true;
    this.#sip.abandon();
    this.#graph.dispose();
  }

  /** Pause or resume taking calls (the agent status becomes `paused`). */
  setPaused(paused: boolean): void {
    this.#agent.choose(paused ? 'paused' : 'available');
  }

  /**
   * Place a call to a number (`+33 1 23 45 67 89`), an extension (`1002`) or
   * a SIP URI. Holds the active call first.
   */
  async call(target: string, options: CallOptions = {}): Promise<Call> {
    if (this.#destroyed) throw destroyedError();
    const dial = parseDialTarget(target, this.options.sip.domain);
    const headers = formatHeaders(options.headers);
    const callerId = options.callerId ?? this.#profile().callerId;
    if (callerId !== undefined) {
      const identity = parseDialTarget(callerId, this.options.sip.domain);
      headers.push(`P-Preferred-Identity: <${identity.uri}>`);
    }
    if (options.via !== undefined) {
      if (typeof options.via !== 'string' || !TOKEN.test(options.via)) {
        throw new CxError(CxErrorCode.InvalidOptions, 'via must be the id of a routing (letters, digits, . _ ~ + -).');
      }
      headers.push(`X-CX-Route-Via: ${options.via}`);
    }
    const state = this.$connection.get().state;
    if (state !== 'registered' && state !== 'connected') {
      throw new CxError(CxErrorCode.NotConnected, 'The phone is not connected to the SIP server.', {
        solutions: ['Call phone.connect() and wait for it to resolve.'],
      });
    }
    const active = this.#calls.live().find((c) => c.state === 'active');
    // A call that ends while being held is no reason not to place this one.
    if (active) await active.hold(true).catch((error: unknown) => {
      if (!active.ended) throw error;
    });
    return this.#placeCall(dial.number, dial.host, (onRinging) => this.#sip.dial(dial.uri, headers, onRinging));
  }

  /** An outbound call over the leg `send` makes: in $calls, routed, announced. */
  #placeCall(number: string, host: string, send: (onRinging: () => void) => CallLeg): Call {
    const info = parseOffer({ headers: [], from: { displayName: '', user: number, host }, to: { user: number, host } }, this.options.internal);
    let call: Call | undefined;
    const leg = send(() => {
      if (call) this.#drivers.get(call)?.commit({ remoteRinging: true });
    });
    call = this.#createCall('outbound', 'dialing', info, leg);
    this.#calls.add(call);
    this.#route();
    this.#events.emit('call:outgoing', call);
    return call;
  }

  /**
   * Whether `call` may be shown and handled from `<cx-small-banner>`: the
   * INVITE's `X-CX-Small-Banner` header when it has one, else the profile's
   * `smallBanner` rule (every call by default; see `smallBannerAllows`).
   */
  allowsSmallBanner(call: CallHandle): boolean {
    // An `X-CX-Small-Banner` header wins, then the platform's queue setting, then the profile.
    return smallBannerAllows(call.info, this.#queueOf(call.info)?.smallBanner ?? this.options.profile.smallBanner);
  }

  /** Whether the agent may place smart outbound calls (`profile.smartOutbound`, or the platform's `smart-outbound` permission). */
  allowsSmartOutbound(): boolean {
    return this.options.profile.smartOutbound || (this.#me.get()?.permissions.includes('smart-outbound') ?? false);
  }

  /**
   * Joins two calls (one active, one on hold) into a 3-way conversation in
   * which each party hears the other two. Allowed when `snapshot.can.merge`.
   */
  async merge(a: CallHandle, b: CallHandle): Promise<Conference> {
    const [first, second] = [a, b].map((call) => this.#calls.live().find((c) => c === call));
    if (!first || !second) throw new CxError(CxErrorCode.InvalidState, 'Merge two calls of this phone that are in progress.');
    return (await this.#feature(LAZY.conference)).merge(first, second);
  }

  /**
   * Supervisor: listens to an agent's call (`silent`), talks to the agent
   * only (`whisper`) or joins the call (`barge`). `target` is the call's
   * interaction id (or a call of the pool); `agent` is the agent's extension
   * or address (needed without a platform).
   */
  async monitor(target: string | { readonly interactionId?: string | undefined }, options: MonitorOptions = {}): Promise<MonitorSession> {
    if (this.#destroyed) throw destroyedError();
    const interactionId = typeof target === 'string' ? target : target?.interactionId;
    if (!interactionId) throw new CxError(CxErrorCode.InvalidOptions, 'Say which call to monitor: its interaction id.');
    return (await this.#feature(LAZY.monitoring)).monitor(interactionId, options);
  }

  /** The media of a live call: its peer connection and remote stream, for meters and tests. */
  mediaOf(call: CallHandle): { peerConnection: RTCPeerConnection | undefined; remoteStream: MediaStream | undefined } {
    const leg = this.#liveLeg(call);
    return { peerConnection: leg?.peerConnection, remoteStream: leg?.remoteStream };
  }

  /** Hears that a call's dialog was set up or changed (the tab host publishes {@link dialogOf}). */
  onDialogs: (() => void) | undefined;

  /** The SIP dialog of a live call (for a tab that may have to take it over with `Replaces`). */
  dialogOf(call: CallHandle): DialogId | undefined {
    return this.#liveLeg(call)?.dialog;
  }

  // ---- inbound --------------------------------------------------------------

  #handleOffer(offer: IncomingOffer): void {
    const info = parseOffer(offer.input, this.options.internal);
    const route = routeOffer(offer.input, info, {
      findDialog: (dialog) => this.#legs.find(dialog),
      isTaken: (id) => (this.#taken.get(id) ?? 0) >= Date.now(),
      // With a platform its rights decide, once the INVITE is in (below).
      acceptsMonitoring: this.options.platform !== undefined || this.#maySupervise(offer.input.from),
    });
    if (route.kind === 'ring' && this.#busyWithWrapUp(info)) {
      this.#logger.info('Refused a queue call with 486: the agent is in post-interaction');
      offer.refuse(486);
      return;
    }
    switch (route.kind) {
      case 'refuse':
        this.#logger.info(`Refused an offer with ${route.statusCode}: ${route.reason}`);
        offer.refuse(route.statusCode);
        return;
      case 'monitor': {
        const leg = offer.leg();
        this.#feature(LAZY.monitoring).then(
          (api) => api.accept(leg, info, offer.input.from.user),
          (error: unknown) => {
            this.#logger.warn('Monitoring could not be loaded', error);
            void leg.reject(500).catch(() => undefined);
          },
        );
        return;
      }
      case 'replace':
        void this.#replace(route.leg, offer.leg(), info);
        return;
      case 'taken':
        this.#taken.delete(route.interactionId);
        this.#ring(offer.leg(), info, true);
        return;
      case 'ring':
        this.#ring(offer.leg(), info, false);
        return;
    }
  }

  /** A call of the ACD while the agent wraps up: refused (so it goes to another agent), unless the profile says otherwise. */
  #busyWithWrapUp(info: CallInfo): boolean {
    const fromQueue = info.callType !== 'direct' && (info.interactionId !== undefined || info.queue !== undefined);
    return fromQueue && this.#agent.$state.get().wrapUp !== undefined && !this.#profile().ringDuringWrapUp;
  }

  #ring(leg: CallLeg, info: CallInfo, taken: boolean): void {
    const seconds = info.ringTimeout ?? this.#profile().ringTimeout;
    // The hotline entity the caller dialled (docs/hotline.md), once its matcher is loaded.
    const call = this.#createCall('inbound', 'ringing', this.#hotline?.match(info) ?? info, leg, Date.now() + seconds * 1000);
    // Open the microphone while it rings, so that answering does not wait
    // for it; in the next task, so that the popup is painted first.
    setTimeout(() => {
      if (!call.ended) this.#graph.prepare();
    }, 0);
    this.#ringTimers.set(
      call,
      setTimeout(() => void this.#expire(call), seconds * 1000),
    );
    this.#calls.add(call);
    this.#logger.info(`Incoming call ${call.id}`);
    this.#events.emit('call:incoming', call);
    if (!call.ended && (taken || info.autoAnswer || this.#profile().autoAnswer)) {
      call.accept().catch((error: unknown) => this.#logger.error('Answering at once failed', error));
    }
  }

  /** The countdown ran out: decline with 480 so the ACD redistributes. */
  async #expire(call: Call): Promise<void> {
    const driver = this.#drivers.get(call);
    if (call.state !== 'ringing' || !driver) return;
    await driver.endWith('ring-timeout', driver.leg.reject(480));
  }

  /** An INVITE with Replaces for one of our dialogs: the call goes on over the new dialog. */
  async #replace(old: CallLeg, leg: CallLeg, info: CallInfo): Promise<void> {
    const call = this.#calls.live().find((c) => this.#drivers.get(c)?.leg === old);
    const driver = call && this.#drivers.get(call);
    if (!call || !driver) {
      await leg.reject(481).catch(() => undefined);
      return;
    }
    this.#adopt(call, leg);
    try {
      await leg.accept();
    } catch (error) {
      this.#logger.warn(`Could not answer the INVITE that replaces call ${call.id}`, error);
      this.#graph.removeLeg(leg.id);
      leg.dispose();
      return;
    }
    if (call.ended || driver.leg !== old) {
      this.#graph.removeLeg(leg.id);
      leg.dispose();
      return;
    }
    const previous = call.info;
    driver.replaceLeg(
      leg,
      Object.freeze({
        ...info,
        interactionId: info.interactionId ?? previous.interactionId,
        queue: info.queue ?? previous.queue,
      }),
    );
    this.#logger.info(`Call ${call.id} now goes on over a new dialog (Replaces)`);
  }

  /**
   * Whether the caller of a monitoring INVITE may monitor this agent:
   * without a platform, when listed in `monitoring.supervisors` (by
   * extension or address). The SIP server must authenticate the From.
   */
  #maySupervise(from: { user: string; host: string }): boolean {
    const address = `sip:${from.user}@${from.host}`.toLowerCase();
    return this.options.monitoring.supervisors.some((who) => who === from.user || who.toLowerCase() === address);
  }

  // ---- calls ---------------------------------------------------------------

  #createCall(direction: 'inbound' | 'outbound', state: 'ringing' | 'dialing', info: CallInfo, leg: CallLeg, ringDeadline?: number): Call {
    const { call, driver } = createCall({
      id: newId('call'),
      direction,
      state,
      info: this.#contactsApi?.withE164(info) ?? info,
      leg,
      onChange: (changed, previous) => this.#handleChange(changed, previous),
      beforeActivate: (target) => this.#holdOthers(target),
      onLegReplaced: (changed, previous) => {
        this.#graph.removeLeg(previous.id);
        void previous.terminate().catch(() => undefined).finally(() => previous.dispose());
        this.#route();
      },
      extras: this.#extras,
      permits: { record: (info.recording ?? this.#queueOf(info)?.recording ?? this.options.profile.recording) !== 'off' },
      ...(ringDeadline === undefined ? {} : { ringDeadline }),
    });
    this.#drivers.set(call, driver);
    this.#adopt(call, leg);
    return call;
  }

  /** Makes `leg` report to `call` and puts it in the media graph. */
  #adopt(call: Call, leg: CallLeg): void {
    this.#graph.addLeg(leg.id, leg);
    const current = (): CallDriver | undefined => {
      const driver = this.#drivers.get(call);
      return driver?.leg === leg ? driver : undefined;
    };
    const listener: CallLegListener = {
      onAnswered: () => current()?.markAnswered(),
      onRemoteRinging: () => current()?.commit({ remoteRinging: true }),
      onEnded: (end) => current()?.end(endReasonOf(call, end), 'statusCode' in end ? end.statusCode : undefined),
      onRemoteHold: (held) => current()?.commit({ remoteHeld: held }),
      onDtmf: (digit) => {
        if (current()) this.#events.emit('call:dtmf', call, digit);
      },
      onRemoteMedia: (stream) => this.#graph.setRemote(leg.id, stream),
    };
    leg.listen(listener);
  }

  #liveLeg(call: CallHandle): CallLeg | undefined {
    const driver = this.#drivers.get(call as Call);
    return driver && !call.ended ? driver.leg : undefined;
  }

  /** At most one active call: hold every other active one. */
  async #holdOthers(target: Call): Promise<void> {
    const conference = target.snapshot.conferenceId;
    for (const other of this.#calls.live()) {
      if (other === target || other.state !== 'active') continue;
      if (conference !== undefined && other.snapshot.conferenceId === conference) continue;
      await other.hold(true);
    }
  }

  #handleChange(call: Call, previous: CallSnapshot): void {
    const now = call.snapshot;
    if (now.state === 'ended') this.#forget(call);
    this.#calls.changed(call);
    this.#route();
    this.#events.emit('call:changed', call, previous);
    if (now.muted !== previous.muted) this.#events.emit('call:muted', call, now.muted);
    if (now.state === previous.state && now.conferenceId === previous.conferenceId) return;
    this.#permitMerges();
    if (now.state === previous.state) return;
    if (now.state === 'active' && previous.answeredAt === undefined) {
      this.#events.emit('call:accepted', call);
      if ((call.info.recording ?? this.#queueOf(call.info)?.recording ?? this.options.profile.recording) === 'auto') {
        call.startRecording().catch((error: unknown) => this.#logger.warn(`Could not record call ${call.id}`, error));
      }
    } else if (now.state === 'held') this.#events.emit('call:held', call);
    else if (now.state === 'active' && previous.state === 'held') this.#events.emit('call:resumed', call);
    if (now.state === 'ended') {
      this.#events.emit('call:ended', call);
      if (isMissed(now)) {
        this.#events.emit('call:missed', call);
        // Loaded with the first missed call: email and SMS notices (docs/unanswered-calls.md).
        this.#feature(LAZY.unanswered)
          .then((unanswered) => unanswered.missed(call))
          .catch((error: unknown) => this.#logger.warn(`Unanswered call ${call.id}: no notification`, error));
      }
    }
  }

  /** `can.merge` for the calls that may be merged now, and for no other. */
  #permitMerges(): void {
    const live = this.#calls.live();
    const mergeable = mergeableCalls(live.map((call) => call.snapshot));
    for (const call of live) this.#drivers.get(call)?.permit({ merge: mergeable.has(call.id) });
  }

  /** An ended call keeps its snapshot; its timer and media go. */
  #forget(call: Call): void {
    clearTimeout(this.#ringTimers.get(call));
    this.#ringTimers.delete(call);
    const leg = this.#drivers.get(call)?.leg;
    if (leg) this.#graph.removeLeg(leg.id);
  }

  /** Puts the routing matrix of the calls (and of the features) in force. */
  #route(): void {
    const calls = this.#calls.live().flatMap((call) => {
      const leg = this.#drivers.get(call)?.leg;
      return leg ? [{ legId: leg.id, state: call.state, muted: call.muted }] : [];
    });
    this.#graph.route(routeCalls(calls, [...this.#featureRoutes.values()].flatMap((routes) => routes())));
  }

  // ---- platform ----------------------------------------------------------------

  #reporting: Promise<void> = Promise.resolve();

  readonly #platformSinks = {
    $me: this.#me,
    $pool: this.#pool,
    status: (answer: { status: 'available' | 'paused' | 'post-interaction' | 'offline'; reason?: string | undefined }) =>
      this.#agent.platform(answer.reason === undefined ? { type: 'platform', status: answer.status } : { type: 'platform', status: answer.status, reason: answer.reason }),
  };

  #platform(): Promise<PlatformApi> {
    if (!this.options.platform) {
      return Promise.reject(new CxError(CxErrorCode.NoPlatform, 'This needs the platform option (DESIGN section 7).'));
    }
    return this.#feature(LAZY.platform);
  }

  /** The agent's status changed in a way the platform must hear of. */
  #report(report: AgentReport): void {
    if (!this.options.platform || this.#destroyed) return;
    this.#reporting = this.#platform()
      .then((platform) => platform.report(report))
      .catch((error: unknown) => this.#logger.warn('The status could not be sent to the platform', error));
  }

  /** The platform's settings of the queue a call came from. */
  #queueOf(info: CallInfo): Queue | undefined {
    const queues = this.#me.get()?.queues;
    const queue = info.queue;
    if (!queues || !queue) return undefined;
    return queues.find((q) => queue.id !== '' && q.id === queue.id) ?? queues.find((q) => q.name === queue.name);
  }

  /** The profile in force: the page's options, then the agent's profile from the platform. */
  #profile(): ResolvedPhoneOptions['profile'] {
    const me = this.#me.get();
    if (!me) return this.options.profile;
    const { ringTimeout, autoAnswer, callerId, ringDuringWrapUp } = me.profile;
    return { ...this.options.profile, ringTimeout, autoAnswer, ...(callerId === undefined ? {} : { callerId }), ...(ringDuringWrapUp === undefined ? {} : { ringDuringWrapUp }) };
  }

  // ---- features --------------------------------------------------------------

  /** Loads a feature the phone runs once connected, and starts it. */
  #start<Api>(load: () => Promise<Feature<Api>>, start: (api: Api) => void): void {
    this.#feature(load).then(start, (error: unknown) => this.#logger.warn('A feature could not be loaded', error));
  }

  /** A lazy feature, installed on this phone once loaded; its API. */
  async #feature<Api>(load: () => Promise<Feature<Api>>): Promise<Api> {
    const feature = await load();
    if (this.#destroyed) throw destroyedError();
    return this.#install(feature) as Api;
  }

  /** Installs a feature once; returns its API. */
  #install(feature: Feature<unknown>): unknown {
    const known = this.#features.get(feature);
    if (known) return known.api;
    const context: FeatureContext = {
      options: this.options,
      logger: this.#logger,
      $calls: this.$calls,
      on: (name, fn) => this.#events.on(name, fn),
      emit: (name, ...args) => this.#events.emit(name, ...args),
      annotate: (call, patch) => this.#drivers.get(call)?.commit(patch),
      platform: () => this.#platform(),
      permit: (call, permits) => this.#drivers.get(call)?.permit(permits),
      call: (target, options) => this.call(target, options),
      release: async (call, reason) => {
        const driver = this.#drivers.get(call);
        if (!driver || call.ended) return;
        await driver.endWith(reason, driver.leg.terminate());
      },
      followRefer: (refer) => {
        const target = parseDialTarget(refer.target.replace(/^(sips?:[^?;>]*).*$/, '$1'), this.options.sip.domain);
        return this.#placeCall(target.number, target.host, (onRinging) => refer.follow(onRinging));
      },
      legOf: (call) => this.#liveLeg(call),
      setRoutes: (routes) => {
        this.#featureRoutes.set(feature.name, routes);
        this.#route();
      },
      reroute: () => this.#route(),
      openLeg: (uri, headers) => this.#sip.dial(uri, headers, () => undefined),
      media: {
        addLeg: (leg) => this.#graph.addLeg(leg.id, leg),
        setRemote: (leg, stream) => this.#graph.setRemote(leg.id, stream),
        removeLeg: (leg) => {
          this.#graph.removeLeg(leg.id);
          this.#route();
        },
        tap: (sources) => this.#graph.tap(sources),
        routes: () => this.#graph.routes,
        addPlayback: (element) => this.#graph.addPlayback(element),
        ringer: () => this.#graph.ringer(),
      },
      expectTaken: (interactionId, withinMs = TAKEN_WAIT) => {
        this.#taken.set(interactionId, Date.now() + withinMs);
      },
      onRefer: (handler) => {
        this.#referHandlers.add(handler);
        return () => void this.#referHandlers.delete(handler);
      },
    };
    const installed = feature.install(context);
    this.#features.set(feature, installed);
    return installed.api;
  }
}

/** Adds a feature to a phone (once) and returns its API. Core only: features reach a call's legs. */
export function installLocalFeature<Api>(phone: LocalPhone, feature: Feature<Api>): Api {
  return install(phone, feature);
}

function getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream> {
  if (!globalThis.navigator?.mediaDevices?.getUserMedia) {
    return Promise.reject(new CxError(CxErrorCode.MediaFailed, 'This browser cannot open a microphone (no mediaDevices).'));
  }
  return navigator.mediaDevices.getUserMedia(constraints);
}

function destroyedError(): CxError {
  return new CxError(CxErrorCode.Destroyed, 'This phone was destroyed.', { solutions: ['Create a new phone with createPhone().'] });
}

function endReasonOf(call: Call, end: LegEnd): EndReason {
  switch (end.kind) {
    case 'caller-cancelled':
      return call.state === 'ringing' ? 'caller-cancelled' : 'remote-hangup';
    case 'rejected':
      return 'rejected';
    case 'failed':
      return 'failed';
    default:
      return call.state === 'dialing' ? 'rejected' : 'remote-hangup';
  }
}

function formatHeaders(headers: Readonly<Record<string, string>> | undefined): string[] {
  if (!headers) return [];
  return Object.entries(headers).map(([name, value]) => {
    if (!HEADER_NAME.test(name) || typeof value !== 'string' || /[\r\n\0]/.test(value) || value.length > 4096) {
      throw new CxError(CxErrorCode.InvalidOptions, `The header "${name.slice(0, 64)}" is not a valid SIP header.`, {
        solutions: ['Header names are SIP tokens; values are one line of at most 4096 characters.'],
      });
    }
    return `${name}: ${value}`;
  });
}
