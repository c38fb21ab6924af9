import type { CallInfo } from '../call/call-info.js';

/** What a contact lookup hook is told about the call whose caller it looks up. */
export interface ContactLookupCall {
  /** The phone's id of the call (`call.id`). */
  readonly id: string;
  /** `'inbound'` for an offer, `'outbound'` for a call the agent placed. */
  readonly direction: 'inbound' | 'outbound';
  /** Who and what, parsed from the INVITE (queue, IVR data, ...). */
  readonly info: CallInfo;
  /** Aborted when the phone stops waiting (the timeout ran out): stop any request in flight. */
  readonly signal: AbortSignal;
}

/**
 * Finds the contact name of the other party in the CRM: given their number
 * (`call.info.remote.number`) and the call, answers the name (or a promise
 * of it), or `undefined` when the number is not a known contact.
 *
 * @example
 * const lookup: ContactLookup = async (number, { signal }) => {
 *   const response = await fetch(`/crm/contacts?phone=${encodeURIComponent(number)}`, { signal });
 *   return response.ok ? ((await response.json()) as { name?: string }).name : undefined;
 * };
 */
export type ContactLookup = (
  number: string,
  call: ContactLookupCall,
) => Promise<string | undefined> | string | undefined;

/** The `contacts` option of `createPhone`. */
export interface ContactOptions {
  /** The hook: called once per call that has a number, inbound or outbound (none: no lookup). */
  lookup?: ContactLookup;
  /** Most milliseconds to wait for its answer (default 2000). */
  timeout?: number;
}

/** Default bound on one lookup, ms. */
export const DEFAULT_CONTACT_LOOKUP_TIMEOUT = 2000;
