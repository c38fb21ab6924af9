import assert from 'node:assert/strict';
import { test } from 'node:test';
import { linkTarget } from './link-target.js';

test('tel: links: escapes, separators and parameters', () => {
  assert.equal(linkTarget('tel:+33%201%2023%2045%2067%2089'), '+33123456789');
  assert.equal(linkTarget('tel:+33 (0)1-23.45/67 89'), '+33123456789');
  assert.equal(linkTarget('tel:(555)%20123-4567'), '5551234567');
  assert.equal(linkTarget('TEL:+1-201-555-0123;ext=12'), '+12015550123');
  assert.equal(linkTarget('tel:863-1234;phone-context=+1-914-555'), '+19145558631234');
  assert.equal(linkTarget('tel:7042;phone-context=example.com'), '7042');
  assert.equal(linkTarget(' tel:1002 '), '1002');
});

test('callto: links, with or without //', () => {
  assert.equal(linkTarget('callto:+33123456789'), '+33123456789');
  assert.equal(linkTarget('callto://+33%20123%20456'), '+33123456');
  assert.equal(linkTarget('callto:skype.name'), undefined);
});

test('sip: links keep the address, without parameters or headers', () => {
  assert.equal(linkTarget('sip:bob@example.com'), 'sip:bob@example.com');
  assert.equal(linkTarget('sip:1002@pbx.example;transport=ws?subject=hi'), 'sip:1002@pbx.example');
  assert.equal(linkTarget('sips:alice@example.com'), 'sips:alice@example.com');
  assert.equal(linkTarget('sip:nobody'), undefined);
});

test('other links, and links with nothing to dial', () => {
  for (const href of ['https://example.com', 'mailto:a@b.c', 'tel:', 'tel:abc', 'tel:%E0%A4%A', 'javascript:alert(1)', '/tel:123', '']) {
    assert.equal(linkTarget(href), undefined, href);
  }
});
