/**
 * Plays a call's remote audio in an audio element that the phone owns: it is
 * never inserted in the host page's DOM, so the page's styles and scripts
 * cannot reach it.
 */
export class RemoteAudio {
  private element: HTMLAudioElement | undefined;

  play(stream: MediaStream): void {
    if (!this.element) {
      this.element = new Audio();
      this.element.autoplay = true;
    }
    if (this.element.srcObject !== stream) this.element.srcObject = stream;
    void this.element.play().catch(() => undefined);
  }

  /** The element, for output-device selection (`setSinkId`). */
  get audioElement(): HTMLAudioElement | undefined {
    return this.element;
  }

  dispose(): void {
    if (!this.element) return;
    this.element.pause();
    this.element.srcObject = null;
    this.element = undefined;
  }
}
