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
