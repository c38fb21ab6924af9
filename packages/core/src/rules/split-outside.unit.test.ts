import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { splitList, splitOutside } from './split-outside.js';

describe('splitOutside', () => {
  test('ignores separators inside quotes (with escapes) and angle brackets', () => {
    assert.deepEqual(splitOutside('a;b="x;\\"y";<sip:c;d>;e', ';'), ['a', 'b="x;\\"y"', '<sip:c;d>', 'e']);
  });
  test('keeps parts as written, empty ones too', () => {
    assert.deepEqual(splitOutside(' a ,,b', ','), [' a ', '', 'b']);
  });
  test('an unclosed quote or bracket runs to the end', () => {
    assert.deepEqual(splitOutside('a,"b,c', ','), ['a', '"b,c']);
    assert.deepEqual(splitOutside('a,<b,c', ','), ['a', '<b,c']);
  });
  test('splitList trims and drops empty parts', () => {
    assert.deepEqual(splitList(' a ,, "b,c" ,', ','), ['a', '"b,c"']);
  });
});
