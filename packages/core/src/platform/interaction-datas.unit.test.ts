import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseOffer } from '../call/parse-offer.js';
import { needsPlatformDatas, withPlatformDatas } from './interaction-datas.js';

const offer = (headers: [string, string][]) =>
  parseOffer(
    { from: { displayName: 'Bob', user: '2001', host: 'cx.example' }, to: { user: '1001', host: 'cx.example' }, headers },
    { domains: ['cx.example'], extensionPattern: /^\d{2,6}$/ },
  );

test('only a call with an interaction id and no Datas of its own asks the platform', () => {
  assert.equal(needsPlatformDatas(offer([['X-CX-Interaction-Id', 'i-1']])), true);
  assert.equal(needsPlatformDatas(offer([])), false);
  assert.equal(needsPlatformDatas(offer([['X-CX-Interaction-Id', 'i-1'], ['X-CX-Route', 'Welcome > Sales']])), false);
  assert.equal(needsPlatformDatas(offer([['X-CX-Interaction-Id', 'i-1'], ['X-CX-Data-Order', '42']])), false);
});

test("the platform's route and variables become the call's, as bounded text", () => {
  const info = offer([['X-CX-Interaction-Id', 'i-1']]);
  const filled = withPlatformDatas(info, {
    id: 'i-1',
    caller: { number: '2001' },
    queue: { id: 'sales', name: 'Sales' },
    route: ['Welcome', '', 'Sales\u202E'],
    data: { Order: '<b>42</b>', Long: 'x'.repeat(5000) },
  });
  assert.deepEqual([...filled.route], ['Welcome', 'Sales']);
  assert.equal(filled.data['Order'], '<b>42</b>');
  assert.ok(filled.data['Long']!.length <= 1024);
  assert.deepEqual(filled.queue, { id: 'sales', name: 'Sales' });
  assert.equal(filled.interactionId, 'i-1');
});
