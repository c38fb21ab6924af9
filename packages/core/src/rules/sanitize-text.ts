/** Default bound, in code points, for one piece of text shown to an agent. */
export const DEFAULT_TEXT_MAX = 256;

/** Appended when text had to be shortened. */
const ELLIPSIS = '\u2026';

/** Tab, line feed, vertical tab, form feed, carriage return and NEL: become a space. */
const WHITESPACE_CONTROLS = /[\t\n\v\f\r\u0085]/g;

/**
 * Removed outright: the remaining C0 controls, DEL, the remaining C1
 * controls, the bidi marks, embeddings, overrides and isolates (LRM, RLM,
 * ALM, LRE..RLO, LRI..PDI), and the zero-width characters (ZWSP, ZWNJ, ZWJ,
 * BOM).
 */
const INVISIBLE =
  /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** A high surrogate with no low one after it, or a low surrogate with no high one before it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Any run of white space (JavaScript's definition, which includes NBSP and U+2028/U+2029). */
const WHITESPACE_RUN = /\s+/g;

/**
 * Turns an untrusted string (a SIP header value, a display name) into plain
 * text that is safe to show as text and bounded in length.
 *
 * - Tab, CR, LF, VT, FF and NEL become spaces; every other C0/C1 control
 *   character and DEL is removed.
 * - Unicode bidi controls (U+061C, U+200E, U+200F, U+202A-U+202E,
 *   U+2066-U+2069) and zero-width characters (U+200B-U+200D, U+FEFF) are
 *   removed, so a caller cannot reorder or hide what the agent reads.
 * - Unpaired surrogates are removed, so the result is well-formed UTF-16.
 * - Runs of white space collapse to one space; the result is trimmed.
 * - The result is at most `maxLength` code points. When the text is longer
 *   it is cut on a code-point boundary (never inside a surrogate pair) and
 *   ends with `…`, which counts towards `maxLength`.
 *
 * It does NOT escape HTML or any other markup: `<b>` stays `<b>`. The
 * contract is that callers render the result as text (a Lit text binding,
 * `textContent`), never as markup.
 *
 * Never throws: anything that is not a string gives `''`. A `maxLength`
 * that is not a number gives the default, a negative one gives `''`, a
 * fractional one is rounded down and `Infinity` means no bound.
 *
 * @param value untrusted text
 * @param maxLength most code points in the result (default 256)
 * @returns the cleaned text, possibly `''`
 * @example
 * sanitizeText('  \u202eBob\u202c\r\n Smith ') // 'Bob Smith'
 */
export function sanitizeText(value: string, maxLength: number = DEFAULT_TEXT_MAX): string {
  if (typeof value !== 'string') return '';
  const limit = normaliseLimit(maxLength);
  if (limit === 0 || value.length === 0) return '';
  const cleaned = value
    .replace(WHITESPACE_CONTROLS, ' ')
    .replace(INVISIBLE, '')
    .replace(LONE_SURROGATE, '')
    .replace(WHITESPACE_RUN, ' ')
    .trim();
  return truncate(cleaned, limit);
}

function normaliseLimit(maxLength: unknown): number {
  if (typeof maxLength !== 'number' || Number.isNaN(maxLength)) return DEFAULT_TEXT_MAX;
  if (maxLength <= 0) return 0;
  if (maxLength === Infinity) return Infinity;
  return Math.floor(maxLength);
}

/** Cuts well-formed `text` to at most `limit` code points, the last being `…` when cut. */
function truncate(text: string, limit: number): string {
  // Fewer code units than the limit means fewer code points too.
  if (text.length <= limit) return text;
  let points = 0;
  let keepEnd = 0;
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    const width = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? 2 : 1;
    points += 1;
    if (points > limit) {
      return text.slice(0, keepEnd).trimEnd() + ELLIPSIS;
    }
    i += width;
    if (points === limit - 1) keepEnd = i;
  }
  return text;
}
