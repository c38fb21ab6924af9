import type { Ringer } from '../media/ringer.js';
import type { Sound } from './sounds.js';

/** A sound playing; `stop()` silences it at once. */
export interface Playing {
  stop(): void;
}

/** Seconds of attack and release of a note: no clicks. */
const EDGE = 0.015;

/**
 * Plays `sound` on the ringer: one oscillator and gain envelope per note,
 * into a gain of its own (what `stop()` silences). A ringtone repeats every
 * `period` seconds, each period scheduled just before it starts; while the
 * audio context is not running (no gesture yet) a period is skipped rather
 * than piled up for later.
 */
export function playSound(ringer: Ringer, sound: Sound): Playing {
  const context = ringer.context;
  ringer.wake();
  const group = context.createGain();
  group.connect(ringer.input);
  const live = new Set<OscillatorNode>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const schedule = (): void => {
    if (stopped) return;
    const start = context.currentTime + 0.02;
    if (context.state === 'running' || sound.period === undefined) {
      for (const note of sound.notes) {
        const oscillator = context.createOscillator();
        oscillator.frequency.value = note.frequency;
        const envelope = context.createGain();
        const from = start + note.at;
        const to = from + note.length;
        envelope.gain.setValueAtTime(0, from);
        envelope.gain.linearRampToValueAtTime(sound.level, from + EDGE);
        envelope.gain.setValueAtTime(sound.level, to - EDGE);
        envelope.gain.linearRampToValueAtTime(0, to);
        oscillator.connect(envelope).connect(group);
        oscillator.onended = () => {
          live.delete(oscillator);
          oscillator.disconnect();
          envelope.disconnect();
          if (live.size === 0 && sound.period === undefined) group.disconnect();
        };
        oscillator.start(from);
        oscillator.stop(to);
        live.add(oscillator);
      }
    }
    if (sound.period !== undefined) timer = setTimeout(schedule, sound.period * 1000);
  };
  schedule();

  return {
    stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      // Silent now: the group leaves the ringer at once; the notes end on their own.
      group.disconnect();
      for (const oscillator of live) {
        try {
          oscillator.stop();
        } catch {
          // Not started yet: it never will be heard (its group is gone).
        }
      }
    },
  };
}
