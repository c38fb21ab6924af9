/** Bounds on the work {@link readRawHeaders} does for one message. */
export interface RawHeaderLimits {
  /** Most header lines returned; later ones are ignored (default 200). */
  maxHeaders?: number;
  /** Most UTF-16 code units kept of one unfolded value (default 8192). */
  maxValueLength?: number;
}

/** Defaults for {@link RawHeaderLimits}. */
export const RAW_HEADER_LIMITS = Object.freeze({ maxHeaders: 200, maxValueLength: 8192 });

/** RFC 3261 `token`: what a header name is made of. */
const TOKEN = /^[A-Za-z0-9.!%*_+`'~-]+$/;

/**
 * Reads the header lines of a raw SIP message (start line, headers, an
 * empty line, then the body; lines end with CRLF, LF or CR).
 *
 * - Returns `[name, value]` pairs in message order, the name exactly as
 *   sent (case kept, white space before the colon removed) and the value
 *   with surrounding spaces and tabs removed.
 * - A line starting with a space or a tab continues the previous header
 *   (folding): it is appended to that value after one space.
 * - A line whose text before the first colon is not a header name (no
 *   colon at all, the start line `INVITE sip:… SIP/2.0`, junk) is ignored,
 *   and so are continuation lines that follow it.
 * - Reading stops at the first empty line: the body is never scanned.
 * - Work is bounded: at most `maxHeaders` headers (200) are returned and
 *   each value keeps at most `maxValueLength` code units (8192), cut on a
 *   code-point boundary; the rest of an over-long line is skipped.
 *
 * Never throws: anything that is not a string gives `[]`.
 *
 * @param raw the whole message as text
 * @param limits optional bounds, see {@link RawHeaderLimits}
 * @returns the header lines, possibly empty
 * @example
 * readRawHeaders('INVITE sip:a@b SIP/2.0\r\nX-CX-Queue: Sales\r\n\r\nv=0')
 * // [['X-CX-Queue', 'Sales']]
 */
export function readRawHeaders(raw: string, limits?: RawHeaderLimits): Array<[string, string]> {
  if (typeof raw !== 'string') return [];
  return readHeaderLines(raw, 0, limits).headers;
}

/** What {@link readHeaderLines} found. */
export interface HeaderLines {
  /** The header lines in order: `[name as sent, unfolded value]`. */
  headers: Array<[string, string]>;
  /** Lines that are not headers (no colon, a name that is not a token, a continuation of nothing), as written. */
  bad: string[];
  /** Where the body starts: just after the empty line (the text's length when there is none). */
  bodyStart: number;
}

/**
 * The one reader of SIP header lines, shared by the offer parser (through
 * {@link readRawHeaders}) and the simulated switch (`parseSipMessage`):
 * reads from `from` up to the first empty line, unfolding continuation
 * lines, within `limits` (see {@link readRawHeaders} for the rules), and
 * reports the lines that are not headers so that a strict caller can refuse
 * the message. Lines end with CRLF, LF or CR. Never throws.
 */
export function readHeaderLines(text: string, from: number, limits?: RawHeaderLimits): HeaderLines {
  const headers: Array<[string, string]> = [];
  const bad: string[] = [];
  const maxHeaders = positiveInteger(limits?.maxHeaders, RAW_HEADER_LIMITS.maxHeaders);
  const maxValueLength = positiveInteger(limits?.maxValueLength, RAW_HEADER_LIMITS.maxValueLength);

  /** The header the next continuation line belongs to, if any. */
  let current: [string, string] | undefined;
  /** The last line was not a header: its continuations are not either. */
  let inBadLine = false;
  let full = false;
  let start = from;
  while (start < text.length) {
    const end = lineEnd(text, start);
    if (end === start) return { headers, bad, bodyStart: nextLineStart(text, end) };

    const first = text.charCodeAt(start);
    if (first === 0x20 || first === 0x09) {
      if (current !== undefined) {
        if (current[1].length < maxValueLength) {
          const more = trimWsp(text, start, end, maxValueLength);
          if (more !== '') {
            const joined = current[1] === '' ? more : `${current[1]} ${more}`;
            current[1] = cutCodeUnits(joined, maxValueLength);
          }
        }
      } else if (!inBadLine && !full) {
        bad.push(text.slice(start, Math.min(end, start + 200)));
      }
    } else {
      current = undefined;
      inBadLine = false;
      const colon = text.indexOf(':', start);
      const name = colon !== -1 && colon < end ? trimWsp(text, start, colon, Infinity) : '';
      if (TOKEN.test(name)) {
        if (headers.length >= maxHeaders) full = true;
        else {
          current = [name, trimWsp(text, colon + 1, end, maxValueLength)];
          headers.push(current);
        }
      } else {
        inBadLine = true;
        bad.push(text.slice(start, Math.min(end, start + 200)));
      }
    }
    start = nextLineStart(text, end);
  }
  return { headers, bad, bodyStart: text.length };
}

function positiveInteger(value: unknown, fallback: number): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value < 1) return fallback;
  return value === Infinity ? Infinity : Math.floor(value);
}

/** Index of the CR or LF that ends the line starting at `start`, or the text's length. */
function lineEnd(text: string, start: number): number {
  for (let i = start; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 0x0a || code === 0x0d) return i;
  }
  return text.length;
}

/** Index just after the line ending at `end` (CRLF counts as one ending). */
function nextLineStart(text: string, end: number): number {
  if (text.charCodeAt(end) === 0x0d && text.charCodeAt(end + 1) === 0x0a) return end + 2;
  return end + 1;
}

/**
 * `text[from, to)` without leading and trailing spaces and tabs, then cut
 * to at most `max` code units. Only the kept part is copied.
 */
function trimWsp(text: string, from: number, to: number, max: number): string {
  let a = from;
  let b = to;
  while (a < b && isWsp(text.charCodeAt(a))) a += 1;
  while (b > a && isWsp(text.charCodeAt(b - 1))) b -= 1;
  if (b - a > max) {
    b = a + cutCodeUnits(text.slice(a, a + max + 1), max).length;
    while (b > a && isWsp(text.charCodeAt(b - 1))) b -= 1;
  }
  return text.slice(a, b);
}

function isWsp(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** At most `max` code units of `text`, never ending on the high half of a surrogate pair. */
function cutCodeUnits(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? max - 1 : max;
  return text.slice(0, end);
}
