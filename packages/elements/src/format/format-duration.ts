import { msg, str } from '@lit/localize';

/**
 * A running clock: `0:07`, `12:34`, `1:02:03`. Negative durations read as
 * `0:00`.
 *
 * @param seconds whole seconds
 */
export function formatClock(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * A duration in words for people: `45 s`, `2 min 5 s`, `1 h 3 min` (in the locale).
 *
 * @param seconds whole seconds
 */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  if (total < 60) return msg(str`${total} s`);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return m > 0 ? msg(str`${h} h ${m} min`) : msg(str`${h} h`);
  return s > 0 ? msg(str`${m} min ${s} s`) : msg(str`${m} min`);
}

/** The same duration for a `<time datetime>` attribute: `PT125S`. */
export function isoDuration(seconds: number): string {
  return `PT${Math.max(0, Math.floor(seconds))}S`;
}
