import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { deriveAgentStatus } from './agent-status.js';

const registered = { state: 'registered' as const };
const none = { paused: false, wrappingUp: false };

describe('agent status', () => {
  test('offline unless registered, whatever the calls', () => {
    for (const state of ['disconnected', 'connecting', 'connected', 'failed'] as const) {
      assert.equal(deriveAgentStatus({ state }, [{ state: 'active' }], none), 'offline');
    }
  });
  test('on a call beats ringing beats wrap-up beats paused', () => {
    assert.equal(deriveAgentStatus(registered, [{ state: 'ringing' }, { state: 'held' }], none), 'on-call');
    assert.equal(deriveAgentStatus(registered, [{ state: 'ringing' }], { paused: true, wrappingUp: true }), 'ringing');
    assert.equal(deriveAgentStatus(registered, [{ state: 'ended' }], { paused: true, wrappingUp: true }), 'post-interaction');
    assert.equal(deriveAgentStatus(registered, [], { paused: true, wrappingUp: false }), 'paused');
    assert.equal(deriveAgentStatus(registered, [{ state: 'ended' }], none), 'available');
  });
});
