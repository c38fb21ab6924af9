import assert from 'node:assert/strict';
import { test } from 'node:test';
import { comparableNumber, mergeMissed, missedEntryOf, unprocessedFor, type MissedCallEntry } from './missed-calls.js';

const info = { remote: { number: '+33612345678', displayName: 'Bob' } } as never;
const call = (endReason: string, extra: object = {}) =>
  ({ id: 'c1', direction: 'inbound', state: 'ended', endReason, answeredAt: undefined, endedAt: 1_700_000_000_000, info, contactName: undefined, ...extra }) as never;

test('an inbound call that ended unanswered is missed, with its reason', () => {
  assert.equal(missedEntryOf(call('ring-timeout'))?.reason, 'no-answer');
  assert.equal(missedEntryOf(call('declined'))?.reason, 'declined');
  assert.equal(missedEntryOf(call('caller-cancelled'))?.reason, 'caller-hung-up');
  assert.equal(missedEntryOf(call('remote-hangup', { answeredAt: 1 })), undefined);
  assert.equal(missedEntryOf(call('ring-timeout', { direction: 'outbound' })), undefined);
  assert.deepEqual(missedEntryOf(call('ring-timeout'))?.caller, { number: '+33612345678', name: 'Bob' });
});

test('numbers compare in E.164 with a default region, else by their digits', () => {
  assert.equal(comparableNumber('06 12 34 56 78', 'FR'), '+33612345678');
  assert.equal(comparableNumber('+33 6 12 34 56 78'), '+33612345678');
  assert.equal(comparableNumber('0033 6 12 34 56 78'), '+33612345678');
  assert.equal(comparableNumber('1002'), '1002');
  assert.notEqual(comparableNumber('06 12 34 56 78'), comparableNumber('+33612345678'));
});

test('unprocessed entries of a number; the platform list merges by id, newest first', () => {
  const a: MissedCallEntry = { id: 'p1', at: '2026-12-01T10:00:00Z', caller: { number: '0612345678' }, reason: 'no-answer', processed: false, source: 'platform' };
  const b: MissedCallEntry = { id: 'local-1', at: '2026-12-01T11:00:00Z', caller: { number: '+33612345678' }, reason: 'declined', processed: false, source: 'local' };
  const c: MissedCallEntry = { ...a, id: 'p2', processed: true };
  assert.deepEqual(unprocessedFor([a, b, c], '+33 6 12 34 56 78', 'FR').map((e) => e.id), ['p1', 'local-1']);
  const merged = mergeMissed([a, b], [{ ...a, processed: true }, c]);
  assert.deepEqual(merged.map((e) => [e.id, e.processed]), [['local-1', false], ['p1', true], ['p2', true]]);
});
