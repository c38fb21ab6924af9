// Loaded by `phone.contacts.import()` only (a chunk of its own): the vCard
// parser (ical.js) and the CSV parser (d3-dsv) are never in cx-banner.js.
import { dsvFormat } from 'd3-dsv';
import ICAL from 'ical.js';
import { CxError, CxErrorCode } from '../index.js';
import { contactCard } from './contact-card.js';
import type { ContactAnswer } from './contact-options.js';

/** The formats `phone.contacts.import()` reads. */
export type ContactFileFormat = 'vcard' | 'csv';

/** Biggest file read (bytes): a folder is for a desk's contacts, not a CRM's. */
export const MAX_CONTACT_FILE_BYTES = 20 * 1024 * 1024;

/** Most contacts kept from one file. */
export const MAX_CONTACTS_PER_FILE = 50_000;

/**
 * The format of a file: by its type or name (`.vcf`, `.vcard`, `.csv`),
 * else by its first line (`BEGIN:VCARD`); else CSV.
 */
export function contactFileFormat(text: string, type = '', name = ''): ContactFileFormat {
  if (/vcard|directory/i.test(type) || /\.(vcf|vcard)$/i.test(name)) return 'vcard';
  if (/csv/i.test(type) || /\.csv$/i.test(name)) return 'csv';
  return /^\s*BEGIN:VCARD/i.test(text.replace(/^\ufeff/, '')) ? 'vcard' : 'csv';
}

/**
 * The contacts of a vCard file (3.0 or 4.0, one or several cards): the
 * formatted name (`FN`, else `N` as "given family", else `ORG`), the first
 * `EMAIL`, the first `ORG` unit, and every `TEL` (a `tel:` URI becomes its
 * number). Cards without a name or a number are skipped.
 *
 * @throws {CxError} `contact-file-unreadable` when the text is not vCard
 */
export function parseVCards(text: string): ContactAnswer[] {
  let parsed: unknown;
  try {
    parsed = ICAL.parse(text.replace(/^\ufeff/, ''));
  } catch (cause) {
    throw unreadable('It is not a valid vCard file.', cause);
  }
  // One card parses to a component, several to a list of them.
  const components = (Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed : [parsed]) as unknown[];
  const contacts: ContactAnswer[] = [];
  for (const component of components) {
    if (!Array.isArray(component) || String(component[0]).toLowerCase() !== 'vcard' || !Array.isArray(component[1])) continue;
    const properties = component[1] as unknown[][];
    const values = (name: string): unknown[] => properties.filter((p) => p[0] === name).map((p) => (p.length > 4 ? p.slice(3) : p[3]));
    const first = (name: string): string => flatten(values(name)[0]).join(' ').trim();
    const given = values('n')[0];
    const structured = Array.isArray(given) ? (given as unknown[]).map((part) => flatten(part).join(' ')) : [];
    const organization = flatten(values('org')[0])[0]?.trim() ?? '';
    const name = first('fn') || [structured[1], structured[0]].filter((part) => part !== undefined && part.trim() !== '').join(' ') || organization;
    const numbers = values('tel').flatMap(flatten).map((tel) => tel.replace(/^tel:/i, '').split(';')[0]!.trim()).filter((n) => n !== '');
    const card = answer(name, numbers, first('email'), organization);
    if (card) contacts.push(card);
  }
  return contacts;
}

/**
 * Column names `parseContactCsv` recognises (compared lower-case, spaces,
 * `_` and `-` ignored). A phone column is any whose name contains one of
 * {@link PHONE_COLUMN_WORDS}; each may hold several numbers separated by
 * `;`, `,` or `:::`.
 */
export const CSV_COLUMNS = {
  name: ['name', 'fullname', 'displayname', 'contact', 'contactname', 'fn', 'nom', 'nomcomplet'],
  firstName: ['firstname', 'givenname', 'prenom', 'prénom', 'vorname'],
  lastName: ['lastname', 'familyname', 'surname', 'nomdefamille', 'nachname'],
  email: ['email', 'mail', 'emailaddress', 'email1', 'email1value', 'courriel'],
  organization: ['organization', 'organisation', 'company', 'org', 'companyname', 'société', 'societe', 'entreprise', 'firma'],
} as const;

/** Words that make a CSV column a phone column (`Phone`, `Mobile Phone`, `Phone 1 - Value`, `Tel`, `Téléphone`, ...). */
export const PHONE_COLUMN_WORDS = ['phone', 'tel', 'téléphone', 'mobile', 'cell', 'number', 'numero', 'numéro', 'portable', 'telefon'] as const;

/**
 * The contacts of a CSV file whose first row names the columns (see
 * {@link CSV_COLUMNS}): quoted fields, separators, `""` and line breaks in
 * quotes are read by d3-dsv (RFC 4180); the separator (`,`, `;` or tab) is
 * the one the header row uses most. Rows without a name or a number are
 * skipped.
 *
 * @throws {CxError} `contact-file-unreadable` without a name column and a phone column
 */
export function parseContactCsv(text: string): ContactAnswer[] {
  const clean = text.replace(/^\ufeff/, '');
  const firstLine = clean.slice(0, clean.search(/\r?\n|$/));
  const separator = [',', ';', '\t'].reduce((best, candidate) => (firstLine.split(candidate).length > firstLine.split(best).length ? candidate : best));
  const [header, ...rows] = dsvFormat(separator).parseRows(clean).filter((row) => row.some((cell) => cell.trim() !== ''));
  if (!header || header.length < 2) throw unreadable('It is not a CSV file with a header row.');
  const keys = header.map((cell) => String(cell).toLowerCase().replace(/[\s_\-.]/g, ''));
  const column = (names: readonly string[]): number => keys.findIndex((key) => names.includes(key));
  const name = column(CSV_COLUMNS.name);
  const firstName = column(CSV_COLUMNS.firstName);
  const lastName = column(CSV_COLUMNS.lastName);
  const email = column(CSV_COLUMNS.email);
  const organization = column(CSV_COLUMNS.organization);
  const phones = keys.flatMap((key, index) => (PHONE_COLUMN_WORDS.some((word) => key.includes(word)) && index !== name ? [index] : []));
  if ((name < 0 && firstName < 0 && lastName < 0 && organization < 0) || phones.length === 0) {
    throw unreadable(`The CSV header has no name column or no phone column (it has: ${header.join(', ').slice(0, 200)}).`);
  }
  const contacts: ContactAnswer[] = [];
  for (const row of rows) {
    const cell = (index: number): string => (index < 0 ? '' : String(row[index] ?? '').trim());
    const organizationName = cell(organization);
    const fullName = cell(name) || [cell(firstName), cell(lastName)].filter((part) => part !== '').join(' ') || organizationName;
    const numbers = phones.flatMap((index) => cell(index).split(/:::|[;,\n]/)).map((n) => n.trim()).filter((n) => /\d/.test(n));
    const card = answer(fullName, numbers, cell(email), organizationName);
    if (card) contacts.push(card);
  }
  return contacts;
}

/**
 * The contacts of a file, vCard or CSV (by {@link contactFileFormat}).
 *
 * @throws {CxError} `contact-file-unreadable` when it cannot be read, is too big, or holds no contact with a name and a number
 */
export async function readContactFile(file: Blob): Promise<{ format: ContactFileFormat; contacts: ContactAnswer[] }> {
  if (!(file instanceof Blob)) throw unreadable('Give a File or a Blob.');
  if (file.size > MAX_CONTACT_FILE_BYTES) throw unreadable(`The file is bigger than ${MAX_CONTACT_FILE_BYTES / 1024 / 1024} MB.`);
  let text: string;
  try {
    text = await file.text();
  } catch (cause) {
    throw unreadable('The file could not be read.', cause);
  }
  const format = contactFileFormat(text, file.type, (file as Partial<File>).name ?? '');
  const contacts = (format === 'vcard' ? parseVCards(text) : parseContactCsv(text)).slice(0, MAX_CONTACTS_PER_FILE);
  if (contacts.length === 0) throw unreadable('The file holds no contact with a name and a phone number.');
  return { format, contacts };
}

/** Values of a property as text (structured values and lists flattened). */
function flatten(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(flatten);
  return typeof value === 'string' || typeof value === 'number' ? [String(value)] : [];
}

/** A cleaned card, or undefined without a name or a number. */
function answer(name: string, numbers: string[], email: string, organization: string): ContactAnswer | undefined {
  const card = contactCard({ name, numbers, email, organization }, 'folder');
  if (!card || card.numbers.length === 0) return undefined;
  return {
    name: card.name,
    numbers: card.numbers,
    ...(card.email === undefined ? {} : { email: card.email }),
    ...(card.organization === undefined ? {} : { organization: card.organization }),
  };
}

function unreadable(why: string, cause?: unknown): CxError {
  return new CxError(CxErrorCode.ContactFileUnreadable, `The contacts could not be imported: ${why}`, {
    ...(cause === undefined ? {} : { cause }),
    solutions: ['Export the contacts as vCard (.vcf, version 3.0 or 4.0) or as CSV with a header row (name, email, organization, phone columns).'],
  });
}
