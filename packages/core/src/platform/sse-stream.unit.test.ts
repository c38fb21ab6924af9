import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { EventSourceMessage } from 'eventsource-parser';
import { backoff } from './backoff.js';
import { openSseStream, type SseState } from './sse-stream.js';

// The event stream over a fake fetch: each connection is one scripted answer.

interface Connection {
  headers: Headers;
  signal: AbortSignal | undefined;
}

function stream(chunks: string[], signal: AbortSignal | undefined, open: boolean): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      if (!open) controller.close();
      else signal?.addEventListener('abort', () => controller.error(signal.reason), { once: true });
    },
  });
  return new Response(body, { headers: { 'Content-Type': 'text/event-stream; charset=utf-8' } });
}

/** A fake fetch whose n-th connection gets `script[n]` (the last one repeats). */
function server(script: Array<(signal: AbortSignal | undefined) => Response>) {
  const connections: Connection[] = [];
  const fetch = (async (_input: string | URL | Request, init: RequestInit = {}) => {
    const signal = init.signal ?? undefined;
    connections.push({ headers: new Headers(init.headers), signal });
    const reply = script[Math.min(connections.length - 1, script.length - 1)];
    assert.ok(reply);
    return reply(signal);
  }) as typeof globalThis.fetch;
  return { fetch, connections };
}

function open(fetch: typeof globalThis.fetch, extra: { minDelay?: number } = {}) {
  const messages: EventSourceMessage[] = [];
  const states: SseState[] = [];
  const handle = openSseStream({
    url: 'https://cx.example/api/events',
    fetch,
    token: async () => 'tok',
    refreshToken: async () => false,
    onMessage: (message) => messages.push(message),
    onState: (state) => states.push(state),
    minDelay: 5,
    ...extra,
  });
  return { handle, messages, states };
}

async function until(condition: () => boolean, timeout = 3000): Promise<void> {
  const end = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('event stream', () => {
  test('parses events split across chunks, with their type and id', async () => {
    const { fetch, connections } = server([
      (signal) => stream(['event: po', 'ol\nid: 1\ndata: []\n', '\n: keep-alive\n\nevent: status\nid: 2\ndata: {"a":1}\n\n'], signal, true),
    ]);
    const { handle, messages, states } = open(fetch);
    await until(() => messages.length === 2);
    handle.close();
    assert.deepEqual(
      messages.map((m) => [m.event, m.id, m.data]),
      [
        ['pool', '1', '[]'],
        ['status', '2', '{"a":1}'],
      ],
    );
    assert.deepEqual(states, ['connecting', 'open', 'closed']);
    assert.equal(connections[0]?.headers.get('Accept'), 'text/event-stream');
    assert.equal(connections[0]?.headers.get('Authorization'), 'Bearer tok');
    assert.equal(connections[0]?.headers.get('Last-Event-ID'), null);
  });

  test('a dropped stream reconnects and sends the Last-Event-ID of the last event', async () => {
    const { fetch, connections } = server([
      (signal) => stream(['event: pool\nid: 17\ndata: []\n\nevent: pool\nid: 18\ndata: []\n\n'], signal, false),
      (signal) => stream(['event: pool\nid: 19\ndata: []\n\n'], signal, true),
    ]);
    const { handle, messages, states } = open(fetch);
    await until(() => messages.length === 3);
    handle.close();
    assert.equal(connections.length, 2);
    assert.equal(connections[1]?.headers.get('Last-Event-ID'), '18');
    assert.deepEqual(states, ['connecting', 'open', 'retrying', 'open', 'closed']);
  });

  test('honours the retry: field before reconnecting', async () => {
    const { fetch, connections } = server([
      (signal) => stream(['retry: 300\nevent: pool\nid: 1\ndata: []\n\n'], signal, false),
      (signal) => stream([], signal, true),
    ]);
    const { handle } = open(fetch, { minDelay: 1 });
    const started = Date.now();
    await until(() => connections.length === 2);
    const waited = Date.now() - started;
    handle.close();
    assert.ok(waited >= 140, `reconnected after ${waited} ms, retry asked for 300 (at least half with jitter)`);
  });

  test('reconnects after a network error and after a 503', async () => {
    let failures = 0;
    const { fetch, connections } = server([
      () => {
        failures++;
        throw new TypeError('fetch failed');
      },
      () => new Response('down', { status: 503 }),
      (signal) => stream(['event: pool\nid: 5\ndata: []\n\n'], signal, true),
    ]);
    const { handle, messages } = open(fetch);
    await until(() => messages.length === 1);
    handle.close();
    assert.equal(failures, 1);
    assert.equal(connections.length, 3);
  });

  test('close() stops the stream and any reconnection', async () => {
    const { fetch, connections } = server([(signal) => stream(['event: pool\nid: 1\ndata: []\n\n'], signal, true)]);
    const { handle, messages, states } = open(fetch);
    await until(() => messages.length === 1);
    handle.close();
    assert.equal(connections[0]?.signal?.aborted, true, 'the open request is aborted');
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(connections.length, 1);
    assert.equal(states.at(-1), 'closed');
  });

  test('a 403 closes the stream for good', async () => {
    const { fetch, connections } = server([() => new Response('{}', { status: 403 })]);
    const { states } = open(fetch);
    await until(() => states.includes('closed'));
    assert.equal(connections.length, 1);
  });
});

describe('backoff', () => {
  test('doubles from the minimum up to the maximum, jitter takes off at most half', () => {
    assert.equal(backoff(0, 500, 30_000, () => 0), 500);
    assert.equal(backoff(0, 500, 30_000, () => 1), 250);
    assert.equal(backoff(3, 500, 30_000, () => 0), 4000);
    assert.equal(backoff(20, 500, 30_000, () => 0), 30_000);
    assert.equal(backoff(20, 500, 30_000, () => 1), 15_000);
  });
});
