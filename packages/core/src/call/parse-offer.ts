import { sanitizeText } from '../rules/sanitize-text.js';
import { CallColour, CallType } from './call-info.js';
import type {
  CallInfo,
  MonitorInfo,
  MonitorMode,
  RecordingPolicy,
  QueueInfo,
  RemoteParty,
  TransferInfo,
  TransferType,
} from './call-info.js';
import type { InternalConfig, OfferInput } from './offer-input.js';
import { splitOutside } from '../rules/split-outside.js';

/** Most code units of one header value the parser looks at. */
const MAX_VALUE_LENGTH = 8192;
/** Most code points of an identifier (interaction id, queue id, monitor target). */
const MAX_ID_LENGTH = 128;
/** Most code points of one IVR variable value. */
const MAX_DATA_VALUE_LENGTH = 1024;
/** Most IVR variables kept. */
const MAX_DATA_ENTRIES = 100;
/** Most code units of an IVR variable name. */
const MAX_DATA_NAME_LENGTH = 128;
/** Most routing steps kept. */
const MAX_ROUTE_STEPS = 50;
/** Most distinct headers kept in `info.headers`. */
const MAX_RAW_HEADERS = 100;
/** Most code points of one value in `info.headers`. */
const MAX_RAW_VALUE_LENGTH = 1024;
/** Never copied to `info.headers`: credentials. */
const SECRET_HEADERS: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization']);
/** Largest accepted duration, in seconds (one day). */
const MAX_SECONDS = 86_400;

const DATA_PREFIX = 'x-cx-data-';
const DATA_NAME = /^[A-Za-z0-9_.-]+$/;
/** Separators between the steps of `X-CX-Route`: any of `>`, `/` and `,`. */
const ROUTE_SEPARATORS = /[>/,]/;
const SECONDS = /^\d+(?:\.\d+)?$/;
/** RFC 3261 `token`: a header name. */
const TOKEN = /^[a-z0-9.!%*_+`'~-]{1,64}$/;

const CALL_TYPES: ReadonlySet<string> = new Set(Object.values(CallType));
const TRANSFER_TYPES: ReadonlySet<string> = new Set<TransferType>(['blind', 'attended']);
const MONITOR_MODES: ReadonlySet<string> = new Set<MonitorMode>(['silent', 'whisper', 'barge']);

/**
 * Reads what the PBX/ACD says about an offered call from its INVITE
 * (DESIGN section 4) and returns it as plain, bounded, frozen data.
 *
 * Header rules:
 * - Header names are compared without regard to case; when a header occurs
 *   more than once the first occurrence wins (except `Call-Info` and
 *   `Alert-Info`, where any occurrence can ask for auto-answer). A header
 *   whose (first) value is empty counts as absent, except for IVR
 *   variables, where an empty value is kept.
 * - Every string in the result went through {@link sanitizeText}: plain
 *   text with control, bidi and zero-width characters removed and a bounded
 *   length. Markup is not escaped; render it as text.
 *
 * Fields:
 * - `remote`: from the From header. `number` is the user part (`''` when
 *   the caller is anonymous: user `anonymous` or empty); `displayName` is
 *   unquoted; `uri` is `sip:user@host` (`''` without a host). The caller is
 *   `internal` when its host is one of `internal.domains` (case-insensitive,
 *   exact) AND its number matches `internal.extensionPattern`; an anonymous
 *   caller is never internal.
 * - `callType`: `X-CX-Call-Type` (`smart`, `campaign`, `preview`, `direct`,
 *   any case; any other value gives `direct`). Without it, a call that
 *   names a queue (`X-CX-Queue` or `X-CX-Queue-Id`) is `smart`, else
 *   `direct`.
 * - `colour`: smart or campaign = raspberry, preview = lilac, direct = sky
 *   when the caller is internal, else ocean.
 * - `queue`: `X-CX-Queue` (name) and `X-CX-Queue-Id` (id); `undefined`
 *   when neither is present.
 * - `waitTime`, `ringTimeout`: `X-CX-Wait-Time`, `X-CX-Ring-Timeout` as
 *   whole seconds from 0 to 86400 (`12.7` gives 12); anything else
 *   (`12abc`, `1e9`, `-3`, empty, more than a day) gives `undefined`.
 * - `transfer`: `X-CX-Transfer: type=blind|attended;by="Agent name"`
 *   (parameters in any order, names in any case, values quoted or not).
 *   Without a `by`, the display name (else the user) of `Referred-By` is
 *   used. A `Referred-By` alone, or with an `X-CX-Transfer` whose type is
 *   missing or unknown, gives a blind transfer; otherwise an unknown type
 *   gives `undefined`.
 * - `called`: `X-CX-Called`, else the To user.
 * - `route`: `X-CX-Route` split on `>`, `/` and `,`; empty steps dropped;
 *   at most 50 steps.
 * - `data`: each `X-CX-Data-<Name>` header, keyed by `<Name>` as sent.
 *   Names must be 1 to 128 characters of `[A-Za-z0-9_.-]`, others are
 *   skipped; values keep at most 1024 code points; at most 100 entries. The
 *   object has no prototype, so names such as `__proto__` or `constructor`
 *   are ordinary keys and a missing name reads as `undefined`.
 * - `interactionId`: `X-CX-Interaction-Id` (at most 128 code points).
 * - `monitor`: `X-CX-Monitor: mode=silent|whisper|barge;target=<id>`;
 *   `undefined` when the mode is missing or unknown.
 * - `autoAnswer`: true when a `Call-Info` has the parameter
 *   `answer-after=0` or an `Alert-Info` has `info=alert-autoanswer`.
 * - `smallBanner`: `X-CX-Small-Banner: allow` gives true, `deny` gives
 *   false (any case, spaces around ignored); absent or any other value
 *   gives `undefined` (the agent's profile decides).
 * - `recording`: `X-CX-Recording: auto|allowed|off` (any case), else
 *   `undefined` (the profile decides).
 * - `headers`: every header of the INVITE by lower-case name (as sent:
 *   compact forms are not expanded), repeated headers joined with `, `,
 *   each value sanitised to at most 1024 code points, at most 100 names;
 *   `Authorization` and `Proxy-Authorization` are left out. No prototype.
 *
 * Pure and total: it never throws and never changes its arguments. Should
 * the input itself misbehave (a getter that throws), the result is the one
 * for an INVITE that says nothing.
 *
 * @param input the INVITE's headers, From and To
 * @param internal how to recognise our own users
 * @returns the call's description, deeply frozen
 * @example
 * parseOffer(
 *   { headers: [['X-CX-Queue', 'Sales']], from: { displayName: '', user: '+33123', host: 'pstn.example' }, to: { user: '100', host: 'example.com' } },
 *   { domains: ['example.com'], extensionPattern: /^\d{2,6}$/ },
 * ).colour // 'raspberry'
 */
export function parseOffer(input: OfferInput, internal: InternalConfig): CallInfo {
  try {
    return readOffer(input, internal);
  } catch {
    return readOffer(EMPTY_INPUT, EMPTY_CONFIG);
  }
}

const EMPTY_INPUT: OfferInput = {
  headers: [],
  from: { displayName: '', user: '', host: '' },
  to: { user: '', host: '' },
};
const EMPTY_CONFIG: InternalConfig = { domains: [], extensionPattern: /$^/ };

function readOffer(input: OfferInput, internal: InternalConfig): CallInfo {
  const headers = indexHeaders(input?.headers);
  const remote = readRemote(input?.from, internal);
  const queue = readQueue(headers);
  const callType = readCallType(headers.get('x-cx-call-type'), queue);
  const interactionId = sanitizeText(headers.get('x-cx-interaction-id') ?? '', MAX_ID_LENGTH);

  return Object.freeze<CallInfo>({
    remote,
    interactionId: interactionId === '' ? undefined : interactionId,
    callType,
    colour: colourOf(callType, remote.internal),
    queue,
    waitTime: readSeconds(headers.get('x-cx-wait-time')),
    ringTimeout: readSeconds(headers.get('x-cx-ring-timeout')),
    transfer: readTransfer(headers.get('x-cx-transfer'), headers.get('referred-by')),
    called: sanitizeText(headers.get('x-cx-called') ?? '') || sanitizeText(textOf(input?.to?.user)),
    route: readRoute(headers.get('x-cx-route')),
    data: headers.data,
    monitor: readMonitor(headers.get('x-cx-monitor')),
    autoAnswer:
      headers.callInfo.some(asksAnswerAfterZero) || headers.alertInfo.some(asksAlertAutoAnswer),
    smallBanner: readSmallBanner(headers.get('x-cx-small-banner')),
    recording: readRecording(headers.get('x-cx-recording')),
    headers: headers.raw,
  });
}

/** The headers as the parser needs them, read in one pass. */
interface HeaderIndex {
  /** Value of the first occurrence of a header (lower-case name); `undefined` when absent or empty. */
  get(name: string): string | undefined;
  callInfo: string[];
  alertInfo: string[];
  data: Readonly<Record<string, string>>;
  raw: Readonly<Record<string, string>>;
}

function indexHeaders(list: unknown): HeaderIndex {
  const first = new Map<string, string>();
  const callInfo: string[] = [];
  const alertInfo: string[] = [];
  const data: Record<string, string> = Object.create(null) as Record<string, string>;
  const dataNames = new Set<string>();
  let dataEntries = 0;
  const raw: Record<string, string> = Object.create(null) as Record<string, string>;
  let rawEntries = 0;

  if (Array.isArray(list)) {
    for (const entry of list as unknown[]) {
      if (!Array.isArray(entry)) continue;
      const rawName: unknown = entry[0];
      const rawValue: unknown = entry[1];
      if (typeof rawName !== 'string') continue;
      const name = rawName.trim();
      const key = name.toLowerCase();
      const value = textOf(rawValue).slice(0, MAX_VALUE_LENGTH);

      if (!first.has(key)) first.set(key, value);
      if (TOKEN.test(key) && !SECRET_HEADERS.has(key)) {
        const text = sanitizeText(value, MAX_RAW_VALUE_LENGTH);
        const known = raw[key];
        if (known !== undefined) raw[key] = sanitizeText(`${known}, ${text}`, MAX_RAW_VALUE_LENGTH);
        else if (rawEntries < MAX_RAW_HEADERS) {
          raw[key] = text;
          rawEntries += 1;
        }
      }
      if (key === 'call-info') callInfo.push(value);
      else if (key === 'alert-info') alertInfo.push(value);
      else if (key.startsWith(DATA_PREFIX) && !dataNames.has(key)) {
        dataNames.add(key);
        const dataName = name.slice(DATA_PREFIX.length);
        if (
          dataEntries < MAX_DATA_ENTRIES &&
          dataName.length <= MAX_DATA_NAME_LENGTH &&
          DATA_NAME.test(dataName)
        ) {
          data[dataName] = sanitizeText(value, MAX_DATA_VALUE_LENGTH);
          dataEntries += 1;
        }
      }
    }
  }

  return {
    get(name) {
      const value = first.get(name);
      return value === undefined || value.trim() === '' ? undefined : value;
    },
    callInfo,
    alertInfo,
    data: Object.freeze(data),
    raw: Object.freeze(raw),
  };
}

function readRemote(from: OfferInput['from'] | undefined, internal: InternalConfig): RemoteParty {
  const user = sanitizeText(textOf(from?.user));
  const host = sanitizeText(textOf(from?.host));
  const anonymous = user === '' || user.toLowerCase() === 'anonymous';
  const number = anonymous ? '' : user;
  return Object.freeze<RemoteParty>({
    number,
    displayName: readDisplayName(textOf(from?.displayName)),
    uri: host === '' ? '' : sanitizeText(user === '' ? `sip:${host}` : `sip:${user}@${host}`),
    internal: !anonymous && isInternal(host, number, internal),
  });
}

/**
 * A display name as text. A name that starts with a quote loses its
 * surrounding quotes and has its quoted pairs (`\"`) resolved; text after
 * the closing quote is kept.
 */
function readDisplayName(raw: string): string {
  const text = sanitizeText(raw.slice(0, MAX_VALUE_LENGTH), Infinity);
  return sanitizeText(text.startsWith('"') ? unquoteLeading(text) : text);
}

function isInternal(host: string, number: string, config: InternalConfig): boolean {
  const domains: unknown = config?.domains;
  if (host === '' || !Array.isArray(domains)) return false;
  const lowerHost = host.toLowerCase();
  const ours = (domains as unknown[]).some(
    (domain) => typeof domain === 'string' && domain.trim().toLowerCase() === lowerHost,
  );
  return ours && matches(config.extensionPattern, number);
}

/** Tests `pattern` without touching its `lastIndex` (a `g` or `y` flag would make it stateful). */
function matches(pattern: unknown, text: string): boolean {
  if (!(pattern instanceof RegExp)) return false;
  const stateless = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  return stateless.test(text);
}

function readQueue(headers: HeaderIndex): QueueInfo | undefined {
  const name = sanitizeText(headers.get('x-cx-queue') ?? '');
  const id = sanitizeText(headers.get('x-cx-queue-id') ?? '', MAX_ID_LENGTH);
  if (name === '' && id === '') return undefined;
  return Object.freeze<QueueInfo>({ name, id });
}

function readCallType(value: string | undefined, queue: QueueInfo | undefined): CallType {
  if (value === undefined) return queue === undefined ? CallType.Direct : CallType.Smart;
  const type = value.trim().toLowerCase();
  return CALL_TYPES.has(type) ? (type as CallType) : CallType.Direct;
}

function colourOf(type: CallType, internal: boolean): CallColour {
  switch (type) {
    case CallType.Smart:
    case CallType.Campaign:
      return CallColour.Raspberry;
    case CallType.Preview:
      return CallColour.Lilac;
    case CallType.Direct:
      return internal ? CallColour.Sky : CallColour.Ocean;
  }
}

/** Whole seconds from 0 to one day, or `undefined`. */
function readSeconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (!SECONDS.test(text)) return undefined;
  const seconds = Math.floor(Number(text));
  return Number.isFinite(seconds) && seconds <= MAX_SECONDS ? seconds : undefined;
}

function readTransfer(value: string | undefined, referredBy: string | undefined): TransferInfo | undefined {
  const referrer = referredBy === undefined ? undefined : nameOfReferrer(referredBy);
  const params = value === undefined ? undefined : readParams(value);
  const by = sanitizeText(params?.get('by') ?? '') || (referrer ?? '');
  const type = params?.get('type')?.trim().toLowerCase() ?? '';
  if (TRANSFER_TYPES.has(type)) return Object.freeze<TransferInfo>({ type: type as TransferType, by });
  if (referrer !== undefined) return Object.freeze<TransferInfo>({ type: 'blind', by });
  return undefined;
}

/**
 * Who a `Referred-By` value names: its display name, else the user part of
 * its URI, else `''`. Accepts `"Name" <sip:user@host>;params`,
 * `Name <sip:user@host>` and a bare `sip:user@host`.
 */
function nameOfReferrer(value: string): string {
  const text = value.trim();
  const open = indexOutsideQuotes(text, '<');
  if (open !== -1) {
    const display = text.slice(0, open).trim();
    const name = sanitizeText(display.startsWith('"') ? unquoteLeading(display) : display);
    if (name !== '') return name;
    const close = text.indexOf('>', open);
    return userOfUri(text.slice(open + 1, close === -1 ? text.length : close));
  }
  return userOfUri(text.split(';', 1)[0] ?? '');
}

/** The user part of `scheme:user@host…`, or of `scheme:user` (a `tel:` number). */
function userOfUri(uri: string): string {
  const text = uri.trim();
  const colon = text.indexOf(':');
  const rest = colon === -1 ? text : text.slice(colon + 1);
  const at = rest.indexOf('@');
  const user = at === -1 ? (colon === -1 ? '' : rest.split(/[;?]/, 1)[0] ?? '') : rest.slice(0, at);
  return sanitizeText(user);
}

function readRoute(value: string | undefined): readonly string[] {
  const steps: string[] = [];
  if (value !== undefined) {
    for (const part of value.split(ROUTE_SEPARATORS)) {
      const step = sanitizeText(part);
      if (step === '') continue;
      steps.push(step);
      if (steps.length === MAX_ROUTE_STEPS) break;
    }
  }
  return Object.freeze(steps);
}

function readMonitor(value: string | undefined): MonitorInfo | undefined {
  if (value === undefined) return undefined;
  const params = readParams(value);
  const mode = params.get('mode')?.trim().toLowerCase() ?? '';
  if (!MONITOR_MODES.has(mode)) return undefined;
  return Object.freeze<MonitorInfo>({
    mode: mode as MonitorMode,
    target: sanitizeText(params.get('target') ?? '', MAX_ID_LENGTH),
  });
}

/** `allow` or `deny` (any case), else `undefined`. */
function readRecording(value: string | undefined): RecordingPolicy | undefined {
  const policy = value?.trim().toLowerCase();
  return policy === 'auto' || policy === 'allowed' || policy === 'off' ? policy : undefined;
}

function readSmallBanner(value: string | undefined): boolean | undefined {
  switch (value?.trim().toLowerCase()) {
    case 'allow':
      return true;
    case 'deny':
      return false;
    default:
      return undefined;
  }
}

/** `Call-Info: <uri>;answer-after=0` (possibly one of several comma-separated entries). */
function asksAnswerAfterZero(value: string): boolean {
  return splitOutside(value, ',').some((entry) => readParams(entry).get('answer-after')?.trim() === '0');
}

/** `Alert-Info: <uri>;info=alert-autoanswer` (possibly one of several comma-separated entries). */
function asksAlertAutoAnswer(value: string): boolean {
  return splitOutside(value, ',').some(
    (entry) => readParams(entry).get('info')?.trim().toLowerCase() === 'alert-autoanswer',
  );
}

/**
 * The `name=value` parameters of a `;`-separated list, by lower-case name,
 * first occurrence winning. Names and values are trimmed, quoted values
 * unquoted; a `<uri>` part or a parameter without `=` is ignored.
 */
function readParams(value: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of splitOutside(value, ';')) {
    const equals = indexOutsideQuotes(part, '=');
    if (equals === -1) continue;
    const name = part.slice(0, equals).trim().toLowerCase();
    if (name === '' || name.includes('<') || params.has(name)) continue;
    const raw = part.slice(equals + 1).trim();
    params.set(name, raw.startsWith('"') ? unquoteLeading(raw) : raw);
  }
  return params;
}

/** Index of the first `char` outside double quotes, or -1. */
function indexOutsideQuotes(text: string, char: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const current = text[i];
    if (quoted) {
      if (current === '\\') i += 1;
      else if (current === '"') quoted = false;
    } else if (current === '"') quoted = true;
    else if (current === char) return i;
  }
  return -1;
}

/**
 * `text` with the quoted string at its start replaced by its content
 * (`\x` read as `x`); an unclosed quote runs to the end. What follows the
 * closing quote is kept.
 */
function unquoteLeading(text: string): string {
  let out = '';
  for (let i = 1; i < text.length; i += 1) {
    const char = text[i];
    if (char === '"') return out + text.slice(i + 1);
    if (char === '\\' && i + 1 < text.length) {
      i += 1;
      out += text[i];
    } else out += char;
  }
  return out;
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
