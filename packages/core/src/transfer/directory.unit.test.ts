import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { searchDirectory } from './directory.js';
import type { DirectoryEntry } from './transfer-types.js';

const entries: DirectoryEntry[] = [
  { kind: 'user', id: 'u1', name: 'Hélène Martin', target: '1002' },
  { kind: 'queue', id: 'q1', name: 'Sales FR', target: '3001' },
  { kind: 'contact', id: 'c1', name: 'Acme <b>Corp</b>', target: '+33123456789' },
];

describe('searchDirectory', () => {
  test('every word must match the name, the target or the id; case and accents ignored', () => {
    assert.deepEqual(searchDirectory(entries, 'helene').map((e) => e.id), ['u1']);
    assert.deepEqual(searchDirectory(entries, 'SALES fr').map((e) => e.id), ['q1']);
    assert.deepEqual(searchDirectory(entries, '3001').map((e) => e.id), ['q1']);
    assert.deepEqual(searchDirectory(entries, 'martin sales').map((e) => e.id), []);
  });
  test('an empty text lists everything, within the limit; markup is just text', () => {
    assert.equal(searchDirectory(entries, '  ').length, 3);
    assert.equal(searchDirectory(entries, '', 2).length, 2);
    assert.deepEqual(searchDirectory(entries, '<b>').map((e) => e.id), ['c1']);
  });
});
