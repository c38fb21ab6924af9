import { sharedAudioContext } from './audio-context.js';

/** A MediaStream that plays a steady sine tone: a simulated voice, a test signal. */
export interface ToneStream {
  stream: MediaStream;
  frequency: number;
  /** Stop the tone and the stream's tracks. */
  stop(): void;
}

/** Creates a sine tone at `frequency` Hz as a microphone-like MediaStream. */
export function createToneStream(frequency: number, gain = 0.3): ToneStream {
  const context = sharedAudioContext();
  const oscillator = context.createOscillator();
  oscillator.type = 'sine';
  oscillator.frequency.value = frequency;
  const level = context.createGain();
  level.gain.value = gain;
  const destination = context.createMediaStreamDestination();
  oscillator.connect(level).connect(destination);
  oscillator.start();
  let stopped = false;
  return {
    stream: destination.stream,
    frequency,
    stop() {
      if (stopped) return;
      stopped = true;
      oscillator.stop();
      oscillator.disconnect();
      level.disconnect();
      for (const track of destination.stream.getTracks()) track.stop();
    },
  };
}

/** A microphone that speaks a tone: `media.getStream` for `createPhone`. */
export interface ToneMicrophone {
  readonly frequency: number;
  /** A new stream for each call: a copy of the one tone's track, which the call may stop. */
  getStream(): Promise<MediaStream>;
  /** Stop the tone (streams already handed out fall silent). */
  stop(): void;
}

/**
 * One steady tone, handed to each call as its own copy of the track: a
 * thousand calls cost one oscillator, and a call that stops its track leaves
 * the others alone.
 *
 * ```js
 * const mic = createToneMicrophone(1130);
 * const phone = createPhone({ sip, media: { getStream: mic.getStream } });
 * ```
 */
export function createToneMicrophone(frequency: number, gain = 0.3): ToneMicrophone {
  let tone: ToneStream | undefined;
  return {
    frequency,
    getStream: async () => {
      tone ??= createToneStream(frequency, gain);
      return new MediaStream(tone.stream.getAudioTracks().map((track) => track.clone()));
    },
    stop() {
      tone?.stop();
      tone = undefined;
    },
  };
}
