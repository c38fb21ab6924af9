// The holding tab's side: publishes its phone to the agent's other tabs and
// runs the commands they forward. Part of the tabs chunk.
import type { ReadableAtom } from 'nanostores';
import { Call, isCxError, type CallHandle, type Conference, type MonitorSession, type Transfer, type VoicemailPlayback } from '../index.js';
import type { Logger } from '../logger.js';
import type { LocalPhone } from '../phone/local-phone.js';
import type { PhoneApiEventMap } from '../phone/phone-events.js';
import { PROTOCOL, type CommandTarget, type HostMessage, type MirrorMessage, type Wire, type WireCall, type WireStores } from './tab-protocol.js';

/** Every event a phone emits: the host forwards them all. */
export const EVENT_NAMES: readonly (keyof PhoneApiEventMap)[] = [
  'connection:changed',
  'call:incoming',
  'call:outgoing',
  'call:accepted',
  'call:held',
  'call:resumed',
  'call:muted',
  'call:changed',
  'call:ended',
  'call:missed',
  'call:dtmf',
  'agent:changed',
  'transfer:changed',
  'recording:started',
  'recording:stopped',
  'recording:ready',
  'monitor:changed',
  'monitor:ended',
  'call:logged',
  'call:quality',
  'notification:clicked',
  'device:changed',
  'contact:open',
  'unanswered:notify',
];

/** What another tab may ask, by target: nothing else runs. */
const COMMANDS: Readonly<Record<CommandTarget['kind'], readonly string[]>> = {
  phone: ['call', 'setPaused', 'setStatus', 'take', 'callBack', 'markHeard', 'voicemailAudio', 'playVoicemail', 'merge', 'monitor', 'setNotification', 'setUnansweredSettings'],
  wrapUp: ['update', 'save', 'extend', 'end', 'pickContact', 'pickCase'],
  directory: ['search'],
  devices: ['setInput', 'setOutput', 'setRinger', 'requestMicrophone'],
  contacts: ['import', 'removeFolder'],
  call: ['accept', 'decline', 'hangup', 'mute', 'hold', 'sendDtmf', 'transfer', 'startRecording', 'stopRecording'],
  transfer: ['complete', 'cancel'],
  monitor: ['setMode', 'stop'],
  conference: ['hangupAll'],
  playback: ['stop'],
};

type Sender = (message: HostMessage) => void;

/**
 * Publishes `phone` over `post` (the group's channel): its stores, its
 * calls' snapshots and every event, as they change, and the whole state
 * again when a tab says hello.
 */
export class TabHost {
  readonly id = crypto.randomUUID();
  readonly #phone: LocalPhone;
  readonly #send: Sender;
  readonly #logger: Logger;
  readonly #offs: (() => void)[] = [];
  readonly #callOffs = new Map<string, () => void>();
  /** Transfers, conferences, monitor sessions and playbacks another tab holds a handle on. */
  readonly #objects = new Map<string, object>();
  readonly #ids = new WeakMap<object, string>();
  /** Tabs that said hello: the calls stay up for them when this tab closes. */
  readonly mirrors = new Set<string>();

  constructor(phone: LocalPhone, post: (message: unknown) => void, logger: Logger) {
    this.#phone = phone;
    this.#logger = logger;
    this.#send = (message) => {
      try {
        post(message);
      } catch (error) {
        logger.warn('A message to the other tabs could not be sent', error);
      }
    };
  }

  /** Starts publishing (and says so to every tab with the whole state). */
  start(): void {
    const phone = this.#phone;
    const stores: { [K in keyof WireStores]?: ReadableAtom<unknown> } = {
      connection: phone.$connection,
      agent: phone.$agent,
      agentState: phone.$agentState,
      me: phone.$me,
      pool: phone.$pool,
      missedCalls: phone.$missedCalls,
      voicemails: phone.$voicemails,
      wrapUp: phone.$wrapUp,
      notificationSettings: phone.$notificationSettings,
      unansweredSettings: phone.$unansweredSettings,
      inputs: phone.devices.$inputs,
      outputs: phone.devices.$outputs,
      deviceSelection: phone.devices.$selection,
      microphonePermission: phone.devices.$microphonePermission,
      contactFolders: phone.contacts.$folders,
    };
    for (const [key, store] of Object.entries(stores)) {
      this.#offs.push(
        store.listen((value) => {
          this.#post({ t: 'stores', stores: { [key]: value, ...(key === 'me' ? { smartOutbound: phone.allowsSmartOutbound() } : {}) } });
        }),
      );
    }
    this.#offs.push(phone.$calls.subscribe((calls) => this.#followCalls(calls)), phone.$activeCall.listen(() => this.#postList()));
    // A dialog is confirmed after the call's state changed (the ACK): the other tabs need it to take the call over.
    phone.onDialogs = () => {
      if (this.mirrors.size > 0) for (const call of phone.$calls.get()) if (!call.ended) this.#post({ t: 'call', call: this.#wire(call) });
    };
    this.#offs.push(() => (phone.onDialogs = undefined));
    for (const name of EVENT_NAMES) {
      this.#offs.push(
        phone.on(name, (...args: unknown[]) => {
          if (this.mirrors.size > 0) this.#post({ t: 'event', name, args: args.map((arg) => this.#encode(arg)) });
        }),
      );
    }
    // Tabs already waiting hear a new holder speak, and say hello (then get everything).
    this.#post({ t: 'calls', ids: [], active: undefined }, true);
  }

  /** The whole state, to every tab. */
  announce(): void {
    const phone = this.#phone;
    this.#post({
      t: 'stores',
      stores: {
        connection: phone.$connection.get(),
        agent: phone.$agent.get(),
        agentState: phone.$agentState.get(),
        me: phone.$me.get(),
        pool: phone.$pool.get(),
        missedCalls: phone.$missedCalls.get(),
        voicemails: phone.$voicemails.get(),
        wrapUp: phone.$wrapUp.get(),
        notificationSettings: phone.$notificationSettings.get(),
        unansweredSettings: phone.$unansweredSettings.get(),
        inputs: phone.devices.$inputs.get(),
        outputs: phone.devices.$outputs.get(),
        deviceSelection: phone.devices.$selection.get(),
        microphonePermission: phone.devices.$microphonePermission.get(),
        contactFolders: phone.contacts.$folders.get(),
        smartOutbound: phone.allowsSmartOutbound(),
      },
    });
    for (const call of phone.$calls.get()) this.#post({ t: 'call', call: this.#wire(call) });
    this.#postList();
  }

  /** A message of a mirror. */
  receive(message: MirrorMessage): void {
    if (message.t === 'hello') {
      this.mirrors.add(message.from);
      this.announce();
    } else if (message.t === 'leave') {
      this.mirrors.delete(message.from);
    } else if (message.t === 'command') {
      this.mirrors.add(message.from);
      void this.#run(message);
    }
  }

  /** Stops publishing; with `bye`, tells the tabs this one leaves and which calls go with it. */
  stop(bye: boolean): void {
    if (bye) this.#post({ t: 'bye', live: this.#phone.$calls.get().filter((call) => !call.ended).map((call) => call.id) });
    for (const off of this.#offs.splice(0)) off();
    for (const off of this.#callOffs.values()) off();
    this.#callOffs.clear();
    this.#objects.clear();
  }

  /** Sends to the other tabs; with none there (no hello yet), nothing is made or sent unless `always`. */
  #post(message: Record<string, unknown> & { t: HostMessage['t'] }, always = false): void {
    if (always || this.mirrors.size > 0) this.#send({ v: PROTOCOL, host: this.id, ...message } as HostMessage);
  }

  #followCalls(calls: readonly Call[]): void {
    const ids = new Set(calls.map((call) => call.id));
    for (const [id, off] of this.#callOffs) {
      if (!ids.has(id)) {
        off();
        this.#callOffs.delete(id);
      }
    }
    for (const call of calls) {
      if (this.#callOffs.has(call.id)) continue;
      this.#callOffs.set(call.id, call.$snapshot.subscribe(() => this.mirrors.size > 0 && this.#post({ t: 'call', call: this.#wire(call) })));
    }
    this.#postList();
  }

  #postList(): void {
    if (this.mirrors.size > 0) this.#post({ t: 'calls', ids: this.#phone.$calls.get().map((call) => call.id), active: this.#phone.$activeCall.get()?.id });
  }

  #wire(call: CallHandle): WireCall {
    return { snapshot: call.snapshot, smallBanner: this.#phone.allowsSmallBanner(call), dialog: this.#phone.dialogOf(call) };
  }

  async #run(message: Extract<MirrorMessage, { t: 'command' }>): Promise<void> {
    const { id, target, method, args } = message;
    let reply: { ok: boolean; value: Wire };
    try {
      if (!COMMANDS[target.kind]?.includes(method)) throw new TypeError(`Unknown command ${target.kind}.${method}`);
      const self = this.#target(target) as Record<string, (...a: unknown[]) => unknown>;
      const value = await self[method]!(...args.map((arg) => this.#decode(arg)));
      reply = { ok: true, value: this.#encode(value) };
    } catch (error) {
      reply = { ok: false, value: encodeError(error) };
    }
    this.#post({ t: 'result', to: message.from, id, ...reply });
  }

  #target(target: CommandTarget): object {
    if (target.kind === 'phone') return this.#phone;
    if (target.kind === 'wrapUp') return this.#phone.wrapUp;
    if (target.kind === 'directory') return this.#phone.directory;
    if (target.kind === 'devices') return this.#phone.devices;
    if (target.kind === 'contacts') return this.#phone.contacts;
    const found = target.kind === 'call' ? this.#call(target.id) : this.#objects.get(`${target.kind}:${target.id}`);
    if (!found) throw new TypeError(`This ${target.kind} is gone.`);
    return found;
  }

  #call(id: string): Call | undefined {
    return this.#phone.$calls.get().find((call) => call.id === id);
  }

  #decode(value: Wire): unknown {
    if ('$call' in value) return this.#call(value.$call.snapshot.id);
    return '$plain' in value ? value.$plain : undefined;
  }

  /** A value for the other tabs: handles become records, and this tab keeps the handle for their commands. */
  #encode(value: unknown): Wire {
    if (value instanceof Call) return { $call: this.#wire(value) };
    if (isCxError(value) || value instanceof Error) return encodeError(value);
    if (typeof value !== 'object' || value === null) return { $plain: value };
    if ('consultation' in value && '$state' in value) return this.#keep('transfer', value as Transfer);
    if ('hangupAll' in value) return this.#keep('conference', value as Conference);
    if ('setMode' in value) return this.#keep('monitor', value as MonitorSession);
    if ('audio' in value && 'ended' in value) return this.#keep('playback', value as VoicemailPlayback);
    return { $plain: value };
  }

  /** Keeps a handle for the other tabs' commands (once) and describes it; its changes are published. */
  #keep(kind: Kept, value: Transfer | Conference | MonitorSession | VoicemailPlayback): Wire {
    let id = this.#ids.get(value);
    if (id === undefined) {
      const own = (value as { id?: unknown }).id;
      const kept = typeof own === 'string' ? own : crypto.randomUUID();
      id = kept;
      this.#ids.set(value, kept);
      this.#objects.set(`${kind}:${kept}`, value);
      const changed = (): void => this.#post({ t: 'object', value: describe(kind, kept, value) });
      if (kind === 'transfer') this.#offs.push((value as Transfer).$state.listen(changed));
      if (kind === 'conference') this.#offs.push((value as Conference).$calls.listen(changed));
      if (kind === 'monitor') this.#offs.push((value as MonitorSession).$mode.listen(changed), (value as MonitorSession).$state.listen(changed));
      if (kind === 'playback') {
        void (value as VoicemailPlayback).ended.then(() => {
          this.#objects.delete(`playback:${kept}`);
          this.#post({ t: 'object', value: { $playback: { id: kept, ended: true } } });
        });
      }
    }
    return describe(kind, id, value);
  }
}

type Kept = 'transfer' | 'conference' | 'monitor' | 'playback';

function describe(kind: Kept, id: string, value: Transfer | Conference | MonitorSession | VoicemailPlayback): Wire {
  switch (kind) {
    case 'transfer': {
      const t = value as Transfer;
      return { $transfer: { id, callId: t.call.id, consultationId: t.consultation?.id, snapshot: t.snapshot } };
    }
    case 'conference':
      return { $conference: { id, callIds: (value as Conference).calls.map((call) => call.id) } };
    case 'monitor': {
      const m = value as MonitorSession;
      return { $monitor: { id, mode: m.mode, state: m.state } };
    }
    default:
      return { $playback: { id, ended: false } };
  }
}

/** An error as it travels: code, message, what to do, status, and the fields of a refused form. */
export function encodeError(error: unknown): Wire {
  const e = error as { code?: unknown; message?: unknown; solutions?: unknown; statusCode?: unknown; fields?: unknown };
  return {
    $error: {
      code: isCxError(error) ? error.code : 'invalid-state',
      message: typeof e?.message === 'string' ? e.message : String(error),
      ...(Array.isArray(e?.solutions) ? { solutions: e.solutions as string[] } : {}),
      ...(typeof e?.statusCode === 'number' ? { statusCode: e.statusCode } : {}),
      ...(typeof e?.fields === 'object' && e.fields !== null ? { fields: e.fields as Record<string, string> } : {}),
    },
  };
}
