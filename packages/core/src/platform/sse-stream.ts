import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { Logger } from '../logger.js';
import { backoff, sleep } from './backoff.js';
import { discard } from './platform-http.js';

/** Where an event stream is: connecting the first time, open, waiting to reconnect, or closed for good. */
export type SseState = 'connecting' | 'open' | 'retrying' | 'closed';

export interface SseStreamOptions {
  url: string;
  fetch: typeof fetch;
  /** The bearer token for the next connection. */
  token(): Promise<string | undefined>;
  /** After a 401 with `used`: whether a new token is worth a try. */
  refreshToken(used: string | undefined): Promise<boolean>;
  /** Each message with its `event` type (undefined for plain messages) and raw `data`. */
  onMessage(message: EventSourceMessage): void;
  onState?(state: SseState): void;
  logger?: Logger | undefined;
  /** Shortest and longest wait before reconnecting, in ms (default 500 and 30000). A `retry:` field replaces the shortest. */
  minDelay?: number;
  maxDelay?: number;
  /** Largest message buffered, in characters (default 16 M): a longer one drops the connection. */
  maxBufferSize?: number;
}

/**
 * Server-sent events read with `fetch` (an `EventSource` cannot send an
 * `Authorization` header) and parsed with eventsource-parser. Reconnects
 * after a drop with backoff and jitter and sends `Last-Event-ID`; a 401
 * asks for a new token once; another 4xx closes the stream for good.
 *
 * @returns `close()`, which stops the stream and any reconnection.
 */
export function openSseStream(options: SseStreamOptions): { close(): void } {
  const log = options.logger;
  const minDelay = options.minDelay ?? 500;
  const maxDelay = options.maxDelay ?? 30_000;
  const stop = new AbortController();
  let state: SseState | undefined;
  let lastEventId: string | undefined;
  let retry: number | undefined;
  /** getToken() is asked again once per 401, until a connection opens. */
  let refreshed = false;

  const setState = (next: SseState): void => {
    if (state === next || state === 'closed') return;
    state = next;
    options.onState?.(next);
  };

  const connect = async (): Promise<'now' | 'again' | 'stop'> => {
    const used = await options.token();
    const headers: Record<string, string> = { Accept: 'text/event-stream' };
    if (used !== undefined) headers['Authorization'] = `Bearer ${used}`;
    if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
    const response = await options.fetch(options.url, { headers, signal: stop.signal, cache: 'no-store', credentials: 'omit' });
    if (response.status === 401) {
      discard(response);
      if (!refreshed) {
        refreshed = true;
        if (await options.refreshToken(used)) return 'now';
      }
      log?.error('GET /events: the platform refused the token (401)');
      return 'stop';
    }
    if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
      discard(response);
      log?.error(`GET /events answered ${response.status}; the event stream is closed`);
      return 'stop';
    }
    const type = response.headers.get('Content-Type') ?? '';
    if (!response.ok || !response.body || !/^text\/event-stream\b/i.test(type)) {
      discard(response);
      log?.warn(`GET /events answered ${response.status} ${type.slice(0, 100)}, not an event stream`);
      return 'again';
    }
    refreshed = false;
    setState('open');
    const parser = createParser({
      onEvent: (message) => options.onMessage(message),
      onId: (id) => {
        lastEventId = id;
      },
      onRetry: (ms) => {
        retry = ms;
      },
      onError: (error) => log?.debug(`GET /events: ${error.message}`),
      maxBufferSize: options.maxBufferSize ?? 16 * 1024 * 1024,
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.feed(value);
      }
    } finally {
      reader.releaseLock();
    }
    return 'again';
  };

  const run = async (): Promise<void> => {
    setState('connecting');
    let attempt = 0;
    while (!stop.signal.aborted) {
      let outcome: 'now' | 'again' | 'stop';
      const before = lastEventId;
      try {
        outcome = await connect();
      } catch (error) {
        if (stop.signal.aborted) break;
        log?.warn('GET /events: the stream failed', error);
        outcome = 'again';
      }
      if (outcome === 'stop' || stop.signal.aborted) break;
      if (outcome === 'now') continue;
      // A connection that delivered something starts the backoff again.
      if (lastEventId !== before) attempt = 0;
      setState('retrying');
      await sleep(backoff(attempt++, retry ?? minDelay, Math.max(maxDelay, retry ?? 0)), stop.signal);
    }
    setState('closed');
  };
  void run();

  return {
    close() {
      stop.abort();
      setState('closed');
    },
  };
}
