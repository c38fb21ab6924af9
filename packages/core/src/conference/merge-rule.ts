import type { CallSnapshot } from '../call/call.js';

/**
 * Which calls may be merged now: a 3-way conversation needs exactly two
 * calls in progress (one active and one on hold, or both active), not
 * already in one conference. Pure; the phone permits `can.merge` on the ids
 * it returns.
 */
export function mergeableCalls(calls: readonly Pick<CallSnapshot, 'id' | 'state' | 'conferenceId'>[]): ReadonlySet<string> {
  const live = calls.filter((c) => c.state !== 'ended');
  if (live.length !== 2) return new Set();
  const [a, b] = live as [(typeof live)[number], (typeof live)[number]];
  const settled = (state: CallSnapshot['state']): boolean => state === 'active' || state === 'held';
  if (!settled(a.state) || !settled(b.state)) return new Set();
  if (a.conferenceId !== undefined && a.conferenceId === b.conferenceId) return new Set();
  return new Set([a.id, b.id]);
}
