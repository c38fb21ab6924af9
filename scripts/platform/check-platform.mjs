// The contract check: calls every read-only request of a platform and
// validates each answer against docs/platform-api.yaml (ajv, JSON Schema
// 2020-12 as OpenAPI 3.1 uses it). The command line is cx-platform-check.mjs.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { createParser } from 'eventsource-parser';
import { parse } from 'yaml';

const DOCUMENT_ID = 'https://cx-banner.invalid/platform-api.yaml';
const defaultDocument = fileURLToPath(new URL('../../docs/platform-api.yaml', import.meta.url));

/**
 * @typedef {{ name: string, status: 'pass' | 'fail' | 'skip', details: string[] }} CheckResult
 * @typedef {{
 *   fetch?: typeof fetch,
 *   document?: string,
 *   eventsMs?: number,
 *   timeoutMs?: number,
 *   onResult?: (result: CheckResult) => void,
 * }} CheckOptions
 */

/** One line of the report: `✓ GET /me`, `✗ GET /pool: $[0].state: must be one of ...`. */
export function formatResult(result) {
  const mark = result.status === 'pass' ? '✓' : result.status === 'fail' ? '✗' : '-';
  return result.details.length === 0 ? `${mark} ${result.name}` : `${mark} ${result.name}: ${result.details.join('; ')}`;
}

/** `/0/caller/name` (ajv) as `$[0].caller.name`. */
function jsonPath(pointer) {
  if (!pointer) return '$';
  return (
    '$' +
    pointer
      .split('/')
      .slice(1)
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((part) => (/^\d+$/.test(part) ? `[${part}]` : /^[A-Za-z_$][\w$]*$/.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`))
      .join('')
  );
}

/** What ajv found, one phrase per problem, the most useful first. */
function describeErrors(errors) {
  const seen = new Set();
  const out = [];
  // oneOf/anyOf failures come with one error per branch; keep the summary.
  for (const error of errors ?? []) {
    let text;
    if (error.keyword === 'required') text = `${jsonPath(error.instancePath)}: missing required field "${error.params.missingProperty}"`;
    else if (error.keyword === 'enum') text = `${jsonPath(error.instancePath)}: must be one of ${error.params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    else text = `${jsonPath(error.instancePath)}: ${error.message}`;
    if (!seen.has(text)) {
      seen.add(text);
      out.push(text);
    }
  }
  return out.length > 5 ? [...out.slice(0, 5), `and ${out.length - 5} more`] : out;
}

/** The contract, and a validator for any schema in it (by JSON pointer). */
async function loadContract(path) {
  const document = parse(await readFile(path, 'utf8'));
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema({ ...document, $id: DOCUMENT_ID });
  const validators = new Map();
  const validator = (pointer) => {
    let validate = validators.get(pointer);
    if (!validate) {
      validate = ajv.compile({ $ref: `${DOCUMENT_ID}#${pointer}` });
      validators.set(pointer, validate);
    }
    return validate;
  };
  return { document, validator };
}

/** Why a fetch failed, in a few words. */
function reason(error) {
  const cause = error?.cause;
  return cause?.code ?? cause?.errors?.[0]?.code ?? cause?.message ?? error?.message ?? String(error);
}

const escape = (segment) => segment.replace(/~/g, '~0').replace(/\//g, '~1');
const answerPointer = (path, status = 200) =>
  `/paths/${escape(path)}/get/responses/${status}/content/${escape('application/json')}/schema`;

/**
 * Checks the platform at `baseUrl` with `token`. Resolves to every check's
 * result (also given one by one to `onResult`) and `ok`, true when none failed.
 *
 * @param {string} baseUrl
 * @param {string} token
 * @param {CheckOptions} [options]
 * @returns {Promise<{ ok: boolean, results: CheckResult[] }>}
 */
export async function checkPlatform(baseUrl, token, options = {}) {
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const { document, validator } = await loadContract(options.document ?? defaultDocument);
  const base = baseUrl.replace(/\/+$/, '');
  const results = [];
  const record = (name, status, details = []) => {
    const result = { name, status, details };
    results.push(result);
    options.onResult?.(result);
    return result;
  };

  /** GET `path` (the contract's path template `template`), validated; the answer when it passed. */
  async function get(path, template = path, { auth = true, optional = false } = {}) {
    const name = `GET ${path}`;
    let response;
    try {
      const headers = { Accept: 'application/json' };
      if (auth) headers.Authorization = `Bearer ${token}`;
      response = await doFetch(base + path, { headers, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      record(name, 'fail', [error?.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `could not connect (${reason(error)})`]);
      return undefined;
    }
    if (optional && response.status === 404) {
      await response.body?.cancel().catch(() => undefined);
      record(name, 'skip', ['optional: this platform does not offer it (404), the Banner does without']);
      return undefined;
    }
    if (response.status !== 200) {
      const body = await response.text().catch(() => '');
      let detail = '';
      try {
        const error = JSON.parse(body);
        if (typeof error?.message === 'string') detail = ` (${JSON.stringify(error.message.slice(0, 200))})`;
      } catch {
        // not an error body of the contract; the status says enough
      }
      record(name, 'fail', [`answered ${response.status}, expected 200${detail}`]);
      return undefined;
    }
    const type = response.headers.get('content-type') ?? '';
    if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
      await response.body?.cancel().catch(() => undefined);
      record(name, 'fail', [`Content-Type is ${JSON.stringify(type)}, expected application/json`]);
      return undefined;
    }
    let json;
    try {
      json = JSON.parse(await response.text());
    } catch {
      record(name, 'fail', ['the answer is not valid JSON']);
      return undefined;
    }
    const validate = validator(answerPointer(template));
    if (!validate(json)) {
      record(name, 'fail', describeErrors(validate.errors));
      return undefined;
    }
    record(name, 'pass');
    return json;
  }

  // Without a token the platform must refuse (the contract's bearer scheme).
  {
    const name = 'GET /me without a token';
    try {
      const response = await doFetch(`${base}/me`, { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
      await response.body?.cancel().catch(() => undefined);
      record(name, response.status === 401 ? 'pass' : 'fail', response.status === 401 ? [] : [`answered ${response.status}, expected 401`]);
    } catch (error) {
      record(name, 'fail', [`could not connect (${reason(error)})`]);
    }
  }

  const me = await get('/me');
  const pool = await get('/pool');
  await get('/missed-calls');
  await get('/voicemails');
  await get('/directory?q=a', '/directory');
  // Optional additions of the contract: a 404 says the platform does not keep them.
  await get('/me/unanswered', '/me/unanswered', { optional: true });
  await get(`/contacts?number=${encodeURIComponent(me?.extension ?? '1000')}`, '/contacts', { optional: true });

  if (me) await get(`/users/${encodeURIComponent(me.extension)}`, '/users/{extension}');
  else record('GET /users/{extension}', 'fail', ['not checked: needs a valid GET /me']);

  const queue = me?.queues?.[0];
  if (queue) await get(`/queues/${encodeURIComponent(queue.id)}/form`, '/queues/{id}/form');
  else if (me) record('GET /queues/{id}/form', 'skip', ['not checked: the agent has no queue']);
  else record('GET /queues/{id}/form', 'fail', ['not checked: needs a valid GET /me']);

  const first = pool?.[0];
  if (first) await get(`/interactions/${encodeURIComponent(first.interactionId)}`, '/interactions/{id}');
  else if (pool) record('GET /interactions/{id}', 'skip', ['not checked: the pool is empty']);
  else record('GET /interactions/{id}', 'fail', ['not checked: needs a valid GET /pool']);

  await checkEvents(base, token, document, validator, doFetch, options.eventsMs ?? 2000, record);

  return { ok: results.every((r) => r.status !== 'fail'), results };
}

/** Opens GET /events for `ms`: the content type, and every event received against its schema. */
async function checkEvents(base, token, document, validator, doFetch, ms, record) {
  const name = 'GET /events';
  const types = Object.keys(document.paths['/events'].get['x-cx-events']);
  const stop = AbortSignal.timeout(ms);
  const details = [];
  let count = 0;
  let response;
  try {
    response = await doFetch(`${base}/events`, {
      headers: { Accept: 'text/event-stream', Authorization: `Bearer ${token}` },
      signal: stop,
    });
  } catch (error) {
    record(name, 'fail', [error?.name === 'TimeoutError' ? `no answer within ${ms} ms` : `could not connect (${reason(error)})`]);
    return;
  }
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => undefined);
    record(name, 'fail', [`answered ${response.status}, expected 200`]);
    return;
  }
  const type = response.headers.get('content-type') ?? '';
  if (!/^text\/event-stream\b/i.test(type)) {
    await response.body?.cancel().catch(() => undefined);
    record(name, 'fail', [`Content-Type is ${JSON.stringify(type)}, expected text/event-stream`]);
    return;
  }
  const parser = createParser({
    onEvent(message) {
      count++;
      const where = `event ${count} (${message.event ?? 'message'}${message.id ? `, id ${message.id}` : ''})`;
      if (!message.id) details.push(`${where}: no id: line (needed to resume with Last-Event-ID)`);
      if (!message.event || !types.includes(message.event)) return; // platforms may add event types
      let data;
      try {
        data = JSON.parse(message.data);
      } catch {
        details.push(`${where}: data is not valid JSON`);
        return;
      }
      const validate = validator(`/paths/${escape('/events')}/get/x-cx-events/${escape(message.event)}`);
      if (!validate(data)) details.push(...describeErrors(validate.errors).map((p) => `${where}: ${p}`));
    },
  });
  const decoder = new TextDecoder();
  try {
    for await (const chunk of response.body) parser.feed(decoder.decode(chunk, { stream: true }));
  } catch (error) {
    if (!stop.aborted) details.push(`the stream failed: ${error?.message ?? error}`);
  }
  if (details.length > 0) record(name, 'fail', details.slice(0, 5));
  else record(name, 'pass', count === 0 ? [`no event in ${ms / 1000} s (content type checked)`] : [`${count} event(s) valid`]);
}
