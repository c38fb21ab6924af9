import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatNumber } from './format-number.js';

describe('formatNumber', () => {
  test('groups French numbers by pairs', () => {
    assert.equal(formatNumber('+33123456789'), '+33 1 23 45 67 89');
    assert.equal(formatNumber('0612345678'), '06 12 34 56 78');
  });

  test('groups North American numbers as 3-3-4', () => {
    assert.equal(formatNumber('+15551234567'), '+1 555 123 4567');
  });

  test('sets the country code apart and groups the rest by threes', () => {
    assert.equal(formatNumber('+4915112345678'), '+49 151 123 456 78');
    assert.equal(formatNumber('+442079460958'), '+44 207 946 0958');
    assert.equal(formatNumber('+35312345678'), '+353 123 456 78');
    assert.equal(formatNumber('+74951234567'), '+7 495 123 4567');
  });

  test('leaves extensions, names and anything else as they are', () => {
    assert.equal(formatNumber('1002'), '1002');
    assert.equal(formatNumber('alice'), 'alice');
    assert.equal(formatNumber(''), '');
    assert.equal(formatNumber('<img src=x>'), '<img src=x>');
  });
});
