/// <reference types="node" />
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse } from 'msw';
import { PUBLIC_BASE_HEADER, type SimulatedPlatform } from './simulated-platform.js';

/** A simulated platform served over HTTP. */
export interface ServedPlatform {
  /** The base URL to give clients, e.g. `http://127.0.0.1:41234/api`. */
  readonly url: string;
  /** Closes the event streams of this server and stops listening. */
  close(): Promise<void>;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, content-type, last-event-id',
  'access-control-allow-methods': 'GET, PUT, POST, OPTIONS',
};

/**
 * Serves a simulated platform's handlers over `node:http` on 127.0.0.1, for
 * Node tests and contract checks (Node only: the page uses
 * `startSimulatedPlatform`). Port 0 (the default) picks a free port.
 *
 * @example
 * ```js
 * const platform = createSimulatedPlatform();
 * const served = await servePlatform(platform);
 * const me = await fetch(`${served.url}/me`, { headers: { authorization: `Bearer ${platform.token}` } });
 * await served.close();
 * ```
 */
export async function servePlatform(platform: SimulatedPlatform, port = 0): Promise<ServedPlatform> {
  const base = new URL(platform.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const open = new Set<AbortController>();
  let url = '';

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const aborted = new AbortController();
    open.add(aborted);
    res.on('close', () => {
      aborted.abort();
      open.delete(aborted);
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined || name === 'host' || name === PUBLIC_BASE_HEADER) continue;
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    headers.set(PUBLIC_BASE_HEADER, url);
    const method = req.method ?? 'GET';
    const request = new Request(new URL(req.url ?? '/', base.origin), {
      method,
      headers,
      signal: aborted.signal,
      ...(method === 'GET' || method === 'HEAD' || chunks.length === 0 ? {} : { body: Buffer.concat(chunks) }),
    });
    let response: Response | undefined;
    try {
      response = await getResponse([...platform.handlers], request);
    } catch (e) {
      response = Response.json({ code: 'simulation-failed', message: String(e) }, { status: 500 });
    }
    response ??= Response.json({ code: 'not-found', message: 'Not a path of this platform.' }, { status: 404 });
    const out: Record<string, string> = { ...CORS };
    response.headers.forEach((value, name) => {
      out[name] = value;
    });
    res.writeHead(response.status, out);
    res.flushHeaders();
    if (!response.body) {
      res.end();
      return;
    }
    const reader = response.body.getReader();
    res.on('close', () => void reader.cancel().catch(() => undefined));
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        res.write(value);
      }
    } catch {
      // The client went away.
    }
    res.end();
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  url = `http://127.0.0.1:${address.port}${basePath}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        for (const controller of open) controller.abort();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
