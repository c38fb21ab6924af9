// node --test scripts/platform/check-platform.test.mjs
// The contract check against tiny node:http platforms: one that serves the
// contract's own examples (every check passes), and broken ones (each
// problem is reported with its path).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { checkPlatform, formatResult } from './check-platform.mjs';

const contract = parse(readFileSync(fileURLToPath(new URL('../../docs/platform-api.yaml', import.meta.url)), 'utf8'));
const example = (path, method = 'get', status = 200, type = 'application/json') =>
  structuredClone(contract.paths[path][method].responses[status].content[type].example);

const TOKEN = 'secret';

/** The answers of a conforming platform: the contract's examples. */
function conforming() {
  return {
    '/me': example('/me'),
    '/pool': example('/pool'),
    '/missed-calls': example('/missed-calls'),
    '/voicemails': example('/voicemails'),
    '/directory': example('/directory'),
    '/users/1001': example('/users/{extension}'),
    '/queues/q-sales/form': example('/queues/{id}/form'),
    '/interactions/i-42': example('/interactions/{id}'),
    '/me/unanswered': example('/me/unanswered'),
    '/contacts': example('/contacts'),
  };
}

const servers = [];
after(() => Promise.all(servers.map((s) => new Promise((resolve) => (s.close(resolve), s.closeAllConnections())))));

/** Serves `answers` by path; `events` is the text of the event stream. */
async function platform(answers, events = example('/events', 'get', 200, 'text/event-stream')) {
  const server = createServer((request, response) => {
    const url = new URL(request.url, 'http://x');
    const path = url.pathname.replace(/^\/api/, '');
    if (request.headers.authorization !== `Bearer ${TOKEN}`) {
      response.writeHead(401, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ code: 'unauthorized', message: 'No token.' }));
      return;
    }
    if (path === '/events') {
      response.writeHead(200, { 'Content-Type': 'text/event-stream' });
      response.write(events);
      return; // stays open, as a real stream
    }
    if (!(path in answers)) {
      response.writeHead(404, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ code: 'not-found', message: `No ${path}.` }));
      return;
    }
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(answers[path]));
  });
  servers.push(server);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  const { port } = server.address();
  return `http://127.0.0.1:${port}/api/`;
}

const check = (baseUrl) => checkPlatform(baseUrl, TOKEN, { eventsMs: 300 });
const byName = (results, name) => {
  const result = results.find((r) => r.name === name);
  assert.ok(result, `no check named ${name}: ${results.map((r) => r.name).join(', ')}`);
  return result;
};

describe('cx-platform-check', () => {
  test('a platform serving the contract examples passes every check', async () => {
    const { ok, results } = await check(await platform(conforming()));
    assert.equal(ok, true, results.map(formatResult).join('\n'));
    assert.deepEqual(
      results.map((r) => r.name),
      [
        'GET /me without a token',
        'GET /me',
        'GET /pool',
        'GET /missed-calls',
        'GET /voicemails',
        'GET /directory?q=a',
        'GET /me/unanswered',
        'GET /contacts?number=1001',
        'GET /users/1001',
        'GET /queues/q-sales/form',
        'GET /interactions/i-42',
        'GET /events',
      ],
    );
    assert.match(formatResult(byName(results, 'GET /events')), /^✓ GET \/events: 2 event\(s\) valid$/);
  });

  test('a missing field, a wrong type and a 404 are each reported', async () => {
    const answers = conforming();
    delete answers['/me'].profile.wrapUpSeconds;
    answers['/pool'][1].waitingSince = 12;
    delete answers['/voicemails'];
    const { ok, results } = await check(await platform(answers));
    assert.equal(ok, false);
    assert.equal(formatResult(byName(results, 'GET /me')), '✗ GET /me: $.profile: missing required field "wrapUpSeconds"');
    assert.match(formatResult(byName(results, 'GET /pool')), /^✗ GET \/pool: \$\[1\]\.waitingSince: must be string/);
    assert.match(formatResult(byName(results, 'GET /voicemails')), /^✗ GET \/voicemails: answered 404, expected 200/);
    assert.equal(byName(results, 'GET /missed-calls').status, 'pass');
  });

  test('an enum value outside the contract and an invalid event are reported', async () => {
    const answers = conforming();
    answers['/directory'][0].kind = 'robot';
    const events = 'event: wrap-up\nid: 1\ndata: {"interactionId":"i-42","endsAt":"soon","totalSeconds":60}\n\n';
    const { results } = await check(await platform(answers, events));
    assert.match(formatResult(byName(results, 'GET /directory?q=a')), /\$\[0\]\.kind: must be one of "user", "queue", "routing", "contact"/);
    assert.match(formatResult(byName(results, 'GET /events')), /event 1 \(wrap-up, id 1\): \$\.endsAt: must match format "date-time"/);
  });

  test('an empty pool and an agent without queues skip the checks that need them', async () => {
    const answers = conforming();
    answers['/pool'] = [];
    answers['/me'].queues = [];
    const { ok, results } = await check(await platform(answers));
    assert.equal(ok, true, results.map(formatResult).join('\n'));
    assert.equal(byName(results, 'GET /interactions/{id}').status, 'skip');
    assert.equal(byName(results, 'GET /queues/{id}/form').status, 'skip');
  });

  test('the optional requests: a 404 is skipped, a wrong answer reported', async () => {
    const answers = conforming();
    delete answers['/me/unanswered'];
    answers['/contacts'] = [{ id: 'c-1' }];
    const { ok, results } = await check(await platform(answers));
    assert.equal(ok, false);
    assert.equal(formatResult(byName(results, 'GET /me/unanswered')), '- GET /me/unanswered: optional: this platform does not offer it (404), the Banner does without');
    assert.match(formatResult(byName(results, 'GET /contacts?number=1001')), /^✗ GET \/contacts\?number=1001: \$\[0\]: missing required field "name"/);
    delete answers['/contacts'];
    const without = await check(await platform(answers));
    assert.equal(without.ok, true, without.results.map(formatResult).join('\n'));
  });

  test('the command line: exit 0 when conforming, 1 when broken, 2 on a usage error', async () => {
    const run = (args, env = {}) =>
      new Promise((resolve) => {
        const bin = fileURLToPath(new URL('./cx-platform-check.mjs', import.meta.url));
        const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env } });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (out += d));
        child.on('close', (code) => resolve({ code, out }));
      });
    const good = await platform(conforming());
    const passed = await run([good, '--events-seconds', '0.3'], { CX_PLATFORM_TOKEN: TOKEN });
    assert.equal(passed.code, 0, passed.out);
    assert.match(passed.out, /All 12 checks passed/);
    const failed = await run([good.replace(/\/api\/$/, '/nope/'), '--token', TOKEN, '--events-seconds', '0.3']);
    assert.equal(failed.code, 1, failed.out);
    assert.match(failed.out, /✗ GET \/me: answered 404/);
    const usage = await run([]);
    assert.equal(usage.code, 2);
    assert.match(usage.out, /Usage: cx-platform-check/);
    const noToken = await run([good], { CX_PLATFORM_TOKEN: '' });
    assert.equal(noToken.code, 2);
  });
});
