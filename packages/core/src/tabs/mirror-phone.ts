// The phone of a tab that does not hold the registration: the holding
// tab's stores and calls, mirrored, and commands forwarded to it. Part of
// the tabs chunk.
import { atom, type WritableAtom } from 'nanostores';
import {
  abilitiesOf,
  CxError,
  DEFAULT_NOTIFICATIONS,
  CxErrorCode,
  type AgentState,
  type AgentStatus,
  type CallHandle,
  type CallOptions,
  type CallSnapshot,
  type Conference,
  type ContactFolder,
  type DirectoryEntry,
  type Me,
  type MissedCallEntry,
  type MonitorMode,
  type MonitorOptions,
  type MonitorSession,
  type MonitorState,
  type NotificationKind,
  type NotificationMode,
  type NotificationSettings,
  type UnansweredSettings,
  type UnansweredSettingsChange,
  type DeviceSelection,
  type MediaDeviceEntry,
  type MicrophonePermission,
  type PhoneDevices,
  type PhoneContacts,
  type PhoneApi,
  type PhoneApiEventMap,
  type PoolEntry,
  type RestingStatus,
  type Transfer,
  type TransferOptions,
  type TransferSnapshot,
  type TransferState,
  type TransferTarget,
  type Voicemail,
  type VoicemailPlayback,
  type WrapUp,
  type WrapUpCommands,
} from '../index.js';
import type { ConnectionStatus } from '../sip/sip-agent.js';
import type { DialogId } from '../call/call-leg.js';
import { PROTOCOL, type CommandTarget, type HostMessage, type MirrorMessage, type Wire, type WireCall, type WireError } from './tab-protocol.js';

/** Longest wait for the holding tab to answer a command (a post-interaction save may retry for a while). */
const COMMAND_TIMEOUT = 60_000;

type Emit = <K extends keyof PhoneApiEventMap>(name: K, ...args: PhoneApiEventMap[K]) => void;

/**
 * Another tab's phone as this tab sees it. Fed by {@link MirrorPhone.receive}
 * with the holder's messages; every command is sent to the holder and
 * settles with its answer.
 */
export class MirrorPhone implements PhoneApi {
  readonly id = crypto.randomUUID();
  readonly $connection = atom<ConnectionStatus>({ state: 'connecting' });
  readonly $calls = atom<readonly CallHandle[]>([]);
  readonly $activeCall = atom<CallHandle | undefined>(undefined);
  readonly $agent = atom<AgentStatus>('offline' as AgentStatus);
  readonly $agentState: WritableAtom<AgentState>;
  readonly $me = atom<Me | undefined>(undefined);
  readonly $pool = atom<readonly PoolEntry[]>([]);
  readonly $missedCalls = atom<readonly MissedCallEntry[]>([]);
  readonly $voicemails = atom<readonly Voicemail[]>([]);
  readonly $wrapUp = atom<WrapUp | undefined>(undefined);
  readonly $notificationSettings = atom<NotificationSettings>(DEFAULT_NOTIFICATIONS);
  readonly $unansweredSettings = atom<UnansweredSettings | undefined>(undefined);
  readonly #inputs = atom<readonly MediaDeviceEntry[]>([]);
  readonly #outputs = atom<readonly MediaDeviceEntry[]>([]);
  readonly #selection = atom<DeviceSelection>({ input: '', output: '', ringer: '' });
  readonly #permission = atom<MicrophonePermission>('prompt');
  /** The holding tab's devices: the same browser's lists and choices; the commands act where the media is. */
  readonly devices: PhoneDevices = {
    $inputs: this.#inputs,
    $outputs: this.#outputs,
    $selection: this.#selection,
    $microphonePermission: this.#permission,
    requestMicrophone: () => this.#command({ kind: 'devices' }, 'requestMicrophone', []) as Promise<MicrophonePermission>,
    setInput: (id) => this.#command({ kind: 'devices' }, 'setInput', [id]) as Promise<void>,
    setOutput: (id) => this.#command({ kind: 'devices' }, 'setOutput', [id]) as Promise<void>,
    setRinger: (id) => this.#command({ kind: 'devices' }, 'setRinger', [id]) as Promise<void>,
  };
  readonly wrapUp: WrapUpCommands;
  readonly directory = {
    search: (text: string): Promise<DirectoryEntry[]> => this.#command({ kind: 'directory' }, 'search', [text]) as Promise<DirectoryEntry[]>,
  };
  readonly #folders = atom<readonly ContactFolder[]>([]);
  /** The holding tab's contact folders; a file to import travels to it (a Blob is cloned). */
  readonly contacts: PhoneContacts = {
    $folders: this.#folders,
    import: (file, options) => this.#command({ kind: 'contacts' }, 'import', [file, options]) as Promise<ContactFolder>,
    removeFolder: (id) => this.#command({ kind: 'contacts' }, 'removeFolder', [id]) as Promise<void>,
  };

  /** Calls the holding tab carried when it left (see {@link hostGone}). */
  readonly lost: LostCall[] = [];
  /** The holding tab's id, once it spoke. */
  host: string | undefined;
  readonly #post: (message: MirrorMessage) => void;
  readonly #emit: Emit;
  readonly #calls = new Map<string, MirrorCall>();
  readonly #objects = new Map<string, MirrorTransfer | MirrorConference | MirrorMonitor | MirrorPlayback>();
  readonly #pending = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void; timer: ReturnType<typeof setTimeout> }>();
  #smartOutbound = false;
  #nextId = 0;
  #heard!: () => void;
  /** Resolves once the holder has sent its state. */
  readonly heard = new Promise<void>((resolve) => (this.#heard = resolve));

  constructor(post: (message: MirrorMessage) => void, emit: Emit, initialAgentState: AgentState) {
    this.#post = post;
    this.#emit = emit;
    this.$agentState = atom(initialAgentState);
    const wrapUp = (method: keyof WrapUpCommands) => (...args: unknown[]) => this.#command({ kind: 'wrapUp' }, method, args);
    this.wrapUp = {
      update: (patch) => void wrapUp('update')(patch).catch(() => undefined),
      save: wrapUp('save'),
      extend: wrapUp('extend'),
      end: wrapUp('end'),
      pickContact: wrapUp('pickContact'),
      pickCase: wrapUp('pickCase'),
    } as WrapUpCommands;
  }

  /** Asks the holder for its whole state. */
  hello(): void {
    this.#post({ v: PROTOCOL, from: this.id, t: 'hello' });
  }

  on<K extends keyof PhoneApiEventMap>(): () => void {
    // The phone that shows this mirror takes listeners; events come through `emit`.
    return () => undefined;
  }

  connect(): Promise<void> {
    return this.heard;
  }
  async disconnect(): Promise<void> {}

  call(target: string, options?: CallOptions): Promise<CallHandle> {
    return this.#command({ kind: 'phone' }, 'call', [target, options]) as Promise<CallHandle>;
  }
  setPaused(paused: boolean): void {
    this.#command({ kind: 'phone' }, 'setPaused', [paused]).catch(() => undefined);
  }
  setStatus(status: RestingStatus, options?: { reason?: string }): Promise<void> {
    return this.#command({ kind: 'phone' }, 'setStatus', [status, options]) as Promise<void>;
  }
  take(interactionId: string): Promise<void> {
    return this.#command({ kind: 'phone' }, 'take', [interactionId]) as Promise<void>;
  }
  callBack(entry: Pick<MissedCallEntry, 'caller'>): Promise<CallHandle> {
    return this.#command({ kind: 'phone' }, 'callBack', [{ caller: entry.caller }]) as Promise<CallHandle>;
  }
  markHeard(id: string): Promise<void> {
    return this.#command({ kind: 'phone' }, 'markHeard', [id]) as Promise<void>;
  }
  voicemailAudio(id: string): Promise<Blob> {
    return this.#command({ kind: 'phone' }, 'voicemailAudio', [id]) as Promise<Blob>;
  }
  /** Plays in the holding tab (where the audio goes); `audio` here is a silent stand-in. */
  playVoicemail(id: string): Promise<VoicemailPlayback> {
    return this.#command({ kind: 'phone' }, 'playVoicemail', [id]) as Promise<VoicemailPlayback>;
  }
  allowsSmallBanner(call: CallHandle): boolean {
    return call instanceof MirrorCall ? call.smallBanner : false;
  }
  allowsSmartOutbound(): boolean {
    return this.#smartOutbound;
  }
  merge(a: CallHandle, b: CallHandle): Promise<Conference> {
    return this.#command({ kind: 'phone' }, 'merge', [a, b]) as Promise<Conference>;
  }
  monitor(target: string | { readonly interactionId?: string | undefined }, options?: MonitorOptions): Promise<MonitorSession> {
    const plain = typeof target === 'string' ? target : { interactionId: target?.interactionId };
    return this.#command({ kind: 'phone' }, 'monitor', [plain, options]) as Promise<MonitorSession>;
  }

  setNotification(kind: NotificationKind, mode: NotificationMode): Promise<void> {
    return this.#command({ kind: 'phone' }, 'setNotification', [kind, mode]) as Promise<void>;
  }
  setUnansweredSettings(change: UnansweredSettingsChange): Promise<UnansweredSettings> {
    return this.#command({ kind: 'phone' }, 'setUnansweredSettings', [change]) as Promise<UnansweredSettings>;
  }

  /** A message of a holding tab. */
  receive(message: HostMessage): void {
    if (message.host !== this.host) {
      // A new holder: what the old one said no longer holds. It publishes to tabs that said hello.
      if (message.t === 'bye') return;
      this.host = message.host;
      this.hello();
    }
    switch (message.t) {
      case 'stores': {
        const s = message.stores;
        if ('connection' in s) this.$connection.set(s.connection as ConnectionStatus);
        if ('agent' in s) this.$agent.set(s.agent as AgentStatus);
        if ('agentState' in s) this.$agentState.set(s.agentState as AgentState);
        if ('me' in s) this.$me.set(s.me as Me | undefined);
        if ('pool' in s) this.$pool.set(s.pool as readonly PoolEntry[]);
        if ('missedCalls' in s) this.$missedCalls.set(s.missedCalls as readonly MissedCallEntry[]);
        if ('voicemails' in s) this.$voicemails.set(s.voicemails as readonly Voicemail[]);
        if ('wrapUp' in s) this.$wrapUp.set(s.wrapUp as WrapUp | undefined);
        if ('notificationSettings' in s) this.$notificationSettings.set(s.notificationSettings as NotificationSettings);
        if ('unansweredSettings' in s) this.$unansweredSettings.set(s.unansweredSettings as UnansweredSettings | undefined);
        if ('inputs' in s) this.#inputs.set(s.inputs as readonly MediaDeviceEntry[]);
        if ('outputs' in s) this.#outputs.set(s.outputs as readonly MediaDeviceEntry[]);
        if ('deviceSelection' in s) this.#selection.set(s.deviceSelection as DeviceSelection);
        if ('microphonePermission' in s) this.#permission.set(s.microphonePermission as MicrophonePermission);
        if ('contactFolders' in s) this.#folders.set(s.contactFolders as readonly ContactFolder[]);
        if ('smartOutbound' in s) this.#smartOutbound = s.smartOutbound === true;
        if ('connection' in s) this.#heard();
        break;
      }
      case 'call':
        this.#upsert(message.call);
        break;
      case 'calls': {
        const calls = message.ids.flatMap((id) => this.#calls.get(id) ?? []);
        for (const id of this.#calls.keys()) if (!message.ids.includes(id)) this.#calls.delete(id);
        this.$calls.set(calls);
        this.$activeCall.set(message.active === undefined ? undefined : this.#calls.get(message.active));
        break;
      }
      case 'event':
        (this.#emit as (name: string, ...args: unknown[]) => void)(message.name, ...message.args.map((arg) => this.#decode(arg)));
        break;
      case 'object':
        this.#decode(message.value);
        break;
      case 'result': {
        if (message.to !== this.id) return;
        const pending = this.#pending.get(message.id);
        if (!pending) return;
        this.#pending.delete(message.id);
        clearTimeout(pending.timer);
        const value = this.#decode(message.value);
        if (message.ok) pending.resolve(value);
        else pending.reject(value);
        break;
      }
      case 'bye':
        this.hostGone(message.live);
        break;
    }
  }

  /**
   * The holding tab left (said bye, or its lock came free): its live calls
   * are lost with it. They end here with `tab-closed` (and are kept in
   * {@link lost}), and commands in flight fail.
   */
  hostGone(live?: readonly string[]): void {
    this.host = undefined;
    this.$connection.set({ state: 'connecting', reason: 'The tab that held the connection closed; another tab takes over.' });
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(new CxError(CxErrorCode.NotConnected, 'The tab that held the connection closed before it answered.', { solutions: ['Try again in a moment.'] }));
    }
    this.#pending.clear();
    const lost = [...this.#calls.values()].filter((call) => !call.ended && (live === undefined || live.includes(call.id)));
    for (const call of lost) {
      const now = Date.now();
      call.$snapshot.set({ ...call.snapshot, state: 'ended', endReason: 'tab-closed', endedAt: now, can: abilitiesOf('ended') });
      this.#emit('call:ended', call);
    }
    this.lost.push(...lost.map((call) => ({ call: call as CallHandle, dialog: call.dialog })));
  }

  /** Stops: commands in flight fail. */
  dispose(): void {
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(new CxError(CxErrorCode.Destroyed, 'This phone stopped mirroring the holding tab.'));
    }
    this.#pending.clear();
  }

  #command(target: CommandTarget, method: string, args: readonly unknown[]): Promise<unknown> {
    const id = ++this.#nextId;
    return new Promise((resolve, reject) => {
      if (this.host === undefined) {
        reject(new CxError(CxErrorCode.NotConnected, 'No tab holds the connection right now.', { solutions: ['Try again in a moment.'] }));
        return;
      }
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new CxError(CxErrorCode.NotConnected, 'The tab that holds the connection did not answer.'));
      }, COMMAND_TIMEOUT);
      this.#pending.set(id, { resolve, reject, timer });
      try {
        this.#post({ v: PROTOCOL, from: this.id, t: 'command', id, target, method, args: args.map(encode) });
      } catch (error) {
        this.#pending.delete(id);
        clearTimeout(timer);
        reject(new CxError(CxErrorCode.InvalidOptions, 'This command cannot be sent to the tab that holds the connection.', { cause: error }));
      }
    });
  }

  #upsert(wire: WireCall): MirrorCall {
    const known = this.#calls.get(wire.snapshot.id);
    if (known) {
      known.smallBanner = wire.smallBanner;
      known.dialog = wire.dialog;
      if (known.snapshot !== wire.snapshot) known.$snapshot.set(wire.snapshot);
      return known;
    }
    const call = new MirrorCall(wire, (method, args) => this.#command({ kind: 'call', id: wire.snapshot.id }, method, args));
    this.#calls.set(call.id, call);
    return call;
  }

  #decode(value: Wire): unknown {
    if ('$call' in value) return this.#upsert(value.$call);
    if ('$error' in value) return decodeError(value.$error);
    if ('$transfer' in value) {
      const w = value.$transfer;
      const known = this.#objects.get(`transfer:${w.id}`) as MirrorTransfer | undefined;
      if (known) return known.update(w.snapshot);
      const call = this.#calls.get(w.callId);
      const consultation = w.consultationId === undefined ? undefined : this.#calls.get(w.consultationId);
      if (!call) return undefined;
      const made = new MirrorTransfer(w.snapshot, call, consultation, (method) => this.#command({ kind: 'transfer', id: w.id }, method, []));
      this.#objects.set(`transfer:${w.id}`, made);
      return made;
    }
    if ('$conference' in value) {
      const w = value.$conference;
      const calls = w.callIds.flatMap((id) => this.#calls.get(id) ?? []);
      const known = this.#objects.get(`conference:${w.id}`) as MirrorConference | undefined;
      if (known) {
        known.$calls.set(calls);
        return known;
      }
      const made = new MirrorConference(w.id, calls, () => this.#command({ kind: 'conference', id: w.id }, 'hangupAll', []) as Promise<void>);
      this.#objects.set(`conference:${w.id}`, made);
      return made;
    }
    if ('$monitor' in value) {
      const w = value.$monitor;
      const known = this.#objects.get(`monitor:${w.id}`) as MirrorMonitor | undefined;
      if (known) return known.update(w.mode, w.state);
      const made = new MirrorMonitor(w.mode, w.state, (method, args) => this.#command({ kind: 'monitor', id: w.id }, method, args) as Promise<void>);
      this.#objects.set(`monitor:${w.id}`, made);
      return made;
    }
    if ('$playback' in value) {
      const w = value.$playback;
      const known = this.#objects.get(`playback:${w.id}`) as MirrorPlayback | undefined;
      if (known) {
        if (w.ended) known.finish();
        return known;
      }
      const made = new MirrorPlayback(w.id, () => void this.#command({ kind: 'playback', id: w.id }, 'stop', []).catch(() => undefined));
      if (w.ended) made.finish();
      else this.#objects.set(`playback:${w.id}`, made);
      return made;
    }
    return value.$plain;
  }
}

function encode(value: unknown): Wire {
  if (value instanceof MirrorCall) return { $call: { snapshot: value.snapshot, smallBanner: value.smallBanner } };
  return { $plain: value };
}

function decodeError(wire: WireError): CxError {
  const error = new CxError(wire.code as CxErrorCode, wire.message, {
    ...(wire.solutions ? { solutions: wire.solutions } : {}),
    ...(wire.statusCode === undefined ? {} : { statusCode: wire.statusCode }),
  });
  if (wire.fields) Object.defineProperty(error, 'fields', { value: wire.fields, enumerable: true });
  return error;
}

/** A call the closed holding tab carried, and its dialog if it was answered. */
export interface LostCall {
  readonly call: CallHandle;
  readonly dialog: DialogId | undefined;
}

/** A call of the holding tab. */
class MirrorCall implements CallHandle {
  readonly $snapshot: WritableAtom<CallSnapshot>;
  smallBanner: boolean;
  /** Its SIP dialog in the holding tab, once answered. */
  dialog: DialogId | undefined;
  readonly #send: (method: string, args: readonly unknown[]) => Promise<unknown>;

  constructor(wire: WireCall, send: (method: string, args: readonly unknown[]) => Promise<unknown>) {
    this.$snapshot = atom(wire.snapshot);
    this.smallBanner = wire.smallBanner;
    this.dialog = wire.dialog;
    this.#send = send;
  }
  get id(): string {
    return this.snapshot.id;
  }
  get direction(): CallSnapshot['direction'] {
    return this.snapshot.direction;
  }
  get snapshot(): CallSnapshot {
    return this.$snapshot.get();
  }
  get state(): CallSnapshot['state'] {
    return this.snapshot.state;
  }
  get info(): CallSnapshot['info'] {
    return this.snapshot.info;
  }
  get muted(): boolean {
    return this.snapshot.muted;
  }
  get ended(): boolean {
    return this.snapshot.state === 'ended';
  }
  accept(): Promise<void> {
    return this.#send('accept', []) as Promise<void>;
  }
  decline(): Promise<void> {
    return this.#send('decline', []) as Promise<void>;
  }
  hangup(): Promise<void> {
    return this.#send('hangup', []) as Promise<void>;
  }
  mute(on: boolean): Promise<void> {
    return this.#send('mute', [on]) as Promise<void>;
  }
  hold(on: boolean): Promise<void> {
    return this.#send('hold', [on]) as Promise<void>;
  }
  sendDtmf(digits: string): Promise<void> {
    return this.#send('sendDtmf', [digits]) as Promise<void>;
  }
  transfer(target: TransferTarget, options?: TransferOptions): Promise<Transfer> {
    return this.#send('transfer', [target, options]) as Promise<Transfer>;
  }
  startRecording(): Promise<void> {
    return this.#send('startRecording', []) as Promise<void>;
  }
  stopRecording(): Promise<void> {
    return this.#send('stopRecording', []) as Promise<void>;
  }
}

class MirrorTransfer implements Transfer {
  readonly $state: WritableAtom<TransferState>;
  snapshot: TransferSnapshot;
  readonly call: CallHandle;
  readonly consultation: CallHandle | undefined;
  readonly #send: (method: string) => Promise<unknown>;

  constructor(snapshot: TransferSnapshot, call: CallHandle, consultation: CallHandle | undefined, send: (method: string) => Promise<unknown>) {
    this.snapshot = snapshot;
    this.$state = atom(snapshot.state);
    this.call = call;
    this.consultation = consultation;
    this.#send = send;
  }
  update(snapshot: TransferSnapshot): this {
    this.snapshot = snapshot;
    this.$state.set(snapshot.state);
    return this;
  }
  get id(): string {
    return this.snapshot.id;
  }
  get mode(): Transfer['mode'] {
    return this.snapshot.mode;
  }
  get state(): TransferState {
    return this.snapshot.state;
  }
  get reason(): Transfer['reason'] {
    return this.snapshot.reason;
  }
  complete(): Promise<void> {
    return this.#send('complete') as Promise<void>;
  }
  cancel(): Promise<void> {
    return this.#send('cancel') as Promise<void>;
  }
}

class MirrorConference implements Conference {
  readonly $calls: WritableAtom<readonly CallHandle[]>;
  constructor(
    readonly id: string,
    calls: readonly CallHandle[],
    readonly hangupAll: () => Promise<void>,
  ) {
    this.$calls = atom(calls);
  }
  get calls(): readonly CallHandle[] {
    return this.$calls.get();
  }
}

class MirrorMonitor implements MonitorSession {
  readonly $mode: WritableAtom<MonitorMode>;
  readonly $state: WritableAtom<MonitorState>;
  /** The audio plays in the holding tab. */
  readonly remoteStream = undefined;
  readonly #send: (method: string, args: readonly unknown[]) => Promise<void>;

  constructor(mode: MonitorMode, state: MonitorState, send: (method: string, args: readonly unknown[]) => Promise<void>) {
    this.$mode = atom(mode);
    this.$state = atom(state);
    this.#send = send;
  }
  update(mode: MonitorMode, state: MonitorState): this {
    this.$mode.set(mode);
    this.$state.set(state);
    return this;
  }
  get mode(): MonitorMode {
    return this.$mode.get();
  }
  get state(): MonitorState {
    return this.$state.get();
  }
  setMode(mode: MonitorMode): Promise<void> {
    return this.#send('setMode', [mode]);
  }
  stop(): Promise<void> {
    return this.#send('stop', []);
  }
}

class MirrorPlayback implements VoicemailPlayback {
  /** A silent stand-in: the message plays in the holding tab. */
  readonly audio = new Audio();
  readonly ended: Promise<void>;
  #finish!: () => void;
  constructor(
    readonly id: string,
    readonly stop: () => void,
  ) {
    this.ended = new Promise((resolve) => (this.#finish = resolve));
  }
  finish(): void {
    this.#finish();
  }
}
