import assert from 'node:assert/strict';
import { test } from 'node:test';
import { e164Of } from './e164.js';

test('national numbers need the region; international ones do not', () => {
  assert.equal(e164Of('0123456789', 'FR'), '+33123456789');
  assert.equal(e164Of('01 23 45 67 89', 'FR'), '+33123456789');
  assert.equal(e164Of('+33 1 23 45 67 89', undefined), '+33123456789');
  assert.equal(e164Of('0033123456789', 'FR'), '+33123456789');
  assert.equal(e164Of('0123456789', undefined), undefined);
});

test('extensions, anonymous callers and names are no phone numbers', () => {
  assert.equal(e164Of('1002', 'FR'), undefined);
  assert.equal(e164Of('', 'FR'), undefined);
  assert.equal(e164Of('anonymous', 'FR'), undefined);
});
