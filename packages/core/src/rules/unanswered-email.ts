// The email of an unanswered call. Caller data is untrusted: every value is
// cleaned as text and HTML-escaped in the HTML body, and the subject holds no
// line breaks (no header injection).
// Eager modules through the package index: this file goes in a lazy chunk (scripts/build/lazy-chunks.mjs).
import { CxError, CxErrorCode, sanitizeText } from '../index.js';
import { isLinkPrefix, isWithheld, type UnansweredCall, type UnansweredSettings } from './unanswered.js';
import { writeVCard, type VCardVersion } from './vcard.js';

/** A file attached to the email. */
export interface EmailAttachment {
  readonly filename: string;
  readonly contentType: 'text/vcard';
  /** The file's text (UTF-8). */
  readonly content: string;
}

/** An email ready for any mail library (nodemailer's fields) or the platform's `POST /notifications`. */
export interface UnansweredEmail {
  readonly to: string;
  /** The caller's email when known (reply goes to the caller), else the configured sender. */
  readonly from: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly attachments: readonly EmailAttachment[];
}

/** What the settings do not say. */
export interface UnansweredEmailOptions {
  /** The sender when the caller's email is unknown, e.g. `CX Banner <noreply@example.com>`. */
  readonly sender: string;
  /** The vCard version of the attachment (default 4.0). */
  readonly vCardVersion?: VCardVersion;
  /** The locale of the date and time (default `en-GB`). */
  readonly locale?: string;
}

/** A plausible address: no spaces, no angle brackets, one `@` with text either side. */
const EMAIL = /^[^\s<>@"]+@[^\s<>@"]+$/;

/**
 * The email for an unanswered call: subject, text and HTML bodies with the
 * number as a link under `settings.email.linkPrefix` (none when `''`), and
 * the caller's vCard when `settings.email.attachVCard`.
 *
 * @throws {CxError} `invalid-options` when the link prefix is not valid (see {@link isLinkPrefix}).
 */
export function composeUnansweredEmail(call: UnansweredCall, settings: UnansweredSettings, options: UnansweredEmailOptions): UnansweredEmail {
  const prefix = settings.email.linkPrefix;
  if (!isLinkPrefix(prefix)) {
    throw new CxError(CxErrorCode.InvalidOptions, `Unanswered calls: "${sanitizeText(prefix, 20)}" is not a link prefix`, {
      solutions: ['Use tel:, phone:, callto:, up to 9 letters, digits, +, . or - ending with a colon, or an empty prefix for no links.'],
    });
  }
  const facts = factsOf(call, settings, options.locale);
  const callerEmail = sanitizeText(call.contact?.email ?? '');
  const subject = `Unanswered call from ${facts.who}`;
  const rows: [string, string][] = [
    ['Caller', facts.name || facts.number],
    ['Number', facts.number],
    ['Organization', facts.organization],
    ['Email', callerEmail],
    ['Called number', facts.called],
    ['When', facts.when],
    ['Rang', `${Math.round(call.rangMs / 1000)} s`],
  ].filter((row): row is [string, string] => row[1] !== '');
  const text = `${subject}\n\n${rows.map(([label, value]) => `${label}: ${value}`).join('\n')}\n`;
  const link = (number: string): string => {
    const dialable = number.replace(/[^\d+*#]/g, '').replace(/#/g, '%23');
    return prefix === '' || dialable === '' || facts.withheld ? escapeHtml(number) : `<a href="${escapeHtml(prefix + dialable)}">${escapeHtml(number)}</a>`;
  };
  const cells = rows.map(([label, value]) => `<tr><th scope="row" align="left">${escapeHtml(label)}</th><td>${label === 'Number' ? link(value) : escapeHtml(value)}</td></tr>`);
  const html = `<!doctype html><html><body><p>${escapeHtml(subject)}</p><table>${cells.join('')}</table></body></html>`;
  const attachments: EmailAttachment[] = [];
  if (settings.email.attachVCard && !facts.withheld) {
    const card = writeVCard(
      { name: facts.name, organization: facts.organization, email: callerEmail, numbers: [call.number, ...(call.contact?.numbers ?? []).filter((n) => n !== call.number)] },
      options.vCardVersion,
    );
    attachments.push({ filename: `${fileName(facts.name || facts.number)}.vcf`, contentType: 'text/vcard', content: card });
  }
  return {
    to: settings.email.to,
    from: EMAIL.test(callerEmail) ? callerEmail : options.sender,
    subject,
    text,
    html,
    attachments,
  };
}

/** The caller facts both messages show, cleaned as text. */
export function factsOf(call: UnansweredCall, settings: Pick<UnansweredSettings, 'timeZone'>, locale = 'en-GB') {
  const withheld = isWithheld(call);
  const number = withheld ? 'withheld number' : sanitizeText(call.number, 64);
  const name = sanitizeText(call.contact?.name ?? call.name ?? '', 128);
  const at = call.at instanceof Date ? call.at : new Date(call.at);
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: settings.timeZone ?? 'UTC' }).format(at);
  return {
    withheld,
    number,
    name,
    who: name ? `${name} (${number})` : number,
    organization: sanitizeText(call.contact?.organization ?? '', 128),
    called: sanitizeText(call.called ?? '', 64),
    when,
  };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text or attribute value: `&`, `<`, `>`, `"` and `'` escaped. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** A file name of letters, digits, `-` and `_` only. */
function fileName(value: string): string {
  const safe = value.normalize('NFKD').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return safe || 'caller';
}
