import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isCxError } from '../errors/cx-error.js';
import { resolvePhoneOptions } from './phone-options.js';

const good = { sip: { server: 'wss://pbx.example/ws', aor: 'sip:1001@Example.com', password: 'x' } };

function problems(input: unknown): readonly string[] {
  try {
    resolvePhoneOptions(input);
  } catch (error) {
    assert.ok(isCxError(error, 'invalid-options'));
    return error.solutions;
  }
  return [];
}

describe('phone options', () => {
  test('fills in defaults', () => {
    const o = resolvePhoneOptions(good);
    assert.equal(o.sip.user, '1001');
    assert.equal(o.sip.domain, 'example.com');
    assert.equal(o.sip.username, '1001');
    assert.equal(o.sip.dtmf, 'rfc4733');
    assert.equal(o.sip.traceSip, false);
    assert.equal(o.sip.keepAliveInterval, 15);
    assert.equal(o.profile.ringTimeout, 20);
    assert.equal(o.profile.autoAnswer, false);
    assert.equal(o.profile.smallBanner, true);
    assert.deepEqual(o.contacts, { lookup: undefined, timeout: 2000, autoOpen: 'off' });
    assert.deepEqual(o.internal.domains, ['example.com']);
    assert.ok(o.internal.extensionPattern.test('1002'));
    assert.equal(o.platform, undefined);
  });

  test('keeps what was given', () => {
    const o = resolvePhoneOptions({
      ...good,
      sip: { ...good.sip, username: 'agent1', dtmf: 'info', traceSip: true, reconnect: { minDelay: 100, maxDelay: 50 } },
      profile: { ringTimeout: 12, autoAnswer: true },
      internal: { domains: ['Corp.example'], extensionPattern: '^9\\d{3}$' },
      platform: { baseUrl: 'https://cx.example/api', token: 't' },
    });
    assert.equal(o.sip.username, 'agent1');
    assert.equal(o.sip.dtmf, 'info');
    assert.equal(o.sip.traceSip, true);
    assert.deepEqual(o.sip.reconnect, { minDelay: 100, maxDelay: 100 });
    assert.equal(o.profile.ringTimeout, 12);
    assert.deepEqual(o.internal.domains, ['corp.example']);
    assert.ok(o.internal.extensionPattern.test('9123'));
    assert.deepEqual(o.platform, { baseUrl: 'https://cx.example/api', token: 't' });
  });

  test('lists every problem at once', () => {
    const list = problems({
      sip: { server: 'http://pbx', aor: '1001', dtmf: 'inband', traceSip: 'yes', keepAliveInterval: -1 },
      profile: { ringTimeout: 0, autoAnswer: 'no' },
      internal: { extensionPattern: '(' },
      platform: { baseUrl: 1 },
      media: { getStream: 'mic' },
      contacts: { lookup: 'crm', timeout: 0 },
    });
    for (const part of [
      'sip.server',
      'sip.aor',
      'sip.dtmf',
      'sip.traceSip',
      'sip.keepAliveInterval',
      'profile.ringTimeout',
      'profile.autoAnswer',
      'internal.extensionPattern',
      'platform',
      'media.getStream',
      'contacts.lookup',
      'contacts.timeout',
    ]) {
      assert.ok(list.some((p) => p.startsWith(part)), `${part} in ${list.join(' | ')}`);
    }
  });

  test('contacts: a lookup function (or none) and a timeout in ms', () => {
    const lookup = (): string => 'Ann';
    assert.deepEqual(resolvePhoneOptions({ ...good, contacts: { lookup } }).contacts, { lookup, timeout: 2000, autoOpen: 'off' });
    assert.deepEqual(resolvePhoneOptions({ ...good, contacts: { lookup, timeout: 500 } }).contacts, { lookup, timeout: 500, autoOpen: 'off' });
    assert.deepEqual(resolvePhoneOptions({ ...good, contacts: {} }).contacts, { lookup: undefined, timeout: 2000, autoOpen: 'off' });
    for (const contacts of [lookup, 'crm', null, [lookup]]) {
      assert.ok(problems({ ...good, contacts }).some((p) => p.startsWith('contacts must be an object')), String(contacts));
    }
    for (const bad of ['crm', 42, null, { name: 'x' }]) {
      assert.ok(problems({ ...good, contacts: { lookup: bad } }).some((p) => p.startsWith('contacts.lookup')), String(bad));
    }
    for (const timeout of [0, -1, 60_001, Number.NaN, '2000']) {
      assert.ok(problems({ ...good, contacts: { lookup, timeout } }).some((p) => p.startsWith('contacts.timeout')), String(timeout));
    }
  });

  test('contacts.autoOpen: ringing, answered or off (the default); hooks.openContact is a function', () => {
    for (const autoOpen of ['ringing', 'answered', 'off'] as const) {
      assert.equal(resolvePhoneOptions({ ...good, contacts: { autoOpen } }).contacts.autoOpen, autoOpen);
    }
    for (const bad of ['always', true, 1, '']) {
      assert.ok(problems({ ...good, contacts: { autoOpen: bad } }).some((p) => p.startsWith('contacts.autoOpen')), String(bad));
    }
    const openContact = (): void => undefined;
    assert.equal(resolvePhoneOptions({ ...good, hooks: { openContact } }).hooks.openContact, openContact);
    assert.ok(problems({ ...good, hooks: { openContact: 'crm' } }).some((p) => p.startsWith('hooks.openContact')));
  });

  test('profile.smallBanner: a boolean or a list of queues', () => {
    const rule = (smallBanner: unknown): unknown => resolvePhoneOptions({ ...good, profile: { smallBanner } }).profile.smallBanner;
    assert.equal(rule(false), false);
    assert.equal(rule(true), true);
    assert.deepEqual(rule({ queues: ['Sales', 'q-12'] }), { queues: ['Sales', 'q-12'] });
    assert.deepEqual(rule({ queues: [] }), { queues: [] });
    const queues = ['Sales'];
    const resolved = rule({ queues }) as { queues: string[] };
    queues.push('VIP');
    assert.deepEqual(resolved.queues, ['Sales'], 'a copy, not the caller’s array');
    assert.ok(Object.isFrozen(resolved) && Object.isFrozen(resolved.queues));
    for (const bad of ['yes', 1, null, {}, { queues: 'Sales' }, { queues: [1] }, ['Sales']]) {
      assert.ok(problems({ ...good, profile: { smallBanner: bad } }).some((p) => p.startsWith('profile.smallBanner')), JSON.stringify(bad));
    }
  });

  test('rejects non-objects', () => {
    for (const input of [undefined, null, 42, 'sip:1001@x', []]) {
      assert.ok(problems(input).length > 0);
    }
  });
});
