import type { ReadableAtom } from 'nanostores';
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

/** A contact card as the CRM hook may answer it: a name, and what else the CRM knows. */
export interface ContactAnswer {
  /** The name to show (required; an answer without one counts as no answer). */
  readonly name: string;
  /** The CRM's id of the card (handed back in `hooks.openContact`). */
  readonly id?: string;
  readonly email?: string;
  readonly organization?: string;
  /** Its phone numbers. */
  readonly numbers?: readonly string[];
}

/** Where a call's contact was found: the CRM hook, the platform's contact search, or a local folder. */
export type ContactSourceKind = 'crm' | 'platform' | 'folder';

/**
 * The other party's contact card, as a call keeps it (`call.snapshot.contact`):
 * plain data, every text cleaned (no markup meaning, no control or bidi
 * characters, bounded), so it can be shown, stored and sent between tabs.
 */
export interface Contact {
  readonly name: string;
  readonly id?: string;
  readonly email?: string;
  readonly organization?: string;
  readonly numbers: readonly string[];
  /** Which source answered. */
  readonly source: ContactSourceKind;
  /** For a local folder: the folder's id (`phone.contacts.$folders`). */
  readonly folder?: string;
}

/**
 * Finds the other party in the CRM: given their number
 * (`call.info.remote.number`) and the call, answers the contact's name or
 * card `{ name, id?, email?, organization?, numbers? }` (or a promise of
 * it), or `undefined` when the number is not a known contact.
 *
 * @example
 * const lookup: ContactLookup = async (number, { signal }) => {
 *   const response = await fetch(`/crm/contacts?phone=${encodeURIComponent(number)}`, { signal });
 *   return response.ok ? ((await response.json()) as { name: string; email?: string }) : undefined;
 * };
 */
export type ContactLookup = (
  number: string,
  call: ContactLookupCall,
) => Promise<string | ContactAnswer | undefined> | string | ContactAnswer | undefined;

/** When the phone opens the caller's card by itself (`contact:open` and `hooks.openContact`). */
export type ContactAutoOpen = 'ringing' | 'answered' | 'off';

/** The `contacts` option of `createPhone`. */
export interface ContactOptions {
  /** The hook: called once per call that has a number, inbound or outbound (none: the other sources only). */
  lookup?: ContactLookup;
  /** Most milliseconds to wait for its answer (default 2000); the platform's search has the same bound. */
  timeout?: number;
  /**
   * Opens the contact card by itself: `'ringing'` as soon as the contact of
   * a live call is known, `'answered'` once the call is answered and its
   * contact known, `'off'` (default) never. Once per call.
   */
  autoOpen?: ContactAutoOpen;
}

/** Default bound on one lookup, ms. */
export const DEFAULT_CONTACT_LOOKUP_TIMEOUT = 2000;

/** A local contact folder, as `phone.contacts.$folders` lists it. */
export interface ContactFolder {
  readonly id: string;
  /** The name given on import (`options.folder`), else the file's name. */
  readonly name: string;
  /** How many contacts it holds. */
  readonly count: number;
  /** When it was imported (ms since the epoch). */
  readonly importedAt: number;
}

/** Options of `phone.contacts.import()`. */
export interface ContactImportOptions {
  /**
   * The folder's name (default: the file's name, else "Contacts"). A folder
   * of that name is replaced: import an updated export under the same name.
   */
  folder?: string;
}

/**
 * `phone.contacts`: the agent's local contact folders, imported from vCard
 * or CSV files and kept in this browser (IndexedDB) for this agent. The
 * phone names callers from them after the CRM hook and the platform.
 */
export interface PhoneContacts {
  /** The folders, oldest first (filled when first read). */
  readonly $folders: ReadableAtom<readonly ContactFolder[]>;
  /**
   * Imports a vCard (3.0 or 4.0, several cards) or CSV file (a header row
   * with name, email, organization and phone columns) into a folder.
   * Resolves to the folder; rejects with `contact-file-unreadable`.
   */
  import(file: Blob, options?: ContactImportOptions): Promise<ContactFolder>;
  /** Removes a folder and its contacts; rejects with `contact-folder-not-found`. */
  removeFolder(id: string): Promise<void>;
}
