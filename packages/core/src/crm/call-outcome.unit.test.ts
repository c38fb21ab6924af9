import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callOutcome } from './call-outcome.js';
import type { EndReason } from '../call/call-state.js';

const ended = (direction: 'inbound' | 'outbound', endReason: EndReason, statusCode?: number, answeredAt?: number) =>
  callOutcome({ direction, endReason, statusCode, answeredAt });

test('answered calls are answered, however they ended', () => {
  for (const reason of ['local-hangup', 'remote-hangup', 'transferred', 'tab-closed', 'failed'] as const) {
    assert.equal(ended('inbound', reason, undefined, 1), 'answered', reason);
    assert.equal(ended('outbound', reason, undefined, 1), 'answered', reason);
  }
});

test('inbound calls nobody answered: no answer, caller hung up, declined', () => {
  assert.equal(ended('inbound', 'ring-timeout'), 'no-answer');
  assert.equal(ended('inbound', 'caller-cancelled'), 'caller-hung-up');
  assert.equal(ended('inbound', 'declined'), 'declined');
  assert.equal(ended('inbound', 'tab-closed'), 'no-answer');
});

test('outbound calls that did not connect, by their SIP status', () => {
  assert.equal(ended('outbound', 'cancelled'), 'cancelled');
  assert.equal(ended('outbound', 'rejected', 486), 'busy');
  assert.equal(ended('outbound', 'rejected', 600), 'busy');
  assert.equal(ended('outbound', 'rejected', 603), 'declined');
  assert.equal(ended('outbound', 'rejected', 404), 'not-found');
  assert.equal(ended('outbound', 'rejected', 484), 'not-found');
  assert.equal(ended('outbound', 'rejected', 480), 'no-answer');
  assert.equal(ended('outbound', 'rejected', 503), 'failed');
  assert.equal(ended('outbound', 'rejected'), 'failed');
  assert.equal(ended('outbound', 'failed'), 'failed');
});
