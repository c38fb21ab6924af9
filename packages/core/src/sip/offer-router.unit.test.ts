import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CallLeg, DialogId } from '../call/call-leg.js';
import type { OfferInput } from '../call/offer-input.js';
import { parseOffer } from '../call/parse-offer.js';
import { routeOffer, type OfferRoutingState } from './offer-router.js';
import { parseReplaces } from './replaces.js';

const CONFIG = { domains: ['cx.test'], extensionPattern: /^\d{2,6}$/ };
const known = { id: 'leg-a' } as CallLeg;
const dialog: DialogId = { callId: 'abc@host', localTag: 'ours', remoteTag: 'theirs' };

function route(headers: Array<[string, string]>, state: Partial<OfferRoutingState> = {}) {
  const input: OfferInput = { headers, from: { displayName: '', user: '2001', host: 'cx.test' }, to: { user: '1001', host: 'cx.test' } };
  return routeOffer(input, parseOffer(input, CONFIG), {
    findDialog: (d) => (d.callId === dialog.callId && d.localTag === dialog.localTag && d.remoteTag === dialog.remoteTag ? known : undefined),
    isTaken: () => false,
    acceptsMonitoring: false,
    ...state,
  });
}

describe('routeOffer', () => {
  test('a plain INVITE rings', () => {
    assert.deepEqual(route([['X-CX-Queue', 'Sales']]), { kind: 'ring' });
  });

  test('Replaces naming one of our dialogs replaces its leg', () => {
    assert.deepEqual(route([['Replaces', 'abc@host;to-tag=ours;from-tag=theirs']]), { kind: 'replace', leg: known });
  });

  test('Replaces naming no dialog of ours is refused with 481, tags being matched from our side', () => {
    assert.equal(route([['Replaces', 'abc@host;to-tag=theirs;from-tag=ours']]).kind, 'refuse');
    assert.deepEqual(
      (route([['Replaces', 'nope@host;to-tag=ours;from-tag=theirs']]) as { statusCode: number }).statusCode,
      481,
    );
  });

  test('a malformed Replaces is refused with 400; early-only on a confirmed dialog with 486', () => {
    for (const bad of ['', ';to-tag=a;from-tag=b', 'abc@host;to-tag=ours', 'abc@host;to-tag=o urs;from-tag=theirs', 'x'.repeat(2000)]) {
      assert.equal((route([['Replaces', bad]]) as { statusCode?: number }).statusCode, 400, bad.slice(0, 30));
    }
    assert.equal((route([['replaces', 'abc@host;to-tag=ours;from-tag=theirs;early-only']]) as { statusCode?: number }).statusCode, 486);
  });

  test('an X-CX-Monitor INVITE is refused with 403 while no monitoring feature takes it, whatever else it says', () => {
    const headers: Array<[string, string]> = [
      ['X-CX-Monitor', 'mode=silent;target=int-1'],
      ['Call-Info', '<sip:x>;answer-after=0'],
      ['X-CX-Interaction-Id', 'int-9'],
    ];
    assert.deepEqual(route(headers, { isTaken: () => true }), { kind: 'refuse', statusCode: 403, reason: 'Monitoring is not allowed here' });
    assert.deepEqual(route(headers, { acceptsMonitoring: true }), { kind: 'monitor', monitor: { mode: 'silent', target: 'int-1' } });
    assert.equal((route([['X-CX-Monitor', 'mode=shout']], { acceptsMonitoring: true }) as { statusCode?: number }).statusCode, 400);
  });

  test('an interaction the agent took is answered at once; others ring', () => {
    const taken = new Set(['int-7']);
    assert.deepEqual(route([['X-CX-Interaction-Id', 'int-7']], { isTaken: (id) => taken.has(id) }), { kind: 'taken', interactionId: 'int-7' });
    assert.deepEqual(route([['X-CX-Interaction-Id', 'int-8']], { isTaken: (id) => taken.has(id) }), { kind: 'ring' });
  });
});

describe('parseReplaces', () => {
  test('reads the Call-ID, both tags (any order, any case) and early-only', () => {
    assert.deepEqual(parseReplaces(' 425928@bobster.example.org ; FROM-TAG=7743 ;to-tag=6472 ; early-only'), {
      dialog: { callId: '425928@bobster.example.org', localTag: '6472', remoteTag: '7743' },
      earlyOnly: true,
    });
  });

  test('anything else is undefined', () => {
    for (const bad of ['', 'a b;to-tag=1;from-tag=2', 'a;to-tag=;from-tag=2', 'a;to-tag=1', 'a;from-tag=1', 'a;to-tag=1;from-tag=<x>']) {
      assert.equal(parseReplaces(bad), undefined, bad);
    }
    assert.equal(parseReplaces(42 as unknown as string), undefined);
  });
});
