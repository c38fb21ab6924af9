import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { isCxError, type CxError } from '../errors/cx-error.js';
import { Logger } from '../logger.js';
import { createPlatformClient, WrapUpRefusedError, type PlatformOptions } from './platform-client.js';

// Answers come from the contract's own examples (docs/platform-api.yaml), so
// the examples and the client cannot disagree. The network is a fake fetch.

function findDocument(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'docs/platform-api.yaml');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('docs/platform-api.yaml not found above the test');
    dir = parent;
  }
}

interface Operation {
  responses: Record<string, { content?: Record<string, { example?: unknown }> }>;
  requestBody?: { content: Record<string, { example?: unknown }> };
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
}


/** The OpenAPI document, parsed. */
const contract = parse(readFileSync(findDocument(), 'utf8')) as Document;

/** The example of one answer of the contract: `example('/me', 'get', 200)`. */
function example(path: string, method: string, status: number, type = 'application/json'): unknown {
  const value = contract.paths[path]?.[method]?.responses[String(status)]?.content?.[type]?.example;
  if (value === undefined) throw new Error(`no example for ${method} ${path} ${status}`);
  return structuredClone(value);
}

/** The example of one request body of the contract. */
function requestExample(path: string, method: string): unknown {
  const value = contract.paths[path]?.[method]?.requestBody?.content['application/json']?.example;
  if (value === undefined) throw new Error(`no request example for ${method} ${path}`);
  return structuredClone(value);
}

/** One request as the fake fetch saw it. */
interface SeenRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string | Blob | undefined;
  signal: AbortSignal | undefined;
}

type Reply = Response | ((request: SeenRequest) => Response | Promise<Response>);

/** A JSON answer. */
function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

/**
 * A fake `fetch`: `routes` maps `METHOD /path` (without the base path and
 * query) to a list of replies used in turn (the last one repeats).
 */
function fakeFetch(routes: Record<string, Reply[]>, basePath = '/api'): { fetch: typeof fetch; seen: SeenRequest[] } {
  const seen: SeenRequest[] = [];
  const used = new Map<string, number>();
  const impl = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input));
    const body = init.body;
    const request: SeenRequest = {
      method: init.method ?? 'GET',
      url,
      headers: new Headers(init.headers),
      body: typeof body === 'string' || body instanceof Blob ? body : undefined,
      signal: init.signal ?? undefined,
    };
    seen.push(request);
    const key = `${request.method} ${url.pathname.slice(basePath.length)}`;
    const replies = routes[key];
    if (!replies || replies.length === 0) return json({ code: 'not-found', message: `No route ${key}` }, 404);
    const index = used.get(key) ?? 0;
    used.set(key, index + 1);
    const reply = replies[Math.min(index, replies.length - 1)] as Reply;
    const response = typeof reply === 'function' ? await reply(request) : reply.clone();
    if (request.signal?.aborted) throw request.signal.reason;
    return response;
  };
  return { fetch: impl as typeof fetch, seen };
}

/** A fetch reply that never answers until the request's signal aborts. */
function hang(request: SeenRequest): Promise<Response> {
  return new Promise((_, reject) => {
    const signal = request.signal;
    if (!signal) return;
    // A real socket would keep Node running; AbortSignal.timeout's timer does not.
    const alive = setInterval(() => undefined, 1000);
    signal.addEventListener('abort', () => (clearInterval(alive), reject(signal.reason)), { once: true });
  });
}

/**
 * An event-stream answer made of `chunks`; it ends after them unless `open`,
 * in which case it stays open until the request's signal aborts.
 */
function eventStream(chunks: string[], { open = false, signal }: { open?: boolean; signal?: AbortSignal | undefined } = {}): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      if (!open) controller.close();
      else signal?.addEventListener('abort', () => controller.error(signal.reason), { once: true });
    },
  });
  return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
}

const BASE = 'https://cx.example/api';

function client(routes: Record<string, Reply[]>, options: Partial<PlatformOptions> = {}) {
  const fake = fakeFetch(routes);
  const platform = createPlatformClient({ baseUrl: BASE, token: 't0', fetch: fake.fetch, ...options });
  return { platform, seen: fake.seen };
}

/** Asserts that `promise` rejects with a CxError of `code` and returns it. */
async function rejects(promise: Promise<unknown>, code: string): Promise<CxError> {
  let caught: unknown;
  await promise.then(
    () => assert.fail(`expected a ${code} error`),
    (error: unknown) => {
      caught = error;
    },
  );
  assert.ok(isCxError(caught), `not a CxError: ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  return caught;
}

describe('platform client: every operation against the contract examples', () => {
  test('me, pool, interaction, form, missed calls, voicemails, directory, user', async () => {
    const { platform, seen } = client({
      'GET /me': [json(example('/me', 'get', 200))],
      'GET /pool': [json(example('/pool', 'get', 200))],
      'GET /interactions/i%2F42%20x': [json(example('/interactions/{id}', 'get', 200))],
      'GET /queues/q-sales/form': [json(example('/queues/{id}/form', 'get', 200))],
      'GET /missed-calls': [json(example('/missed-calls', 'get', 200))],
      'GET /voicemails': [json(example('/voicemails', 'get', 200))],
      'GET /directory': [json(example('/directory', 'get', 200))],
      'GET /users/1002': [json(example('/users/{extension}', 'get', 200))],
    });
    assert.deepEqual(await platform.me(), example('/me', 'get', 200));
    assert.deepEqual(await platform.pool(), example('/pool', 'get', 200));
    assert.deepEqual(await platform.interaction('i/42 x'), example('/interactions/{id}', 'get', 200));
    assert.deepEqual(await platform.form('q-sales'), example('/queues/{id}/form', 'get', 200));
    assert.deepEqual(await platform.missedCalls(), example('/missed-calls', 'get', 200));
    assert.deepEqual(await platform.voicemails(), example('/voicemails', 'get', 200));
    assert.deepEqual(await platform.directory('ann & co'), example('/directory', 'get', 200));
    assert.deepEqual(await platform.user('1002'), example('/users/{extension}', 'get', 200));
    for (const request of seen) {
      assert.equal(request.method, 'GET');
      assert.equal(request.headers.get('Authorization'), 'Bearer t0');
      assert.equal(request.headers.get('Accept'), 'application/json');
    }
    assert.equal(seen[2]?.url.pathname, '/api/interactions/i%2F42%20x');
    assert.equal(seen[6]?.url.searchParams.get('q'), 'ann & co');
  });

  test('setStatus, take, saveWrapUp, extendWrapUp, mark processed, mark heard, upload', async () => {
    const { platform, seen } = client(
      {
        'PUT /me/status': [json(example('/me/status', 'put', 200))],
        'POST /pool/i-42/take': [json(example('/pool/{interactionId}/take', 'post', 202), 202)],
        'POST /interactions/i-42/wrap-up': [json(example('/interactions/{id}/wrap-up', 'post', 200))],
        'POST /interactions/i-42/wrap-up/extend': [json(example('/interactions/{id}/wrap-up/extend', 'post', 200))],
        'POST /missed-calls/m-1/processed': [new Response(null, { status: 204 })],
        'POST /voicemails/v-1/heard': [new Response(null, { status: 204 })],
        'POST /interactions/i-42/recording': [json(example('/interactions/{id}/recording', 'post', 201), 201)],
      },
      { baseUrl: `${BASE}/` },
    );
    const status = requestExample('/me/status', 'put') as { status: 'paused'; reason: string };
    assert.deepEqual(await platform.setStatus(status), example('/me/status', 'put', 200));
    assert.equal(await platform.take('i-42'), undefined);
    const wrapUp = requestExample('/interactions/{id}/wrap-up', 'post') as { values: Record<string, string | boolean>; tags: string[] };
    assert.equal(await platform.saveWrapUp('i-42', wrapUp), undefined);
    assert.deepEqual(await platform.extendWrapUp('i-42', 30), example('/interactions/{id}/wrap-up/extend', 'post', 200));
    assert.equal(await platform.markMissedProcessed('m-1'), undefined);
    assert.equal(await platform.markHeard('v-1'), undefined);
    const audio = new Blob([new Uint8Array([0x4f, 0x67, 0x67, 0x53])], { type: 'audio/ogg' });
    assert.deepEqual(await platform.uploadRecording('i-42', audio), example('/interactions/{id}/recording', 'post', 201));

    assert.deepEqual(
      seen.map((r) => `${r.method} ${r.url.pathname}`),
      [
        'PUT /api/me/status',
        'POST /api/pool/i-42/take',
        'POST /api/interactions/i-42/wrap-up',
        'POST /api/interactions/i-42/wrap-up/extend',
        'POST /api/missed-calls/m-1/processed',
        'POST /api/voicemails/v-1/heard',
        'POST /api/interactions/i-42/recording',
      ],
    );
    assert.deepEqual(JSON.parse(String(seen[0]?.body)), status);
    assert.equal(seen[0]?.headers.get('Content-Type'), 'application/json');
    assert.deepEqual(JSON.parse(String(seen[2]?.body)), wrapUp);
    assert.deepEqual(JSON.parse(String(seen[3]?.body)), requestExample('/interactions/{id}/wrap-up/extend', 'post'));
    assert.equal(seen[6]?.headers.get('Content-Type'), 'audio/ogg');
    assert.equal(seen[6]?.body, audio);
  });
});

describe('platform client: tokens', () => {
  test('getToken() is asked before the first request, and once more after a 401; the request is retried', async () => {
    const tokens = ['old', 'new'];
    let calls = 0;
    const { platform, seen } = client(
      { 'GET /me': [json({ code: 'unauthorized', message: 'expired' }, 401), json(example('/me', 'get', 200))] },
      { token: undefined, getToken: async () => tokens[calls++] ?? 'more' },
    );
    assert.deepEqual(await platform.me(), example('/me', 'get', 200));
    assert.equal(calls, 2);
    assert.deepEqual(seen.map((r) => r.headers.get('Authorization')), ['Bearer old', 'Bearer new']);
    await platform.me();
    assert.equal(calls, 2, 'the new token is kept');
  });

  test('a second 401 is platform-unauthorized', async () => {
    let calls = 0;
    const { platform, seen } = client(
      { 'GET /pool': [json({ code: 'unauthorized', message: 'Bad token.' }, 401)] },
      { token: undefined, getToken: () => `t${calls++}` },
    );
    const error = await rejects(platform.pool(), 'platform-unauthorized');
    assert.equal(error.statusCode, 401);
    assert.equal(error.message, 'Bad token.');
    assert.equal(calls, 2);
    assert.equal(seen.length, 2);
  });

  test('a fixed token and a 401: platform-unauthorized at once', async () => {
    const { platform, seen } = client({ 'GET /me': [json({ code: 'unauthorized', message: 'No.' }, 401)] });
    await rejects(platform.me(), 'platform-unauthorized');
    assert.equal(seen.length, 1);
  });
});

describe('platform client: refusals', () => {
  test('403 is platform-unauthorized', async () => {
    const { platform } = client({ 'GET /users/1002': [json({ code: 'forbidden', message: 'Not allowed.' }, 403)] });
    const error = await rejects(platform.user('1002'), 'platform-unauthorized');
    assert.equal(error.statusCode, 403);
  });

  test('404 is platform-refused with the platform message', async () => {
    const notFound = { code: 'not-found', message: 'No such interaction.' };
    const { platform } = client({ 'GET /interactions/nope': [json(notFound, 404)] });
    const error = await rejects(platform.interaction('nope'), 'platform-refused');
    assert.equal(error.statusCode, 404);
    assert.equal(error.message, 'No such interaction.');
  });

  test('409 of take is already-taken with the platform message', async () => {
    const taken = example('/pool/{interactionId}/take', 'post', 409) as { message: string };
    const { platform, seen } = client({ 'POST /pool/i-42/take': [json(taken, 409)] });
    const error = await rejects(platform.take('i-42'), 'already-taken');
    assert.equal(error.statusCode, 409);
    assert.equal(error.message, taken.message);
    assert.equal(seen.length, 1);
  });

  test('422 of wrap-up is platform-refused with the message of each field', async () => {
    const invalid = example('/interactions/{id}/wrap-up', 'post', 422) as { message: string; fields: Record<string, string> };
    const { platform } = client({ 'POST /interactions/i-42/wrap-up': [json(invalid, 422)] });
    const error = await rejects(platform.saveWrapUp('i-42', { values: {}, tags: [] }), 'platform-refused');
    assert.ok(error instanceof WrapUpRefusedError);
    assert.equal(error.statusCode, 422);
    assert.equal(error.message, invalid.message);
    assert.deepEqual(error.fields, invalid.fields);
  });
});

describe('platform client: retries', () => {
  test('a GET answered 500 is retried, then succeeds', async () => {
    const { platform, seen } = client({
      'GET /missed-calls': [json({ code: 'oops', message: 'Oops.' }, 500), json(example('/missed-calls', 'get', 200))],
    });
    assert.deepEqual(await platform.missedCalls(), example('/missed-calls', 'get', 200));
    assert.equal(seen.length, 2);
  });

  test('a 503 with a small Retry-After waits for it, then succeeds', async () => {
    const { platform, seen } = client({
      'GET /voicemails': [json({ code: 'unavailable', message: 'Busy.' }, 503, { 'Retry-After': '0' }), json([])],
    });
    assert.deepEqual(await platform.voicemails(), []);
    assert.equal(seen.length, 2);
  });

  test('a GET that keeps failing gives platform-unavailable after the retries', async () => {
    const { platform, seen } = client({ 'GET /me': [json({ code: 'down', message: 'Down.' }, 502)] }, { retries: 1 });
    const error = await rejects(platform.me(), 'platform-unavailable');
    assert.equal(error.statusCode, 502);
    assert.equal(seen.length, 2);
  });

  test('a take answered 500 is not retried', async () => {
    const { platform, seen } = client({ 'POST /pool/i-42/take': [json({ code: 'oops', message: 'Oops.' }, 500)] });
    const error = await rejects(platform.take('i-42'), 'platform-unavailable');
    assert.equal(error.statusCode, 500);
    assert.equal(seen.length, 1);
  });

  test('a network error on a POST that is not idempotent is not retried', async () => {
    let calls = 0;
    const failing = (async () => {
      calls++;
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    const platform = createPlatformClient({ baseUrl: BASE, token: 't', fetch: failing });
    await rejects(platform.extendWrapUp('i-42', 30), 'platform-unavailable');
    assert.equal(calls, 1);
    await rejects(platform.markHeard('v-1'), 'platform-unavailable');
    assert.equal(calls, 4, 'mark heard is idempotent: tried 3 times');
  });

  test('a request that does not answer in time is platform-unavailable', async () => {
    const { platform } = client({ 'GET /me': [hang] }, { timeout: 30, retries: 0 });
    const started = Date.now();
    const error = await rejects(platform.me(), 'platform-unavailable');
    assert.match(error.message, /GET \/me timed out/);
    assert.ok(Date.now() - started < 2000);
  });
});

describe('platform client: answers that break the contract', () => {
  test('malformed JSON is platform-invalid-response naming the operation, without the body', async () => {
    const body = '{"id": "u-1", "name": "Ann", secret-stuff';
    const { platform } = client({ 'GET /me': [new Response(body, { headers: { 'Content-Type': 'application/json' } })] });
    const error = await rejects(platform.me(), 'platform-invalid-response');
    assert.match(error.message, /^GET \/me: /);
    assert.ok(!error.message.includes('secret-stuff'));
  });

  test('an answer that is not JSON is platform-invalid-response', async () => {
    const { platform } = client({ 'GET /pool': [new Response('<html>login</html>', { headers: { 'Content-Type': 'text/html' } })] });
    const error = await rejects(platform.pool(), 'platform-invalid-response');
    assert.match(error.message, /GET \/pool: .*text\/html.*not JSON/);
  });

  test('a string where a number is expected names the field', async () => {
    const me = example('/me', 'get', 200) as { profile: { ringTimeout: unknown } };
    me.profile.ringTimeout = '20';
    const { platform } = client({ 'GET /me': [json(me)] });
    const error = await rejects(platform.me(), 'platform-invalid-response');
    assert.match(error.message, /GET \/me: \$\.profile\.ringTimeout .*number.*string/);
  });

  test('a hostile 1 MB name is refused by the schema, and not repeated in the message', async () => {
    const pool = example('/pool', 'get', 200) as Array<{ caller: { name?: string } }>;
    const entry = pool[1];
    assert.ok(entry);
    entry.caller.name = 'A'.repeat(1024 * 1024);
    const { platform } = client({ 'GET /pool': [json(pool)] });
    const error = await rejects(platform.pool(), 'platform-invalid-response');
    assert.match(error.message, /\$\[1\]\.caller\.name/);
    assert.ok(error.message.length < 300, `message of ${error.message.length} characters`);
  });

  test('extra fields are allowed and dropped', async () => {
    const user = { ...(example('/users/{extension}', 'get', 200) as object), vendorField: 1 };
    const { platform } = client({ 'GET /users/1002': [json(user)] });
    assert.deepEqual(await platform.user('1002'), example('/users/{extension}', 'get', 200));
  });
});

describe('platform client: events', () => {
  const pool = example('/pool', 'get', 200);
  const wrapUp = { interactionId: 'i-42', endsAt: '2025-05-01T09:42:00Z', totalSeconds: 60 };

  test('valid events are delivered, invalid and unknown ones are logged and skipped', async () => {
    const logged: string[] = [];
    const fake = fakeFetch({
      'GET /events': [
        (request) =>
          eventStream(
            [
              `event: pool\nid: 1\ndata: ${JSON.stringify(pool)}\n\n`,
              `event: status\nid: 2\ndata: {"status":"on-the-moon","since":"x"}\n\n`,
              'event: mystery\nid: 3\ndata: {}\n\n',
              'event: wrap-up\nid: 4\ndata: not json\n\n',
              `event: wrap-up\nid: 5\ndata: ${JSON.stringify(wrapUp)}\n\n`,
            ],
            { open: true, signal: request.signal },
          ),
      ],
    });
    const logger = new Logger({ level: 'debug', sink: (_level, message) => logged.push(message) });
    const platform = createPlatformClient({ baseUrl: BASE, token: 't', fetch: fake.fetch }, logger);
    const events: unknown[] = [];
    const states: string[] = [];
    const stream = platform.events({ onEvent: (event) => events.push(event), onState: (state) => states.push(state) });
    await until(() => events.length === 2);
    stream.close();
    assert.deepEqual(events, [
      { type: 'pool', data: pool },
      { type: 'wrap-up', data: wrapUp },
    ]);
    assert.deepEqual(states, ['connecting', 'open', 'closed']);
    assert.equal(fake.seen[0]?.headers.get('Accept'), 'text/event-stream');
    assert.equal(fake.seen[0]?.headers.get('Authorization'), 'Bearer t');
    assert.ok(logged.some((m) => m.includes('"status"') && m.includes('$.status')));
    assert.ok(logged.some((m) => m.includes('mystery')));
    assert.ok(logged.some((m) => m.includes('not JSON')));
  });

  test('a 401 on the stream asks getToken() once more and reconnects', async () => {
    let calls = 0;
    const fake = fakeFetch({
      'GET /events': [
        json({ code: 'unauthorized', message: 'expired' }, 401),
        (request) => eventStream([`event: pool\nid: 9\ndata: []\n\n`], { open: true, signal: request.signal }),
      ],
    });
    const platform = createPlatformClient({ baseUrl: BASE, getToken: () => `t${calls++}`, fetch: fake.fetch });
    const events: unknown[] = [];
    const stream = platform.events({ onEvent: (event) => events.push(event) });
    await until(() => events.length === 1);
    stream.close();
    assert.equal(calls, 2);
    assert.deepEqual(fake.seen.map((r) => r.headers.get('Authorization')), ['Bearer t0', 'Bearer t1']);
  });
});

async function until(condition: () => boolean, timeout = 3000): Promise<void> {
  const end = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
