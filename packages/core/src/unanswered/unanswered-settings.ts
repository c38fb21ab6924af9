// An agent's unanswered-call settings: how they are read back (from
// localStorage or the platform's `GET /me/unanswered`) and kept per AOR.
// Pure apart from the Storage handed in: unit tested in Node.
import { DEFAULT_UNANSWERED, isLinkPrefix, UnansweredException, type UnansweredSettings } from '../rules/unanswered.js';
import { savedObject } from '../rules/saved-object.js';

/** The localStorage key of an agent's settings: one per AOR, so the agent's tabs share them and another agent on the same browser has their own. */
export function unansweredStorageKey(aor: string): string {
  return `cx-banner.unanswered:${aor.trim().toLowerCase()}`;
}

/** The part of `Storage` the settings use (localStorage in a browser; any map-like store in Node). */
export interface SettingsStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown, fallback: string): string => (typeof value === 'string' ? value.trim().slice(0, 320) : fallback);
const flag = (value: unknown, fallback: boolean): boolean => (typeof value === 'boolean' ? value : fallback);

/**
 * Saved settings (JSON text from localStorage, or the platform's object)
 * over `base`, field by field: a field of the wrong type, an invalid link
 * prefix or an unknown exception is ignored, so a damaged or older entry
 * never breaks the phone.
 */
export function mergeUnansweredSettings(base: UnansweredSettings, saved: unknown): UnansweredSettings {
  const value = savedObject(saved) as Json | undefined;
  if (!value) return base;
  const email = isObject(value.email) ? value.email : {};
  const sms = isObject(value.sms) ? value.sms : {};
  const exceptions = isObject(value.exceptions) ? value.exceptions : {};
  const prefix = text(email.linkPrefix, base.email.linkPrefix);
  const merged: UnansweredSettings = {
    email: {
      enabled: flag(email.enabled, base.email.enabled),
      to: text(email.to, base.email.to),
      attachVCard: flag(email.attachVCard, base.email.attachVCard),
      linkPrefix: isLinkPrefix(prefix) ? prefix : base.email.linkPrefix,
    },
    sms: {
      enabled: flag(sms.enabled, base.sms.enabled),
      provider: text(sms.provider, base.sms.provider),
      to: text(sms.to, base.sms.to),
    },
    exceptions: Object.fromEntries(Object.values(UnansweredException).map((name) => [name, flag(exceptions[name], base.exceptions[name])])) as Record<UnansweredException, boolean>,
    exclusions: Array.isArray(value.exclusions) ? value.exclusions.filter((n): n is string => typeof n === 'string' && n.trim() !== '').map((n) => n.trim()).slice(0, 500) : base.exclusions,
  };
  const timeZone = typeof value.timeZone === 'string' && validTimeZone(value.timeZone) ? value.timeZone : base.timeZone;
  const region = typeof value.region === 'string' && /^[A-Za-z]{2}$/.test(value.region) ? value.region.toUpperCase() : base.region;
  return { ...merged, ...(timeZone === undefined ? {} : { timeZone }), ...(region === undefined ? {} : { region }) };
}

/** Whether `timeZone` is an IANA time zone this runtime knows (`Europe/Paris`). */
export function validTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The agent's saved settings over the defaults (`base`, by default {@link DEFAULT_UNANSWERED}); a storage that throws gives `base`. */
export function loadUnansweredSettings(storage: SettingsStorage | undefined, aor: string, base: UnansweredSettings = DEFAULT_UNANSWERED): UnansweredSettings {
  try {
    return mergeUnansweredSettings(base, storage?.getItem(unansweredStorageKey(aor)) ?? undefined);
  } catch {
    return base;
  }
}

/** Saves the agent's settings; false when the storage refused (full, or blocked by the browser). */
export function saveUnansweredSettings(storage: SettingsStorage | undefined, aor: string, settings: UnansweredSettings): boolean {
  try {
    storage?.setItem(unansweredStorageKey(aor), JSON.stringify(settings));
    return storage !== undefined;
  } catch {
    return false;
  }
}
