import type { HotlineEntity } from './hotline-match.js';

/** The `hotline` option of `createPhone` (docs/hotline.md). */
export interface HotlineOptions {
  /** The companies this desk answers for; the platform's `/me` `hotline`, when it sends one, wins. */
  entities?: readonly HotlineEntity[];
}

/** A number of an entity: at least one digit, or `*` alone (any number). */
const NUMBER = /^\s*(?:\+?[\d\s().\/-]*\d[\d\s().\/-]*\*?|\*)\s*$/;

/**
 * Checks the `hotline` option and gives its entities; a problem found is
 * added to `problems` (the caller throws `invalid-options`). Kept terse: it
 * is in the eager bundle.
 */
export function readHotlineEntities(input: unknown, problems: string[]): readonly HotlineEntity[] {
  const list =
    input === undefined ? [] : typeof input === 'object' && input !== null && !Array.isArray(input) ? ((input as { entities?: unknown }).entities ?? []) : null;
  const bad = Array.isArray(list)
    ? list.findIndex(
        (e: Partial<Record<keyof HotlineEntity, unknown>> | null) =>
          !(
            typeof e?.name === 'string' &&
            e.name.trim() &&
            Array.isArray(e.numbers) &&
            e.numbers.length &&
            e.numbers.every((n) => typeof n === 'string' && NUMBER.test(n)) &&
            [e.greeting, e.template].every((text) => text === undefined || typeof text === 'string')
          ),
      )
    : -2;
  if (bad === -1) return list as HotlineEntity[];
  const entity = "{ name, numbers: ['+33 1 23 45 67 89' or a prefix '+33 1 23*'], greeting?, template? }";
  problems.push(bad < 0 ? `hotline must be { entities: [${entity}] }` : `hotline.entities[${bad}] must be ${entity}`);
  return [];
}
