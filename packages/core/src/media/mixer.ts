// Loaded the first time the media graph needs WebAudio (a merge, a
// supervisor, a recording): plain calls never do.
import { sharedAudioContext } from './audio-context.js';
import type { MediaTap } from './media-graph.js';

/** Where the mixer finds the sources: the microphone and each leg's remote audio, by id. */
export type StreamOf = (id: string) => MediaStream | undefined;

interface Mix {
  readonly destination: MediaStreamAudioDestinationNode;
  readonly inputs: Map<string, GainNode>;
}

/**
 * The WebAudio side of the media graph: one source node per stream, one
 * destination per mix (a leg's outgoing audio, or a tap), a gain node per
 * source of a mix.
 */
export class Mixer {
  readonly #streamOf: StreamOf;
  readonly #sources = new Map<string, { stream: MediaStream; node: MediaStreamAudioSourceNode }>();
  readonly #mixes = new Map<string, Mix>();
  readonly #taps = new Set<() => void>();

  constructor(streamOf: StreamOf) {
    this.#streamOf = streamOf;
  }

  /** The track of a leg's mix of these sources (made or updated). */
  mix(id: string, sources: ReadonlyArray<{ from: string; gain: number }>): MediaStreamTrack | undefined {
    let mix = this.#mixes.get(id);
    if (!mix) {
      mix = { destination: sharedAudioContext().createMediaStreamDestination(), inputs: new Map() };
      this.#mixes.set(id, mix);
    }
    this.#connect(mix, sources);
    return mix.destination.stream.getAudioTracks()[0];
  }

  /** A leg no longer mixes (its mix track stops). */
  drop(id: string): void {
    const mix = this.#mixes.get(id);
    if (!mix) return;
    this.#mixes.delete(id);
    for (const input of mix.inputs.values()) input.disconnect();
    for (const track of mix.destination.stream.getTracks()) track.stop();
    mix.destination.disconnect();
  }

  /** A source went away (a leg ended, the microphone closed). */
  forget(id: string): void {
    this.drop(id);
    this.#sources.get(id)?.node.disconnect();
    this.#sources.delete(id);
    for (const mix of this.#mixes.values()) {
      mix.inputs.get(id)?.disconnect();
      mix.inputs.delete(id);
    }
  }

  /** A source appeared or changed: taps connect it. */
  refresh(): void {
    for (const retry of this.#taps) retry();
  }

  tap(sources: readonly string[]): MediaTap {
    const mix: Mix = { destination: sharedAudioContext().createMediaStreamDestination(), inputs: new Map() };
    let wanted = sources.map((from) => ({ from, gain: 1 }));
    const retry = (): void => this.#connect(mix, wanted);
    this.#taps.add(retry);
    retry();
    return {
      stream: mix.destination.stream,
      setSources: (next) => {
        wanted = next.map((from) => ({ from, gain: 1 }));
        retry();
      },
      dispose: () => {
        this.#taps.delete(retry);
        for (const input of mix.inputs.values()) input.disconnect();
        mix.destination.disconnect();
      },
    };
  }

  #connect(mix: Mix, sources: ReadonlyArray<{ from: string; gain: number }>): void {
    for (const [from, input] of mix.inputs) {
      if (!sources.some((s) => s.from === from)) {
        input.disconnect();
        mix.inputs.delete(from);
      }
    }
    for (const { from, gain } of sources) {
      let input = mix.inputs.get(from);
      if (!input) {
        const source = this.#source(from);
        if (!source) continue;
        input = source.context.createGain();
        source.connect(input).connect(mix.destination);
        mix.inputs.set(from, input);
      }
      input.gain.value = gain;
    }
  }

  /** The source node of a stream, made once (again if the stream changed). */
  #source(id: string): MediaStreamAudioSourceNode | undefined {
    const stream = this.#streamOf(id);
    if (!stream || stream.getAudioTracks().length === 0) return undefined;
    const known = this.#sources.get(id);
    if (known?.stream === stream) return known.node;
    known?.node.disconnect();
    const node = sharedAudioContext().createMediaStreamSource(stream);
    this.#sources.set(id, { stream, node });
    return node;
  }
}
