import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isCxError } from '../errors/cx-error.js';
import { parseDialTarget } from './dial-target.js';

describe('dial targets', () => {
  const cases: Array<[string, string, string]> = [
    ['1002', '1002', 'sip:1002@example.com'],
    ['+33 1 23 45 67 89', '+33123456789', 'sip:+33123456789@example.com'],
    ['(555) 123-4567', '5551234567', 'sip:5551234567@example.com'],
    ['  *72#  ', '*72#', 'sip:*72#@example.com'],
    ['tel:+15551234567', '+15551234567', 'sip:+15551234567@example.com'],
    ['sip:bob@other.example', 'bob', 'sip:bob@other.example'],
  ];
  for (const [input, number, uri] of cases) {
    test(`"${input}"`, () => {
      const t = parseDialTarget(input, 'example.com');
      assert.equal(t.number, number);
      assert.equal(t.uri, uri);
    });
  }
  for (const bad of ['', 'bob', '12ab', '+', '1002\r\nVia: x', '<script>', 'sip:bob', 'sip:@x', '1'.repeat(40), 'http://x']) {
    test(`rejects ${JSON.stringify(bad)}`, () => {
      assert.throws(() => parseDialTarget(bad, 'example.com'), (e: unknown) => isCxError(e, 'invalid-target'));
    });
  }
  const injections = [
    '1002%23',
    'sip:1002%23@example.com',
    'tel:+33123456789;postd=1234',
    'sip:+33123456789;postd=pp22@example.com',
    '+33123456789,,,1234',
    '1002,,,9',
    'sip:bob@example.com@evil.example',
    'sip:bob@evil.example@example.com',
    'sip:bob smith@example.com',
    'sip: bob@example.com',
    'sip:bob@exa mple.com',
    'sip:bob@example.com?Subject=x',
    'sip:bob;isub=1@example.com',
    'tel:+1555;phone-context=x',
    '1002\u0000',
  ];
  for (const bad of injections) {
    test(`rejects the dial-string injection ${JSON.stringify(bad)}`, () => {
      assert.throws(() => parseDialTarget(bad, 'example.com'), (e: unknown) => isCxError(e, 'invalid-target'));
    });
  }
  test('rejects non-strings', () => {
    assert.throws(() => parseDialTarget(1002, 'example.com'), (e: unknown) => isCxError(e, 'invalid-target'));
  });
});
