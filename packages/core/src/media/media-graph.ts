import type { Logger } from '../logger.js';
import { sharedAudioContext } from './audio-context.js';
import { RemoteAudio } from './remote-audio.js';
import { MICROPHONE, SPEAKER, type Route } from './routing.js';

/** What the graph needs from a leg: a way to change what it sends. */
export interface LegPort {
  setOutgoing(track: MediaStreamTrack | null): Promise<void>;
}

/** Where the microphone comes from (the `media.getStream` option, else getUserMedia). */
export type MicrophoneSource = (constraints: MediaStreamConstraints) => Promise<MediaStream>;

interface Mix {
  readonly destination: MediaStreamAudioDestinationNode;
  readonly inputs: Map<string, GainNode>;
}

interface LegNode {
  readonly port: LegPort;
  /** This leg's own copy of the microphone track: what its peer connection was given. */
  feed: MediaStreamTrack | undefined;
  /** What the leg sends now: its feed, its mix, or nothing yet. */
  sending: MediaStreamTrack | undefined;
  readonly audio: RemoteAudio;
  remote: MediaStream | undefined;
  remoteSource: MediaStreamAudioSourceNode | undefined;
  mix: Mix | undefined;
}

/**
 * The phone's one media graph. Its nodes are the microphone and each leg's
 * remote audio; what every leg sends and what the agent hears is one
 * routing matrix ({@link Route}s, computed by `routeCalls`), so mute, hold,
 * merge, whisper and barge are entries in it rather than code paths.
 *
 * How a matrix becomes sound:
 * - The speaker: each leg's remote audio plays in its own audio element,
 *   at the gain of its `leg -> speaker` entry (muted at 0).
 * - A leg that only carries the microphone at gain 1 (a plain call) sends
 *   its own copy of the microphone track directly: no WebAudio on the hot
 *   path, so answering is as fast as it can be. At gain 0 that track is
 *   disabled (silence).
 * - Any other mix (a merge, a whisper) goes through WebAudio: each source
 *   feeds the leg's own destination through a gain node, and the leg sends
 *   the destination's track instead.
 *
 * The microphone is opened once for as long as a leg exists (early, while
 * an offer rings, so that answering does not wait for it) and released
 * when the last leg goes.
 */
export class MediaGraph {
  readonly #getStream: MicrophoneSource;
  readonly #logger: Logger;
  readonly #legs = new Map<string, LegNode>();
  #routes: readonly Route[] = [];
  #microphone: Promise<MediaStream> | undefined;
  /** The microphone once open (the mixer's source). */
  #microphoneStream: MediaStream | undefined;
  #microphoneSource: MediaStreamAudioSourceNode | undefined;
  #disposed = false;

  constructor(getStream: MicrophoneSource, logger: Logger) {
    this.#getStream = getStream;
    this.#logger = logger;
  }

  /** The matrix in force. */
  get routes(): readonly Route[] {
    return this.#routes;
  }

  /** Adds a leg's node. Its audio is routed by the next {@link route}. */
  addLeg(id: string, port: LegPort): void {
    if (this.#legs.has(id) || this.#disposed) return;
    this.#legs.set(id, {
      port,
      feed: undefined,
      sending: undefined,
      audio: new RemoteAudio(),
      remote: undefined,
      remoteSource: undefined,
      mix: undefined,
    });
  }

  /** Removes a leg's node and everything it used; the last one releases the microphone. */
  removeLeg(id: string): void {
    const node = this.#legs.get(id);
    if (!node) return;
    this.#legs.delete(id);
    node.audio.dispose();
    node.feed?.stop();
    node.remoteSource?.disconnect();
    this.#dropMix(node);
    for (const other of this.#legs.values()) {
      const input = other.mix?.inputs.get(id);
      input?.disconnect();
      other.mix?.inputs.delete(id);
    }
    if (this.#legs.size === 0) this.#releaseMicrophone();
  }

  /** Opens the microphone now (an offer rings), so that answering does not wait for it. */
  prepare(): void {
    void this.#openMicrophone().catch(() => undefined);
  }

  /**
   * The stream a leg's peer connection starts with: its own copy of the
   * microphone track, enabled or not as the matrix says.
   */
  async streamFor(legId: string): Promise<MediaStream> {
    const microphone = await this.#openMicrophone();
    const node = this.#legs.get(legId);
    const track = microphone.getAudioTracks()[0]?.clone();
    if (!node || !track) return new MediaStream(track ? [track] : []);
    node.feed?.stop();
    node.feed = track;
    node.sending = track;
    this.#applyLeg(legId, node);
    return new MediaStream([track]);
  }

  /** The remote audio of a leg arrived (or was renegotiated). */
  setRemote(legId: string, stream: MediaStream): void {
    const node = this.#legs.get(legId);
    if (!node) return;
    if (node.remote !== stream) {
      node.remoteSource?.disconnect();
      node.remoteSource = undefined;
      node.remote = stream;
    }
    node.audio.play(stream);
    this.#apply();
  }

  /** Puts a new matrix in force. */
  route(routes: readonly Route[]): void {
    this.#routes = routes;
    this.#apply();
  }

  /** The gain of `from -> to` in the matrix in force (0 when absent). */
  gain(from: string, to: string): number {
    return this.#routes.find((r) => r.from === from && r.to === to)?.gain ?? 0;
  }

  /** The audio element a leg plays in (for output devices). */
  audioElement(legId: string): HTMLAudioElement | undefined {
    return this.#legs.get(legId)?.audio.audioElement;
  }

  dispose(): void {
    this.#disposed = true;
    for (const id of [...this.#legs.keys()]) this.removeLeg(id);
    this.#releaseMicrophone();
  }

  #apply(): void {
    for (const [id, node] of this.#legs) this.#applyLeg(id, node);
  }

  #applyLeg(id: string, node: LegNode): void {
    node.audio.setGain(this.gain(id, SPEAKER));
    const sources = this.#routes.filter((r) => r.to === id && r.gain > 0);
    const direct = sources.length === 0 || (sources.length === 1 && sources[0]?.from === MICROPHONE && sources[0].gain === 1);
    if (direct) {
      if (node.feed) node.feed.enabled = sources.length === 1;
      if (node.mix) {
        this.#send(node, node.feed);
        this.#dropMix(node);
      }
      return;
    }
    const mix = this.#mixOf(node);
    for (const [source, input] of mix.inputs) {
      if (!sources.some((s) => s.from === source)) {
        input.disconnect();
        mix.inputs.delete(source);
      }
    }
    for (const { from, gain } of sources) {
      let input = mix.inputs.get(from);
      if (!input) {
        const source = this.#sourceNode(from);
        if (!source) continue;
        input = source.context.createGain();
        source.connect(input).connect(mix.destination);
        mix.inputs.set(from, input);
      }
      input.gain.value = gain;
    }
    this.#send(node, mix.destination.stream.getAudioTracks()[0]);
  }

  #send(node: LegNode, track: MediaStreamTrack | undefined): void {
    if (!track || node.sending === track) return;
    node.sending = track;
    node.port.setOutgoing(track).catch((error: unknown) => this.#logger.warn('Could not switch what a call sends', error));
  }

  #mixOf(node: LegNode): Mix {
    if (!node.mix) {
      const context = sharedAudioContext();
      node.mix = { destination: context.createMediaStreamDestination(), inputs: new Map() };
    }
    return node.mix;
  }

  #dropMix(node: LegNode): void {
    if (!node.mix) return;
    for (const input of node.mix.inputs.values()) input.disconnect();
    for (const track of node.mix.destination.stream.getTracks()) track.stop();
    node.mix.destination.disconnect();
    node.mix = undefined;
  }

  /** The WebAudio source of the microphone or of a leg's remote audio, made once. */
  #sourceNode(id: string): MediaStreamAudioSourceNode | undefined {
    if (id === MICROPHONE) {
      const microphone = this.#microphoneStream;
      if (!microphone || microphone.getAudioTracks().length === 0) return undefined;
      this.#microphoneSource ??= sharedAudioContext().createMediaStreamSource(microphone);
      return this.#microphoneSource;
    }
    const node = this.#legs.get(id);
    if (!node?.remote || node.remote.getAudioTracks().length === 0) return undefined;
    node.remoteSource ??= sharedAudioContext().createMediaStreamSource(node.remote);
    return node.remoteSource;
  }

  #openMicrophone(): Promise<MediaStream> {
    if (!this.#microphone) {
      const opening = this.#getStream({ audio: true, video: false });
      this.#microphone = opening;
      opening.then(
        (stream) => {
          if (this.#microphone === opening) this.#microphoneStream = stream;
        },
        () => {
          if (this.#microphone === opening) this.#microphone = undefined;
        },
      );
    }
    return this.#microphone;
  }

  #releaseMicrophone(): void {
    this.#microphoneSource?.disconnect();
    this.#microphoneSource = undefined;
    const opening = this.#microphone;
    this.#microphone = undefined;
    this.#microphoneStream = undefined;
    void opening?.then((stream) => {
      for (const track of stream.getTracks()) track.stop();
    }, () => undefined);
  }
}
