import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isCxError } from '../errors/cx-error.js';
import { resolvePhoneOptions } from '../phone/phone-options.js';

const sip = { server: 'wss://pbx.example/ws', aor: 'sip:1001@example.com', password: 'x' };

function problems(hotline: unknown): readonly string[] {
  try {
    resolvePhoneOptions({ sip, hotline });
  } catch (error) {
    assert.ok(isCxError(error, 'invalid-options'));
    return error.solutions;
  }
  return [];
}

describe('the hotline option', () => {
  test('defaults to no entities', () => {
    assert.deepEqual(resolvePhoneOptions({ sip }).hotline.entities, []);
  });
  test('keeps valid entities', () => {
    const entities = [
      { name: 'Acme', numbers: ['+33 1 23 45 67 89', '01.23.45*'], greeting: 'Acme, hello', template: '{entity}: {called}' },
      { name: 'Any', numbers: ['*'] },
    ];
    const resolved = resolvePhoneOptions({ sip, hotline: { entities } }).hotline.entities;
    assert.deepEqual(resolved, entities);
  });
  test('names the problem', () => {
    const shape = /^hotline must be \{ entities: \[\{ name, numbers/;
    for (const wrong of [[], null, 'x', { entities: 'x' }]) assert.match(problems(wrong).join(), shape, String(wrong));
    const entries = [
      { name: '', numbers: ['1'] },
      { name: 'A', numbers: [] },
      { name: 'B', numbers: ['sales'] },
      { name: 'C', numbers: ['12*3'] },
      { name: 'D', numbers: [1] },
      { name: 'E', numbers: ['1'], greeting: 3 },
      null,
    ];
    entries.forEach((entry, i) => {
      const found = problems({ entities: [{ name: 'Good', numbers: ['*'] }, entry] });
      assert.equal(found.length, 1);
      assert.match(found[0] ?? '', /^hotline\.entities\[1\] must be \{ name, numbers/, `entry ${i}`);
    });
  });
});
