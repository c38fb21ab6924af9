import type { CallInfo } from '../call/call-info.js';

/**
 * Which calls an agent may see and handle from the small banner
 * (`profile.smallBanner`):
 * - `true`: every call (the default);
 * - `false`: none;
 * - `{ queues }`: calls dispatched from one of these queues (listed by
 *   name or by id, compared exactly), and direct calls (calls that name no
 *   queue, outbound calls included).
 */
export type SmallBannerRule = boolean | { readonly queues: readonly string[] };

/**
 * Whether a call may be shown and handled from `<cx-small-banner>`.
 *
 * The INVITE decides first: an `X-CX-Small-Banner: allow|deny` header
 * (`info.smallBanner`) wins over the profile. Without it, the profile's
 * rule decides: `true` allows, `false` denies, and `{ queues }` allows a
 * call that names no queue, or whose queue name or id is in the list.
 *
 * Pure and total: anything that is not a valid rule denies, so a broken
 * configuration shows too little rather than too much.
 *
 * @param info the call's description (`call.info`)
 * @param rule the agent profile's rule (`profile.smallBanner`)
 * @returns true when the small banner may show the call
 * @example
 * smallBannerAllows(call.info, { queues: ['Sales', 'q-support'] })
 */
export function smallBannerAllows(info: CallInfo, rule: SmallBannerRule): boolean {
  if (typeof info.smallBanner === 'boolean') return info.smallBanner;
  if (typeof rule === 'boolean') return rule;
  const queues: unknown = rule?.queues;
  if (!Array.isArray(queues)) return false;
  const queue = info.queue;
  if (queue === undefined) return true;
  return (queues as unknown[]).some((listed) => listed !== '' && (listed === queue.name || listed === queue.id));
}
