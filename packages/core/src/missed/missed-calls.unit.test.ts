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

test("a call to any of the contact's numbers processes the entries of that contact", () => {
  const mobile: MissedCallEntry = { id: 'p1', at: '2026-12-01T10:00:00Z', caller: { number: '06 12 34 56 78' }, reason: 'no-answer', processed: false, source: 'platform' };
  const local: MissedCallEntry = { ...mobile, id: 'local-1', source: 'local', contactNumbers: ['+33612345678', '01 23 45 67 89'] };
  const other: MissedCallEntry = { ...mobile, id: 'p2', caller: { number: '+33699999999' } };
  const office = '+33 1 23 45 67 89';
  assert.deepEqual(unprocessedFor([mobile, other], office, 'FR').map((e) => e.id), [], 'the office number alone is another number');
  // The later call's contact card holds the mobile too.
  assert.deepEqual(unprocessedFor([mobile, other], office, 'FR', ['0123456789', '0612345678']).map((e) => e.id), ['p1']);
  // The missed call kept its contact's numbers: the office number is one of them.
  assert.deepEqual(unprocessedFor([local, other], office, 'FR').map((e) => e.id), ['local-1']);
  assert.deepEqual(unprocessedFor([{ ...local, processed: true }], office, 'FR'), []);
  assert.deepEqual(unprocessedFor([mobile], '', 'FR', ['']), [], 'no number: nothing');
});

test('a missed call keeps the numbers of its contact card', () => {
  const contact = { name: 'Bob', numbers: ['+33612345678', '+33123456789'], source: 'folder' };
  assert.deepEqual(missedEntryOf(call('declined', { contact, contactName: 'Bob' }))?.contactNumbers, ['+33612345678', '+33123456789']);
  assert.equal('contactNumbers' in missedEntryOf(call('declined'))!, false);
});
