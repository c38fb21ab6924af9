import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fillHotlineTemplate, findHotlineEntity, hotlineNumber, matchHotline, type HotlineEntity } from './hotline-match.js';

const acme: HotlineEntity = { name: 'Acme', numbers: ['+33 1 23 45 67 89'], greeting: 'Acme, good morning', template: '{entity}: {called}' };
const globex: HotlineEntity = { name: 'Globex', numbers: ['+33 1 23*'], greeting: 'Globex, hello' };
const globexSales: HotlineEntity = { name: 'Globex Sales', numbers: ['+33 1 23 45*'] };
const anyNumber: HotlineEntity = { name: 'Reception', numbers: ['*'] };

describe('hotlineNumber', () => {
  test('keeps digits and a leading +', () => {
    assert.equal(hotlineNumber('+33 1 23 45 67 89'), '+33123456789');
    assert.equal(hotlineNumber('01.23.45.67.89'), '0123456789');
    assert.equal(hotlineNumber('(01) 23-45-67-89'), '0123456789');
    assert.equal(hotlineNumber('0033 1 23 45 67 89'), '+33123456789');
    assert.equal(hotlineNumber('1001'), '1001');
  });
  test('makes a national number international with a region', () => {
    assert.equal(hotlineNumber('0123456789', 'FR'), '+33123456789');
    assert.equal(hotlineNumber('06 1234 5678', 'IT'), '+390612345678');
    assert.equal(hotlineNumber('0123456789', 'US'), '0123456789');
    assert.equal(hotlineNumber('1001', 'FR'), '1001');
  });
});

describe('findHotlineEntity', () => {
  test('an exact number', () => {
    assert.equal(findHotlineEntity([acme], '+33123456789')?.name, 'Acme');
    assert.equal(findHotlineEntity([acme], '+33123456780'), undefined);
  });
  test('a prefix', () => {
    assert.equal(findHotlineEntity([globex], '+33 1 23 99 99 99')?.name, 'Globex');
    assert.equal(findHotlineEntity([globex], '+33 1 24 00 00 00'), undefined);
  });
  test('normalised: spaces, dots, dashes and the region', () => {
    assert.equal(findHotlineEntity([acme], '01.23.45.67.89', 'FR')?.name, 'Acme');
    assert.equal(findHotlineEntity([acme], '01-23-45-67-89', 'FR')?.name, 'Acme');
    assert.equal(findHotlineEntity([acme], '0033123456789')?.name, 'Acme');
    assert.equal(findHotlineEntity([{ name: 'N', numbers: ['01 23*'] }], '+33 1 23 45 67 89', 'FR')?.name, 'N');
    // Without a region a national number is not the international one.
    assert.equal(findHotlineEntity([acme], '0123456789'), undefined);
  });
  test('the most specific match wins, whatever the order', () => {
    for (const list of [[globex, globexSales, acme], [acme, globexSales, globex]]) {
      assert.equal(findHotlineEntity(list, '+33123456789')?.name, 'Acme');
      assert.equal(findHotlineEntity(list, '+33123450000')?.name, 'Globex Sales');
      assert.equal(findHotlineEntity(list, '+33123000000')?.name, 'Globex');
    }
    assert.equal(findHotlineEntity([anyNumber, globex], '+33123000000')?.name, 'Globex');
    assert.equal(findHotlineEntity([anyNumber, globex], '+44200000000')?.name, 'Reception');
  });
  test('on a tie the first listed wins', () => {
    const twin = { ...acme, name: 'Acme twin' };
    assert.equal(findHotlineEntity([acme, twin], '+33123456789')?.name, 'Acme');
  });
  test('no match: no digits, no entities, odd entries', () => {
    assert.equal(findHotlineEntity([acme, globex], ''), undefined);
    assert.equal(findHotlineEntity([anyNumber], 'anonymous'), undefined);
    assert.equal(findHotlineEntity([], '+33123456789'), undefined);
    const odd = [null, { name: 'x' }, { name: 'y', numbers: [42] }] as unknown as HotlineEntity[];
    assert.equal(findHotlineEntity(odd, '+33123456789'), undefined);
  });
});

describe('fillHotlineTemplate', () => {
  test('fills the four placeholders and leaves unknown ones', () => {
    assert.equal(
      fillHotlineTemplate('{entity} for {caller} on {called} ({queue}) {unknown}', { entity: 'Acme', caller: 'Bob', called: '+33123', queue: 'Sales' }),
      'Acme for Bob on +33123 (Sales) {unknown}',
    );
    assert.equal(fillHotlineTemplate('{entity}/{queue}', { entity: 'Acme' }), 'Acme/');
  });
  test('a hostile value stays text and is not re-read as a template', () => {
    const line = fillHotlineTemplate('{caller} - {called}', { caller: '<img src=x onerror=alert(1)>\u202e{queue}\n', called: '{caller}', queue: 'Q' });
    assert.equal(line, '<img src=x onerror=alert(1)>{queue} - {caller}');
  });
});

describe('matchHotline', () => {
  test('gives the entity, greeting and line', () => {
    assert.deepEqual(matchHotline([acme, globex], { called: '0123456789', caller: 'Bob' }, 'FR'), {
      entity: 'Acme',
      greeting: 'Acme, good morning',
      line: 'Acme: 0123456789',
    });
    assert.deepEqual(matchHotline([globex], { called: '+33123000000' }), { entity: 'Globex', greeting: 'Globex, hello', line: '' });
    assert.equal(matchHotline([acme], { called: '+44 20' }), undefined);
  });
  test('sanitises the entity name and greeting', () => {
    const hostile = { name: '\u202eEvil\u0000 <b>Co</b>', numbers: ['+1*'], greeting: 'Hi\u200b there', template: '{entity}' };
    assert.deepEqual(matchHotline([hostile], { called: '+1555' }), { entity: 'Evil <b>Co</b>', greeting: 'Hi there', line: 'Evil <b>Co</b>' });
  });
});
