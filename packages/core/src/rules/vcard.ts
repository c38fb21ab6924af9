// A small vCard writer (RFC 6350 for 4.0, RFC 2426 for 3.0): only what a
// caller's card needs. Reading cards is a parser library's job (the contact
// folders use one; the unit test checks this writer's output with one).
// Through the package index: this file goes in a lazy chunk (scripts/build/lazy-chunks.mjs).
import { sanitizeText } from '../index.js';

/** A vCard version this writer produces. */
export type VCardVersion = '4.0' | '3.0';

/** What goes on the caller's card. */
export interface VCardContact {
  readonly name?: string;
  readonly organization?: string;
  readonly email?: string;
  /** The caller's numbers, the first being the one that called. */
  readonly numbers: readonly string[];
}

/**
 * The vCard of a contact: CRLF line ends, values escaped (`\\`, `,`, new
 * lines, and `;` in compound values), lines folded at 75 octets without splitting a character.
 * Untrusted text is cleaned first ({@link sanitizeText}): no control
 * characters reach the card.
 *
 * @example
 * writeVCard({ name: 'Ada Lovelace', numbers: ['+33612345678'] })
 */
export function writeVCard(contact: VCardContact, version: VCardVersion = '4.0'): string {
  const name = clean(contact.name);
  const numbers = contact.numbers.map((n) => clean(n)).filter((n) => n !== '');
  const fn = name || numbers[0] || 'Unknown caller';
  const lines = ['BEGIN:VCARD', `VERSION:${version}`, `FN:${escape(fn)}`];
  // N is required in 3.0 (optional in 4.0): the whole name as the family name, as we cannot split it reliably.
  lines.push(`N:${escape(name, true)};;;;`);
  const organization = clean(contact.organization);
  if (organization) lines.push(`ORG:${escape(organization, true)}`);
  for (const number of numbers) {
    const dialable = number.replace(/[^\d+*#]/g, '');
    lines.push(version === '4.0' && /^\+?\d+$/.test(dialable) ? `TEL;VALUE=uri;TYPE=voice:tel:${dialable}` : `TEL;TYPE=voice:${escape(number)}`);
  }
  const email = clean(contact.email);
  if (email) lines.push(`EMAIL:${escape(email)}`);
  lines.push('END:VCARD');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

function clean(value: string | undefined): string {
  return value === undefined ? '' : sanitizeText(value);
}

/**
 * Escapes a text value: `\\`, `,` and new lines always; `;` only in a
 * component of a compound value (N, ORG), as RFC 6350 allows no `\\;`
 * elsewhere and parsers (ical.js) keep it literally.
 */
function escape(value: string, compound = false): string {
  return value.replace(compound ? /[\\,;]/g : /[\\,]/g, (c) => `\\${c}`).replace(/\r\n|\n|\r/g, '\\n');
}

const encoder = new TextEncoder();

/** Folds a content line: at most 75 octets a line, continuation lines start with a space. */
function fold(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // The first line holds 75 octets; continuations 74 after their leading space.
    if (octets + size > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}
