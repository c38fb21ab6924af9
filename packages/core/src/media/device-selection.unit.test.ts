import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { devicesStorageKey, readSelection, vanished } from './device-selection.js';
import type { MediaDeviceEntry } from './devices-types.js';

const mic = (id: string): MediaDeviceEntry => ({ id, label: id, kind: 'audioinput' });
const out = (id: string): MediaDeviceEntry => ({ id, label: id, kind: 'audiooutput' });

describe('device choices', () => {
  test('one key per agent, whatever the case of the AOR', () => {
    assert.equal(devicesStorageKey(' SIP:1001@Example.com '), 'cx-banner.devices:sip:1001@example.com');
    assert.notEqual(devicesStorageKey('sip:1001@example.com'), devicesStorageKey('sip:1002@example.com'));
  });

  test('saved choices are read back; damaged or missing ones are the default', () => {
    assert.deepEqual(readSelection('{"input":"a","output":"b","ringer":"c"}'), { input: 'a', output: 'b', ringer: 'c' });
    assert.deepEqual(readSelection('{"input":7,"output":null}'), { input: '', output: '', ringer: '' });
    assert.deepEqual(readSelection('not json'), { input: '', output: '', ringer: '' });
    assert.deepEqual(readSelection(null), { input: '', output: '', ringer: '' });
  });

  test('a chosen device that is no longer listed has vanished; the default never does', () => {
    const selection = { input: 'headset', output: 'headset-out', ringer: 'speakers' };
    assert.deepEqual(vanished(selection, [mic('headset')], [out('headset-out'), out('speakers')]), []);
    assert.deepEqual(vanished(selection, [mic('laptop')], [out('speakers')]), ['input', 'output']);
    assert.deepEqual(vanished({ input: '', output: '', ringer: '' }, [mic('laptop')], [out('speakers')]), []);
  });

  test('an empty list (no permission yet, or outputs cannot be chosen) proves nothing', () => {
    assert.deepEqual(vanished({ input: 'headset', output: 'x', ringer: 'y' }, [], []), []);
  });
});
