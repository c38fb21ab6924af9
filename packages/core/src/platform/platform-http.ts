import * as v from 'valibot';
import { CxError, CxErrorCode } from '../index.js';
import type { Logger } from '../logger.js';
import { backoff, sleep } from './backoff.js';
import { ErrorSchema } from './platform-schemas.js';

/** How to reach the platform (`createPhone({ platform })`, `createPlatformClient()`). */
export interface PlatformOptions {
  /** The API's base URL, with or without a trailing slash: `https://cx.example/api`. */
  baseUrl: string;
  /** A fixed bearer token. */
  token?: string;
  /** Gives the bearer token; called before the first request and once more after a 401. Wins over `token`. */
  getToken?: () => string | Promise<string>;
  /** Milliseconds before a request is abandoned (default 10000). */
  timeout?: number;
  /** Retries of an idempotent request after a network error, a timeout or a 500/502/503/504 (default 2). */
  retries?: number;
  /** The `fetch` to use (default: the global one). */
  fetch?: typeof fetch;
}

/** One request as the client describes it. */
export interface PlatformRequest<T> {
  method: 'GET' | 'PUT' | 'POST';
  /** Path below the base URL, parameters already encoded: `/pool/i-1/take`. */
  path: string;
  /** JSON body, or a Blob sent as is. */
  body?: unknown;
  /** Whether repeating it is harmless (only those are retried). */
  idempotent: boolean;
  /** The answer's schema; without one the answer's body is ignored. */
  schema?: v.GenericSchema<unknown, T>;
  /** Maps a refusal to a specific error before the generic mapping (409 of take, 422 of wrap-up). */
  refusal?: (status: number, body: unknown) => CxError | undefined;
}

/** The transport under the client: auth, timeouts, retries, error mapping, validation. */
export interface PlatformHttp {
  send<T>(request: PlatformRequest<T>): Promise<T>;
  /** The absolute URL of a path. */
  url(path: string): string;
  /** The current bearer token (asks `getToken()` the first time). */
  token(): Promise<string | undefined>;
  /** After a 401 with `used`: asks `getToken()` again (once per token). False when there is no new token to try. */
  refreshToken(used: string | undefined): Promise<boolean>;
  readonly fetch: typeof fetch;
  readonly logger: Logger | undefined;
}

const RETRYABLE = new Set([500, 502, 503, 504]);
/** A Retry-After longer than this is not waited for: the request fails instead. */
const MAX_RETRY_AFTER_MS = 5_000;
/** Error bodies longer than this are not read further. */
const MAX_ERROR_BODY = 64 * 1024;

/** Encodes one path parameter. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}

/** The transport of {@link PlatformOptions}: one per client; the token is shared by its requests and its event stream. */
export function createPlatformHttp(options: PlatformOptions, logger?: Logger): PlatformHttp {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeout = options.timeout ?? 10_000;
  const retries = options.retries ?? 2;
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let current: Promise<string | undefined> | undefined;

  const token = (): Promise<string | undefined> => {
    current ??= options.getToken
      ? Promise.resolve()
          .then(() => options.getToken?.())
          .catch((cause: unknown) => {
            current = undefined;
            throw new CxError(CxErrorCode.PlatformUnauthorized, 'getToken() failed: no token for the platform.', { cause });
          })
      : Promise.resolve(options.token);
    return current;
  };

  const refreshToken = async (used: string | undefined): Promise<boolean> => {
    if (!options.getToken) return false;
    const now = await token().catch(() => undefined);
    if (now === used) current = undefined;
    const fresh = await token();
    return fresh !== undefined && fresh !== used;
  };

  const url = (path: string): string => base + path;

  async function send<T>(request: PlatformRequest<T>): Promise<T> {
    // The query (a search text) stays out of messages and logs.
    const operation = `${request.method} ${request.path.split('?')[0] ?? ''}`;
    let refreshed = false;
    let attempt = 0;
    for (;;) {
      const used = await token();
      let response: Response;
      try {
        response = await doFetch(url(request.path), init(request, used, timeout));
      } catch (cause) {
        const timedOut = cause instanceof Error && cause.name === 'TimeoutError';
        const what = timedOut ? `timed out after ${timeout} ms` : 'could not reach the platform';
        if (request.idempotent && attempt < retries) {
          logger?.debug(`${operation} ${what}; retrying`);
          await sleep(backoff(attempt++, 250, 4_000));
          continue;
        }
        throw new CxError(CxErrorCode.PlatformUnavailable, `${operation} ${what}.`, { cause });
      }
      const { status } = response;
      if (status === 401 && !refreshed) {
        refreshed = true;
        if (await refreshToken(used)) {
          discard(response);
          continue;
        }
      }
      if (RETRYABLE.has(status) && request.idempotent && attempt < retries) {
        const wait = retryAfter(response) ?? backoff(attempt, 250, 4_000);
        if (wait <= MAX_RETRY_AFTER_MS) {
          discard(response);
          logger?.debug(`${operation} answered ${status}; retrying in ${wait} ms`);
          attempt++;
          await sleep(wait);
          continue;
        }
      }
      if (!response.ok) throw await failure(operation, response, request);
      if (!request.schema) {
        discard(response);
        return undefined as T;
      }
      return parseAnswer(operation, response, request.schema);
    }
  }

  return { send, url, token, refreshToken, fetch: doFetch, logger };
}

function init(request: PlatformRequest<unknown>, token: string | undefined, timeout: number): RequestInit {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token !== undefined) headers['Authorization'] = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (request.body instanceof Blob) {
    body = request.body;
    headers['Content-Type'] = request.body.type || 'application/octet-stream';
  } else if (request.body !== undefined) {
    body = JSON.stringify(request.body);
    headers['Content-Type'] = 'application/json';
  }
  return { method: request.method, headers, body, signal: AbortSignal.timeout(timeout), credentials: 'omit' };
}

/** Retry-After in ms (seconds or an HTTP date), when present and sensible. */
function retryAfter(response: Response): number | undefined {
  const value = response.headers.get('Retry-After');
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

async function failure(operation: string, response: Response, request: PlatformRequest<unknown>): Promise<CxError> {
  const { status } = response;
  const body = await readErrorBody(response);
  const special = request.refusal?.(status, body);
  if (special) return special;
  const parsed = v.safeParse(ErrorSchema, body);
  const message = parsed.success ? parsed.output.message : `${operation} answered ${status}.`;
  const options = { statusCode: status };
  if (status === 401 || status === 403) return new CxError(CxErrorCode.PlatformUnauthorized, message, options);
  if (status >= 500) return new CxError(CxErrorCode.PlatformUnavailable, message, options);
  return new CxError(CxErrorCode.PlatformRefused, message, options);
}

async function readErrorBody(response: Response): Promise<unknown> {
  try {
    const text = await response.text();
    return text.length > MAX_ERROR_BODY ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

async function parseAnswer<T>(operation: string, response: Response, schema: v.GenericSchema<unknown, T>): Promise<T> {
  const invalid = (why: string, cause?: unknown): CxError =>
    new CxError(CxErrorCode.PlatformInvalidResponse, `${operation}: ${why}`, {
      cause,
      statusCode: response.status,
      solutions: ['Check the platform with cx-platform-check (docs/platform.md).'],
    });
  const type = response.headers.get('Content-Type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    discard(response);
    throw invalid(`the answer is ${type ? `"${type.slice(0, 100)}"` : 'untyped'}, not JSON.`);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    const timedOut = cause instanceof Error && cause.name === 'TimeoutError';
    throw new CxError(
      CxErrorCode.PlatformUnavailable,
      `${operation}: the answer ${timedOut ? 'timed out' : 'was cut off'}.`,
      { cause, statusCode: response.status },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw invalid('the answer is not valid JSON.', cause);
  }
  const result = v.safeParse(schema, json);
  if (result.success) return result.output;
  throw invalid(describeIssue(result.issues[0]));
}

/** Where and what is wrong, without the value itself (it may be huge or hostile). */
export function describeIssue(issue: v.BaseIssue<unknown> | undefined): string {
  if (!issue) return 'the answer does not match the contract.';
  const path = '$' + (issue.path ?? []).map((item) => (typeof item.key === 'number' ? `[${item.key}]` : `.${String(item.key)}`)).join('');
  const expected = issue.expected ? `expected ${issue.expected}` : issue.kind;
  return `${path} does not match the contract: ${expected}, got ${describeValue(issue.input)}.`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string') return `a string of ${value.length} characters`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Drops an answer's body without waiting (a body being cancelled may wait for its other readers). */
export function discard(response: Response): void {
  response.body?.cancel().catch(() => undefined);
}
