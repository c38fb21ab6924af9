import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import ICAL from 'ical.js';
import { isCxError } from '../errors/cx-error.js';
import { composeUnansweredEmail, escapeHtml } from './unanswered-email.js';
import { composeUnansweredSms, SMS_LENGTH } from './unanswered-sms.js';
import {
  calendarDay,
  DEFAULT_UNANSWERED,
  evaluateUnanswered,
  isLinkPrefix,
  UnansweredException,
  type UnansweredCall,
  type UnansweredHistory,
  type UnansweredSettings,
} from './unanswered.js';
import { writeVCard } from './vcard.js';

const NONE_ON = Object.fromEntries(Object.values(UnansweredException).map((e) => [e, false])) as Record<UnansweredException, boolean>;

function settings(on: readonly UnansweredException[] = [], extra: Partial<UnansweredSettings> = {}): UnansweredSettings {
  const exceptions = { ...NONE_ON };
  for (const e of on) exceptions[e] = true;
  return {
    ...DEFAULT_UNANSWERED,
    email: { enabled: true, to: 'agent@example.com', attachVCard: true, linkPrefix: 'tel:' },
    sms: { enabled: true, provider: 'sim', to: '+33700000000' },
    exceptions,
    ...extra,
  };
}

const ada = { name: 'Ada Lovelace', email: 'ada@example.org', organization: 'Analytical Engines', numbers: ['+33612345678'] };
const plain: UnansweredCall = { number: '+33612345678', name: 'Ada', contact: ada, rangMs: 3000, at: '2026-12-01T10:00:00Z' };
const none: UnansweredHistory = { earlier: [], loggedIn: true };

describe('evaluateUnanswered: each exception alone', () => {
  const cases: [UnansweredException, UnansweredCall, UnansweredHistory, Partial<UnansweredSettings>][] = [
    ['excluded', { ...plain, number: '06 12 34 56 78' }, none, { exclusions: ['+33 6 12 34 56 78'], region: 'FR' }],
    ['internal', { ...plain, number: '1001', internal: true }, none, {}],
    ['withheld', { ...plain, number: 'anonymous' }, none, {}],
    ['short-ring', { ...plain, rangMs: 1999 }, none, {}],
    ['unknown-contact', { ...plain, contact: undefined }, none, {}],
    ['same-day', plain, { earlier: [{ number: '+33 6 12 34 56 78', at: '2026-12-01T08:00:00Z' }], loggedIn: true }, {}],
    ['not-logged-in', plain, { earlier: [{ number: '+33612345678', at: '2026-11-20T08:00:00Z' }], loggedIn: false }, {}],
  ];
  for (const [exception, call, history, extra] of cases) {
    test(`${exception}: on stops the notice, off lets it through`, () => {
      assert.deepEqual(evaluateUnanswered(call, settings([exception], extra), history), { notify: false, exception });
      assert.deepEqual(evaluateUnanswered(call, settings([], extra), history), { notify: true });
      // Every other exception on, this one off: the call still notifies.
      const others = Object.values(UnansweredException).filter((e) => e !== exception);
      assert.deepEqual(evaluateUnanswered(call, settings(others, extra), history), { notify: true });
    });
  }
  test('a plain external call with every exception on notifies', () => {
    assert.deepEqual(evaluateUnanswered(plain, settings(Object.values(UnansweredException)), none), { notify: true });
  });
});

describe('evaluateUnanswered: combinations', () => {
  const all = settings(Object.values(UnansweredException), { exclusions: ['1001'] });
  test('the first exception in order is reported', () => {
    const call = { ...plain, number: '1001', internal: true, rangMs: 500, contact: undefined };
    assert.deepEqual(evaluateUnanswered(call, all, none), { notify: false, exception: 'excluded' });
    assert.deepEqual(evaluateUnanswered(call, settings(['internal', 'short-ring']), none), { notify: false, exception: 'internal' });
    assert.deepEqual(evaluateUnanswered(call, settings(['short-ring', 'unknown-contact']), none), { notify: false, exception: 'short-ring' });
  });
  test('a withheld number is never a repeat of another withheld number', () => {
    const history = { earlier: [{ number: 'anonymous', at: '2026-12-01T08:00:00Z' }], loggedIn: false };
    assert.deepEqual(evaluateUnanswered({ ...plain, number: 'anonymous' }, settings(['same-day', 'not-logged-in']), history), { notify: true });
  });
  test('not logged in: only calls since the logout count', () => {
    const history = { earlier: [{ number: plain.number, at: '2026-11-30T08:00:00Z' }], loggedIn: false, loggedOutAt: '2026-12-01T07:00:00Z' };
    assert.deepEqual(evaluateUnanswered(plain, settings(['not-logged-in']), history), { notify: true });
    assert.deepEqual(evaluateUnanswered(plain, settings(['not-logged-in']), { ...history, loggedIn: true, loggedOutAt: undefined }), { notify: true });
  });
  test('another caller earlier the same day is not a repeat', () => {
    const history = { earlier: [{ number: '+33699999999', at: '2026-12-01T08:00:00Z' }], loggedIn: true };
    assert.deepEqual(evaluateUnanswered(plain, settings(['same-day']), history), { notify: true });
  });
});

describe('evaluateUnanswered: the same day in the agent time zone', () => {
  // 22:30 UTC on 1 December is 23:30 in Paris; 23:30 UTC is 00:30 on 2 December in Paris.
  const earlier = { earlier: [{ number: plain.number, at: '2026-12-01T22:30:00Z' }], loggedIn: true };
  const later = { ...plain, at: '2026-12-01T23:30:00Z' };
  test('UTC: both on 1 December', () => {
    assert.equal(calendarDay(later.at), '2026-12-01');
    assert.deepEqual(evaluateUnanswered(later, settings(['same-day'], { timeZone: 'UTC' }), earlier), { notify: false, exception: 'same-day' });
  });
  test('Europe/Paris: midnight lies between them', () => {
    assert.equal(calendarDay(later.at, 'Europe/Paris'), '2026-12-02');
    assert.deepEqual(evaluateUnanswered(later, settings(['same-day'], { timeZone: 'Europe/Paris' }), earlier), { notify: true });
  });
  test('America/New_York: both on 1 December', () => {
    assert.deepEqual(evaluateUnanswered(later, settings(['same-day'], { timeZone: 'America/New_York' }), earlier), { notify: false, exception: 'same-day' });
  });
  test('a later call in the history does not count', () => {
    const history = { earlier: [{ number: plain.number, at: '2026-12-01T12:00:00Z' }], loggedIn: true };
    assert.deepEqual(evaluateUnanswered(plain, settings(['same-day']), history), { notify: true });
  });
});

describe('evaluateUnanswered: the 2-second boundary', () => {
  for (const [rangMs, notify] of [[0, false], [1999, false], [2000, true], [2001, true]] as const) {
    test(`${rangMs} ms ${notify ? 'notifies' : 'is a short ring'}`, () => {
      assert.equal(evaluateUnanswered({ ...plain, rangMs }, settings(['short-ring']), none).notify, notify);
    });
  }
});

function parse(card: string): ICAL.Component {
  return new ICAL.Component(ICAL.parse(card));
}

describe('vCard', () => {
  const hostile = { name: 'Ó\'Brien; Smith, "Jr"\\ \u202e\nnext', organization: 'A,B;C', email: 'o@example.ie', numbers: ['+353 1 234 5678', '1001'] };
  for (const version of ['4.0', '3.0'] as const) {
    test(`${version} round trip through ical.js`, () => {
      const card = writeVCard(hostile, version);
      assert.match(card, /\r\n$/);
      const parsed = parse(card);
      assert.equal(parsed.getFirstPropertyValue('version'), version);
      assert.equal(parsed.getFirstPropertyValue('fn'), 'Ó\'Brien; Smith, "Jr"\\ next');
      assert.equal(parsed.getFirstPropertyValue('email'), 'o@example.ie');
      const tels = parsed.getAllProperties('tel').map((p) => String(p.getFirstValue()));
      assert.deepEqual(tels, version === '4.0' ? ['tel:+35312345678', 'tel:1001'] : ['+353 1 234 5678', '1001']);
      assert.equal(parsed.getFirstPropertyValue('org'), 'A,B;C');
      assert.deepEqual(parsed.getFirstPropertyValue('n'), ['Ó\'Brien; Smith, "Jr"\\ next', '', '', '', '']);
    });
  }
  test('long lines fold at 75 octets without splitting a character', () => {
    const card = writeVCard({ name: 'é'.repeat(100), numbers: ['+33612345678'] });
    for (const line of card.split('\r\n')) assert.ok(new TextEncoder().encode(line).length <= 75, line);
    assert.equal(parse(card).getFirstPropertyValue('fn'), 'é'.repeat(100));
  });
});

describe('composeUnansweredEmail', () => {
  const hostileName = '<img src=x onerror=alert(1)> & "quotes" \'single\'';
  const hostile: UnansweredCall = {
    number: '+33612345678',
    contact: { name: hostileName, organization: '<b>Org</b> & Co', email: 'ada@example.org', numbers: [] },
    called: '<script>x</script>',
    rangMs: 3000,
    at: '2026-12-01T10:00:00Z',
  };
  const options = { sender: 'CX <noreply@cx.example>' };
  test('every value is escaped in the HTML body', () => {
    const email = composeUnansweredEmail(hostile, settings(), options);
    assert.ok(!email.html.includes('<img'), email.html);
    assert.ok(!email.html.includes('<b>'));
    assert.ok(!email.html.includes('<script>'));
    assert.ok(email.html.includes('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot; &#39;single&#39;'));
    assert.ok(email.html.includes('&lt;b&gt;Org&lt;/b&gt; &amp; Co'));
    assert.ok(email.html.includes('&lt;script&gt;x&lt;/script&gt;'));
    // The text body is plain text: the name as it is.
    assert.ok(email.text.includes(hostileName));
    assert.equal(escapeHtml(`&<>"'`), '&amp;&lt;&gt;&quot;&#39;');
  });
  test('the subject has no line breaks; sender, recipient and vCard', () => {
    const email = composeUnansweredEmail({ ...hostile, contact: { ...hostile.contact, name: 'Eve\r\nBcc: x@evil' } }, settings(), options);
    assert.equal(email.subject, 'Unanswered call from Eve Bcc: x@evil (+33612345678)');
    assert.equal(email.to, 'agent@example.com');
    assert.equal(email.from, 'ada@example.org');
    assert.equal(email.attachments.length, 1);
    assert.equal(email.attachments[0]?.contentType, 'text/vcard');
    assert.match(email.attachments[0]?.filename ?? '', /^[A-Za-z0-9_-]+\.vcf$/);
    assert.equal(parse(email.attachments[0]?.content ?? '').getFirstPropertyValue('fn'), 'Eve Bcc: x@evil');
  });
  test('the configured sender when the caller has no email; no vCard when turned off', () => {
    const email = composeUnansweredEmail({ ...plain, contact: undefined }, settings([], { email: { enabled: true, to: 'a@b.c', attachVCard: false, linkPrefix: 'tel:' } }), options);
    assert.equal(email.from, options.sender);
    assert.deepEqual(email.attachments, []);
  });
  const withPrefix = (linkPrefix: string) => settings([], { email: { enabled: true, to: 'a@b.c', attachVCard: true, linkPrefix } });
  test('the number is a link under the chosen prefix', () => {
    assert.ok(composeUnansweredEmail(plain, withPrefix('tel:'), options).html.includes('<a href="tel:+33612345678">+33612345678</a>'));
    assert.ok(composeUnansweredEmail(plain, withPrefix('phone:'), options).html.includes('href="phone:+33612345678"'));
    assert.ok(composeUnansweredEmail(plain, withPrefix('callto:'), options).html.includes('href="callto:+33612345678"'));
    assert.ok(composeUnansweredEmail(plain, withPrefix('x-crm.1:'), options).html.includes('href="x-crm.1:+33612345678"'));
    assert.ok(!composeUnansweredEmail(plain, withPrefix(''), options).html.includes('<a '));
    assert.ok(!composeUnansweredEmail({ ...plain, number: 'anonymous' }, withPrefix('tel:'), options).html.includes('<a '));
  });
  test('custom prefix validation', () => {
    for (const ok of ['tel:', 'phone:', 'callto:', 'sip:', 'abcdefgh:', 'a+b.c-d:', '']) assert.ok(isLinkPrefix(ok), ok);
    for (const bad of ['abcdefghi:', 'tel', 'tel::', 'te l:', 'tel/:', '"x:', '<a:', 'javascript:', 'VBScript:', 'data:', 'file:', 'ü:', ':']) {
      assert.ok(!isLinkPrefix(bad), bad);
      assert.throws(() => composeUnansweredEmail(plain, withPrefix(bad), options), (error: unknown) => isCxError(error, 'invalid-options'));
    }
  });
  test('the time is the agent time zone', () => {
    const email = composeUnansweredEmail({ ...plain, at: '2026-12-01T23:30:00Z' }, settings([], { timeZone: 'Europe/Paris' }), options);
    assert.match(email.text, /2 Dec 2026, 00:30/);
  });
});

describe('composeUnansweredSms', () => {
  test('recipient, provider, caller as sender, within 160 characters', () => {
    const sms = composeUnansweredSms(plain, settings());
    assert.deepEqual({ ...sms, text: undefined }, { provider: 'sim', to: '+33700000000', from: '+33612345678', text: undefined });
    assert.equal(sms.text, 'Unanswered call: Ada Lovelace, +33612345678, 1 Dec 2026, 10:00');
    assert.ok(sms.text.length <= SMS_LENGTH);
  });
  test('a long name is shortened to fit one SMS', () => {
    const sms = composeUnansweredSms({ ...plain, contact: { ...ada, name: 'N'.repeat(300) } }, settings());
    assert.equal(sms.text.length, SMS_LENGTH);
    assert.ok(sms.text.endsWith('…, +33612345678, 1 Dec 2026, 10:00'));
  });
  test('a long name of emoji is cut between characters and still fits', () => {
    const sms = composeUnansweredSms({ ...plain, contact: { ...ada, name: '\u{1F600}'.repeat(100) } }, settings());
    assert.ok(sms.text.length <= SMS_LENGTH, String(sms.text.length));
    assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])/.test(sms.text));
  });
    test('a withheld caller: no sender number', () => {
    const sms = composeUnansweredSms({ ...plain, number: 'anonymous', contact: undefined, name: undefined }, settings());
    assert.equal(sms.from, '');
    assert.equal(sms.text, 'Unanswered call: withheld number, 1 Dec 2026, 10:00');
  });
});

test('@cx/core/unanswered as tsc emitted it runs under plain Node, without DOM globals', () => {
  // `npm test` type-checks (tsc -b) before the unit tier, so lib/ is fresh there.
  const entry = join(process.cwd(), 'packages/core/lib/unanswered/index.js');
  assert.ok(existsSync(entry), `${entry} is missing: run npx tsc -b first`);
  const script = `
    const m = await import(${JSON.stringify(`file://${entry}`)});
    if (typeof window !== 'undefined' || typeof document !== 'undefined') throw new Error('DOM globals');
    const s = { ...m.DEFAULT_UNANSWERED, email: { ...m.DEFAULT_UNANSWERED.email, enabled: true, to: 'a@b.c' }, sms: { enabled: true, provider: 'p', to: '+1' } };
    const call = { number: '+33612345678', contact: { name: 'Ada' }, rangMs: 3000, at: '2026-12-01T10:00:00Z' };
    console.log(JSON.stringify({
      long: m.evaluateUnanswered(call, s, { earlier: [], loggedIn: false }),
      short: m.evaluateUnanswered({ ...call, rangMs: 1000 }, s, { earlier: [], loggedIn: false }),
      subject: m.composeUnansweredEmail(call, s, { sender: 'x@y.z' }).subject,
      sms: m.composeUnansweredSms(call, s).text,
    }));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), {
    long: { notify: true },
    short: { notify: false, exception: 'short-ring' },
    subject: 'Unanswered call from Ada (+33612345678)',
    sms: 'Unanswered call: Ada, +33612345678, 1 Dec 2026, 10:00',
  });
});

test('nothing touches DOM globals (runs under plain Node)', () => {
  assert.equal(typeof (globalThis as { window?: unknown }).window, 'undefined');
  assert.equal(typeof (globalThis as { document?: unknown }).document, 'undefined');
  assert.equal(evaluateUnanswered(plain, DEFAULT_UNANSWERED).notify, true);
});
