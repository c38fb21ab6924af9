import type { CallState } from '../call/call-state.js';

/** The agent's microphone, as a source of the routing matrix. */
export const MICROPHONE = 'mic';
/** The agent's ears, as a sink of the routing matrix. */
export const SPEAKER = 'speaker';

/**
 * One entry of the routing matrix: `from` is heard by `to` at `gain`
 * (0 to 1). Sources are the microphone and each leg's remote audio; sinks
 * are the speaker and each leg's outgoing audio. Entries that are absent
 * have gain 0.
 */
export interface Route {
  readonly from: string;
  readonly to: string;
  readonly gain: number;
}

/** What the routing of one call depends on. */
export interface RoutedCall {
  readonly legId: string;
  readonly state: CallState;
  readonly muted: boolean;
}

/**
 * Who hears whom, as data. Every call on its own: the agent hears the
 * remote party and the remote party hears the agent's microphone, while
 * the call is up and not on hold; muting takes the microphone out of the
 * call; a held call is heard by nobody and hears nothing.
 *
 * Features add entries (`extra`): a 3-way merge routes each leg to the
 * other, a whisper routes a supervisor's leg to the agent only. Mute and
 * hold win over them: a muted call never gets the microphone and a held
 * leg is neither heard nor fed.
 *
 * Pure; the media graph turns the result into gains.
 */
export function routeCalls(calls: readonly RoutedCall[], extra: readonly Route[] = []): Route[] {
  const held = new Set<string>();
  const muted = new Set<string>();
  const routes = new Map<string, Route>();
  const add = (route: Route): void => {
    if (!(route.gain > 0)) return;
    const key = `${route.from}\u0000${route.to}`;
    const known = routes.get(key);
    if (!known || known.gain < route.gain) routes.set(key, { ...route, gain: Math.min(1, route.gain) });
  };
  for (const call of calls) {
    if (call.state === 'held') held.add(call.legId);
    if (call.muted) muted.add(call.legId);
    if (call.state !== 'active' && call.state !== 'connecting' && call.state !== 'dialing') continue;
    add({ from: call.legId, to: SPEAKER, gain: 1 });
    add({ from: MICROPHONE, to: call.legId, gain: 1 });
  }
  for (const route of extra) add(route);
  return [...routes.values()].filter(
    (route) =>
      !held.has(route.from) && !held.has(route.to) && !(route.from === MICROPHONE && muted.has(route.to)),
  );
}
