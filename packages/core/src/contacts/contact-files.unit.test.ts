import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isCxError } from '../errors/cx-error.js';
import { comparableNumber } from '../missed/missed-calls.js';
import { contactFileFormat, parseContactCsv, parseVCards, readContactFile } from './contact-files.js';
import { folderIndex, folderStore, type StoredFolder } from './contact-folders.js';

const VCARD_3 = [
  'BEGIN:VCARD',
  'VERSION:3.0',
  'N:Smith;Robert;;;',
  'FN:Robert Smith',
  'ORG:Smith & Sons;Sales',
  'TEL;TYPE=WORK,VOICE:+33 6 12 34 56 78',
  'TEL;TYPE=HOME:01 23 45 67 89',
  'EMAIL;TYPE=INTERNET:rob@example.com',
  'END:VCARD',
  'BEGIN:VCARD',
  'VERSION:3.0',
  'N:Lee;Ann;;;',
  'TEL:+1 555 123 4567',
  'END:VCARD',
  'BEGIN:VCARD',
  'VERSION:3.0',
  'FN:No Number',
  'END:VCARD',
  '',
].join('\r\n');

const VCARD_4 = [
  'BEGIN:VCARD',
  'VERSION:4.0',
  'FN:Claire Dubois',
  'ORG:Dubois SARL',
  'TEL;VALUE=uri;TYPE="voice,work":tel:+33-1-23-45-67-89',
  'EMAIL:claire@example.com',
  'END:VCARD',
  'BEGIN:VCARD',
  'VERSION:4.0',
  'FN:<img src=x onerror=alert(1)>\\, \u202eEvil',
  'TEL;VALUE=uri:tel:+33611223344;ext=12',
  'END:VCARD',
].join('\n');

describe('contact files', () => {
  test('vCard 3.0, several cards: name (FN, else N), organization, email, every number; cards without a number are skipped', () => {
    assert.deepEqual(parseVCards(VCARD_3), [
      { name: 'Robert Smith', numbers: ['+33 6 12 34 56 78', '01 23 45 67 89'], email: 'rob@example.com', organization: 'Smith & Sons' },
      { name: 'Ann Lee', numbers: ['+1 555 123 4567'] },
    ]);
  });

  test('vCard 4.0: tel: URIs become numbers, hostile names stay plain text', () => {
    assert.deepEqual(parseVCards(VCARD_4), [
      { name: 'Claire Dubois', numbers: ['+33-1-23-45-67-89'], email: 'claire@example.com', organization: 'Dubois SARL' },
      { name: '<img src=x onerror=alert(1)>, Evil', numbers: ['+33611223344'] },
    ]);
  });

  test('CSV: quoted fields with commas, quotes and line breaks; first and last name columns; several phone columns', () => {
    const csv = [
      'First Name,Last Name,Company,E-mail Address,Mobile Phone,Business Phone',
      '"Robert ""Bob""",Smith,"Smith, Sons & Co",rob@example.com,+33 6 12 34 56 78,"01 23 45 67 89"',
      'Ann,Lee,,,"+1 555 123 4567 ::: +1 555 000 1111",',
      'Nobody,Here,,,,',
      '"Multi',
      'Line",Name,,,0612345679,',
    ].join('\n');
    assert.deepEqual(parseContactCsv(csv), [
      { name: 'Robert "Bob" Smith', numbers: ['+33 6 12 34 56 78', '01 23 45 67 89'], email: 'rob@example.com', organization: 'Smith, Sons & Co' },
      { name: 'Ann Lee', numbers: ['+1 555 123 4567', '+1 555 000 1111'] },
      { name: 'Multi Line Name', numbers: ['0612345679'] },
    ]);
  });

  test('CSV: a name column, semicolons as separator, a type column is not a number', () => {
    const csv = 'Name;Organization;Phone 1 - Type;Phone 1 - Value;Email\nClaire Dubois;Dubois SARL;Work;+33123456789;claire@example.com\n';
    assert.deepEqual(parseContactCsv(csv), [{ name: 'Claire Dubois', numbers: ['+33123456789'], email: 'claire@example.com', organization: 'Dubois SARL' }]);
  });

  test('CSV without a name or a phone column is unreadable', () => {
    for (const csv of ['a,b\n1,2\n', 'Name,Email\nAnn,ann@example.com\n', 'just one column\n']) {
      assert.throws(() => parseContactCsv(csv), (error) => isCxError(error, 'contact-file-unreadable'), csv);
    }
  });

  test('format by type, name, then content', () => {
    assert.equal(contactFileFormat('x', 'text/vcard'), 'vcard');
    assert.equal(contactFileFormat('x', '', 'export.VCF'), 'vcard');
    assert.equal(contactFileFormat('BEGIN:VCARD', 'text/csv'), 'csv');
    assert.equal(contactFileFormat('\ufeff  begin:vcard\n'), 'vcard');
    assert.equal(contactFileFormat('Name,Phone\n'), 'csv');
  });

  test('readContactFile: a broken vCard, a file without contacts, or no file at all is a typed error', async () => {
    assert.deepEqual((await readContactFile(new Blob([VCARD_4], { type: 'text/vcard' }))).contacts.length, 2);
    for (const file of [new Blob(['BEGIN:VCARD\nVERSION:4.0\nFN:x\n'], { type: 'text/vcard' }), new Blob(['Name,Phone\n'], { type: 'text/csv' }), new Blob([new Uint8Array([0, 1, 2])]), 'text' as unknown as Blob]) {
      await assert.rejects(readContactFile(file), (error) => isCxError(error, 'contact-file-unreadable'));
    }
  });

  test('the folder index finds a contact by its normalised number; the older folder wins a shared number', async () => {
    const folders: StoredFolder[] = [
      { id: 'a', name: 'A', count: 1, importedAt: 1, contacts: parseVCards(VCARD_3) },
      { id: 'b', name: 'B', count: 1, importedAt: 2, contacts: [{ name: 'Other Robert', numbers: ['+33612345678'] }] },
    ];
    const index = folderIndex(folders, (n) => comparableNumber(n, 'FR'));
    assert.equal(index.get(comparableNumber('06 12 34 56 78', 'FR'))?.contact.name, 'Robert Smith');
    assert.equal(index.get(comparableNumber('+33123456789', 'FR'))?.contact.name, 'Robert Smith');
    assert.equal(index.get(comparableNumber('+15551234567', 'FR'))?.folder, 'a');
    assert.equal(index.get(comparableNumber('+33699999999', 'FR')), undefined);
  });

  test('the folder store keeps folders per agent (in memory without IndexedDB)', async () => {
    const ann = folderStore('sip:1001@example');
    const bob = folderStore('sip:1002@example');
    await ann.put({ id: 'f1', name: 'Desk', count: 0, importedAt: 5, contacts: [] });
    assert.deepEqual((await folderStore('sip:1001@example').list()).map((f) => f.id), ['f1']);
    assert.deepEqual(await bob.list(), []);
    await ann.remove('f1');
    assert.deepEqual(await ann.list(), []);
  });
});
