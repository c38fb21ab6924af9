import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CallState } from '../call/call-state.js';
import { mergeableCalls } from './merge-rule.js';

const call = (id: string, state: CallState, conferenceId?: string) => ({ id, state, conferenceId });
const ids = (set: ReadonlySet<string>): string[] => [...set].sort();

describe('mergeableCalls', () => {
  test('one active and one held call may be merged', () => {
    assert.deepEqual(ids(mergeableCalls([call('a', 'active'), call('b', 'held')])), ['a', 'b']);
  });
  test('a single call, three calls, or a call still ringing or dialing may not', () => {
    assert.deepEqual(ids(mergeableCalls([call('a', 'active')])), []);
    assert.deepEqual(ids(mergeableCalls([call('a', 'active'), call('b', 'held'), call('c', 'held')])), []);
    assert.deepEqual(ids(mergeableCalls([call('a', 'active'), call('b', 'ringing')])), []);
    assert.deepEqual(ids(mergeableCalls([call('a', 'held'), call('b', 'dialing')])), []);
  });
  test('ended calls do not count; two calls already merged may not be merged again', () => {
    assert.deepEqual(ids(mergeableCalls([call('a', 'active'), call('b', 'held'), call('c', 'ended')])), ['a', 'b']);
    assert.deepEqual(ids(mergeableCalls([call('a', 'active', 'k'), call('b', 'active', 'k')])), []);
  });
});
