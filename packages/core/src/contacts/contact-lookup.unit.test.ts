import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CallInfo } from '../call/call-info.js';
import { parseOffer } from '../call/parse-offer.js';
import {
  runContactLookup,
  type ContactLookupRequest,
} from './contact-lookup.js';
import { type ContactLookup, type ContactLookupCall } from './contact-options.js';

const info: CallInfo = parseOffer(
  {
    headers: [['X-CX-Queue', 'Sales']],
    from: { displayName: 'B. Smith', user: '+15551234567', host: 'pstn.example' },
    to: { user: '1001', host: 'cx.example' },
  },
  { domains: ['cx.example'], extensionPattern: /^\d{2,6}$/ },
);

function request(extra: Partial<ContactLookupRequest> = {}): ContactLookupRequest {
  return { number: '+15551234567', call: { id: 'call-1', direction: 'inbound', info }, timeout: 1000, ...extra };
}

const found = (name: string): unknown => ({ status: 'found', name, contact: { name, numbers: [], source: 'crm' } });
const never = (): Promise<string | undefined> => new Promise(() => undefined);
const later = <T>(ms: number, value: T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), ms));

describe('runContactLookup', () => {
  test('gives the name a hook answers, with the number and the call it was asked about', async () => {
    const asked: Array<[string, Omit<ContactLookupCall, 'signal'>, boolean]> = [];
    const lookup: ContactLookup = async (number, call) => {
      asked.push([number, { id: call.id, direction: call.direction, info: call.info }, call.signal.aborted]);
      return 'Robert Smith';
    };
    assert.deepEqual(await runContactLookup(lookup, request()), found('Robert Smith'));
    assert.deepEqual(asked, [['+15551234567', { id: 'call-1', direction: 'inbound', info }, false]]);
  });

  test('a card answers the name and the rest, cleaned; unknown fields are dropped', async () => {
    const lookup: ContactLookup = () => ({
      name: ' Robert\u202e Smith ',
      id: 'crm-42',
      email: 'rob@example.com',
      organization: '<b>Smith</b> & Sons',
      numbers: ['+33 6 12 34 56 78', '+33 6 12 34 56 78', 42 as unknown as string, ''],
      secret: 'dropped',
    } as never);
    assert.deepEqual(await runContactLookup(lookup, request()), {
      status: 'found',
      name: 'Robert Smith',
      contact: { name: 'Robert Smith', id: 'crm-42', email: 'rob@example.com', organization: '<b>Smith</b> & Sons', numbers: ['+33 6 12 34 56 78'], source: 'crm' },
    });
    assert.deepEqual(await runContactLookup(() => ({ name: '  ' }), request()), { status: 'unknown' });
  });

  test('a synchronous answer counts as well', async () => {
    assert.deepEqual(await runContactLookup(() => 'Ann Lee', request()), found('Ann Lee'));
  });

  test('the name is cleaned: markup stays text, controls and bidi overrides go, length is bounded', async () => {
    const outcome = await runContactLookup(() => '  \u202eRobert\u202c <b>Smith</b>\r\n\u0000', request());
    assert.deepEqual(outcome, found('Robert <b>Smith</b>'));
    const long = await runContactLookup(() => 'N'.repeat(10_000), request());
    assert.equal(long.status, 'found');
    assert.equal(long.status === 'found' ? [...long.name].length : 0, 256);
  });

  test('no answer, null, or text that is empty once cleaned: unknown', async () => {
    for (const answer of [undefined, null, '', '   ', '\u200b\u202e']) {
      const lookup = (() => answer) as ContactLookup;
      assert.deepEqual(await runContactLookup(lookup, request()), { status: 'unknown' }, JSON.stringify(answer));
    }
  });

  test('an empty number (an anonymous caller) is not looked up', async () => {
    let called = false;
    const outcome = await runContactLookup(() => {
      called = true;
      return 'Someone';
    }, request({ number: '' }));
    assert.deepEqual(outcome, { status: 'unknown' });
    assert.equal(called, false);
  });

  test('a hook that throws, rejects or answers something else than text fails, and never throws', async () => {
    const boom = new Error('CRM down');
    const hooks: Array<[string, ContactLookup]> = [
      ['throws', () => {
        throw boom;
      }],
      ['rejects', () => Promise.reject(boom)],
      ['answers a number', (() => 42) as unknown as ContactLookup],
      ['answers an object without a name', (() => Promise.resolve({ email: 'x@example.com' })) as unknown as ContactLookup],
      ['answers a list', (() => ['Ann']) as unknown as ContactLookup],
      ['answers a thenable that throws', (() => ({
        then(): never {
          throw boom;
        },
      })) as unknown as ContactLookup],
    ];
    for (const [what, hook] of hooks) {
      const outcome = await runContactLookup(hook, request());
      assert.equal(outcome.status, 'failed', what);
      if (outcome.status === 'failed') assert.ok(outcome.error instanceof Error, what);
    }
  });

  test('a hook that never answers times out, and its signal is aborted', async () => {
    let signal: AbortSignal | undefined;
    const started = performance.now();
    const outcome = await runContactLookup((_number, call) => {
      signal = call.signal;
      return never();
    }, request({ timeout: 30 }));
    assert.deepEqual(outcome, { status: 'timed-out' });
    assert.ok(performance.now() - started < 1000);
    assert.equal(signal?.aborted, true);
  });

  test('an answer after the timeout is ignored', async () => {
    const outcome = await runContactLookup(() => later(80, 'Too Late'), request({ timeout: 20 }));
    assert.deepEqual(outcome, { status: 'timed-out' });
    await later(100, undefined);
  });

  test('an answer in time is not aborted', async () => {
    let signal: AbortSignal | undefined;
    const outcome = await runContactLookup((_number, call) => {
      signal = call.signal;
      return later(10, 'In Time');
    }, request({ timeout: 500 }));
    assert.deepEqual(outcome, found('In Time'));
    assert.equal(signal?.aborted, false);
  });

  test('the caller can stop waiting with its own signal; the hook is told', async () => {
    const controller = new AbortController();
    let signal: AbortSignal | undefined;
    const pending = runContactLookup((_number, call) => {
      signal = call.signal;
      return never();
    }, request({ signal: controller.signal, timeout: 5000 }));
    controller.abort();
    assert.deepEqual(await pending, { status: 'aborted' });
    assert.equal(signal?.aborted, true);

    let called = false;
    const already = await runContactLookup(() => {
      called = true;
      return 'x';
    }, request({ signal: AbortSignal.abort() }));
    assert.deepEqual(already, { status: 'aborted' });
    assert.equal(called, false);
  });
});
