// `phone.devices`: the microphones and outputs of this browser, the agent's
// choices and the microphone permission. A chunk of its own, loaded the
// first time the devices are looked at, and on `connect()` (so that the
// saved microphone is the one the first call opens).
import { CxError, CxErrorCode } from '../index.js';
import type { Feature, FeatureContext } from '../features/feature.js';
import { devicesStorageKey, readSelection, vanished } from './device-selection.js';
import type { DeviceRole, DeviceSelection, MediaDeviceEntry, MicrophonePermission, PhoneDevices } from './devices-types.js';
import type { DeviceStores } from './lazy-devices.js';
import type { MediaGraph } from './media-graph.js';

/** What the phone gets from the feature: `start` (once) gives `phone.devices` its behaviour. */
export interface DevicesApi {
  start(graph: MediaGraph, stores: DeviceStores): PhoneDevices;
}

/** What the agent must do once the microphone was refused (also in docs/devices.md). */
export const MICROPHONE_DENIED_SOLUTIONS: readonly string[] = [
  'Chrome, Edge: click the icon at the left of the address bar, set Microphone to Allow, then reload the page.',
  'Firefox: click the crossed-out microphone in the address bar, remove the block, then reload the page.',
  'Safari: Safari > Settings for This Website > Microphone: Allow, then reload the page.',
  'If the microphone is blocked by the system (macOS Privacy & Security, Windows Microphone privacy), allow the browser there.',
];

export const devicesFeature: Feature<DevicesApi> = {
  name: 'devices',
  install(context) {
    let manager: DeviceManager | undefined;
    return {
      api: { start: (graph, stores) => (manager ??= new DeviceManager(context, graph, stores)) },
      dispose: () => manager?.dispose(),
    };
  },
};

/**
 * Keeps the stores in step with the browser (`devicechange`, the
 * permission's `change`, other tabs' saves through `storage`) and the media
 * graph in step with the choices.
 */
class DeviceManager implements PhoneDevices {
  readonly $inputs: DeviceStores['$inputs'];
  readonly $outputs: DeviceStores['$outputs'];
  readonly $selection: DeviceStores['$selection'];
  readonly $microphonePermission: DeviceStores['$microphonePermission'];
  readonly #context: FeatureContext;
  readonly #graph: MediaGraph;
  readonly #key: string;
  readonly #offs: (() => void)[] = [];
  /** The first look at the lists (commands wait for it, to check ids). */
  readonly #ready: Promise<void>;
  #permissionStatus: PermissionStatus | undefined;
  /** The ringer's output as last put in force. */
  #ringer = '';
  #disposed = false;

  constructor(context: FeatureContext, graph: MediaGraph, stores: DeviceStores) {
    this.#context = context;
    this.#graph = graph;
    this.$inputs = stores.$inputs;
    this.$outputs = stores.$outputs;
    this.$selection = stores.$selection;
    this.$microphonePermission = stores.$microphonePermission;
    this.#key = devicesStorageKey(context.options.sip.aor);
    const saved = readSelection(storage()?.getItem(this.#key));
    this.$selection.set(saved);
    const media = globalThis.navigator?.mediaDevices;
    const changed = (): void => void this.#refresh();
    media?.addEventListener?.('devicechange', changed);
    this.#offs.push(() => media?.removeEventListener?.('devicechange', changed));
    // Another tab of the agent saved new choices (the holding tab, after a command forwarded from here).
    const stored = (event: StorageEvent): void => {
      if (event.key === this.#key) void this.#use(readSelection(event.newValue));
    };
    globalThis.addEventListener?.('storage', stored);
    this.#offs.push(() => globalThis.removeEventListener?.('storage', stored));
    this.#ready = this.#watchPermission()
      .then(() => this.#refresh())
      .then(() => this.#use(saved));
  }

  async requestMicrophone(): Promise<MicrophonePermission> {
    try {
      const stream = await this.#open({ audio: true, video: false });
      for (const track of stream.getTracks()) track.stop();
      this.$microphonePermission.set('granted');
    } catch (error) {
      if (!isDenied(error)) this.#context.logger.warn('The microphone could not be opened', error);
      // A prompt dismissed without an answer is refused too, but the browser asks again next time.
      const state = await this.#queryPermission();
      this.$microphonePermission.set(isDenied(error) ? (state === 'prompt' ? 'prompt' : 'denied') : (state ?? this.$microphonePermission.get()));
    }
    await this.#refresh();
    return this.$microphonePermission.get();
  }

  async setInput(id: string): Promise<void> {
    await this.#check(id, this.$inputs.get());
    const previous = this.#graph.input;
    this.#graph.input = id;
    try {
      await this.#graph.reopenMicrophone();
    } catch (error) {
      this.#graph.input = previous;
      throw this.#mediaError(error);
    }
    this.#save({ ...this.$selection.get(), input: id });
  }

  async setOutput(id: string): Promise<void> {
    await this.#check(id, this.$outputs.get());
    await this.#graph.setSink(id);
    this.#save({ ...this.$selection.get(), output: id });
  }

  async setRinger(id: string): Promise<void> {
    await this.#check(id, this.$outputs.get());
    await (await this.#graph.ringer()).setSinkId(id);
    this.#ringer = id;
    this.#save({ ...this.$selection.get(), ringer: id });
  }

  dispose(): void {
    this.#disposed = true;
    for (const off of this.#offs.splice(0)) off();
    if (this.#permissionStatus) this.#permissionStatus.onchange = null;
  }

  /** `''` (the default) or a listed device, else `device-not-found`. */
  async #check(id: string, list: readonly MediaDeviceEntry[]): Promise<void> {
    await this.#ready;
    if (id === '' || list.some((entry) => entry.id === id)) return;
    throw new CxError(CxErrorCode.DeviceNotFound, `No device "${String(id).slice(0, 80)}" is connected.`, {
      solutions: ['Use an id of phone.devices.$inputs or $outputs, or "" for the default.'],
    });
  }

  /** Reads the lists again; choices whose device went away fall back to the default. */
  async #refresh(): Promise<void> {
    const media = globalThis.navigator?.mediaDevices;
    const found = (await media?.enumerateDevices?.().catch(() => undefined)) ?? [];
    if (this.#disposed) return;
    const entries = (kind: MediaDeviceEntry['kind']): MediaDeviceEntry[] =>
      // Before the permission, browsers list devices without ids: nothing to choose yet.
      found.filter((d) => d.kind === kind && d.deviceId !== '').map((d) => ({ id: d.deviceId, label: d.label, kind }));
    const inputs = entries('audioinput');
    // Outputs can be chosen only where media elements have `setSinkId` (not Safari).
    const outputs = globalThis.HTMLMediaElement && 'setSinkId' in HTMLMediaElement.prototype ? entries('audiooutput') : [];
    if (!sameList(this.$inputs.get(), inputs)) this.$inputs.set(inputs);
    if (!sameList(this.$outputs.get(), outputs)) this.$outputs.set(outputs);
    const selection = this.$selection.get();
    const gone = vanished(selection, inputs, outputs);
    if (gone.length > 0) {
      const next = { ...selection };
      for (const role of gone) next[role] = '';
      this.#save(next);
      await this.#use(next);
      // Told where the calls are (the holding tab); the other tabs hear it from there.
      if (this.#context.$calls.get().some((call) => !call.ended)) {
        for (const kind of gone) this.#context.emit('device:changed', { kind, from: selection[kind], to: '', reason: 'removed' });
      }
      return;
    }
    // The default microphone itself was unplugged: its track ended, the call would be silent.
    if (selection.input === '' && this.#graph.microphone?.getAudioTracks()[0]?.readyState === 'ended') {
      await this.#graph.reopenMicrophone().catch((error: unknown) => this.#context.logger.warn('The default microphone could not be opened again', error));
    }
  }

  /** Puts choices in force in this tab's media graph (only what changed; never throws). */
  async #use(selection: DeviceSelection): Promise<void> {
    if (this.#disposed) return;
    // The saved choices of a device not listed any more are not used (a stale id would fail to open).
    const usable = { ...selection };
    for (const role of vanished(selection, this.$inputs.get(), this.$outputs.get())) usable[role] = '';
    this.$selection.set(selection);
    const log = (what: string) => (error: unknown) => this.#context.logger.warn(`The ${what} could not be switched`, error);
    if (usable.input !== this.#graph.input) {
      this.#graph.input = usable.input;
      await this.#graph.reopenMicrophone().catch(log('microphone'));
    }
    await this.#graph.setSink(usable.output);
    if (usable.ringer !== this.#ringer) {
      // The ringer is made only when needed: most agents never choose one.
      this.#ringer = usable.ringer;
      await (await this.#graph.ringer()).setSinkId(usable.ringer).catch(log('ringer'));
    }
  }

  #save(selection: DeviceSelection): void {
    this.$selection.set(selection);
    try {
      storage()?.setItem(this.#key, JSON.stringify(selection));
    } catch (error) {
      this.#context.logger.warn('The device choices could not be saved', error);
    }
  }

  #open(constraints: MediaStreamConstraints): Promise<MediaStream> {
    const getStream = this.#context.options.media.getStream;
    if (getStream) return getStream(constraints);
    const media = globalThis.navigator?.mediaDevices;
    if (!media?.getUserMedia) return Promise.reject(new CxError(CxErrorCode.MediaFailed, 'This browser cannot open a microphone (no mediaDevices).'));
    return media.getUserMedia(constraints);
  }

  #mediaError(error: unknown): CxError {
    if (error instanceof CxError) return error;
    if (isDenied(error)) {
      this.$microphonePermission.set('denied');
      return new CxError(CxErrorCode.MicrophoneDenied, 'The microphone is not allowed for this page.', { cause: error, solutions: MICROPHONE_DENIED_SOLUTIONS });
    }
    const name = error instanceof Error ? error.name : '';
    return new CxError(CxErrorCode.MediaFailed, `The microphone could not be opened${name ? ` (${name})` : ''}.`, {
      cause: error,
      solutions: ['Check that the microphone is plugged in and not used by another application.'],
    });
  }

  /** Follows the permission where the browser tells it (`navigator.permissions`). */
  async #watchPermission(): Promise<void> {
    const status = await globalThis.navigator?.permissions?.query({ name: 'microphone' as PermissionName }).catch(() => undefined);
    if (!status || this.#disposed) return;
    this.#permissionStatus = status;
    this.$microphonePermission.set(status.state);
    status.onchange = () => {
      this.$microphonePermission.set(status.state);
      // Labels and ids appear with the permission.
      void this.#refresh();
    };
  }

  async #queryPermission(): Promise<MicrophonePermission | undefined> {
    const status = await globalThis.navigator?.permissions?.query({ name: 'microphone' as PermissionName }).catch(() => undefined);
    return status?.state;
  }
}

function isDenied(error: unknown): boolean {
  return (error as { name?: unknown } | undefined)?.name === 'NotAllowedError' || (error as { code?: unknown } | undefined)?.code === CxErrorCode.MicrophoneDenied;
}

function sameList(a: readonly MediaDeviceEntry[], b: readonly MediaDeviceEntry[]): boolean {
  return a.length === b.length && a.every((entry, i) => entry.id === b[i]?.id && entry.label === b[i]?.label);
}

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    // A sandboxed frame without storage: choices last as long as the page.
    return undefined;
  }
}
