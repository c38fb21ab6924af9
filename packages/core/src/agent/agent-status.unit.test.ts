import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isCxError } from '../errors/cx-error.js';
import { INITIAL_AGENT_STATE, nextAgentState, wrapUpEndsAt, type AgentInput, type AgentState } from './agent-status.js';

function run(inputs: AgentInput[], from: AgentState = INITIAL_AGENT_STATE): AgentState {
  return inputs.reduce((state, input, i) => nextAgentState(state, input, 1000 + i), from);
}
const online: AgentInput = { type: 'connection', registered: true };

describe('agent status machine', () => {
  test('offline until registered, whatever the calls; the platform cannot bring it online', () => {
    assert.equal(run([{ type: 'calls', ringing: false, onCall: true }]).status, 'offline');
    assert.equal(run([{ type: 'platform', status: 'available' }]).status, 'offline');
    assert.equal(run([online]).status, 'available');
    assert.equal(run([online, { type: 'connection', registered: false }]).status, 'offline');
  });

  test('a choice while offline is refused with a typed error', () => {
    assert.throws(() => run([{ type: 'choose', status: 'paused', reason: 'Lunch' }]), (e: unknown) => isCxError(e, 'not-connected'));
  });

  test('on a call beats ringing beats wrap-up beats the resting status', () => {
    const paused = run([online, { type: 'choose', status: 'paused', reason: 'Lunch' }]);
    assert.deepEqual([paused.status, paused.reason], ['paused', 'Lunch']);
    assert.equal(run([{ type: 'calls', ringing: true, onCall: false }], paused).status, 'ringing');
    assert.equal(run([{ type: 'calls', ringing: true, onCall: true }], paused).status, 'on-call');
    const ended = run([{ type: 'calls', ringing: false, onCall: true }, { type: 'calls', ringing: false, onCall: false }, { type: 'interaction-ended', interactionId: 'i1', seconds: 30 }], paused);
    assert.equal(ended.status, 'post-interaction');
    assert.equal(ended.reason, undefined);
    const after = run([{ type: 'wrap-up-ended' }], ended);
    assert.deepEqual([after.status, after.reason], ['paused', 'Lunch']);
  });

  test('pausing during a call takes effect when it ends; available ends the wrap-up', () => {
    const onCall = run([online, { type: 'calls', ringing: false, onCall: true }, { type: 'choose', status: 'paused', reason: 'Break' }]);
    assert.equal(onCall.status, 'on-call');
    const wrap = run([{ type: 'calls', ringing: false, onCall: false }, { type: 'interaction-ended', interactionId: 'i1', seconds: 30 }], onCall);
    assert.equal(wrap.status, 'post-interaction');
    assert.equal(run([{ type: 'wrap-up-ended' }], wrap).status, 'paused');
    assert.equal(run([{ type: 'choose', status: 'available' }], wrap).status, 'available');
  });

  test('a call without wrap-up time goes straight back', () => {
    const s = run([online, { type: 'calls', ringing: false, onCall: true }, { type: 'calls', ringing: false, onCall: false }, { type: 'interaction-ended', interactionId: 'i1', seconds: 0 }]);
    assert.equal(s.status, 'available');
  });

  test('the platform changes the resting status (a supervisor), never the SIP facts', () => {
    const s = run([online, { type: 'platform', status: 'paused', reason: 'Training' }]);
    assert.deepEqual([s.status, s.reason], ['paused', 'Training']);
    const call = run([{ type: 'calls', ringing: false, onCall: true }, { type: 'platform', status: 'available' }], s);
    assert.equal(call.status, 'on-call');
    assert.equal(run([{ type: 'calls', ringing: false, onCall: false }], call).status, 'available');
    assert.equal(run([{ type: 'platform', status: 'offline' }], s).status, 'paused');
  });

  test('since changes only with the status or the reason', () => {
    const a = nextAgentState(INITIAL_AGENT_STATE, online, 5);
    assert.equal(a.since, 5);
    assert.equal(nextAgentState(a, { type: 'choose', status: 'available' }, 9).since, 5);
    assert.equal(nextAgentState(a, { type: 'choose', status: 'paused', reason: 'Lunch' }, 9).since, 9);
  });

  test('a wrap-up keeps its start; extending grows its total; the platform names an unnamed one', () => {
    const wrap = nextAgentState(run([online]), { type: 'interaction-ended', interactionId: 'i1', callId: 'c1', seconds: 30 }, 10_000);
    assert.deepEqual(wrap.wrapUp, { interactionId: 'i1', callId: 'c1', startedAt: 10_000, totalSeconds: 30 });
    assert.equal(wrapUpEndsAt(wrap.wrapUp!), 40_000);
    const longer = nextAgentState(wrap, { type: 'wrap-up-time', interactionId: 'i1', totalSeconds: 60 }, 20_000);
    assert.equal(wrapUpEndsAt(longer.wrapUp!), 70_000);
    assert.equal(nextAgentState(wrap, { type: 'wrap-up-time', interactionId: 'other', totalSeconds: 90 }, 20_000), wrap, 'another interaction is ignored');
    const told = run([online, { type: 'platform', status: 'post-interaction' }]);
    assert.equal(told.wrapUp?.interactionId, '');
    assert.equal(wrapUpEndsAt(told.wrapUp!), undefined, 'no set time until the platform gives one');
    const named = nextAgentState(told, { type: 'wrap-up-time', interactionId: 'i9', totalSeconds: 45, startedAt: 5_000 }, 6_000);
    assert.deepEqual(named.wrapUp, { interactionId: 'i9', startedAt: 5_000, totalSeconds: 45 });
  });
});
