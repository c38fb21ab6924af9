/** Separators people put in numbers for the eye: spaces, dashes, dots, brackets, slashes. */
const VISUAL = /[\s\-.()/\u00a0]/g;

/**
 * What a `tel:`, `callto:` or `sip:` (`sips:`) link dials, as `phone.call()`
 * takes it; `undefined` for any other link, or one with nothing to dial.
 *
 * - `tel:+33%201%2023%2045%2067%2089` gives `+33123456789`: escapes decoded,
 *   visual separators (spaces, `-`, `.`, brackets, and the `(0)` of
 *   `+33 (0)1...`) removed, parameters
 *   dropped; a local number with a global `;phone-context=+1-914-555`
 *   (RFC 3966) gets that prefix: `+19145558631234`.
 * - `callto:+33 1 23` and `callto://+33123` give the number.
 * - `sip:bob@example.com;transport=ws?subject=x` gives `sip:bob@example.com`
 *   (no parameters, no headers).
 */
export function linkTarget(href: string): string | undefined {
  const match = /^\s*(tel|callto|sips?):(?:\/\/)?([^?#]*)/i.exec(href);
  if (!match) return undefined;
  const scheme = match[1]!.toLowerCase();
  let body: string;
  try {
    body = decodeURIComponent(match[2]!);
  } catch {
    return undefined;
  }
  const [main = '', ...parameters] = body.split(';');
  if (scheme === 'sip' || scheme === 'sips') {
    const address = main.trim();
    return address.includes('@') ? `${scheme}:${address}` : undefined;
  }
  // `+33 (0)1 23...`: the national trunk prefix in brackets is not dialled from abroad.
  let number = main.trim().replace(/^(\+[^(]*)\(0\)/, '$1').replace(VISUAL, '');
  const context = parameters.find((p) => /^phone-context=/i.test(p.trim()))?.trim().slice('phone-context='.length).replace(VISUAL, '');
  if (context?.startsWith('+') && !number.startsWith('+')) number = context + number;
  return /^\+?[0-9*#]{1,32}$/.test(number) ? number : undefined;
}
