import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_UNANSWERED } from '../rules/unanswered.js';
import { applyUnansweredChange, describeProblems, isEmailAddress, isPhoneNumber } from './unanswered-change.js';

const problemsOf = (change: unknown): Record<string, string> => {
  const outcome = applyUnansweredChange(DEFAULT_UNANSWERED, change);
  assert.ok('problems' in outcome, 'refused');
  return outcome.problems as Record<string, string>;
};

describe('a change of the unanswered-call settings', () => {
  test('only the fields given change; texts are trimmed; exclusions are replaced', () => {
    const outcome = applyUnansweredChange(DEFAULT_UNANSWERED, {
      email: { enabled: true, to: ' ann@example.com ', linkPrefix: 'x-crm:' },
      exceptions: { 'unknown-contact': true, internal: false },
      exclusions: [' +33 1 23 45 67 89', '1001'],
      region: 'fr',
    });
    assert.ok('settings' in outcome);
    assert.deepEqual(outcome.settings, {
      email: { enabled: true, to: 'ann@example.com', attachVCard: true, linkPrefix: 'x-crm:' },
      sms: DEFAULT_UNANSWERED.sms,
      exceptions: { ...DEFAULT_UNANSWERED.exceptions, 'unknown-contact': true, internal: false },
      exclusions: ['+33 1 23 45 67 89', '1001'],
      region: 'FR',
    });
    const again = applyUnansweredChange(outcome.settings, { email: { linkPrefix: '' }, timeZone: 'Europe/Paris' });
    assert.ok('settings' in again);
    assert.equal(again.settings.email.linkPrefix, '');
    assert.equal(again.settings.email.to, 'ann@example.com');
    assert.equal(again.settings.region, 'FR');
    assert.equal(again.settings.timeZone, 'Europe/Paris');
    assert.deepEqual(applyUnansweredChange(DEFAULT_UNANSWERED, {}), { settings: DEFAULT_UNANSWERED });
  });

  test('a custom link prefix: 1 to 9 characters ending with a colon, never a scheme that runs code', () => {
    for (const good of ['tel:', 'phone:', 'callto:', 'a:', 'abcdefgh:', '']) {
      assert.ok('settings' in applyUnansweredChange(DEFAULT_UNANSWERED, { email: { linkPrefix: good } }), good);
    }
    for (const bad of ['tel', 'abcdefghi:', ':', 'a b:', 'javascript:', 'DATA:', 'tel::']) {
      assert.ok(problemsOf({ email: { linkPrefix: bad } })['email.linkPrefix'], bad);
    }
  });

  test('addresses and numbers', () => {
    assert.equal(isEmailAddress('ann@example.com'), true);
    for (const bad of ['ann', 'ann@', '@example.com', 'ann@example', 'a b@example.com', 'ann@example.com, bob@example.com']) assert.equal(isEmailAddress(bad), false, bad);
    for (const good of ['+33612345678', '06 12 34 56 78', '(555) 123-4567', '1001']) assert.equal(isPhoneNumber(good), true, good);
    for (const bad of ['', '+', 'call me', '1', '+33 6 12 34 56 78 90 12 34 5', 'sip:1001@x']) assert.equal(isPhoneNumber(bad), false, bad);
    assert.deepEqual(Object.keys(problemsOf({ email: { to: 'not an address' }, sms: { to: 'mobile' } })), ['email.to', 'sms.to']);
    assert.ok(problemsOf({ exclusions: ['1001', 'reception'] }).exclusions?.includes('reception'));
  });

  test('a channel turned on needs its address', () => {
    assert.ok(problemsOf({ email: { enabled: true } })['email.to']);
    assert.ok(problemsOf({ sms: { enabled: true, to: '' } })['sms.to']);
    assert.ok('settings' in applyUnansweredChange(DEFAULT_UNANSWERED, { sms: { enabled: true, to: '+33700000000', provider: 'sim' } }));
  });

  test('unknown exceptions, fields and wrong types are refused', () => {
    assert.ok(problemsOf({ exceptions: { weekend: true } }).exceptions?.includes('weekend'));
    assert.ok(problemsOf({ exceptions: { internal: 'yes' } }).exceptions);
    assert.ok(problemsOf({ emails: {} }).change);
    assert.ok(problemsOf({ email: { address: 'ann@example.com' } }).change);
    assert.ok(problemsOf({ email: { enabled: 1 } })['email.enabled']);
    assert.ok(problemsOf({ timeZone: 'Mars/Olympus' }).timeZone);
    assert.ok(problemsOf({ region: 'France' }).region);
    assert.ok(problemsOf({ exclusions: '1001' }).exclusions);
    assert.ok(problemsOf(null).change);
    assert.match(describeProblems({ 'email.to': 'is not an email address.' }), /^email\.to is not an email address\.$/);
  });
});
