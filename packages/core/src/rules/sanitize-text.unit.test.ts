import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_TEXT_MAX, sanitizeText } from './sanitize-text.js';

const codePoints = (text: string): number => [...text].length;

describe('sanitizeText', () => {
  test('keeps ordinary text as it is', () => {
    assert.equal(sanitizeText('Jeanne Dupont'), 'Jeanne Dupont');
    assert.equal(sanitizeText('+33 1 23 45 67 89'), '+33 1 23 45 67 89');
    assert.equal(sanitizeText('Zoë Ångström 山田太郎 😀'), 'Zoë Ångström 山田太郎 😀');
  });

  test('does not escape markup: it is text, shown as text', () => {
    const markup = '<img src=x onerror=alert(1)>';
    assert.equal(sanitizeText(markup), markup);
    assert.equal(sanitizeText('Tom & "Jerry" <b>'), 'Tom & "Jerry" <b>');
  });

  test('removes C0 controls, DEL and C1 controls', () => {
    assert.equal(sanitizeText('a\u0000b\u0001c\u0007d\u001be\u001ff'), 'abcdef');
    assert.equal(sanitizeText('a\u007fb'), 'ab');
    assert.equal(sanitizeText('a\u0080b\u009bc\u009fd'), 'abcd');
    assert.equal(sanitizeText('\u001b[31mred\u001b[0m'), '[31mred[0m');
  });

  test('turns tab, CR, LF, VT, FF and NEL into single spaces', () => {
    assert.equal(sanitizeText('Bob\r\nSmith'), 'Bob Smith');
    assert.equal(sanitizeText('a\tb\nc\rd\ve\ff\u0085g'), 'a b c d e f g');
  });

  test('removes every bidi control', () => {
    const bidi = ['\u061c', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
    for (const char of bidi) {
      assert.equal(sanitizeText(`ab${char}cd`), 'abcd', `U+${char.charCodeAt(0).toString(16)}`);
    }
  });

  test('a right-to-left override cannot disguise a name', () => {
    // Would display as "Invoice_exe.pdf" in a bidi-aware renderer.
    assert.equal(sanitizeText('Invoice_\u202efdp.exe'), 'Invoice_fdp.exe');
    assert.equal(sanitizeText('\u2067Alice\u2069 \u202dBob\u202c'), 'Alice Bob');
  });

  test('removes zero-width characters', () => {
    assert.equal(sanitizeText('a\u200bb\u200cc\u200dd\ufeffe'), 'abcde');
    assert.equal(sanitizeText('\ufeffBOM first'), 'BOM first');
  });

  test('collapses white space and trims', () => {
    assert.equal(sanitizeText('   a    b   '), 'a b');
    assert.equal(sanitizeText('a\u00a0\u00a0b\u2028c\u3000d'), 'a b c d');
    assert.equal(sanitizeText(' \u200b \t '), '');
    assert.equal(sanitizeText(''), '');
  });

  test('removing a control between spaces still leaves one space', () => {
    assert.equal(sanitizeText('a \u0000 b'), 'a b');
  });

  test('removes unpaired surrogates, keeps pairs', () => {
    assert.equal(sanitizeText('a\ud800b'), 'ab');
    assert.equal(sanitizeText('a\udc00b'), 'ab');
    assert.equal(sanitizeText('\ud83d\ude00'), '😀');
    assert.equal(sanitizeText('x\ude00\ud83d'), 'x');
  });

  test('truncates to maxLength code points with an ellipsis counted in', () => {
    assert.equal(sanitizeText('abcdef', 4), 'abc…');
    assert.equal(codePoints(sanitizeText('abcdef', 4)), 4);
    assert.equal(sanitizeText('abcd', 4), 'abcd');
    assert.equal(sanitizeText('abcde', 1), '…');
  });

  test('default bound is 256 code points', () => {
    assert.equal(DEFAULT_TEXT_MAX, 256);
    const out = sanitizeText('x'.repeat(10_000));
    assert.equal(codePoints(out), 256);
    assert.ok(out.endsWith('…'));
    assert.equal(out, 'x'.repeat(255) + '…');
  });

  test('never cuts a surrogate pair in two', () => {
    const emoji = '😀'.repeat(10);
    const out = sanitizeText(emoji, 4);
    assert.equal(out, '😀😀😀…');
    assert.equal(codePoints(out), 4);
    assert.equal(out.length, 7);
    // A string of astral characters whose UTF-16 length exceeds the limit
    // but whose code-point count does not is kept whole.
    assert.equal(sanitizeText('😀😀', 2), '😀😀');
    const mixed = sanitizeText('a😀b😀c', 3);
    assert.equal(mixed, 'a😀…');
    assert.doesNotMatch(mixed, /[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  test('does not leave a space before the ellipsis', () => {
    assert.equal(sanitizeText('abc def', 5), 'abc…');
  });

  test('counts the length after cleaning', () => {
    assert.equal(sanitizeText('\u202eab\u202ecd\u202e', 4), 'abcd');
  });

  test('odd maxLength values', () => {
    assert.equal(sanitizeText('abc', 0), '');
    assert.equal(sanitizeText('abc', -5), '');
    assert.equal(sanitizeText('abcdef', 4.9), 'abc…');
    assert.equal(sanitizeText('x'.repeat(1000), Infinity), 'x'.repeat(1000));
    assert.equal(sanitizeText('x'.repeat(300), Number.NaN), 'x'.repeat(255) + '…');
  });

  test('never throws on values that are not strings', () => {
    const odd: unknown[] = [undefined, null, 42, true, {}, [], Symbol('s'), () => 'x', 10n];
    for (const value of odd) {
      assert.equal(sanitizeText(value as string), '');
    }
    assert.equal(sanitizeText('abc', 'ten' as unknown as number), 'abc');
  });

  test('a 100 KB value is bounded', () => {
    const huge = ('\u202e<b>' + 'a'.repeat(97) + '\u0000').repeat(1000);
    const out = sanitizeText(huge, 1024);
    assert.equal(codePoints(out), 1024);
    assert.doesNotMatch(out, /[\u0000\u202e]/);
  });

  test('is idempotent', () => {
    const samples = ['  a\u202e b\r\n', 'x'.repeat(400), '"quoted"', '😀'.repeat(300)];
    for (const sample of samples) {
      const once = sanitizeText(sample);
      assert.equal(sanitizeText(once), once);
    }
  });
});
