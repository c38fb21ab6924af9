import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import type { CallSnapshot } from '../call/call.js';
import type { MissedCall } from '../platform/platform-schemas.js';

/** Why a call was missed. */
export type MissedReason = MissedCall['reason'];

/** A missed call, from this phone or from the platform (`GET /missed-calls`, `missed-call` events). */
export interface MissedCallEntry {
  /** The platform's id, or `local-<call id>` for a call this phone missed. */
  readonly id: string;
  /** When it was missed (ISO 8601). */
  readonly at: string;
  readonly caller: { readonly number: string; readonly name?: string };
  readonly reason: MissedReason;
  /** The agent has called back, or talked to this number since. */
  readonly processed: boolean;
  /** Where it comes from: the platform keeps it across devices, a local one lives in this page. */
  readonly source: 'platform' | 'local';
  /**
   * All the numbers of the caller's contact card (`call.snapshot.contact`),
   * when the phone found one: calling the contact on any of them processes
   * the entry. Absent on the platform's entries.
   */
  readonly contactNumbers?: readonly string[];
}

const REASONS: Partial<Record<NonNullable<CallSnapshot['endReason']>, MissedReason>> = {
  'ring-timeout': 'no-answer',
  declined: 'declined',
  'caller-cancelled': 'caller-hung-up',
};

/** The missed-call entry of an inbound call that ended unanswered, or undefined. */
export function missedEntryOf(
  call: Pick<CallSnapshot, 'id' | 'direction' | 'state' | 'endReason' | 'answeredAt' | 'endedAt' | 'info' | 'contactName' | 'contact'>,
): MissedCallEntry | undefined {
  if (call.direction !== 'inbound' || call.state !== 'ended' || call.answeredAt !== undefined) return undefined;
  const reason = call.endReason === undefined ? undefined : REASONS[call.endReason];
  if (!reason) return undefined;
  const name = call.contactName ?? (call.info.remote.displayName || undefined);
  return {
    id: `local-${call.id}`,
    at: new Date(call.endedAt ?? Date.now()).toISOString(),
    caller: name === undefined ? { number: call.info.remote.number } : { number: call.info.remote.number, name },
    reason,
    processed: false,
    source: 'local',
    ...(call.contact && call.contact.numbers.length > 0 ? { contactNumbers: [...call.contact.numbers] } : {}),
  };
}

/** The entry as the platform sent it. */
export function missedEntryFromPlatform(missed: MissedCall): MissedCallEntry {
  return { ...missed, caller: { ...missed.caller }, source: 'platform' };
}

/**
 * A number in a form that compares: E.164 (`+33612345678`) when it parses,
 * with `region` (ISO 3166, e.g. `FR`) for national numbers; else its digits
 * (and a leading `+`), so `06 12 34 56 78` and `+33 6 12 34 56 78` match in
 * France, and extensions compare as they are.
 */
export function comparableNumber(number: string, region?: string): string {
  const trimmed = number.trim();
  const parsed = parsePhoneNumberFromString(trimmed, region as CountryCode | undefined);
  if (parsed?.isPossible()) return parsed.number;
  const digits = trimmed.replace(/[^\d+]/g, '');
  return digits.startsWith('00') ? `+${digits.slice(2)}` : digits;
}

/** Merges the platform's list into the entries: platform entries replace theirs, local ones stay. */
export function mergeMissed(current: readonly MissedCallEntry[], incoming: readonly MissedCallEntry[]): MissedCallEntry[] {
  const byId = new Map(current.map((entry) => [entry.id, entry]));
  for (const entry of incoming) byId.set(entry.id, entry);
  return [...byId.values()].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

/**
 * The unprocessed entries a connected call with `number` deals with: those
 * whose caller has this number and, when the call's contact is known
 * (`contactNumbers`, all the numbers of its card), those of any of the
 * contact's numbers; also those whose own contact (`entry.contactNumbers`)
 * has this number. So a call missed from a contact's mobile is processed
 * when the agent talks to that contact on their office line.
 */
export function unprocessedFor(entries: readonly MissedCallEntry[], number: string, region?: string, contactNumbers: readonly string[] = []): MissedCallEntry[] {
  const wanted = comparableNumber(number, region);
  const contact = new Set([wanted, ...contactNumbers.map((n) => comparableNumber(n, region))]);
  contact.delete('');
  if (contact.size === 0) return [];
  return entries.filter(
    (entry) =>
      !entry.processed &&
      (contact.has(comparableNumber(entry.caller.number, region)) ||
        (wanted !== '' && (entry.contactNumbers ?? []).some((n) => comparableNumber(n, region) === wanted))),
  );
}
