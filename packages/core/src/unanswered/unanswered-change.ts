// A change of the agent's unanswered-call settings (`phone.setUnansweredSettings`):
// checked field by field, then laid over the settings in force. Pure:
// unit tested in Node.
import { isLinkPrefix, UnansweredException, type UnansweredSettings } from '../rules/unanswered.js';
import { validTimeZone } from './unanswered-settings.js';

/**
 * What `phone.setUnansweredSettings()` takes: only the fields to change;
 * the others keep their value. `exceptions` changes the exceptions named;
 * `exclusions` replaces the whole list.
 *
 * @example
 * await phone.setUnansweredSettings({ email: { enabled: true, to: 'ann@example.com' }, exceptions: { 'unknown-contact': true } });
 */
export interface UnansweredSettingsChange {
  readonly email?: Partial<UnansweredSettings['email']>;
  readonly sms?: Partial<UnansweredSettings['sms']>;
  readonly exceptions?: Partial<Record<UnansweredException, boolean>>;
  readonly exclusions?: readonly string[];
  /** An IANA time zone (`Europe/Paris`). */
  readonly timeZone?: string;
  /** An ISO 3166 region of two letters (`FR`). */
  readonly region?: string;
}

/** Where a change is wrong: a field of the settings (`email.to`, `sms.to`, `exclusions`...), or `change` for its shape. */
export type UnansweredSettingsField =
  | 'change'
  | 'email.enabled'
  | 'email.to'
  | 'email.attachVCard'
  | 'email.linkPrefix'
  | 'sms.enabled'
  | 'sms.provider'
  | 'sms.to'
  | 'exceptions'
  | 'exclusions'
  | 'timeZone'
  | 'region';

/** What is wrong, by field (English, for programs and logs; the elements say it in the agent's language). */
export type UnansweredSettingsProblems = Partial<Record<UnansweredSettingsField, string>>;

const EMAIL = /^[^\s@<>()[\],;:"\\]+@[^\s@<>()[\],;:"\\]+\.[^\s@<>()[\],;:"\\.]+$/;
/** Spaces, dots, dashes and brackets that people write in numbers. */
const SEPARATORS = /[\s.()-]/g;
const REGION = /^[A-Za-z]{2}$/;
const MAX_EXCLUSIONS = 500;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An email address as the platform can send to: `name@domain.tld`, at most 320 characters. */
export function isEmailAddress(text: string): boolean {
  return text.length <= 320 && EMAIL.test(text);
}

/** A phone number or an extension: 2 to 15 digits, an optional leading `+`, spaces, dots, dashes and brackets aside; at most 50 characters. */
export function isPhoneNumber(text: string): boolean {
  return text.length <= 50 && /^\+?\d{2,15}$/.test(text.replace(SEPARATORS, ''));
}

/** Checks the keys of `part` against `known`, and each value with `check`; problems go in `problems`. */
function checkPart(part: unknown, name: 'email' | 'sms', known: Readonly<Record<string, (value: unknown) => string | undefined>>, problems: UnansweredSettingsProblems): void {
  if (part === undefined) return;
  if (!isObject(part)) {
    problems.change = `${name} must be an object.`;
    return;
  }
  for (const [key, value] of Object.entries(part)) {
    const check = known[key];
    if (!check) problems.change = `${name}.${key} is not a setting (${Object.keys(known).join(', ')}).`;
    else if (value !== undefined) {
      const problem = check(value);
      if (problem) problems[`${name}.${key}` as UnansweredSettingsField] = problem;
    }
  }
}

const flag = (value: unknown): string | undefined => (typeof value === 'boolean' ? undefined : 'must be true or false.');
const trimmed = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/**
 * The settings after `change`, or what is wrong with it (nothing changes
 * then). Refused: a field that is not a setting, a value of the wrong type,
 * an email address that is not one, a link prefix that is neither `''` (no
 * links) nor 1 to 9 characters ending with a colon (see `isLinkPrefix`), an
 * SMS recipient or an excluded number that is not a phone number, an
 * unknown exception, a time zone or region that does not exist. A channel
 * turned on needs its address. Texts are trimmed.
 */
export function applyUnansweredChange(current: UnansweredSettings, change: unknown): { settings: UnansweredSettings } | { problems: UnansweredSettingsProblems } {
  const problems: UnansweredSettingsProblems = {};
  if (!isObject(change)) return { problems: { change: 'The change must be an object such as { email: { enabled: true, to: "ann@example.com" } }.' } };
  const known = ['email', 'sms', 'exceptions', 'exclusions', 'timeZone', 'region'];
  const unknown = Object.keys(change).filter((key) => !known.includes(key));
  if (unknown.length > 0) problems.change = `${unknown.join(', ')}: not a setting (${known.join(', ')}).`;

  checkPart(change.email, 'email', {
    enabled: flag,
    to: (value) => (typeof value === 'string' && (value.trim() === '' || isEmailAddress(value.trim())) ? undefined : 'is not an email address.'),
    attachVCard: flag,
    linkPrefix: (value) => (typeof value === 'string' && isLinkPrefix(value.trim()) ? undefined : "must be '' (no links) or 1 to 9 letters, digits, + . or - ending with a colon (tel:, phone:, callto:, crm:)."),
  }, problems);
  checkPart(change.sms, 'sms', {
    enabled: flag,
    provider: (value) => (typeof value === 'string' && value.trim().length <= 100 ? undefined : 'must be a name of at most 100 characters.'),
    to: (value) => (typeof value === 'string' && (value.trim() === '' || isPhoneNumber(value.trim())) ? undefined : 'is not a phone number.'),
  }, problems);

  const exceptions = change.exceptions;
  if (exceptions !== undefined) {
    const names: readonly string[] = Object.values(UnansweredException);
    if (!isObject(exceptions)) problems.exceptions = 'must be an object of exceptions, each true or false.';
    else {
      const wrong = Object.entries(exceptions).filter(([name, on]) => !names.includes(name) || (on !== undefined && typeof on !== 'boolean'));
      if (wrong.length > 0) problems.exceptions = `${wrong.map(([name]) => name).join(', ')}: not an exception turned true or false (${names.join(', ')}).`;
    }
  }

  const exclusions = change.exclusions;
  if (exclusions !== undefined) {
    if (!Array.isArray(exclusions) || exclusions.length > MAX_EXCLUSIONS) problems.exclusions = `must be a list of at most ${MAX_EXCLUSIONS} numbers.`;
    else {
      const wrong = exclusions.filter((number) => typeof number !== 'string' || !isPhoneNumber(number.trim()));
      if (wrong.length > 0) problems.exclusions = `${wrong.map(String).join(', ')}: not a phone number.`;
    }
  }
  if (change.timeZone !== undefined && (typeof change.timeZone !== 'string' || !validTimeZone(change.timeZone))) problems.timeZone = 'is not an IANA time zone (e.g. Europe/Paris).';
  if (change.region !== undefined && (typeof change.region !== 'string' || !REGION.test(change.region))) problems.region = 'is not a region of two letters (e.g. FR).';
  if (Object.keys(problems).length > 0) return { problems };

  const email = (change.email ?? {}) as Json;
  const sms = (change.sms ?? {}) as Json;
  const pick = <T>(value: unknown, fallback: T): T => (value === undefined ? fallback : (value as T));
  const text = (value: unknown, fallback: string): string => (value === undefined ? fallback : trimmed(value));
  const settings: UnansweredSettings = {
    email: {
      enabled: pick(email.enabled, current.email.enabled),
      to: text(email.to, current.email.to),
      attachVCard: pick(email.attachVCard, current.email.attachVCard),
      linkPrefix: text(email.linkPrefix, current.email.linkPrefix),
    },
    sms: {
      enabled: pick(sms.enabled, current.sms.enabled),
      provider: text(sms.provider, current.sms.provider),
      to: text(sms.to, current.sms.to),
    },
    exceptions: { ...current.exceptions, ...Object.fromEntries(Object.entries((change.exceptions ?? {}) as Json).filter(([, on]) => on !== undefined)) },
    exclusions: exclusions === undefined ? current.exclusions : (exclusions as string[]).map((number) => number.trim()),
    ...(current.timeZone === undefined && change.timeZone === undefined ? {} : { timeZone: (change.timeZone as string | undefined) ?? current.timeZone! }),
    ...(current.region === undefined && change.region === undefined ? {} : { region: ((change.region as string | undefined) ?? current.region!).toUpperCase() }),
  };
  // A channel turned on without its address would send nothing, silently.
  if (settings.email.enabled && settings.email.to === '') problems['email.to'] = 'is needed to send emails.';
  if (settings.sms.enabled && settings.sms.to === '') problems['sms.to'] = 'is needed to send texts.';
  return Object.keys(problems).length > 0 ? { problems } : { settings };
}

/** The problems in one sentence, field by field (the error's `message`). */
export function describeProblems(problems: UnansweredSettingsProblems): string {
  return Object.entries(problems)
    .map(([field, problem]) => (field === 'change' ? problem : `${field} ${problem}`))
    .join(' ');
}
