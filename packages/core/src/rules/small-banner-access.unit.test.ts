import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CallInfo } from '../call/call-info.js';
import { parseOffer } from '../call/parse-offer.js';
import { smallBannerAllows, type SmallBannerRule } from './small-banner-access.js';

type Header = readonly [string, string];

function call(headers: Header[] = []): CallInfo {
  return parseOffer(
    {
      headers,
      from: { displayName: 'Bob', user: '+15551234567', host: 'pstn.example' },
      to: { user: '1001', host: 'cx.example' },
    },
    { domains: ['cx.example'], extensionPattern: /^\d{2,6}$/ },
  );
}

const direct = call();
const sales = call([['X-CX-Queue', 'Sales'], ['X-CX-Queue-Id', 'q-12']]);
const vip = call([['X-CX-Queue', 'VIP'], ['X-CX-Queue-Id', 'q-99']]);
const salesById = call([['X-CX-Queue-Id', 'q-12']]);

describe('smallBannerAllows', () => {
  test('true allows every call; false none', () => {
    for (const info of [direct, sales, vip]) {
      assert.equal(smallBannerAllows(info, true), true);
      assert.equal(smallBannerAllows(info, false), false);
    }
  });

  test('a list of queues allows the calls of those queues, by name or by id', () => {
    assert.equal(smallBannerAllows(sales, { queues: ['Sales'] }), true);
    assert.equal(smallBannerAllows(sales, { queues: ['q-12'] }), true);
    assert.equal(smallBannerAllows(salesById, { queues: ['q-12'] }), true);
    assert.equal(smallBannerAllows(salesById, { queues: ['Sales'] }), false, 'the INVITE names only the id');
    assert.equal(smallBannerAllows(vip, { queues: ['Sales', 'q-12'] }), false);
    assert.equal(smallBannerAllows(vip, { queues: [] }), false);
  });

  test('names and ids are compared exactly; an empty entry matches nothing', () => {
    assert.equal(smallBannerAllows(sales, { queues: ['sales'] }), false);
    assert.equal(smallBannerAllows(sales, { queues: [' Sales'] }), false);
    const idOnly = call([['X-CX-Queue-Id', 'q-7']]);
    assert.equal(idOnly.queue?.name, '');
    assert.equal(smallBannerAllows(idOnly, { queues: [''] }), false);
  });

  test('with a list of queues, direct calls (no queue) are allowed', () => {
    assert.equal(smallBannerAllows(direct, { queues: [] }), true);
    assert.equal(smallBannerAllows(direct, { queues: ['Sales'] }), true);
  });

  test('the INVITE header wins over the profile, both ways', () => {
    const allowed = call([['X-CX-Queue', 'VIP'], ['X-CX-Small-Banner', 'allow']]);
    const denied = call([['X-CX-Queue', 'Sales'], ['X-CX-Small-Banner', 'deny']]);
    const deniedDirect = call([['X-CX-Small-Banner', 'DENY']]);
    for (const rule of [true, false, { queues: ['Sales'] }, { queues: [] }] as SmallBannerRule[]) {
      assert.equal(smallBannerAllows(allowed, rule), true, JSON.stringify(rule));
      assert.equal(smallBannerAllows(denied, rule), false, JSON.stringify(rule));
      assert.equal(smallBannerAllows(deniedDirect, rule), false, JSON.stringify(rule));
    }
  });

  test('a header with another value leaves the decision to the profile', () => {
    const unclear = call([['X-CX-Queue', 'VIP'], ['X-CX-Small-Banner', 'maybe']]);
    assert.equal(smallBannerAllows(unclear, { queues: ['Sales'] }), false);
    assert.equal(smallBannerAllows(unclear, true), true);
  });

  test('a rule that is not a valid rule denies', () => {
    for (const rule of [undefined, null, {}, { queues: 'Sales' }, 'yes', 1] as unknown as SmallBannerRule[]) {
      assert.equal(smallBannerAllows(sales, rule), false, JSON.stringify(rule));
      assert.equal(smallBannerAllows(direct, rule), false, JSON.stringify(rule));
    }
  });
});
