/**
 * Plays one leg's remote audio in an audio element that the phone owns: it
 * is never inserted in the host page's DOM, so the page's styles and scripts
 * cannot reach it. It keeps playing (muted) while nobody should hear it:
 * Chromium delivers a remote WebRTC track to WebAudio (the mixer) only
 * while a media element plays it.
 */
export class RemoteAudio {
  #element: HTMLAudioElement | undefined;
  #gain = 0;

  play(stream: MediaStream): void {
    if (!this.#element) {
      this.#element = new Audio();
      this.#element.autoplay = true;
      this.#applyGain();
    }
    if (this.#element.srcObject !== stream) this.#element.srcObject = stream;
    void this.#element.play().catch(() => undefined);
  }

  /** How loud the agent hears it, 0 (not at all) to 1. */
  setGain(gain: number): void {
    this.#gain = Math.max(0, Math.min(1, gain));
    this.#applyGain();
  }

  /** The element, for output-device selection (`setSinkId`). */
  get audioElement(): HTMLAudioElement | undefined {
    return this.#element;
  }

  dispose(): void {
    if (!this.#element) return;
    this.#element.pause();
    this.#element.srcObject = null;
    this.#element = undefined;
  }

  #applyGain(): void {
    if (!this.#element) return;
    this.#element.muted = this.#gain === 0;
    this.#element.volume = this.#gain;
  }
}
