import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_UNANSWERED, type UnansweredSettings } from '../rules/unanswered.js';
import { loadUnansweredSettings, mergeUnansweredSettings, saveUnansweredSettings, unansweredStorageKey, type SettingsStorage } from './unanswered-settings.js';

function memory(): SettingsStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

const chosen: UnansweredSettings = {
  email: { enabled: true, to: 'boss@example.com', attachVCard: false, linkPrefix: 'callto:' },
  sms: { enabled: true, provider: 'sim', to: '+33700000000' },
  exceptions: { ...DEFAULT_UNANSWERED.exceptions, 'unknown-contact': true, 'same-day': false },
  exclusions: ['+33 1 23 45 67 89'],
  timeZone: 'Europe/Paris',
  region: 'FR',
};

describe('unanswered settings', () => {
  test('one key per AOR, case and spaces aside', () => {
    assert.equal(unansweredStorageKey(' Sip:1001@CX.example '), 'cx-banner.unanswered:sip:1001@cx.example');
  });
  test('saved and loaded back per AOR', () => {
    const storage = memory();
    assert.deepEqual(loadUnansweredSettings(storage, 'sip:1001@cx.example'), DEFAULT_UNANSWERED);
    assert.equal(saveUnansweredSettings(storage, 'sip:1001@cx.example', chosen), true);
    assert.deepEqual(loadUnansweredSettings(storage, 'sip:1001@cx.example'), chosen);
    assert.deepEqual(loadUnansweredSettings(storage, 'sip:1002@cx.example'), DEFAULT_UNANSWERED);
  });
  test('damaged or hostile entries fall back field by field', () => {
    assert.deepEqual(mergeUnansweredSettings(DEFAULT_UNANSWERED, '{not json'), DEFAULT_UNANSWERED);
    assert.deepEqual(mergeUnansweredSettings(DEFAULT_UNANSWERED, '[1,2]'), DEFAULT_UNANSWERED);
    const merged = mergeUnansweredSettings(DEFAULT_UNANSWERED, {
      email: { enabled: 'yes', to: 'x@y.z', linkPrefix: 'javascript:' },
      exceptions: { internal: false, bogus: true },
      exclusions: ['1001', 3, ''],
      timeZone: 'Mars/Olympus',
      region: 'France',
    });
    assert.equal(merged.email.enabled, false);
    assert.equal(merged.email.to, 'x@y.z');
    assert.equal(merged.email.linkPrefix, 'tel:');
    assert.equal(merged.exceptions.internal, false);
    assert.ok(!('bogus' in merged.exceptions));
    assert.deepEqual(merged.exclusions, ['1001']);
    assert.equal(merged.timeZone, undefined);
    assert.equal(merged.region, undefined);
  });
  test('a storage that throws gives the defaults and false', () => {
    const broken: SettingsStorage = { getItem: () => { throw new Error('blocked'); }, setItem: () => { throw new Error('full'); } };
    assert.deepEqual(loadUnansweredSettings(broken, 'a'), DEFAULT_UNANSWERED);
    assert.equal(saveUnansweredSettings(broken, 'a', chosen), false);
    assert.equal(saveUnansweredSettings(undefined, 'a', chosen), false);
  });
});
