import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_NOTIFICATIONS, readNotificationSettings } from './notification-settings.js';
import { callerOf, desktopText, kindOfEnd, localDesktopText, kindsOfOffer, mergeSettings, notificationStorageKey, playsSound, settingProblem, showsDesktop } from './notification-rules.js';

const info = (extra: object = {}) => ({ remote: { number: '+33612345678', displayName: 'Bob', uri: '', internal: false }, queue: undefined, transfer: undefined, ...extra }) as never;
const ended = (endReason: string, extra: object = {}) => ({ direction: 'inbound', state: 'ended', endReason, answeredAt: undefined, ...extra }) as never;

test('the option: defaults, one kind changed, every problem named', () => {
  const problems: string[] = [];
  assert.deepEqual(readNotificationSettings(undefined, problems), { ringing: 'both', missed: 'desktop', transferRequested: 'both', ended: 'off' });
  assert.deepEqual(readNotificationSettings({ ended: 'sound' }, problems), { ...DEFAULT_NOTIFICATIONS, ended: 'sound' });
  assert.deepEqual(problems, []);
  const message = "notifications must be { ringing, missed, transferRequested, ended }, each 'off', 'sound', 'desktop' or 'both'";
  for (const wrong of [{ ringing: 'loud' }, { rang: 'off' }, { missed: 1 }, 'both', null, ['off']]) {
    const found: string[] = [];
    assert.equal(readNotificationSettings(wrong, found), DEFAULT_NOTIFICATIONS);
    assert.deepEqual(found, [message], JSON.stringify(wrong));
  }
});

test('modes: what plays a sound, what shows on the desktop', () => {
  assert.deepEqual(['off', 'sound', 'desktop', 'both'].map((m) => playsSound(m as never)), [false, true, false, true]);
  assert.deepEqual(['off', 'sound', 'desktop', 'both'].map((m) => showsDesktop(m as never)), [false, false, true, true]);
  assert.equal(settingProblem('missed', 'sound'), undefined);
  assert.match(settingProblem('misssed', 'sound') ?? '', /not a kind/);
  assert.match(settingProblem('missed', 'loud') ?? '', /not a notification mode/);
  assert.match(settingProblem('missed', undefined) ?? '', /not a notification mode/);
});

test('saved settings merge over the base; damaged entries are ignored', () => {
  assert.deepEqual(mergeSettings(DEFAULT_NOTIFICATIONS, '{"ringing":"sound","ended":"nope","extra":"both"}'), { ...DEFAULT_NOTIFICATIONS, ringing: 'sound' });
  assert.equal(mergeSettings(DEFAULT_NOTIFICATIONS, '{not json'), DEFAULT_NOTIFICATIONS);
  assert.equal(mergeSettings(DEFAULT_NOTIFICATIONS, undefined), DEFAULT_NOTIFICATIONS);
  assert.deepEqual(mergeSettings(DEFAULT_NOTIFICATIONS, { missed: 'off' }), { ...DEFAULT_NOTIFICATIONS, missed: 'off' });
  assert.equal(notificationStorageKey(' SIP:1001@Example.com '), 'cx-banner.notifications:sip:1001@example.com');
});

test('which kind an event is', () => {
  assert.deepEqual(kindsOfOffer(info()), ['ringing']);
  assert.deepEqual(kindsOfOffer(info({ transfer: { type: 'blind', by: 'Ann' } })), ['ringing', 'transferRequested']);
  assert.equal(kindOfEnd(ended('ring-timeout')), 'missed');
  assert.equal(kindOfEnd(ended('caller-cancelled')), 'missed');
  assert.equal(kindOfEnd(ended('declined')), undefined, 'the agent declined: no news to them');
  assert.equal(kindOfEnd(ended('ring-timeout', { direction: 'outbound' })), undefined);
  assert.equal(kindOfEnd(ended('remote-hangup', { answeredAt: 1 })), 'ended');
  assert.equal(kindOfEnd(ended('failed', { answeredAt: 1 })), 'ended');
  assert.equal(kindOfEnd(ended('local-hangup', { answeredAt: 1 })), undefined, 'the agent hung up themselves');
  assert.equal(kindOfEnd(ended('transferred', { answeredAt: 1 })), undefined);
  assert.equal(kindOfEnd({ direction: 'inbound', state: 'ringing', endReason: undefined, answeredAt: undefined }), undefined);
});

test('what a desktop notification says', () => {
  assert.equal(callerOf({ contactName: 'Claire', info: info() }), 'Claire');
  assert.equal(callerOf({ contactName: undefined, info: info() }), 'Bob');
  assert.deepEqual(desktopText('ringing', { contactName: undefined, info: info({ queue: { id: 'q', name: 'Sales' } }) }), { title: 'Incoming call', body: 'Bob (Sales)' });
  assert.deepEqual(desktopText('transferRequested', { contactName: undefined, info: info({ transfer: { type: 'blind', by: 'Ann' } }) }), { title: 'Transfer requested', body: 'Bob, transferred by Ann' });
  assert.equal(desktopText('missed', { contactName: undefined, info: info() }).title, 'Missed call');
  assert.equal(desktopText('ended', { contactName: undefined, info: info() }).title, 'Call ended');
});

test("the page's texts (DESKTOP_TEXTS) win; a translator that throws or answers something else gives English", () => {
  const call = { contactName: undefined, info: info() };
  assert.deepEqual(localDesktopText('missed', call, undefined), { title: 'Missed call', body: 'Bob' }, 'no texts: English');
  assert.deepEqual(localDesktopText('missed', call, (kind: string) => ({ title: `«${kind}»`, body: 'Bob' })), { title: '«missed»', body: 'Bob' });
  const broken = () => {
    throw new Error('broken');
  };
  assert.equal(localDesktopText('missed', call, broken).title, 'Missed call');
  assert.equal(localDesktopText('ringing', call, () => ({ title: 42 })).title, 'Incoming call');
  assert.equal(localDesktopText('ended', call, 'not a function').title, 'Call ended');
});
