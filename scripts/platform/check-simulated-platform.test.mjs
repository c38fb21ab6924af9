// node --test scripts/platform/check-simulated-platform.test.mjs (after `tsc -b`)
// The contract check against the simulated platform of @cx/core/testing,
// served over HTTP: it conforms. Then the same platform made to answer
// wrongly: the check reports each fault.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createSimulatedPlatform } from '../../packages/core/lib/testing/index.js';
import { servePlatform } from '../../packages/core/lib/testing/node.js';
import { checkPlatform, formatResult } from './check-platform.mjs';

const platform = createSimulatedPlatform();
platform.putInPool({ queueId: [...platform.model.queues.keys()][0], caller: { number: '+33612345678', name: 'Bob Smith' } });
const served = await servePlatform(platform);
after(async () => {
  platform.dispose();
  await served.close();
});

test('the simulated platform passes the contract check', async () => {
  const result = await checkPlatform(served.url, platform.token, { eventsMs: 800 });
  const failures = result.results.filter((r) => r.status === 'fail');
  assert.deepEqual(failures.map(formatResult), []);
  assert.equal(result.ok, true);
  assert.ok(result.results.filter((r) => r.status === 'pass').length >= 9, 'every read-only request was checked');
});

test('a broken answer is reported with what is wrong', async () => {
  platform.fail('GET /pool', { json: [{ interactionId: 7, queue: { id: 'q' } }] });
  platform.fail('GET /missed-calls', { status: 404, json: { code: 'not-found', message: 'No such path' } });
  const result = await checkPlatform(served.url, platform.token, { eventsMs: 300 });
  assert.equal(result.ok, false);
  const text = result.results.map(formatResult).join('\n');
  assert.match(text, /pool/i);
  assert.match(text, /interactionId/);
  assert.match(text, /missed-calls/);
  assert.match(text, /404/);
});
