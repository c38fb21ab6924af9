/**
 * A small SIP message parser and serializer (RFC 3261 section 7), enough
 * for the simulated switch to route, answer and record messages.
 *
 * Parsing never throws: malformed input gives a typed error result that
 * says what was wrong and, when the request line and headers could be read,
 * carries them so that the caller can still answer 400.
 */

import { splitList } from '../rules/split-outside.js';
import { readHeaderLines } from '../sip/sip-text.js';

const UNBOUNDED = { maxHeaders: Infinity, maxValueLength: Infinity };

/** A header as it appeared on the wire: name as written, unfolded value. */
export interface SipHeader {
  readonly name: string;
  readonly value: string;
}

/**
 * Compact header forms (RFC 3261 section 7.3.3 and the RFCs that define
 * the other letters), mapped to the lowercase full name.
 */
const COMPACT_FORMS: Readonly<Record<string, string>> = {
  v: 'via',
  f: 'from',
  t: 'to',
  i: 'call-id',
  m: 'contact',
  l: 'content-length',
  k: 'supported',
  c: 'content-type',
  e: 'content-encoding',
  s: 'subject',
  o: 'event',
  r: 'refer-to',
  b: 'referred-by',
  u: 'allow-events',
  x: 'session-expires',
};

/** The lowercase full name of a header, expanding compact forms (`v` -> `via`). */
export function canonicalHeaderName(name: string): string {
  const lower = name.trim().toLowerCase();
  return COMPACT_FORMS[lower] ?? lower;
}

/**
 * Ordered SIP headers with case-insensitive access by full or compact
 * name: `get('Via')`, `get('v')` and `get('VIA')` read the same header.
 */
export class SipHeaders implements Iterable<SipHeader> {
  private readonly list: SipHeader[];

  constructor(headers: Iterable<SipHeader> = []) {
    this.list = Array.from(headers, (h) => ({ name: h.name, value: h.value }));
  }

  /** The value of the first header with this name, if any. */
  get(name: string): string | undefined {
    const key = canonicalHeaderName(name);
    return this.list.find((h) => canonicalHeaderName(h.name) === key)?.value;
  }

  /** The values of every header line with this name, in order. */
  getAll(name: string): string[] {
    const key = canonicalHeaderName(name);
    return this.list.filter((h) => canonicalHeaderName(h.name) === key).map((h) => h.value);
  }

  /**
   * Every element of a comma-separated list header (Via, Contact, Route,
   * Supported...), across all its header lines, in order. Do not use it for
   * headers whose values contain bare commas (WWW-Authenticate, Date).
   */
  values(name: string): string[] {
    return this.getAll(name).flatMap(splitHeaderList);
  }

  /** True when at least one header has this name. */
  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Appends a header line at the end. */
  append(name: string, value: string): this {
    this.list.push({ name, value });
    return this;
  }

  /** Replaces every header of this name with one line, where the first one was (else at the end). */
  set(name: string, value: string): this {
    const key = canonicalHeaderName(name);
    const index = this.list.findIndex((h) => canonicalHeaderName(h.name) === key);
    if (index < 0) return this.append(name, value);
    this.delete(name);
    this.list.splice(index, 0, { name, value });
    return this;
  }

  /** Removes every header of this name. */
  delete(name: string): this {
    const key = canonicalHeaderName(name);
    for (let i = this.list.length - 1; i >= 0; i--) {
      const header = this.list[i];
      if (header && canonicalHeaderName(header.name) === key) this.list.splice(i, 1);
    }
    return this;
  }

  /** A copy that can be changed without touching this one. */
  clone(): SipHeaders {
    return new SipHeaders(this.list);
  }

  /** Number of header lines. */
  get size(): number {
    return this.list.length;
  }

  [Symbol.iterator](): Iterator<SipHeader> {
    return this.list[Symbol.iterator]();
  }
}

/** A parsed SIP request. */
export interface SipRequest {
  readonly kind: 'request';
  /** Method as written (methods are case-sensitive), e.g. `INVITE`. */
  readonly method: string;
  /** The Request-URI as written, e.g. `sip:1001@example.com`. */
  readonly uri: string;
  readonly headers: SipHeaders;
  readonly body: string;
}

/** A parsed SIP response. */
export interface SipResponse {
  readonly kind: 'response';
  readonly status: number;
  readonly reason: string;
  readonly headers: SipHeaders;
  readonly body: string;
}

/** A parsed SIP request or response; `kind` tells which. */
export type SipMessage = SipRequest | SipResponse;

/** Why a message could not be parsed. */
export const SipParseErrorCode = {
  /** Nothing but whitespace. */
  Empty: 'empty',
  /** The first line is neither a request line nor a status line. */
  StartLine: 'start-line',
  /** A header line has no colon or an invalid name. */
  HeaderLine: 'header-line',
  /** Via, From, To, Call-ID or CSeq is missing. */
  MissingHeader: 'missing-header',
  /** CSeq is not `<number> <method>`, or does not match the request's method. */
  CSeq: 'cseq',
  /** Content-Length is not a number, or promises more bytes than there are. */
  ContentLength: 'content-length',
} as const;

export type SipParseErrorCode = (typeof SipParseErrorCode)[keyof typeof SipParseErrorCode];

/** What went wrong, and the part of the request that could be read. */
export interface SipParseError {
  readonly code: SipParseErrorCode;
  readonly message: string;
  /**
   * The request line and the headers that could be read, when the input
   * starts with a valid request line: enough to answer 400 if it has the
   * headers a response copies (Via, From, To, Call-ID, CSeq).
   */
  readonly request?: { readonly method: string; readonly uri: string; readonly headers: SipHeaders };
}

/** The outcome of {@link parseSipMessage}: a message, or why there is none. */
export type SipParseResult =
  | { readonly ok: true; readonly message: SipMessage }
  | { readonly ok: false; readonly error: SipParseError };

const REQUEST_LINE = /^([A-Za-z0-9\-.!%*_+`'~]+) +([A-Za-z][A-Za-z0-9+\-.]*:\S+) +SIP\/2\.0$/i;
const STATUS_LINE = /^SIP\/2\.0 +([1-6]\d\d)(?: (.*))?$/i;
const MANDATORY_HEADERS = ['via', 'from', 'to', 'call-id', 'cseq'] as const;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Parses one SIP message (one WebSocket frame, RFC 7118). Accepts CRLF or
 * bare LF line ends, folded header lines, compact header names and leading
 * blank lines; checks the mandatory headers, CSeq and Content-Length (in
 * bytes; a shorter body is an error, extra bytes are cut off).
 */
export function parseSipMessage(raw: string): SipParseResult {
  const text = raw.replace(/^(?:\r?\n)+/, '');
  if (text.trim() === '') return failure(SipParseErrorCode.Empty, 'empty message');

  const eol = /\r\n|\n|\r/.exec(text);
  const startLine = (eol ? text.slice(0, eol.index) : text).trim();
  const requestLine = REQUEST_LINE.exec(startLine);
  const statusLine = requestLine ? null : STATUS_LINE.exec(startLine);
  if (!requestLine && !statusLine) {
    return failure(SipParseErrorCode.StartLine, `not a request or status line: ${clip(startLine)}`);
  }

  // The same header reader as the phone's offer parser, without its bounds
  // (the switch forwards what it was given).
  const lines = readHeaderLines(text, eol ? eol.index + eol[0].length : text.length, UNBOUNDED);
  const headers = new SipHeaders(lines.headers.map(([name, value]) => ({ name, value })));
  let body = text.slice(lines.bodyStart);
  const partial = requestLine
    ? { method: requestLine[1] ?? '', uri: requestLine[2] ?? '', headers }
    : undefined;
  const badLine = lines.bad[0];
  if (badLine !== undefined) return failure(SipParseErrorCode.HeaderLine, `bad header line: ${clip(badLine)}`, partial);

  for (const name of MANDATORY_HEADERS) {
    if (!headers.get(name)) return failure(SipParseErrorCode.MissingHeader, `missing ${name} header`, partial);
  }
  const cseq = parseCSeq(headers.get('cseq') ?? '');
  if (!cseq) return failure(SipParseErrorCode.CSeq, `bad CSeq: ${clip(headers.get('cseq') ?? '')}`, partial);
  if (requestLine && cseq.method !== requestLine[1]) {
    return failure(SipParseErrorCode.CSeq, `CSeq method ${cseq.method} does not match ${requestLine[1]}`, partial);
  }

  const contentLength = headers.get('content-length');
  if (contentLength !== undefined) {
    if (!/^\d+$/.test(contentLength)) {
      return failure(SipParseErrorCode.ContentLength, `bad Content-Length: ${clip(contentLength)}`, partial);
    }
    const declared = Number(contentLength);
    const bytes = encoder.encode(body);
    if (declared > bytes.length) {
      return failure(
        SipParseErrorCode.ContentLength,
        `Content-Length ${declared} but only ${bytes.length} bytes of body`,
        partial,
      );
    }
    if (declared < bytes.length) body = decoder.decode(bytes.subarray(0, declared));
  }

  if (requestLine) {
    return {
      ok: true,
      message: { kind: 'request', method: requestLine[1] ?? '', uri: requestLine[2] ?? '', headers, body },
    };
  }
  return {
    ok: true,
    message: {
      kind: 'response',
      status: Number(statusLine?.[1]),
      reason: (statusLine?.[2] ?? '').trim(),
      headers,
      body,
    },
  };
}

function failure(code: SipParseErrorCode, message: string, request?: SipParseError['request']): SipParseResult {
  return { ok: false, error: request ? { code, message, request } : { code, message } };
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * The wire form of a message, CRLF line ends. Content-Length is always
 * written, with the body's length in UTF-8 bytes (it replaces any stale one).
 */
export function serializeSipMessage(message: SipMessage): string {
  const startLine =
    message.kind === 'request'
      ? `${message.method} ${message.uri} SIP/2.0`
      : `SIP/2.0 ${message.status} ${message.reason}`;
  const headers = message.headers.clone();
  const length = String(encoder.encode(message.body).length);
  if (headers.has('content-length')) headers.set(contentLengthName(message.headers), length);
  else headers.append('Content-Length', length);
  const lines = [startLine];
  for (const header of headers) lines.push(`${header.name}: ${header.value}`);
  return `${lines.join('\r\n')}\r\n\r\n${message.body}`;
}

function contentLengthName(headers: SipHeaders): string {
  for (const header of headers) if (canonicalHeaderName(header.name) === 'content-length') return header.name;
  return 'Content-Length';
}

/** A request with another Request-URI, everything else the same. */
export function withRequestUri(request: SipRequest, uri: string): SipRequest {
  return { ...request, uri, headers: request.headers.clone() };
}

const REASONS: Readonly<Record<number, string>> = {
  100: 'Trying',
  180: 'Ringing',
  183: 'Session Progress',
  200: 'OK',
  202: 'Accepted',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  480: 'Temporarily Unavailable',
  481: 'Call/Transaction Does Not Exist',
  483: 'Too Many Hops',
  486: 'Busy Here',
  487: 'Request Terminated',
  488: 'Not Acceptable Here',
  500: 'Server Internal Error',
  503: 'Service Unavailable',
  603: 'Decline',
};

/** The usual reason phrase of a status code (`404` -> `Not Found`). */
export function reasonPhrase(status: number): string {
  return REASONS[status] ?? (status < 200 ? 'Provisional' : status < 300 ? 'OK' : 'Error');
}

/** Options of {@link createSipResponse}. */
export interface SipResponseOptions {
  /** Reason phrase; defaults to {@link reasonPhrase}. */
  reason?: string;
  /** Tag to add to To when it has none; a random one when omitted (not on 100). */
  toTag?: string;
  /** Extra headers, written after the copied ones. */
  headers?: ReadonlyArray<readonly [name: string, value: string]>;
  body?: string;
}

/**
 * A response to `request` (RFC 3261 section 8.2.6): copies every Via, From,
 * To (adding a tag when it has none), Call-ID and CSeq.
 */
export function createSipResponse(
  request: { readonly headers: SipHeaders },
  status: number,
  options: SipResponseOptions = {},
): SipResponse {
  const headers = new SipHeaders();
  for (const via of request.headers.getAll('via')) headers.append('Via', via);
  headers.append('From', request.headers.get('from') ?? '');
  let to = request.headers.get('to') ?? '';
  if (status > 100 && parseNameAddr(to)?.params.tag === undefined) {
    to = `${to};tag=${options.toTag ?? randomToken(10)}`;
  }
  headers.append('To', to);
  headers.append('Call-ID', request.headers.get('call-id') ?? '');
  headers.append('CSeq', request.headers.get('cseq') ?? '');
  for (const [name, value] of options.headers ?? []) headers.append(name, value);
  return {
    kind: 'response',
    status,
    reason: options.reason ?? reasonPhrase(status),
    headers,
    body: options.body ?? '',
  };
}

/** Random lowercase letters and digits, for tags, nonces and branches. */
export function randomToken(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let token = '';
  for (const byte of bytes) token += alphabet[byte % alphabet.length];
  return token;
}

/** CSeq value: sequence number and method. */
export interface SipCSeq {
  readonly seq: number;
  readonly method: string;
}

/** Parses `314159 INVITE`; undefined when malformed. */
export function parseCSeq(value: string): SipCSeq | undefined {
  const match = /^(\d{1,10})\s+([A-Za-z0-9\-.!%*_+`'~]+)$/.exec(value.trim());
  if (!match) return undefined;
  return { seq: Number(match[1]), method: match[2] ?? '' };
}

/** A parsed `sip:` or `sips:` URI. */
export interface SipUri {
  readonly scheme: 'sip' | 'sips';
  /** User part as written (still %-escaped), without the password. */
  readonly user: string | undefined;
  /** Lowercase host; IPv6 references keep their brackets. */
  readonly host: string;
  readonly port: number | undefined;
  /** URI parameters, names lowercased; a parameter without value maps to ''. */
  readonly params: Readonly<Record<string, string>>;
}

const URI = /^(sips?):(?:([^@?\s]*)@)?(\[[0-9A-Fa-f:.]+\]|[^:;?@[\]\s]+)(?::(\d{1,5}))?((?:;[^?\s]*)?)(?:\?\S*)?$/i;

/** Parses a SIP URI (`sip:user:password@host:port;params?headers`); undefined when it is not one. */
export function parseSipUri(uri: string): SipUri | undefined {
  const match = URI.exec(uri.trim());
  if (!match) return undefined;
  const userinfo = match[2];
  const user = userinfo === undefined ? undefined : userinfo.split(':')[0];
  if (user === '') return undefined;
  return {
    scheme: (match[1] ?? 'sip').toLowerCase() === 'sips' ? 'sips' : 'sip',
    user,
    host: (match[3] ?? '').toLowerCase(),
    port: match[4] === undefined ? undefined : Number(match[4]),
    params: parseParams(match[5] ?? ''),
  };
}

/** The user part of a SIP URI (`sip:1001@example.com` -> `1001`). */
export function uriUser(uri: string): string | undefined {
  return parseSipUri(uri)?.user;
}

/** The lowercase host of a SIP URI (`sip:1001@Example.com:5060` -> `example.com`). */
export function uriHost(uri: string): string | undefined {
  return parseSipUri(uri)?.host;
}

/** A From, To, Contact, Route or Refer-To value: `"Name" <uri>;param=value`. */
export interface NameAddr {
  readonly displayName: string | undefined;
  readonly uri: string;
  /** Header parameters (after the URI), names lowercased; unquoted values. */
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Parses a name-addr or addr-spec header value. For an addr-spec without
 * angle brackets, parameters after the URI belong to the header (RFC 3261
 * section 20.10). Undefined when malformed.
 */
export function parseNameAddr(value: string): NameAddr | undefined {
  let rest = value.trim();
  let displayName: string | undefined;
  if (rest.startsWith('"')) {
    let name = '';
    let i = 1;
    for (; i < rest.length && rest[i] !== '"'; i++) {
      if (rest[i] === '\\' && i + 1 < rest.length) i++;
      name += rest[i];
    }
    if (i >= rest.length) return undefined;
    displayName = name;
    rest = rest.slice(i + 1).trim();
    if (!rest.startsWith('<')) return undefined;
  }
  const open = rest.indexOf('<');
  if (open >= 0) {
    const close = rest.indexOf('>', open);
    if (close < 0) return undefined;
    if (displayName === undefined && open > 0) displayName = rest.slice(0, open).trim();
    const uri = rest.slice(open + 1, close).trim();
    if (uri === '') return undefined;
    return { displayName, uri, params: parseParams(rest.slice(close + 1)) };
  }
  if (rest === '' || /\s/.test(rest.split(';')[0] ?? '')) return undefined;
  const semicolon = rest.indexOf(';');
  const uri = semicolon < 0 ? rest : rest.slice(0, semicolon);
  return { displayName, uri, params: parseParams(semicolon < 0 ? '' : rest.slice(semicolon)) };
}

/** A parsed Via value. */
export interface SipVia {
  /** e.g. `SIP/2.0/WSS`. */
  readonly protocol: string;
  /** Uppercase transport, e.g. `WSS`. */
  readonly transport: string;
  /** host[:port] as written, e.g. `abc.invalid` or `10.0.0.1:5060`. */
  readonly sentBy: string;
  /** Parameters, names lowercased (`branch`, `rport`, `received`). */
  readonly params: Readonly<Record<string, string>>;
}

/** Parses one Via value (`SIP/2.0/WSS host;branch=z9hG4bK...`); undefined when malformed. */
export function parseVia(value: string): SipVia | undefined {
  const match = /^(SIP\s*\/\s*2\.0\s*\/\s*([A-Za-z0-9\-.!%*_+`'~]+))\s+([^;\s]+)\s*((?:;.*)?)$/i.exec(value.trim());
  if (!match) return undefined;
  return {
    protocol: (match[1] ?? '').replace(/\s+/g, ''),
    transport: (match[2] ?? '').toUpperCase(),
    sentBy: match[3] ?? '',
    params: parseParams(match[4] ?? ''),
  };
}

/** The first (topmost) Via of a message. */
export function topVia(message: { readonly headers: SipHeaders }): SipVia | undefined {
  const first = message.headers.values('via')[0];
  return first === undefined ? undefined : parseVia(first);
}

/** The branch parameter of the topmost Via. */
export function topViaBranch(message: { readonly headers: SipHeaders }): string | undefined {
  const branch = topVia(message)?.params.branch;
  return branch === '' ? undefined : branch;
}

/** The tag of the From header. */
export function fromTag(message: { readonly headers: SipHeaders }): string | undefined {
  return tagOf(message.headers.get('from'));
}

/** The tag of the To header (absent on out-of-dialog requests). */
export function toTag(message: { readonly headers: SipHeaders }): string | undefined {
  return tagOf(message.headers.get('to'));
}

function tagOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const tag = parseNameAddr(value)?.params.tag;
  return tag === '' ? undefined : tag;
}

/**
 * Splits a comma-separated header value into its elements, ignoring commas
 * inside quotes and angle brackets.
 */
export function splitHeaderList(value: string): string[] {
  return splitList(value, ',');
}

/** Parses `;a=1;b="x;y";c` into `{ a: '1', b: 'x;y', c: '' }` (names lowercased). */
export function parseParams(text: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const part of splitList(text, ';')) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    if (name === '') continue;
    params[name] = eq < 0 ? '' : unquote(part.slice(eq + 1).trim());
  }
  return params;
}

/** The scheme and parameters of a WWW-Authenticate or Authorization value. */
export interface AuthHeader {
  /** e.g. `Digest` (as written). */
  readonly scheme: string;
  /** Parameters, names lowercased, values unquoted. */
  readonly params: Readonly<Record<string, string>>;
}

/** Parses `Digest username="1001", realm="x", nc=00000001, ...`; undefined when malformed. */
export function parseAuthHeader(value: string): AuthHeader | undefined {
  const match = /^([A-Za-z0-9\-.!%*_+`'~]+)\s+(.*)$/s.exec(value.trim());
  if (!match) return undefined;
  const params: Record<string, string> = {};
  for (const part of splitList(match[2] ?? '', ',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return undefined;
    params[part.slice(0, eq).trim().toLowerCase()] = unquote(part.slice(eq + 1).trim());
  }
  return { scheme: match[1] ?? '', params };
}


function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return value;
}
