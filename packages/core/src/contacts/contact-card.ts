// Part of the contacts chunk: what it shares with the rest comes through the package index.
import { sanitizeText } from '../index.js';
import type { Contact, ContactSourceKind } from './contact-options.js';

/** Most numbers kept on one card. */
const MAX_NUMBERS = 50;

/**
 * A contact card from an untrusted answer (the CRM hook, the platform, a
 * file): a name string, or an object with a string `name` and optionally
 * `id`, `email`, `organization` and `numbers`. Every text goes through
 * {@link sanitizeText} (plain, no control or bidi characters, bounded);
 * unknown fields are dropped, so the card is plain data that can be kept,
 * shown and sent to other tabs.
 *
 * @returns the card; `undefined` when the answer carries no name (nothing,
 *   or a name that is empty once cleaned)
 * @throws {TypeError} when the answer is neither a string nor an object with a string name
 */
export function contactCard(value: unknown, source: ContactSourceKind, folder?: string): Contact | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') {
    const name = sanitizeText(value);
    return name === '' ? undefined : { name, numbers: [], source, ...(folder === undefined ? {} : { folder }) };
  }
  const record = value as Record<string, unknown>;
  if (typeof value !== 'object' || Array.isArray(value) || typeof record['name'] !== 'string') {
    throw new TypeError(`The contact answered is a ${Array.isArray(value) ? 'list' : typeof value}, not a name or a { name } object.`);
  }
  const name = sanitizeText(record['name']);
  if (name === '') return undefined;
  const text = (key: string, max?: number): { [key: string]: string } => {
    const raw = record[key];
    const clean = typeof raw === 'string' || typeof raw === 'number' ? sanitizeText(String(raw), max) : '';
    return clean === '' ? {} : { [key]: clean };
  };
  const numbers = Array.isArray(record['numbers'])
    ? [...new Set(record['numbers'].filter((n): n is string => typeof n === 'string').map((n) => sanitizeText(n, 64)).filter((n) => n !== ''))].slice(0, MAX_NUMBERS)
    : [];
  return {
    name,
    ...text('id', 200),
    ...text('email', 320),
    ...text('organization'),
    numbers,
    source,
    ...(folder === undefined ? {} : { folder }),
  };
}
