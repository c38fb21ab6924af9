// The ringer output of the media graph: where the ringtone and the sounds
// of notifications play. Loaded the first time something rings.
import { sharedAudioContext } from './audio-context.js';

/** Gestures that count as the page's first interaction (user activation). */
const GESTURES = ['pointerdown', 'keydown', 'touchend'] as const;

/**
 * One output for generated sounds: they connect to {@link input}, which
 * feeds a MediaStream that plays in an audio element the phone owns (never
 * inserted in the page). The element is what a device is chosen on
 * (`setSinkId`), so the ringer can be the speakers while the call is in the
 * headset; {@link stream} is what it plays, for meters and tests.
 *
 * Autoplay: a browser lets a page start audio once the user has interacted
 * with it (sticky activation). An AudioContext made before that stays
 * suspended and an element's `play()` is refused, so the ringer tries again
 * on the page's first gesture (pointer, key or touch, listened to on
 * `window` in the capture phase) and before each sound.
 */
export class Ringer {
  readonly context: AudioContext;
  /** Connect sounds here. */
  readonly input: GainNode;
  readonly #destination: MediaStreamAudioDestinationNode;
  readonly #element: HTMLAudioElement;
  readonly #wake = (): void => this.wake();

  constructor() {
    this.context = sharedAudioContext();
    this.input = this.context.createGain();
    this.#destination = this.context.createMediaStreamDestination();
    this.input.connect(this.#destination);
    this.#element = new Audio();
    this.#element.autoplay = true;
    this.#element.srcObject = this.#destination.stream;
    for (const name of GESTURES) globalThis.addEventListener?.(name, this.#wake, { capture: true, passive: true });
    this.wake();
  }

  /** What the ringer plays (a meter can listen to it). */
  get stream(): MediaStream {
    return this.#destination.stream;
  }

  /** The element the ringer plays in: choose its device with `setSinkId`. */
  get audioElement(): HTMLAudioElement {
    return this.#element;
  }

  /** Plays on this output device (`MediaDeviceInfo.deviceId`; '' for the default). */
  async setSinkId(deviceId: string): Promise<void> {
    const element = this.#element as HTMLAudioElement & { setSinkId?(id: string): Promise<void> };
    await element.setSinkId?.(deviceId);
  }

  /** Resumes the audio context and the element (allowed once the page had a gesture). */
  wake(): void {
    if (this.context.state === 'suspended') void this.context.resume().catch(() => undefined);
    if (this.#element.paused) void this.#element.play().catch(() => undefined);
    if (this.context.state === 'running' && !this.#element.paused) this.#stopListening();
  }

  dispose(): void {
    this.#stopListening();
    this.input.disconnect();
    this.#element.pause();
    this.#element.srcObject = null;
    for (const track of this.#destination.stream.getTracks()) track.stop();
  }

  #stopListening(): void {
    for (const name of GESTURES) globalThis.removeEventListener?.(name, this.#wake, { capture: true });
  }
}
