// Unanswered-call notifications: which calls deserve an email or a text.
// Pure (no DOM, no storage, no clock of its own): the Banner runs it in the
// browser, a platform runs the very same function in Node for agents who
// are not logged in (docs/unanswered-calls.md).
import { comparableNumber } from '../missed/missed-calls.js';

/** Why a call did not give a notification, one name per exception. */
export const UnansweredException = {
  /** A number of the exclusion list (e.g. the reception desk). */
  Excluded: 'excluded',
  /** A colleague called (an internal extension). */
  Internal: 'internal',
  /** The caller blocked or withheld the number. */
  Withheld: 'withheld',
  /** It rang less than 2 seconds (a pocket dial, a caller who changed their mind). */
  ShortRing: 'short-ring',
  /** No contact could be found for the caller. */
  UnknownContact: 'unknown-contact',
  /** The caller already tried earlier the same day (in the agent's time zone). */
  SameDay: 'same-day',
  /** The caller already tried while the agent is not logged in. */
  NotLoggedIn: 'not-logged-in',
} as const;
export type UnansweredException = (typeof UnansweredException)[keyof typeof UnansweredException];

/** The order in which exceptions are checked: the first that applies is the one reported. */
const ORDER: readonly UnansweredException[] = Object.values(UnansweredException);

/** Calls that rang less than this are an exception (exactly 2000 ms is not). */
export const SHORT_RING_MS = 2000;

/** A contact as the contact sources give it (the CRM hook, the platform, a local folder). */
export interface UnansweredContact {
  readonly name?: string;
  readonly email?: string;
  readonly organization?: string;
  readonly numbers?: readonly string[];
}

/** What is known of the call that nobody answered. */
export interface UnansweredCall {
  /** The caller's number as received (may be `''` or `anonymous` when withheld). */
  readonly number: string;
  /** The caller's display name (untrusted text), when the network gave one. */
  readonly name?: string;
  /** The caller blocked or withheld the number. */
  readonly withheld?: boolean;
  /** An internal call (a colleague's extension). */
  readonly internal?: boolean;
  /** The contact found for the caller; `undefined` when none could be determined. */
  readonly contact?: UnansweredContact;
  /** How long it rang, in milliseconds. */
  readonly rangMs: number;
  /** When the call arrived: an ISO 8601 string, epoch milliseconds or a Date. */
  readonly at: string | number | Date;
  /** The number the caller dialled, when known. */
  readonly called?: string;
}

/** A telephony link prefix: `tel:`, `phone:`, `callto:`, a custom one (see {@link isLinkPrefix}) or `''` for no links. */
export type LinkPrefix = string;

/** An agent's settings for unanswered-call notifications (stored per AOR and on the platform). */
export interface UnansweredSettings {
  readonly email: {
    readonly enabled: boolean;
    /** The address the notice goes to. */
    readonly to: string;
    /** Attach the caller's vCard. */
    readonly attachVCard: boolean;
    /** The scheme of the number's link in the email; `''` for no links. */
    readonly linkPrefix: LinkPrefix;
  };
  readonly sms: {
    readonly enabled: boolean;
    /** The SMS provider's name, as the platform knows it. */
    readonly provider: string;
    /** The mobile number the text goes to. */
    readonly to: string;
  };
  /** Each exception on (`true`: no notice for such a call) or off. */
  readonly exceptions: Readonly<Record<UnansweredException, boolean>>;
  /** Numbers that never give a notice (while `exceptions.excluded` is on); compared normalised. */
  readonly exclusions: readonly string[];
  /** The agent's IANA time zone for "the same day" and the times in messages; default UTC. */
  readonly timeZone?: string;
  /** ISO 3166 region for national numbers (e.g. `FR`), as in the missed-calls list. */
  readonly region?: string;
}

/** The default: both channels off, every exception on, no exclusions, UTC. */
export const DEFAULT_UNANSWERED: UnansweredSettings = {
  email: { enabled: false, to: '', attachVCard: true, linkPrefix: 'tel:' },
  sms: { enabled: false, provider: '', to: '' },
  exceptions: {
    excluded: true,
    internal: true,
    withheld: true,
    'short-ring': true,
    'unknown-contact': false,
    'same-day': true,
    'not-logged-in': true,
  },
  exclusions: [],
};

/** The earlier unanswered calls and the agent's state, for the repeat rules. */
export interface UnansweredHistory {
  /** Earlier unanswered calls (any caller; the rule picks the same caller's). */
  readonly earlier: readonly { readonly number: string; readonly at: string | number | Date }[];
  /** The agent is logged in now. */
  readonly loggedIn: boolean;
  /** When the agent logged out; earlier calls before it do not count as "while not logged in". */
  readonly loggedOutAt?: string | number | Date;
}

/** The verdict: notify, or the exception that stops it. */
export interface UnansweredVerdict {
  readonly notify: boolean;
  readonly exception?: UnansweredException;
}

const WITHHELD = /^(anonymous|unknown|restricted|private|withheld)$/i;

/**
 * Decides whether an unanswered call gives a notification: the first
 * exception that is on and applies stops it (checked in the order of
 * {@link UnansweredException}). Which channels then carry it is the
 * settings' `email.enabled` / `sms.enabled`.
 *
 * @throws {RangeError} when `settings.timeZone` is not an IANA time zone
 *   (`mergeUnansweredSettings` drops such a value).
 *
 * @example
 * evaluateUnanswered({ number: '+33612345678', rangMs: 1500, at: Date.now() }, DEFAULT_UNANSWERED, { earlier: [], loggedIn: true })
 * // { notify: false, exception: 'short-ring' }
 */
export function evaluateUnanswered(call: UnansweredCall, settings: UnansweredSettings, history: UnansweredHistory = { earlier: [], loggedIn: true }): UnansweredVerdict {
  for (const exception of ORDER) {
    if (settings.exceptions[exception] && applies(exception, call, settings, history)) return { notify: false, exception };
  }
  return { notify: true };
}

function applies(exception: UnansweredException, call: UnansweredCall, settings: UnansweredSettings, history: UnansweredHistory): boolean {
  switch (exception) {
    case 'excluded': {
      const own = comparableNumber(call.number, settings.region);
      return own !== '' && settings.exclusions.some((number) => comparableNumber(number, settings.region) === own);
    }
    case 'internal':
      return call.internal === true;
    case 'withheld':
      return isWithheld(call);
    case 'short-ring':
      return call.rangMs < SHORT_RING_MS;
    case 'unknown-contact':
      return call.contact === undefined;
    case 'same-day': {
      const day = calendarDay(call.at, settings.timeZone);
      return sameCaller(call, settings, history).some((earlier) => calendarDay(earlier.at, settings.timeZone) === day);
    }
    case 'not-logged-in': {
      if (history.loggedIn) return false;
      const since = history.loggedOutAt === undefined ? -Infinity : toTime(history.loggedOutAt);
      return sameCaller(call, settings, history).some((earlier) => toTime(earlier.at) >= since);
    }
  }
}

/** The caller hid the number: flagged, empty, or a placeholder like `anonymous`. */
export function isWithheld(call: Pick<UnansweredCall, 'number' | 'withheld'>): boolean {
  return call.withheld === true || call.number.trim() === '' || WITHHELD.test(call.number.trim());
}

/** The earlier calls of the same caller, before this one. */
function sameCaller(call: UnansweredCall, settings: UnansweredSettings, history: UnansweredHistory): UnansweredHistory['earlier'] {
  if (isWithheld(call)) return [];
  const own = comparableNumber(call.number, settings.region);
  const now = toTime(call.at);
  return history.earlier.filter((earlier) => toTime(earlier.at) < now && comparableNumber(earlier.number, settings.region) === own);
}

function toTime(at: string | number | Date): number {
  return at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
}

/**
 * The calendar day (`YYYY-MM-DD`) of an instant in a time zone: 23:30 UTC on
 * 1 December is already 2 December in Paris.
 */
export function calendarDay(at: string | number | Date, timeZone = 'UTC'): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(toTime(at));
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Schemes a custom prefix may not be: they would run code or read local data when clicked. */
const UNSAFE_SCHEMES = new Set(['javascript:', 'vbscript:', 'data:', 'file:', 'blob:']);
const CUSTOM_PREFIX = /^[A-Za-z0-9+.-]{1,8}:$/;

/**
 * A link prefix the email may use: `''` (no links), or up to 9 characters
 * of letters, digits, `+`, `.` and `-` ending with one colon (`tel:`,
 * `phone:`, `callto:`, `sip:`, `x-crm:`...). Schemes that run code or
 * read local data (`javascript:`, `vbscript:`, `data:`, `file:`, `blob:`)
 * are refused whatever their case.
 */
export function isLinkPrefix(prefix: string): boolean {
  if (prefix === '') return true;
  return CUSTOM_PREFIX.test(prefix) && !UNSAFE_SCHEMES.has(prefix.toLowerCase());
}
