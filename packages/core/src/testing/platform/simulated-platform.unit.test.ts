import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { getResponse } from 'msw';
import * as v from 'valibot';
import {
  DirectoryEntrySchema,
  ErrorSchema,
  InteractionSchema,
  MeSchema,
  MissedCallSchema,
  PlatformEventSchemas,
  PlatformUserSchema,
  PoolSchema,
  QueueFormSchema,
  StatusAnswerSchema,
  TakeAnswerSchema,
  VoicemailSchema,
  WrapUpInvalidSchema,
  WrapUpSavedSchema,
  WrapUpTimeSchema,
} from '../../platform/platform-schemas.js';
import { servePlatform } from './serve-platform.js';
import { createSimulatedPlatform, type SimulatedDispatch, type SimulatedPlatform } from './simulated-platform.js';
import { startSimulatedPlatform } from './start-simulated-platform.js';

/** Calls the handlers as `token`'s user (`null`: without a token). */
function client(platform: SimulatedPlatform, token: string | null = platform.token) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> => {
    const request = new Request(`${platform.baseUrl}${path}`, {
      method,
      headers: {
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const response = await getResponse([...platform.handlers], request);
    assert.ok(response, `no handler answered ${method} ${path}`);
    return response;
  };
}

async function json<T extends v.GenericSchema>(response: Response, schema: T, status = 200): Promise<v.InferOutput<T>> {
  assert.equal(response.status, status);
  return v.parse(schema, await response.json());
}

/** Reads server-sent events from a response body until `until` says enough. */
function events(response: Response) {
  assert.equal(response.headers.get('content-type'), 'text/event-stream');
  const body = response.body;
  assert.ok(body);
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const received: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (e) => received.push(e) });
  return {
    received,
    async until(done: (all: EventSourceMessage[]) => boolean, timeout = 2000): Promise<EventSourceMessage[]> {
      const deadline = Date.now() + timeout;
      while (!done(received)) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`events: gave up after ${JSON.stringify(received.map((e) => e.event))}`);
        const next = await Promise.race([
          reader.read(),
          new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), left)),
        ]);
        if (next === 'timeout') continue;
        if (next.done) throw new Error('events: the stream ended');
        parser.feed(decoder.decode(next.value, { stream: true }));
      }
      return received;
    },
    cancel: () => reader.cancel(),
  };
}

describe('simulated platform: authentication', () => {
  test('a request without a token, or with an unknown one, gets 401 { code, message }', async () => {
    const platform = createSimulatedPlatform();
    for (const token of [null, 'wrong']) {
      const error = await json(await client(platform, token)('GET', '/me'), ErrorSchema, 401);
      assert.equal(error.code, 'unauthorized');
    }
  });

  test('each user has a token and is identified by it', async () => {
    const platform = createSimulatedPlatform({ token: 't' });
    assert.equal(platform.tokenFor('1001'), 't');
    const alice = await json(await client(platform)('GET', '/me'), MeSchema);
    const bruno = await json(await client(platform, platform.tokenFor('1002'))('GET', '/me'), MeSchema);
    const dan = await json(await client(platform, platform.tokenFor('user-1005'))('GET', '/me'), MeSchema);
    assert.deepEqual([alice.name, alice.extension, alice.role], ['Alice Martin', '1001', 'agent']);
    assert.deepEqual([bruno.name, bruno.extension], ['Bruno Petit', '1002']);
    assert.deepEqual([dan.role, dan.permissions], ['supervisor', ['monitor-any-call']]);
    assert.deepEqual(alice.pauseReasons, ['Lunch', 'Training', 'Break']);
    assert.deepEqual(alice.queues.map((q) => q.name), ['Sales', 'Support']);
  });
});

describe('simulated platform: every route answers the contract', () => {
  test('GET routes', async () => {
    const platform = createSimulatedPlatform();
    const get = client(platform);
    const { interactionId } = platform.putInPool({ queueId: 'sales', caller: { number: '+33100000000', name: 'Zoe' }, route: ['Welcome', 'Sales'], data: { CustomerId: 'C-1' } });
    assert.equal((await json(await get('GET', '/pool'), PoolSchema))[0]?.interactionId, interactionId);
    const interaction = await json(await get('GET', `/interactions/${interactionId}`), InteractionSchema);
    assert.deepEqual([interaction.queue?.name, interaction.route, interaction.data], ['Sales', ['Welcome', 'Sales'], { CustomerId: 'C-1' }]);
    const form = await json(await get('GET', '/queues/sales/form'), QueueFormSchema);
    assert.deepEqual(form.fields.map((f) => f.label), ['Outcome', 'Notes', 'Follow-up']);
    assert.deepEqual(form.tags, ['VIP', 'Complaint']);
    assert.ok((await json(await get('GET', '/missed-calls'), v.array(MissedCallSchema))).length >= 2);
    const voicemails = await json(await get('GET', '/voicemails'), v.array(VoicemailSchema));
    assert.equal(voicemails.length, 1);
    const audio = await get('GET', new URL(voicemails[0]?.audioUrl ?? '').pathname.replace('/api', ''));
    assert.equal(audio.status, 200);
    assert.equal(audio.headers.get('content-type'), 'audio/wav');
    assert.equal(new TextDecoder().decode((await audio.arrayBuffer()).slice(0, 4)), 'RIFF');
    assert.equal((await client(platform, null)('GET', '/voicemails/voicemail-1/audio')).status, 401);
    const user = await json(await get('GET', '/users/1005'), PlatformUserSchema);
    assert.deepEqual(user.permissions, ['monitor-any-call']);
    assert.equal((await get('GET', '/users/9999')).status, 404);
    assert.equal((await get('GET', '/nowhere')).status, 404);
  });

  test('the directory filters by name or target, case-insensitively', async () => {
    const platform = createSimulatedPlatform();
    const get = client(platform);
    const all = await json(await get('GET', '/directory'), v.array(DirectoryEntrySchema));
    assert.deepEqual(new Set(all.map((d) => d.kind)), new Set(['user', 'queue', 'routing', 'contact']));
    const byName = await json(await get('GET', '/directory?q=ALICE'), v.array(DirectoryEntrySchema));
    assert.deepEqual(byName.map((d) => d.target), ['1001']);
    const byTarget = await json(await get('GET', '/directory?q=1002'), v.array(DirectoryEntrySchema));
    assert.deepEqual(byTarget.map((d) => d.name), ['Bruno Petit']);
  });

  test('PUT /me/status updates the model and answers { status, reason, since }', async () => {
    const platform = createSimulatedPlatform();
    const answer = await json(await client(platform)('PUT', '/me/status', { status: 'paused', reason: 'Lunch' }), StatusAnswerSchema);
    assert.deepEqual([answer.status, answer.reason], ['paused', 'Lunch']);
    assert.equal(platform.model.users.get('user-1001')?.status, 'paused');
  });

  test('missed calls and voicemails are marked processed and heard with 204', async () => {
    const platform = createSimulatedPlatform();
    const post = client(platform);
    assert.equal((await post('POST', '/missed-calls/missed-1/processed')).status, 204);
    assert.equal((await post('POST', '/voicemails/voicemail-1/heard')).status, 204);
    assert.equal(platform.model.missedCalls.find((m) => m.id === 'missed-1')?.processed, true);
    assert.equal(platform.model.voicemails[0]?.heard, true);
    assert.equal((await client(platform, platform.tokenFor('1002'))('POST', '/voicemails/voicemail-1/heard')).status, 404);
  });
});

describe('simulated platform: its own answers are checked', () => {
  test('an answer that breaks the contract is a loud failure, never a quiet wrong answer', async () => {
    const platform = createSimulatedPlatform({
      seed: { queues: [{ id: 'sales', name: 'Sales', smallBanner: true, recording: 'sometimes' as 'auto', supervisors: [] }] },
    });
    await assert.rejects(client(platform)('GET', '/me'), /Simulated platform bug: its answer to GET .*\/me does not match the contract/);
  });
});

describe('simulated platform: requests are checked', () => {
  const bad: Array<[string, string, unknown]> = [
    ['PUT', '/me/status', { status: 'asleep' }],
    ['PUT', '/me/status', '{"status":'],
    ['PUT', '/me/status', {}],
    ['POST', '/interactions/x/wrap-up', { values: { a: 1 }, tags: [] }],
    ['POST', '/interactions/x/wrap-up/extend', { seconds: -5 }],
  ];
  for (const [method, path, body] of bad) {
    test(`${method} ${path} ${JSON.stringify(body)} -> 400 invalid-request`, async () => {
      const platform = createSimulatedPlatform();
      const error = await json(await client(platform)(method, path, body), ErrorSchema, 400);
      assert.equal(error.code, 'invalid-request');
      assert.equal(platform.requests().at(-1)?.valid, false);
      assert.equal(platform.requests().at(-1)?.status, 400);
    });
  }
});

describe('simulated platform: taking a call from the pool', () => {
  test('two agents take together: exactly one 202, the other 409 already-taken', async () => {
    const dialled: SimulatedDispatch[] = [];
    const platform = createSimulatedPlatform({ dial: (call) => void dialled.push(call) });
    const { interactionId } = platform.putInPool({ queueId: 'sales', caller: { number: '+33123456789', name: 'Claire' } });
    const [a, b] = await Promise.all([
      client(platform)('POST', `/pool/${interactionId}/take`),
      client(platform, platform.tokenFor('1002'))('POST', `/pool/${interactionId}/take`),
    ]);
    const statuses = [a.status, b.status].sort();
    assert.deepEqual(statuses, [202, 409]);
    const winner = a.status === 202 ? a : b;
    const loser = a.status === 202 ? b : a;
    assert.deepEqual(await json(winner, TakeAnswerSchema, 202), { interactionId });
    const refusal = await json(loser, ErrorSchema, 409);
    assert.equal(refusal.code, 'already-taken');
    assert.match(refusal.message, /^(Alice Martin|Bruno Petit) took this call first\.$/);
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.equal(dialled.length, 1);
    const call = dialled[0];
    assert.ok(call);
    assert.equal(call.extension, a.status === 202 ? '1001' : '1002');
    assert.deepEqual(call.caller, { number: '+33123456789', name: 'Claire' });
    assert.equal(call.headers['X-CX-Interaction-Id'], interactionId);
    assert.equal(call.headers['X-CX-Queue'], 'Sales');
    assert.equal(call.headers['X-CX-Queue-Id'], 'sales');
    assert.equal(call.headers['X-CX-Call-Type'], 'smart');
    assert.equal(call.headers['X-CX-Recording'], 'allowed');
    assert.equal(call.headers['X-CX-Small-Banner'], 'allow');
    assert.match(call.headers['X-CX-Wait-Time'] ?? '', /^\d+$/);
  });

  test('a call someone handles cannot be taken', async () => {
    const platform = createSimulatedPlatform();
    const { interactionId } = platform.putInPool({ queueId: 'support', caller: { number: '555' } });
    platform.handling(interactionId, '1002');
    const refusal = await json(await client(platform)('POST', `/pool/${interactionId}/take`), ErrorSchema, 409);
    assert.deepEqual(refusal, { code: 'already-taken', message: 'Bruno Petit took this call first.' });
  });

  test('dispatch offers the call and dials with the queue headers', async () => {
    const dialled: SimulatedDispatch[] = [];
    const platform = createSimulatedPlatform({ dial: (call) => void dialled.push(call) });
    const { interactionId } = platform.putInPool({ queueId: 'support', caller: { number: '555' }, route: ['Welcome', 'Support'], data: { CustomerId: 'C-9', 'Bad\r\nName': 'x' } });
    await platform.dispatch(interactionId, '1001');
    const pool = await json(await client(platform)('GET', '/pool'), PoolSchema);
    assert.deepEqual([pool[0]?.state, pool[0]?.agent?.name], ['offered', 'Alice Martin']);
    const headers = dialled[0]?.headers ?? {};
    assert.equal(headers['X-CX-Small-Banner'], 'deny');
    assert.equal(headers['X-CX-Recording'], 'auto');
    assert.equal(headers['X-CX-Route'], 'Welcome > Support');
    assert.equal(headers['X-CX-Data-CustomerId'], 'C-9');
    assert.equal(Object.keys(headers).some((h) => h.includes('\n')), false);
  });
});

describe('simulated platform: wrap-up', () => {
  test('an ended call puts its agent in post-interaction; save checks required fields (422); extend adds seconds', async () => {
    let now = Date.parse('2030-01-01T10:00:00Z');
    const platform = createSimulatedPlatform({ now: () => now });
    const call = client(platform);
    const { interactionId } = platform.putInPool({ queueId: 'sales', caller: { number: '555' } });
    platform.handling(interactionId, '1001');
    now += 10_000;
    platform.interactionEnded(interactionId);
    assert.equal(platform.model.users.get('user-1001')?.status, 'post-interaction');
    assert.deepEqual(platform.model.wrapUps.get(interactionId)?.totalSeconds, 30);
    assert.deepEqual(await json(await call('GET', '/pool'), PoolSchema), []);

    const invalid = await json(await call('POST', `/interactions/${interactionId}/wrap-up`, { values: { notes: 'hi' }, tags: [] }), WrapUpInvalidSchema, 422);
    assert.deepEqual(Object.keys(invalid.fields), ['outcome']);
    const wrong = await json(await call('POST', `/interactions/${interactionId}/wrap-up`, { values: { outcome: 'Maybe' }, tags: ['Nope'] }), WrapUpInvalidSchema, 422);
    assert.deepEqual(Object.keys(wrong.fields).sort(), ['outcome', 'tags']);

    const time = await json(await call('POST', `/interactions/${interactionId}/wrap-up/extend`, { seconds: 30 }), WrapUpTimeSchema);
    assert.deepEqual(time, { endsAt: '2030-01-01T10:01:10.000Z', totalSeconds: 60 });

    await json(await call('POST', `/interactions/${interactionId}/wrap-up`, { values: { outcome: 'Sold', followUp: true }, tags: ['VIP'] }), WrapUpSavedSchema);
    assert.deepEqual(platform.model.wrapUps.get(interactionId)?.saved, { values: { outcome: 'Sold', followUp: true }, tags: ['VIP'] });
  });
});

describe('simulated platform: fail()', () => {
  test('the next matching requests fail as asked, then it answers normally', async () => {
    const platform = createSimulatedPlatform();
    const get = client(platform);
    platform.fail('GET /pool', { status: 500 }, 2);
    platform.fail('GET /missed-calls', { body: '{"broken' });
    platform.fail('GET /voicemails', { json: [{ id: 1 }] });
    platform.fail('POST /pool/{id}/take', { status: 503 });
    platform.fail('GET /me', { delay: 30 });
    assert.equal((await get('GET', '/pool')).status, 500);
    assert.equal((await get('GET', '/pool')).status, 500);
    assert.equal((await get('GET', '/pool')).status, 200);
    const broken = await get('GET', '/missed-calls');
    assert.equal(await broken.text(), '{"broken');
    assert.deepEqual(await (await get('GET', '/voicemails')).json(), [{ id: 1 }]);
    assert.equal((await get('POST', '/pool/anything/take')).status, 503);
    const started = Date.now();
    await json(await get('GET', '/me'), MeSchema);
    assert.ok(Date.now() - started >= 25);
    assert.deepEqual(
      platform.requests().map((r) => `${r.method} ${r.path} ${r.status}`),
      ['GET /pool 500', 'GET /pool 500', 'GET /pool 200', 'GET /missed-calls 200', 'GET /voicemails 200', 'POST /pool/anything/take 503', 'GET /me 200'],
    );
  });
});

describe('simulated platform: events', () => {
  test('GET /events streams pool on putInPool, per user, with ids', async () => {
    const platform = createSimulatedPlatform();
    const alice = events(await client(platform)('GET', '/events'));
    const dan = events(await client(platform, platform.tokenFor('1005'))('GET', '/events'));
    await alice.until((all) => all.length === 1);
    assert.equal(alice.received[0]?.event, 'pool');
    platform.putInPool({ queueId: 'sales', caller: { number: '555' } });
    await alice.until((all) => all.length === 2);
    await dan.until((all) => all.length === 2);
    const last = alice.received[1];
    assert.ok(last?.id);
    assert.equal(last.event, 'pool');
    assert.equal(v.parse(PlatformEventSchemas.pool, JSON.parse(last.data)).length, 1);
    platform.setStatus('1001', 'paused', 'Training');
    const [, , status] = await alice.until((all) => all.length === 3);
    assert.equal(status?.event, 'status');
    assert.equal(v.parse(StatusAnswerSchema, JSON.parse(status?.data ?? '')).reason, 'Training');
    assert.equal(dan.received.length, 2);
    platform.dispose();
  });

  test('a client that comes back with Last-Event-ID gets what it missed, and only that', async () => {
    const platform = createSimulatedPlatform();
    const first = events(await client(platform)('GET', '/events'));
    platform.putInPool({ queueId: 'sales', caller: { number: '1' } });
    const seen = await first.until((all) => all.length === 2);
    const lastId = seen[1]?.id ?? '';
    await first.cancel();
    platform.putInPool({ queueId: 'sales', caller: { number: '2' } });
    platform.addMissedCall({ caller: { number: '3' } });
    platform.addVoicemail({ caller: { number: '4' }, transcription: 'Hi' });
    const again = events(await client(platform)('GET', '/events', undefined, { 'last-event-id': lastId }));
    const replayed = await again.until((all) => all.length === 3);
    assert.deepEqual(replayed.map((e) => e.event), ['pool', 'missed-call', 'voicemail']);
    assert.equal(v.parse(PlatformEventSchemas.pool, JSON.parse(replayed[0]?.data ?? '')).length, 2);
    assert.ok(replayed.every((e) => Number(e.id) > Number(lastId)));
    platform.dispose();
  });

  test('post-interaction and the wrap-up reach the agent as events', async () => {
    const platform = createSimulatedPlatform();
    const { interactionId } = platform.putInPool({ queueId: 'support', caller: { number: '1' } });
    const stream = events(await client(platform, platform.tokenFor('1002'))('GET', '/events'));
    platform.handling(interactionId, '1002');
    platform.endInteraction(interactionId);
    const all = await stream.until((e) => e.some((x) => x.event === 'wrap-up'));
    assert.deepEqual(all.map((e) => e.event), ['pool', 'pool', 'pool', 'status', 'wrap-up']);
    const wrapUp = v.parse(PlatformEventSchemas['wrap-up'], JSON.parse(all.at(-1)?.data ?? ''));
    assert.deepEqual([wrapUp.interactionId, wrapUp.totalSeconds], [interactionId, 60]);
    platform.dispose();
  });
});

describe('servePlatform', () => {
  test('serves the same platform over HTTP, events included', async () => {
    const platform = createSimulatedPlatform();
    const served = await servePlatform(platform);
    try {
      const auth = { authorization: `Bearer ${platform.token}` };
      assert.equal((await fetch(`${served.url}/me`)).status, 401);
      const me = v.parse(MeSchema, await (await fetch(`${served.url}/me`, { headers: auth })).json());
      assert.equal(me.extension, '1001');
      const voicemails = v.parse(v.array(VoicemailSchema), await (await fetch(`${served.url}/voicemails`, { headers: auth })).json());
      assert.ok(voicemails[0]?.audioUrl.startsWith(served.url));
      const audio = await fetch(voicemails[0]?.audioUrl ?? '', { headers: auth });
      assert.equal(audio.headers.get('content-type'), 'audio/wav');
      assert.ok((await audio.arrayBuffer()).byteLength > 44);
      const status = await fetch(`${served.url}/me/status`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ status: 'available' }) });
      assert.equal(v.parse(StatusAnswerSchema, await status.json()).status, 'available');
      const controller = new AbortController();
      const stream = events(await fetch(`${served.url}/events`, { headers: auth, signal: controller.signal }));
      await stream.until((all) => all.length === 1);
      platform.putInPool({ queueId: 'sales', caller: { number: '555' } });
      await stream.until((all) => all.length === 2);
      controller.abort();
    } finally {
      await served.close();
      platform.dispose();
    }
  });
});

describe('startSimulatedPlatform', () => {
  test('answers fetch for its base URL, events included, and lets other requests through', async () => {
    const other = createSimulatedPlatform({ token: 'other' });
    const served = await servePlatform(other);
    const platform = await startSimulatedPlatform();
    try {
      const auth = { authorization: `Bearer ${platform.token}` };
      const me = v.parse(MeSchema, await (await fetch(`${platform.baseUrl}/me`, { headers: auth })).json());
      assert.equal(me.name, 'Alice Martin');
      const controller = new AbortController();
      const stream = events(await fetch(`${platform.baseUrl}/events`, { headers: auth, signal: controller.signal }));
      await stream.until((all) => all.length === 1);
      platform.putInPool({ queueId: 'sales', caller: { number: '555' } });
      await stream.until((all) => all.length === 2);
      controller.abort();
      const passed = await fetch(`${served.url}/me`, { headers: { authorization: 'Bearer other' } });
      assert.equal(passed.status, 200);
      assert.equal(other.requests().length, 1);
      assert.deepEqual(platform.requests().map((r) => r.path), ['/me', '/events']);
    } finally {
      await platform.stop();
      await served.close();
    }
    await assert.rejects(fetch(`${platform.baseUrl}/me`));
  });
});
