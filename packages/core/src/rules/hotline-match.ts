// Through the package index: this module sits in the hotline chunk (hotline-feature.ts), sanitizeText in cx-banner.js.
import { sanitizeText } from '../index.js';

/**
 * One company (or department) a multi-company desk answers for
 * (`hotline.entities`, or the platform's `/me` `hotline`).
 */
export interface HotlineEntity {
  /** The company's name, shown prominently on the popup. */
  readonly name: string;
  /**
   * The numbers callers dial to reach it: exact (`+33 1 23 45 67 89`) or a
   * prefix ending with `*` (`+33 1 23 45*`; `*` alone matches any number).
   */
  readonly numbers: readonly string[];
  /** What the agent says on answering, e.g. `Acme, good morning`. */
  readonly greeting?: string;
  /** The "display called contact" line: `{entity}`, `{called}`, `{caller}`, `{queue}` are filled in. */
  readonly template?: string;
}

/** The entity a call's called number matched: plain text, render it as text. */
export interface HotlineMatch {
  /** The entity's name. */
  readonly entity: string;
  /** Its greeting, `''` when none. */
  readonly greeting: string;
  /** Its template with the placeholders filled in, `''` without a template. */
  readonly line: string;
}

/** The values of a template's placeholders (untrusted: each is sanitised). */
export interface HotlineValues {
  readonly entity?: string;
  readonly called?: string;
  readonly caller?: string;
  readonly queue?: string;
}

/**
 * Country calling codes of the regions whose national numbers start with a
 * trunk `0` that the international form drops (Italy keeps it), as
 * `,<region><code>`. A small table on purpose: this runs for every offer in
 * the eager bundle, where libphonenumber (as in missed-calls.ts) would cost
 * too much. Other regions compare by digits: write their numbers in
 * international form.
 */
const TRUNK_ZERO = ',FR33,BE32,CH41,DE49,AT43,NL31,GB44,IE353,SE46,IT39';

/**
 * A number in the form the hotline compares: its digits with a leading `+`
 * when it has one (`00` counts as `+`); with `region` (ISO 3166, e.g. `FR`)
 * a national number (`01 23 45 67 89`) becomes international
 * (`+33123456789`). Spaces, dots, dashes and brackets are ignored. The
 * transformation keeps prefixes: a prefix of a number normalises to a
 * prefix of the number's normal form.
 */
export function hotlineNumber(number: string, region = ''): string {
  const text = String(number).trim();
  const digits = text.replace(/\D/g, '');
  const code = /^[A-Z]{2}$/.test(region) && TRUNK_ZERO.match(`,${region}(\\d+)`)?.[1];
  return text[0] === '+'
    ? `+${digits}`
    : digits.startsWith('00')
      ? `+${digits.slice(2)}`
      : code && digits[0] === '0'
        ? `+${code}${region === 'IT' ? digits : digits.slice(1)}`
        : digits;
}

/**
 * The entity whose numbers match `called`, the most specific winning: an
 * exact number beats any prefix, a longer prefix beats a shorter one, and
 * on a tie the entity listed first wins. Numbers compare in
 * {@link hotlineNumber} form. `undefined` when none matches or `called` has
 * no digits. Pure.
 *
 * @example
 * findHotlineEntity([{ name: 'Acme', numbers: ['+33 1 23*'] }], '0123456789', 'FR')?.name // 'Acme'
 */
export function findHotlineEntity(entities: readonly HotlineEntity[], called: string, region?: string): HotlineEntity | undefined {
  const wanted = hotlineNumber(called, region);
  let best: HotlineEntity | undefined;
  let bestScore = wanted.replace('+', '') === '' ? Infinity : -1;
  for (const entity of entities) {
    for (const number of entity?.numbers ?? []) {
      const prefix = /\*\s*$/.test(number);
      const normal = hotlineNumber(number, region);
      // An exact match scores above every prefix (a prefix is never longer than the number).
      const score = prefix ? (wanted.startsWith(normal) ? normal.length : -1) : normal === wanted ? wanted.length + 1 : -1;
      if (score > bestScore) {
        best = entity;
        bestScore = score;
      }
    }
  }
  return best;
}

/**
 * `template` with `{entity}`, `{called}`, `{caller}` and `{queue}` replaced
 * by their values, as plain text: each value is sanitised (controls and
 * bidi marks removed) and inserted as it is, never re-read as a template,
 * so a caller named `{queue}` or `<img onerror>` stays that text. Unknown
 * placeholders stay as they are; a missing value gives `''`.
 *
 * @example
 * fillHotlineTemplate('{entity}: {called}', { entity: 'Acme', called: '+33123' }) // 'Acme: +33123'
 */
export function fillHotlineTemplate(template: string, values: HotlineValues): string {
  return sanitizeText(String(template).replace(/\{(entity|called|caller|queue)\}/g, (_, name: keyof HotlineValues) => sanitizeText(values[name] ?? '')), 1024);
}

/**
 * The hotline match of a call: the entity its called number reaches, with
 * the greeting and the filled template line, or `undefined`.
 */
export function matchHotline(
  entities: readonly HotlineEntity[],
  values: HotlineValues & { readonly called: string },
  region?: string,
): HotlineMatch | undefined {
  const entity = findHotlineEntity(entities, values.called, region);
  if (!entity) return undefined;
  const name = sanitizeText(entity.name);
  return {
    entity: name,
    greeting: sanitizeText(entity.greeting ?? '', 1024),
    line: fillHotlineTemplate(entity.template ?? '', { ...values, entity: name }),
  };
}
