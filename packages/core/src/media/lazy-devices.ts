import { atom, onMount, type WritableAtom } from 'nanostores';
import type { DeviceSelection, MediaDeviceEntry, MicrophonePermission, PhoneDevices } from './devices-types.js';

/** The stores of `phone.devices`: the phone makes them, the devices chunk (devices.ts) fills them. */
export interface DeviceStores {
  readonly $inputs: WritableAtom<readonly MediaDeviceEntry[]>;
  readonly $outputs: WritableAtom<readonly MediaDeviceEntry[]>;
  readonly $selection: WritableAtom<DeviceSelection>;
  readonly $microphonePermission: WritableAtom<MicrophonePermission>;
}

/**
 * `phone.devices` before its chunk is loaded: the stores exist at once and
 * load the chunk the first time anyone reads them; the commands wait for it.
 * A page that never shows devices never loads it (until a call needs the
 * saved microphone: the phone loads it on `connect()`).
 */
export function lazyDevices(load: (stores: DeviceStores) => Promise<PhoneDevices>): PhoneDevices {
  let loading: Promise<PhoneDevices> | undefined;
  const devices = (): Promise<PhoneDevices> =>
    (loading ??= load(stores).catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
  const store = <T>(value: T): WritableAtom<T> => {
    const $store = atom(value);
    // Mounted by the first `subscribe`, `listen` or `get`: reading the store loads what fills it.
    onMount($store, () => void devices().catch(() => undefined));
    return $store;
  };
  const stores: DeviceStores = {
    $inputs: store<readonly MediaDeviceEntry[]>([]),
    $outputs: store<readonly MediaDeviceEntry[]>([]),
    $selection: store<DeviceSelection>({ input: '', output: '', ringer: '' }),
    $microphonePermission: store<MicrophonePermission>('prompt'),
  };
  return {
    ...stores,
    requestMicrophone: () => devices().then((d) => d.requestMicrophone()),
    setInput: (id) => devices().then((d) => d.setInput(id)),
    setOutput: (id) => devices().then((d) => d.setOutput(id)),
    setRinger: (id) => devices().then((d) => d.setRinger(id)),
  };
}
