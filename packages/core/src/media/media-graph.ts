import type { Logger } from '../logger.js';
import type { Mixer } from './mixer.js';
import type { Ringer } from './ringer.js';
import { RemoteAudio } from './remote-audio.js';
import { MICROPHONE, SPEAKER, type Route } from './routing.js';

/** What the graph needs from a leg: a way to change what it sends. */
export interface LegPort {
  setOutgoing(track: MediaStreamTrack | null): Promise<void>;
}

/** Where the microphone comes from (the `media.getStream` option, else getUserMedia). */
export type MicrophoneSource = (constraints: MediaStreamConstraints) => Promise<MediaStream>;

/** A live mix of some of the graph's sources, for a recorder. */
export interface MediaTap {
  /** The mix, as a stream with one audio track. */
  readonly stream: MediaStream;
  /** What is mixed: the microphone and these legs' remote audio (who the recording should hold). */
  setSources(sources: readonly string[]): void;
  dispose(): void;
}

interface LegNode {
  readonly port: LegPort;
  /** This leg's own copy of the microphone track: what its peer connection was given. */
  feed: MediaStreamTrack | undefined;
  /** What the leg sends now: its feed, its mix, or nothing yet. */
  sending: MediaStreamTrack | undefined;
  readonly audio: RemoteAudio;
  remote: MediaStream | undefined;
  /** The leg sends a WebAudio mix (not its feed). */
  mixing: boolean;
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
  /** The WebAudio side, loaded when first needed (plain calls never do). */
  #mixer: Mixer | undefined;
  #mixerLoading: Promise<Mixer> | undefined;
  #routes: readonly Route[] = [];
  #microphone: Promise<MediaStream> | undefined;
  /** The microphone once open (the mixer's source). */
  #microphoneStream: MediaStream | undefined;
  #disposed = false;
  /** Recordings played to the agent (a voicemail): they go where the agent's audio goes, and stop with the phone. */
  readonly #playbacks = new Set<HTMLMediaElement>();
  /** The ringer output, loaded when something first rings. */
  #ringer: Promise<Ringer> | undefined;
  /** The chosen microphone (a `deviceId`; '' the browser's default), asked for each time the microphone opens. */
  input = '';
  /** Where the agent hears calls and recordings (a `deviceId` for `setSinkId`; '' the default output). */
  #sink = '';

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
      mixing: false,
    });
  }

  /** Removes a leg's node and everything it used; the last one releases the microphone. */
  removeLeg(id: string): void {
    const node = this.#legs.get(id);
    if (!node) return;
    this.#legs.delete(id);
    node.audio.dispose();
    node.feed?.stop();
    this.#mixer?.forget(id);
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
    node.remote = stream;
    node.audio.play(stream);
    if (this.#sink) void this.setSink(this.#sink);
    this.#apply();
    this.#mixer?.refresh();
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

  /**
   * A mix of the microphone and some legs' remote audio (through WebAudio),
   * for recording: `setSources` follows a call as parties join and leave.
   */
  async tap(sources: readonly string[]): Promise<MediaTap> {
    return (await this.#loadMixer()).tap(sources);
  }

  /** The audio element a leg plays in (for output devices). */
  audioElement(legId: string): HTMLAudioElement | undefined {
    return this.#legs.get(legId)?.audio.audioElement;
  }

  /** Adds a recording played to the agent (an element the phone owns); returns the function that removes it. */
  addPlayback(element: HTMLMediaElement): () => void {
    this.#playbacks.add(element);
    if (this.#sink) void this.setSink(this.#sink);
    return () => void this.#playbacks.delete(element);
  }

  /**
   * The ringer output: the ringtone and the sounds of notifications play
   * there and nowhere else, so choosing the ringer device is one call:
   * `(await graph.ringer()).setSinkId(deviceId)`.
   */
  ringer(): Promise<Ringer> {
    return (this.#ringer ??= import('./ringer.js').then(({ Ringer: RingerClass }) => new RingerClass()));
  }

  /** The microphone while it is open (the devices feature watches its track end when a device is unplugged). */
  get microphone(): MediaStream | undefined {
    return this.#microphoneStream;
  }

  /**
   * Opens the chosen microphone ({@link input}) again if it is open, and
   * sends it at once: each leg's sender gets its new copy (`replaceTrack`,
   * no renegotiation) and mixes and taps take it as their source. Rejects,
   * keeping the old one, when it cannot be opened.
   */
  async reopenMicrophone(): Promise<void> {
    const old = this.#microphone;
    if (!old) return;
    const stream = await this.#getStream(this.#constraints());
    if (this.#microphone !== old) {
      // Released (or reopened) meanwhile: this one is not needed.
      for (const track of stream.getTracks()) track.stop();
      return;
    }
    this.#microphone = Promise.resolve(stream);
    this.#microphoneStream = stream;
    this.#mixer?.forget(MICROPHONE);
    for (const node of this.#legs.values()) {
      if (!node.feed) continue;
      node.feed.stop();
      node.feed = stream.getAudioTracks()[0]?.clone();
      if (!node.mixing) this.#send(node, node.feed);
    }
    this.#apply();
    this.#mixer?.refresh();
    void old.then((previous) => previous.getTracks().forEach((track) => track.stop()), () => undefined);
  }

  /** Plays calls and recordings on this output (`setSinkId`; '' the default), now and from now on. */
  async setSink(deviceId: string): Promise<void> {
    this.#sink = deviceId;
    const elements = [...[...this.#legs.values()].map((node) => node.audio.audioElement), ...this.#playbacks];
    // Where the browser has `setSinkId`; a device that vanished meanwhile leaves an element where it was (the devices feature falls back).
    await Promise.all(elements.map((element) => element && 'setSinkId' in element && element.setSinkId(deviceId).catch(() => undefined)));
  }

  dispose(): void {
    this.#disposed = true;
    void this.#ringer?.then((ringer) => ringer.dispose(), () => undefined);
    this.#ringer = undefined;
    for (const element of this.#playbacks) element.pause();
    this.#playbacks.clear();
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
      if (node.mixing) {
        node.mixing = false;
        this.#send(node, node.feed);
        this.#mixer?.drop(id);
      }
      return;
    }
    const mixer = this.#mixer;
    if (!mixer) {
      // The first mix: load the mixer, then route again.
      void this.#loadMixer().then(() => this.#apply(), (error: unknown) => this.#logger.error('The audio mixer could not be loaded', error));
      return;
    }
    node.mixing = true;
    this.#send(node, mixer.mix(id, sources));
  }

  #loadMixer(): Promise<Mixer> {
    this.#mixerLoading ??= import('./mixer.js').then(({ Mixer: MixerClass }) => {
      this.#mixer = new MixerClass((id) => (id === MICROPHONE ? this.#microphoneStream : this.#legs.get(id)?.remote));
      return this.#mixer;
    });
    return this.#mixerLoading;
  }

  #send(node: LegNode, track: MediaStreamTrack | undefined): void {
    if (!track || node.sending === track) return;
    node.sending = track;
    node.port.setOutgoing(track).catch((error: unknown) => this.#logger.warn('Could not switch what a call sends', error));
  }

  /** The chosen microphone, else the default (`media.getStream` gets these too). */
  #constraints(): MediaStreamConstraints {
    return { audio: this.input ? { deviceId: { exact: this.input } } : true, video: false };
  }

  #openMicrophone(): Promise<MediaStream> {
    if (!this.#microphone) {
      const opening = this.#getStream(this.#constraints());
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
    this.#mixer?.forget(MICROPHONE);
    const opening = this.#microphone;
    this.#microphone = undefined;
    this.#microphoneStream = undefined;
    void opening?.then((stream) => {
      for (const track of stream.getTracks()) track.stop();
    }, () => undefined);
  }
}

