import { CxError, CxErrorCode } from '../errors/cx-error.js';

/**
 * What the agent is doing, as the contact center sees it.
 *
 * ```
 * offline ──registered──> available ──offer──> ringing ──accept──> on-call
 *    ^                      ^  │                  │                   │
 *    │                      │  └──pause──> paused │                   │
 *    └── connection lost ───┴──────── call ends ──┴── post-interaction┘ (wrap-up)
 * ```
 */
export const AgentStatus = {
  Offline: 'offline',
  Available: 'available',
  Ringing: 'ringing',
  OnCall: 'on-call',
  PostInteraction: 'post-interaction',
  Paused: 'paused',
} as const;
export type AgentStatus = (typeof AgentStatus)[keyof typeof AgentStatus];

/** What the agent chooses between calls. */
export type RestingStatus = 'available' | 'paused';

/** The agent's status with what it rests on. */
export interface AgentState {
  readonly status: AgentStatus;
  /** Why the agent is paused (one of the platform's `pauseReasons`). */
  readonly reason?: string;
  /** When `status` last changed (ms since the epoch). */
  readonly since: number;
  /** Where the agent goes back to between calls, and why. */
  readonly resting: { readonly status: RestingStatus; readonly reason?: string };
  /** Registered with the SIP server. */
  readonly registered: boolean;
  readonly ringing: boolean;
  readonly onCall: boolean;
  /** The wrap-up of the interaction that just ended, while it lasts. */
  readonly wrapUp?: WrapUpTime;
}

/** A wrap-up's time: it ends at `startedAt + totalSeconds` (0: when the agent or the platform ends it). */
export interface WrapUpTime {
  readonly interactionId: string;
  /** The call that ended, when it was this phone's. */
  readonly callId?: string;
  /** ms since the epoch. */
  readonly startedAt: number;
  readonly totalSeconds: number;
}

/** When a wrap-up ends (ms since the epoch), or undefined when it has no set time. */
export function wrapUpEndsAt(time: WrapUpTime): number | undefined {
  return time.totalSeconds > 0 ? time.startedAt + time.totalSeconds * 1000 : undefined;
}

/** What moves the agent's status: SIP (connection, calls), the agent, the platform. */
export type AgentInput =
  | { readonly type: 'connection'; readonly registered: boolean }
  | { readonly type: 'calls'; readonly ringing: boolean; readonly onCall: boolean }
  /** A call of this interaction ended; post-interaction when it has wrap-up time (seconds > 0). */
  | { readonly type: 'interaction-ended'; readonly interactionId: string; readonly callId?: string; readonly seconds: number }
  /** The wrap-up's total time changed (extended here, or the platform's word). */
  | { readonly type: 'wrap-up-time'; readonly interactionId: string; readonly totalSeconds: number; readonly startedAt?: number }
  /** The agent chose. */
  | { readonly type: 'choose'; readonly status: RestingStatus; readonly reason?: string }
  /** The platform says (a supervisor, a rule, or the answer to our own change). */
  | { readonly type: 'platform'; readonly status: 'available' | 'paused' | 'post-interaction' | 'offline'; readonly reason?: string }
  | { readonly type: 'wrap-up-ended' };

/**
 * Which inputs each status takes. Anything else is refused with a typed
 * error (a choice while offline) or ignored (a stale platform event).
 * SIP facts are always taken: they are facts.
 */
const ONLINE: readonly AgentInput['type'][] = ['connection', 'calls', 'interaction-ended', 'wrap-up-time', 'choose', 'platform', 'wrap-up-ended'];
export const AGENT_TRANSITIONS: Readonly<Record<AgentStatus, readonly AgentInput['type'][]>> = {
  offline: ['connection', 'calls', 'platform'],
  available: ONLINE,
  paused: ONLINE,
  ringing: ONLINE,
  'on-call': ONLINE,
  'post-interaction': ONLINE,
};

export const INITIAL_AGENT_STATE: AgentState = {
  status: 'offline',
  since: 0,
  resting: { status: 'available' },
  registered: false,
  ringing: false,
  onCall: false,
};

/** The status the facts give: offline, then on a call, ringing, wrap-up, and what the agent rests on. */
function statusOf(state: Omit<AgentState, 'status' | 'since' | 'reason'>): AgentStatus {
  if (!state.registered) return 'offline';
  if (state.onCall) return 'on-call';
  if (state.ringing) return 'ringing';
  if (state.wrapUp) return 'post-interaction';
  return state.resting.status;
}

/**
 * The agent status machine, pure: the next state for an input, at `now`.
 * Choosing `available` during wrap-up ends the wrap-up; choosing `paused`
 * on a call takes effect when the call ends.
 */
export function nextAgentState(state: AgentState, input: AgentInput, now: number): AgentState {
  if (!AGENT_TRANSITIONS[state.status].includes(input.type)) {
    if (input.type === 'choose') {
      throw new CxError(CxErrorCode.NotConnected, 'The agent status can be changed once the phone is connected.');
    }
    return state;
  }
  let next: Omit<AgentState, 'status' | 'since' | 'reason'>;
  switch (input.type) {
    case 'connection':
      next = { ...state, registered: input.registered };
      break;
    case 'calls':
      next = { ...state, ringing: input.ringing, onCall: input.onCall };
      break;
    case 'interaction-ended': {
      const wrapUp: WrapUpTime = { interactionId: input.interactionId, startedAt: now, totalSeconds: input.seconds };
      next = input.seconds > 0 ? { ...state, wrapUp: input.callId === undefined ? wrapUp : { ...wrapUp, callId: input.callId } } : state;
      break;
    }
    case 'wrap-up-time': {
      const current = state.wrapUp;
      // The platform may name the wrap-up it started when we only knew there was one.
      if (!current || (current.interactionId !== input.interactionId && current.interactionId !== '')) return state;
      next = { ...state, wrapUp: { ...current, interactionId: input.interactionId, totalSeconds: input.totalSeconds, startedAt: input.startedAt ?? current.startedAt } };
      break;
    }
    case 'wrap-up-ended':
      next = withoutWrapUp(state);
      break;
    case 'choose': {
      const resting = input.reason === undefined || input.status === 'available' ? { status: input.status } : { status: input.status, reason: input.reason };
      next = { ...(input.status === 'available' ? withoutWrapUp(state) : state), resting };
      break;
    }
    case 'platform':
      if (input.status === 'offline') return state; // the SIP registration says whether we are offline
      if (input.status === 'post-interaction') next = state.wrapUp ? state : { ...state, wrapUp: { interactionId: '', startedAt: now, totalSeconds: 0 } };
      else {
        const resting = input.reason === undefined || input.status === 'available' ? { status: input.status } : { status: input.status, reason: input.reason };
        next = { ...withoutWrapUp(state), resting };
      }
      break;
  }
  const status = statusOf(next);
  const reason = status === 'paused' ? next.resting.reason : undefined;
  const changed = status !== state.status || reason !== state.reason;
  const { status: _status, since: _since, reason: _reason, ...facts } = next as AgentState;
  return { ...facts, status, since: changed ? now : state.since, ...(reason === undefined ? {} : { reason }) };
}

function withoutWrapUp(state: AgentState): AgentState {
  if (!state.wrapUp) return state;
  const { wrapUp: _ended, ...rest } = state;
  return rest;
}
