import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RAW_HEADER_LIMITS, readRawHeaders } from './sip-text.js';

const INVITE_LINE = 'INVITE sip:1001@cx.example.com SIP/2.0';

function message(lines: string[], eol = '\r\n', body = 'v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\n'): string {
  return [INVITE_LINE, ...lines, '', body].join(eol);
}

describe('readRawHeaders', () => {
  test('returns header lines in order with their names as sent', () => {
    const raw = message([
      'Via: SIP/2.0/WSS 192.0.2.1;branch=z9hG4bK776',
      'From: "Jeanne" <sip:+33123456789@pstn.example>;tag=a1',
      'To: <sip:1001@cx.example.com>',
      'x-cx-QUEUE: Sales',
      'X-CX-Queue-Id: q-42',
      'Content-Type: application/sdp',
    ]);
    assert.deepEqual(readRawHeaders(raw), [
      ['Via', 'SIP/2.0/WSS 192.0.2.1;branch=z9hG4bK776'],
      ['From', '"Jeanne" <sip:+33123456789@pstn.example>;tag=a1'],
      ['To', '<sip:1001@cx.example.com>'],
      ['x-cx-QUEUE', 'Sales'],
      ['X-CX-Queue-Id', 'q-42'],
      ['Content-Type', 'application/sdp'],
    ]);
  });

  test('skips the start line of a request and of a response', () => {
    assert.deepEqual(readRawHeaders(message(['A: 1'])), [['A', '1']]);
    assert.deepEqual(readRawHeaders('SIP/2.0 180 Ringing\r\nB: 2\r\n\r\n'), [['B', '2']]);
  });

  test('accepts LF-only and CR-only line endings', () => {
    assert.deepEqual(readRawHeaders(message(['A: 1', 'B: 2'], '\n')), [['A', '1'], ['B', '2']]);
    assert.deepEqual(readRawHeaders(message(['A: 1', 'B: 2'], '\r')), [['A', '1'], ['B', '2']]);
  });

  test('stops at the first empty line and never reads the body', () => {
    const raw = `${INVITE_LINE}\r\nA: 1\r\n\r\nX-CX-Queue: in the body\r\nB: 2\r\n`;
    assert.deepEqual(readRawHeaders(raw), [['A', '1']]);
    const lf = `${INVITE_LINE}\nA: 1\n\nB: 2\n`;
    assert.deepEqual(readRawHeaders(lf), [['A', '1']]);
  });

  test('a message without a blank line or body is read to its end', () => {
    assert.deepEqual(readRawHeaders(`${INVITE_LINE}\r\nA: 1\r\nB: 2`), [['A', '1'], ['B', '2']]);
  });

  test('trims values and the space before the colon', () => {
    assert.deepEqual(readRawHeaders(message(['A :   spaced out  \t', 'B:\tx', 'C:'])), [
      ['A', 'spaced out'],
      ['B', 'x'],
      ['C', ''],
    ]);
  });

  test('keeps colons inside values', () => {
    assert.deepEqual(readRawHeaders(message(['Contact: <sip:a@b:5060;transport=ws>'])), [
      ['Contact', '<sip:a@b:5060;transport=ws>'],
    ]);
  });

  test('unfolds continuation lines starting with a space or a tab', () => {
    const raw = message([
      'Subject: I know you are there,',
      '     pick up the phone',
      '\tand talk to me!',
      'X-CX-Route: IVR >',
      ' Sales',
      'Next: 1',
    ]);
    assert.deepEqual(readRawHeaders(raw), [
      ['Subject', 'I know you are there, pick up the phone and talk to me!'],
      ['X-CX-Route', 'IVR > Sales'],
      ['Next', '1'],
    ]);
  });

  test('folding onto an empty value does not add a leading space', () => {
    assert.deepEqual(readRawHeaders(message(['A:', '  folded'])), [['A', 'folded']]);
  });

  test('ignores lines without a colon or with no header name, and their continuations', () => {
    const raw = message(['garbage line', '  continued garbage', ': no name', 'bad name: x', 'A: 1', ' more']);
    assert.deepEqual(readRawHeaders(raw), [['A', '1 more']]);
  });

  test('a continuation before any header is ignored', () => {
    assert.deepEqual(readRawHeaders(`${INVITE_LINE}\r\n  orphan\r\nA: 1\r\n\r\n`), [['A', '1']]);
  });

  test('returns at most 200 headers', () => {
    const lines = Array.from({ length: 500 }, (_, i) => `X-H-${i}: ${i}`);
    const headers = readRawHeaders(message(lines));
    assert.equal(RAW_HEADER_LIMITS.maxHeaders, 200);
    assert.equal(headers.length, 200);
    assert.deepEqual(headers[199], ['X-H-199', '199']);
  });

  test('a 100 KB header value is cut to 8 KB and the next header is still read', () => {
    const raw = message([`X-CX-Data-Note: ${'a'.repeat(100 * 1024)}`, 'X-CX-Queue: Sales']);
    const headers = readRawHeaders(raw);
    assert.equal(RAW_HEADER_LIMITS.maxValueLength, 8192);
    assert.equal(headers.length, 2);
    assert.equal(headers[0]?.[1].length, 8192);
    assert.deepEqual(headers[1], ['X-CX-Queue', 'Sales']);
  });

  test('folded lines cannot grow a value past the bound', () => {
    const lines = ['X-Big: start', ...Array.from({ length: 50 }, () => ` ${'b'.repeat(1000)}`), 'After: ok'];
    const headers = readRawHeaders(message(lines));
    assert.equal(headers[0]?.[1].length, 8192);
    assert.deepEqual(headers[1], ['After', 'ok']);
  });

  test('the cut never splits a surrogate pair', () => {
    const headers = readRawHeaders(message([`A: x${'😀'.repeat(10)}`]), { maxValueLength: 4 });
    assert.equal(headers[0]?.[1], 'x😀');
  });

  test('honours custom limits and ignores nonsense ones', () => {
    const raw = message(['A: 123456', 'B: 2', 'C: 3']);
    assert.deepEqual(readRawHeaders(raw, { maxHeaders: 2, maxValueLength: 3 }), [['A', '123'], ['B', '2']]);
    assert.deepEqual(readRawHeaders(raw, { maxHeaders: -1, maxValueLength: Number.NaN }).length, 3);
  });

  test('never throws on input that is not a string', () => {
    const odd: unknown[] = [undefined, null, 42, {}, ['A: 1']];
    for (const value of odd) {
      assert.deepEqual(readRawHeaders(value as string), []);
    }
    assert.deepEqual(readRawHeaders(''), []);
    assert.deepEqual(readRawHeaders('\r\n\r\n'), []);
  });

  test('a 1 MB message without line breaks returns quickly', () => {
    const started = Date.now();
    assert.deepEqual(readRawHeaders(`A: ${' '.repeat(1024 * 1024)}x`), [['A', 'x']]);
    assert.ok(Date.now() - started < 1000);
  });
});
