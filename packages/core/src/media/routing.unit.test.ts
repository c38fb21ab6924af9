import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CallState } from '../call/call-state.js';
import { MICROPHONE, routeCalls, SPEAKER, type Route } from './routing.js';

const call = (legId: string, state: CallState, muted = false) => ({ legId, state, muted });
const sorted = (routes: Route[]): string[] => routes.map((r) => `${r.from}->${r.to}@${r.gain}`).sort();

describe('routeCalls: who hears whom', () => {
  test('a plain active call: the agent hears the leg, the leg hears the microphone', () => {
    assert.deepEqual(sorted(routeCalls([call('a', 'active')])), ['a->speaker@1', 'mic->a@1']);
  });

  test('dialing and connecting calls carry audio both ways (early media, answering)', () => {
    assert.deepEqual(sorted(routeCalls([call('a', 'dialing'), call('b', 'connecting')])), [
      'a->speaker@1',
      'b->speaker@1',
      'mic->a@1',
      'mic->b@1',
    ]);
  });

  test('muting takes the microphone out of the call only', () => {
    assert.deepEqual(sorted(routeCalls([call('a', 'active', true)])), ['a->speaker@1']);
  });

  test('a held call is heard by nobody and hears nothing, muted or not', () => {
    assert.deepEqual(routeCalls([call('a', 'held')]), []);
    assert.deepEqual(routeCalls([call('a', 'held', true)]), []);
  });

  test('ringing and ended calls route nothing', () => {
    assert.deepEqual(routeCalls([call('a', 'ringing'), call('b', 'ended')]), []);
  });

  test('one active call and one held: only the active one is routed', () => {
    assert.deepEqual(sorted(routeCalls([call('a', 'active'), call('b', 'held')])), ['a->speaker@1', 'mic->a@1']);
  });

  test("features add entries (a merge feeds each leg the other's audio)", () => {
    const merge: Route[] = [
      { from: 'a', to: 'b', gain: 1 },
      { from: 'b', to: 'a', gain: 1 },
    ];
    assert.deepEqual(sorted(routeCalls([call('a', 'active'), call('b', 'active')], merge)), [
      'a->b@1',
      'a->speaker@1',
      'b->a@1',
      'b->speaker@1',
      'mic->a@1',
      'mic->b@1',
    ]);
  });

  test('mute and hold win over feature entries', () => {
    const extra: Route[] = [
      { from: MICROPHONE, to: 'a', gain: 1 },
      { from: 'b', to: SPEAKER, gain: 1 },
      { from: 'b', to: 'a', gain: 1 },
    ];
    assert.deepEqual(sorted(routeCalls([call('a', 'active', true), call('b', 'held')], extra)), ['a->speaker@1']);
  });

  test('gains are clamped to 1, zero and negative entries dropped, duplicates keep the loudest', () => {
    const extra: Route[] = [
      { from: 's', to: SPEAKER, gain: 0.3 },
      { from: 's', to: SPEAKER, gain: 0.6 },
      { from: 'x', to: SPEAKER, gain: 7 },
      { from: 'y', to: SPEAKER, gain: 0 },
      { from: 'z', to: SPEAKER, gain: -1 },
      { from: 'n', to: SPEAKER, gain: Number.NaN },
    ];
    assert.deepEqual(sorted(routeCalls([], extra)), ['s->speaker@0.6', 'x->speaker@1']);
  });
});
