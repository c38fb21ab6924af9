import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isCxError } from '../errors/cx-error.js';
import { assertTransition, CallState, callTransitions, canTransition, type CallState as State } from './call-state.js';

const states = Object.values(CallState) as State[];
const legal: Array<[State, State]> = [
  ['ringing', 'connecting'],
  ['ringing', 'ended'],
  ['dialing', 'active'],
  ['dialing', 'ended'],
  ['connecting', 'active'],
  ['connecting', 'ended'],
  ['active', 'held'],
  ['active', 'ended'],
  ['held', 'active'],
  ['held', 'ended'],
];

describe('call transition table', () => {
  test('lists exactly the legal moves', () => {
    const table = states.flatMap((from) => callTransitions[from].map((to) => `${from}->${to}`)).sort();
    assert.deepEqual(table, legal.map(([f, t]) => `${f}->${t}`).sort());
  });

  for (const [from, to] of legal) {
    test(`allows ${from} -> ${to}`, () => {
      assert.equal(canTransition(from, to), true);
      assert.doesNotThrow(() => assertTransition(from, to));
    });
  }

  for (const from of states) {
    for (const to of states) {
      if (legal.some(([f, t]) => f === from && t === to)) continue;
      test(`rejects ${from} -> ${to} with an invalid-state error`, () => {
        assert.equal(canTransition(from, to), false);
        assert.throws(
          () => assertTransition(from, to),
          (error: unknown) => isCxError(error, 'invalid-state') && error.message.includes(`"${from}"`),
        );
      });
    }
  }

  test('ended is final', () => {
    assert.deepEqual(callTransitions.ended, []);
  });

  test('the table cannot be changed at run time', () => {
    assert.throws(() => {
      (callTransitions as Record<string, unknown>)['ended'] = ['active'];
    });
  });
});
