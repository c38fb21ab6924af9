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
    ]) {
      assert.ok(list.some((p) => p.startsWith(part)), `${part} in ${list.join(' | ')}`);
    }
  });

  test('rejects non-objects', () => {
    for (const input of [undefined, null, 42, 'sip:1001@x', []]) {
      assert.ok(problems(input).length > 0);
    }
  });
});
