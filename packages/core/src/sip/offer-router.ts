import type { CallInfo, MonitorInfo } from '../call/call-info.js';
import type { CallLeg, DialogId } from '../call/call-leg.js';
import type { OfferInput } from '../call/offer-input.js';
import { parseReplaces } from './replaces.js';

/**
 * Where an incoming INVITE goes. Every offer is routed once, before anyone
 * sees it:
 *
 * ```
 *            ┌─ Replaces ──── known dialog ─────────────> replace (the call keeps its identity, new leg)
 *            │               unknown dialog ───────────> refuse 481
 *  INVITE ───┼─ X-CX-Monitor ─ monitoring installed ───> monitor (never rings, never auto-answered)
 *            │                 otherwise ──────────────> refuse 403
 *            ├─ an interaction the agent took ─────────> taken (answered at once)
 *            └─ anything else ─────────────────────────> ring (a normal offer: popup, countdown)
 * ```
 */
export type OfferRoute =
  | { readonly kind: 'ring' }
  | { readonly kind: 'taken'; readonly interactionId: string }
  | { readonly kind: 'replace'; readonly leg: CallLeg }
  | { readonly kind: 'monitor'; readonly monitor: MonitorInfo }
  | { readonly kind: 'refuse'; readonly statusCode: number; readonly reason: string };

/** What the router needs to know about the phone. */
export interface OfferRoutingState {
  /** The live leg of a dialog, for `Replaces`. */
  findDialog(dialog: DialogId): CallLeg | undefined;
  /** Whether the agent took this interaction from the pool and its INVITE is awaited. */
  isTaken(interactionId: string): boolean;
  /** Whether a monitoring feature takes supervisors' INVITEs. */
  readonly acceptsMonitoring: boolean;
}

/**
 * Decides where an offer goes (see {@link OfferRoute}). Pure: it reads the
 * INVITE (`input`, and `info` parsed from it) and the phone's state, and
 * changes nothing.
 */
export function routeOffer(input: OfferInput, info: CallInfo, state: OfferRoutingState): OfferRoute {
  const replaces = headerValue(input, 'replaces');
  if (replaces !== undefined) {
    const target = parseReplaces(replaces);
    if (!target) return { kind: 'refuse', statusCode: 400, reason: 'Bad Replaces header' };
    const leg = state.findDialog(target.dialog);
    if (!leg) return { kind: 'refuse', statusCode: 481, reason: 'Replaces names no dialog of ours' };
    if (target.earlyOnly) return { kind: 'refuse', statusCode: 486, reason: 'Replaces is early-only; the dialog is confirmed' };
    return { kind: 'replace', leg };
  }
  if (headerValue(input, 'x-cx-monitor') !== undefined) {
    if (!info.monitor) return { kind: 'refuse', statusCode: 400, reason: 'Bad X-CX-Monitor header' };
    if (!state.acceptsMonitoring) return { kind: 'refuse', statusCode: 403, reason: 'Monitoring is not allowed here' };
    return { kind: 'monitor', monitor: info.monitor };
  }
  const interactionId = info.interactionId;
  if (interactionId !== undefined && state.isTaken(interactionId)) return { kind: 'taken', interactionId };
  return { kind: 'ring' };
}

/** The first value of a header (any case), `undefined` when absent. */
function headerValue(input: OfferInput, name: string): string | undefined {
  for (const [header, value] of input.headers) if (header.toLowerCase() === name) return value;
  return undefined;
}
