import type { ReadableAtom } from 'nanostores';

/** A microphone or an output of this browser, as `navigator.mediaDevices.enumerateDevices()` lists it. */
export interface MediaDeviceEntry {
  /** The browser's `deviceId` (stable for this site); what `setInput`/`setOutput`/`setRinger` take. */
  readonly id: string;
  /** Its name ("Jabra Evolve 40"); empty until the microphone permission is granted. */
  readonly label: string;
  readonly kind: 'audioinput' | 'audiooutput';
}

/**
 * The agent's choices: a device id each, `''` for the browser's default.
 * Saved per AOR in localStorage, so every tab of the agent shares them.
 */
export interface DeviceSelection {
  /** The microphone the calls send. */
  readonly input: string;
  /** Where the agent hears calls and recordings. */
  readonly output: string;
  /** Where ringtones and notification sounds play (the speakers while the call is in the headset). */
  readonly ringer: string;
}

/**
 * The microphone permission of this site: `granted`, `denied` (the agent or
 * a policy refused: only the browser's site settings can change it) or
 * `prompt` (the browser will ask on the next `requestMicrophone()` or call).
 */
export type MicrophonePermission = 'granted' | 'denied' | 'prompt';

/** Which choice of {@link DeviceSelection} a `device:changed` event is about. */
export type DeviceRole = keyof DeviceSelection;

/** The payload of `device:changed`: a chosen device went away, so the browser's default is used (`to` is `''`). */
export interface DeviceChange {
  readonly kind: DeviceRole;
  /** The device id that was in use. */
  readonly from: string;
  /** The device id in use now (`''`: the default). */
  readonly to: string;
  readonly reason: 'removed';
}

/**
 * `phone.devices`: the microphones and outputs of this browser, the agent's
 * choices, and the microphone permission (docs/devices.md).
 *
 * Lists and permission are this browser's, so they are the same in every
 * tab; the `set*` commands act where the media is (the tab that holds the
 * registration; from another tab they are forwarded to it).
 */
export interface PhoneDevices {
  /** Microphones (labels once the permission is granted); follows plugging and unplugging (`devicechange`). */
  readonly $inputs: ReadableAtom<readonly MediaDeviceEntry[]>;
  /** Outputs; empty where the browser cannot choose one (no `setSinkId`): the system's output is used. */
  readonly $outputs: ReadableAtom<readonly MediaDeviceEntry[]>;
  /** The agent's choices, as saved. */
  readonly $selection: ReadableAtom<DeviceSelection>;
  /** The microphone permission (from `navigator.permissions` where available, else what the last attempt found). */
  readonly $microphonePermission: ReadableAtom<MicrophonePermission>;
  /**
   * Asks the browser for the microphone (call it from a click: browsers
   * show their prompt then) and closes it again; resolves to the permission
   * after. Never rejects: `denied` is an answer (docs/devices.md says what
   * the agent must do then).
   */
  requestMicrophone(): Promise<MicrophonePermission>;
  /**
   * Uses this microphone (an id of `$inputs`, `''` for the default); a
   * call in progress goes on with it at once (`replaceTrack`, no
   * renegotiation). Rejects with `device-not-found` for an unknown id,
   * `microphone-denied` or `media-failed` when it cannot be opened.
   */
  setInput(id: string): Promise<void>;
  /** Plays calls and recordings on this output (an id of `$outputs`, `''` for the default), at once. Rejects with `device-not-found`. */
  setOutput(id: string): Promise<void>;
  /** Plays ringtones and notification sounds on this output (`''` for the default). Rejects with `device-not-found`. */
  setRinger(id: string): Promise<void>;
}
