import { CxError, CxErrorCode } from '../errors/cx-error.js';

export interface DialTarget {
  /** The number or extension as dialled (separators removed). */
  number: string;
  /** The SIP URI the INVITE goes to. */
  uri: string;
  /** The host part of `uri`. */
  host: string;
}

const NUMBER = /^\+?[0-9*#]{1,32}$/;
/**
 * A SIP URI whose user part is plain: letters, digits and `-_.!~*'()+`.
 * No escapes (`%23` is a `#` in disguise), no parameters (`;postd=`,
 * `;isub=`), no pauses (`,`), no second `@host`, no spaces, no headers.
 */
const SIP_URI = /^sips?:([A-Za-z0-9\-_.!~*'()+]{1,64})@([A-Za-z0-9.\-]{1,253}|\[[0-9a-fA-F:.]{2,45}\])(:\d{1,5})?$/;

/**
 * Turns what an agent typed (or a click-to-call link gave) into a SIP target:
 * a phone number (`+33 1 23 45 67 89`, `(555) 123-4567`, `tel:+33...`), an
 * extension (`1002`) or a SIP URI (`sip:bob@example.com`). Rejects anything
 * else with a `CxError` (`invalid-target`), dial-string tricks included:
 * escapes (`%23`), parameters (`;postd=`, `;isub=`), pauses (`,,,`), a
 * second `@host`, spaces inside a SIP URI, headers (`?`).
 */
export function parseDialTarget(input: unknown, domain: string): DialTarget {
  if (typeof input !== 'string') throw invalid(String(input));
  const text = input.trim();
  if (text.length > 256) throw invalid(text);
  const tel = /^tel:/i.test(text) ? text.slice(4) : text;
  const sip = SIP_URI.exec(tel);
  if (sip) {
    const user = sip[1] ?? '';
    const host = (sip[2] ?? '').toLowerCase();
    return { number: user, uri: tel, host };
  }
  const compact = tel.replace(/[\s().\-/]/g, '');
  if (NUMBER.test(compact)) {
    return { number: compact, uri: `sip:${compact}@${domain}`, host: domain };
  }
  throw invalid(text);
}

function invalid(text: string): CxError {
  return new CxError(CxErrorCode.InvalidTarget, `"${text.slice(0, 40)}" is not a number, an extension or a SIP address.`, {
    solutions: ['Dial digits (with an optional leading +), an extension such as 1002, or sip:user@domain.'],
  });
}


