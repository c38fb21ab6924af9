// The sounds of notifications, as data: notes (frequency, start, length in
// seconds) played with oscillators and gain envelopes, no audio files. Each
// kind has its own pitch, away from each other and from speech's loudest
// band, so an agent (and a test, by frequency) tells them apart.
import type { NotificationKind } from './notification-settings.js';

export interface Note {
  /** Hz. */
  readonly frequency: number;
  /** Seconds from the start of the sound (of each period, for a ringtone). */
  readonly at: number;
  /** Seconds. */
  readonly length: number;
}

export interface Sound {
  readonly notes: readonly Note[];
  /** The sound repeats every `period` seconds until stopped (the ringtone); once when absent. */
  readonly period?: number;
  /** Peak gain of a note, 0 to 1. */
  readonly level: number;
}

/** The ringtone's two pitches (B5, F#5): a warble, then a pause; again every 2 s. */
export const RINGTONE_HZ = 988;
export const RINGTONE_LOW_HZ = 740;
export const MISSED_HZ = 622;
export const TRANSFER_HZ = 1319;
export const ENDED_HZ = 392;

const warble = [0, 0.25, 0.5, 0.75].map((at, i): Note => ({ frequency: i % 2 === 0 ? RINGTONE_HZ : RINGTONE_LOW_HZ, at, length: 0.22 }));

export const SOUNDS: Readonly<Record<NotificationKind, Sound>> = {
  ringing: { notes: warble, period: 2, level: 0.5 },
  // Falling: something was lost.
  missed: { notes: [{ frequency: MISSED_HZ, at: 0, length: 0.18 }, { frequency: 523, at: 0.22, length: 0.3 }], level: 0.4 },
  // Rising and bright: someone hands a call over.
  transferRequested: { notes: [{ frequency: TRANSFER_HZ, at: 0, length: 0.14 }, { frequency: 1568, at: 0.18, length: 0.14 }, { frequency: TRANSFER_HZ, at: 0.36, length: 0.2 }], level: 0.4 },
  // One low, soft note.
  ended: { notes: [{ frequency: ENDED_HZ, at: 0, length: 0.35 }], level: 0.3 },
};
