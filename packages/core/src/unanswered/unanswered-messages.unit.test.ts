import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CallSnapshot } from '../call/call.js';
import { DEFAULT_UNANSWERED, type UnansweredSettings } from '../rules/unanswered.js';
import { unansweredCallOf, unansweredNotices } from './unanswered-messages.js';

const settings: UnansweredSettings = {
  ...DEFAULT_UNANSWERED,
  email: { enabled: true, to: 'agent@example.com', attachVCard: true, linkPrefix: 'tel:' },
  sms: { enabled: true, provider: 'sim', to: '+33700000000' },
};

function snapshot(rangMs: number, remote: Partial<CallSnapshot['info']['remote']> = {}): Pick<CallSnapshot, 'info' | 'contact' | 'createdAt' | 'endedAt'> {
  const createdAt = Date.parse('2026-12-01T10:00:00Z');
  return {
    info: { remote: { number: '+33612345678', displayName: 'Ada', uri: 'sip:+33612345678@pstn', internal: false, ...remote }, called: '+33123456789' } as CallSnapshot['info'],
    contact: undefined,
    createdAt,
    endedAt: createdAt + rangMs,
  };
}

describe('unanswered messages of a call', () => {
  test('the facts of the call', () => {
    assert.deepEqual(unansweredCallOf(snapshot(3000)), {
      number: '+33612345678',
      name: 'Ada',
      withheld: false,
      internal: false,
      rangMs: 3000,
      at: Date.parse('2026-12-01T10:00:00Z'),
      called: '+33123456789',
    });
    assert.equal(unansweredCallOf(snapshot(0, { number: '' })).withheld, true);
  });
  test('3 s of ringing: one email and one SMS; 1 s: none', () => {
    const long = unansweredNotices(unansweredCallOf(snapshot(3000)), settings, { earlier: [], loggedIn: true }, 'agent@example.com');
    assert.deepEqual(long.notices.map((n) => n.channel), ['email', 'sms']);
    const short = unansweredNotices(unansweredCallOf(snapshot(1000)), settings, { earlier: [], loggedIn: true }, 'agent@example.com');
    assert.deepEqual(short, { verdict: { notify: false, exception: 'short-ring' }, notices: [] });
  });
  test('only the channels turned on and addressed', () => {
    const call = unansweredCallOf(snapshot(3000));
    const none = { earlier: [], loggedIn: true };
    assert.deepEqual(unansweredNotices(call, { ...settings, email: { ...settings.email, enabled: false } }, none, 'x').notices.map((n) => n.channel), ['sms']);
    assert.deepEqual(unansweredNotices(call, { ...settings, sms: { ...settings.sms, to: '' } }, none, 'x').notices.map((n) => n.channel), ['email']);
    assert.deepEqual(unansweredNotices(call, DEFAULT_UNANSWERED, none, 'x').notices, []);
  });
});
