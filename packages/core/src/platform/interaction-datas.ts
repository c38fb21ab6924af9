import type { CallInfo } from '../call/call-info.js';
import { sanitizeText } from '../index.js';
import type { Interaction } from './platform-schemas.js';

/** The bounds of the INVITE's own Datas (parse-offer.ts): the platform gets no more room than a header. */
const MAX_ROUTE_STEPS = 50;
const MAX_DATA_ENTRIES = 100;
const MAX_DATA_VALUE_LENGTH = 1024;
const MAX_DATA_NAME_LENGTH = 128;

/** Whether the INVITE said nothing of the route and data: the Datas tab then asks the platform. */
export function needsPlatformDatas(info: CallInfo): boolean {
  return info.interactionId !== undefined && info.route.length === 0 && Object.keys(info.data).length === 0;
}

/**
 * The call's information with the route and variables of the platform's
 * interaction (`GET /interactions/{id}`), as text (bidirectional overrides
 * and control characters removed, lengths bounded), and its queue when the
 * INVITE named none.
 */
export function withPlatformDatas(info: CallInfo, interaction: Interaction): CallInfo {
  const route: string[] = [];
  for (const step of interaction.route) {
    const text = sanitizeText(step);
    if (text !== '') route.push(text);
    if (route.length === MAX_ROUTE_STEPS) break;
  }
  const data: Record<string, string> = Object.create(null) as Record<string, string>;
  let entries = 0;
  for (const [name, value] of Object.entries(interaction.data)) {
    const key = sanitizeText(name, MAX_DATA_NAME_LENGTH);
    if (key === '' || key in data) continue;
    data[key] = sanitizeText(value, MAX_DATA_VALUE_LENGTH);
    if (++entries === MAX_DATA_ENTRIES) break;
  }
  const queue = info.queue ?? (interaction.queue ? { id: sanitizeText(interaction.queue.id, 128), name: sanitizeText(interaction.queue.name) } : undefined);
  return { ...info, route: Object.freeze(route), data: Object.freeze(data), queue };
}
