import { atom, computed, type ReadableAtom } from 'nanostores';
import type { Call } from '../call/call.js';
import type { ConnectionStatus } from '../sip/sip-agent.js';
import { INITIAL_AGENT_STATE, nextAgentState, wrapUpEndsAt, type AgentInput, type AgentState, type AgentStatus, type RestingStatus } from './agent-status.js';

/** What the agent's status tells the platform (`PUT /me/status`). */
export interface AgentReport {
  status: 'available' | 'paused' | 'post-interaction';
  reason?: string;
  interactionId?: string;
}

export interface AgentControllerOptions {
  $connection: ReadableAtom<ConnectionStatus>;
  $calls: ReadableAtom<readonly Call[]>;
  /** The wrap-up after this call, if any: its interaction and seconds (0: none). */
  wrapUpOf(call: Call): { interactionId: string; seconds: number } | undefined;
  /** A change the platform must hear of: the agent's choice, a wrap-up starting or ending. */
  report(report: AgentReport): void;
  now?: () => number;
}

/**
 * Feeds the agent status machine with SIP facts (registration, calls), the
 * agent's choices and the platform's word, and runs the wrap-up time.
 */
export class AgentController {
  readonly $state: ReadableAtom<AgentState>;
  readonly $status: ReadableAtom<AgentStatus>;
  readonly #state = atom<AgentState>(INITIAL_AGENT_STATE);
  readonly #options: AgentControllerOptions;
  readonly #now: () => number;
  readonly #seenEnded = new WeakSet<Call>();
  readonly #stops: (() => void)[] = [];
  #wrapUpTimer: ReturnType<typeof setTimeout> | undefined;
  /** The end the timer is set for: `interactionId@endsAt`. */
  #scheduled = '';

  constructor(options: AgentControllerOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.$state = this.#state;
    this.$status = computed(this.#state, (state) => state.status);
    this.#stops.push(
      options.$connection.subscribe((status) => this.#apply({ type: 'connection', registered: status.state === 'registered' })),
      options.$calls.subscribe((calls) => this.#onCalls(calls)),
    );
  }

  /** The agent chooses to be available or paused (with a reason). Throws `not-connected` while offline. */
  choose(status: RestingStatus, reason?: string): void {
    this.#apply(reason === undefined ? { type: 'choose', status } : { type: 'choose', status, reason });
    this.#options.report(status === 'paused' && reason !== undefined ? { status, reason } : { status });
  }

  /** The platform's word (a `status` event or the answer to a change). */
  platform(input: Extract<AgentInput, { type: 'platform' | 'wrap-up-time' }>): void {
    this.#apply(input);
  }

  /** The wrap-up of `interactionId` lasts `totalSeconds` in all (extended). */
  setWrapUpTime(interactionId: string, totalSeconds: number): void {
    this.#apply({ type: 'wrap-up-time', interactionId, totalSeconds });
  }

  /** Ends the wrap-up now (the agent is done, its time ran out, or the platform said so). */
  endWrapUp(): void {
    if (!this.#state.get().wrapUp) return;
    this.#apply({ type: 'wrap-up-ended' });
    const { resting } = this.#state.get();
    this.#options.report(resting.reason === undefined ? { status: resting.status } : { status: resting.status, reason: resting.reason });
  }

  dispose(): void {
    this.#clearWrapUp();
    for (const stop of this.#stops.splice(0)) stop();
  }

  #onCalls(calls: readonly Call[]): void {
    const live = calls.filter((c) => !c.ended);
    this.#apply({
      type: 'calls',
      ringing: live.some((c) => c.state === 'ringing'),
      onCall: live.some((c) => c.state !== 'ringing'),
    });
    for (const call of calls) {
      if (!call.ended || this.#seenEnded.has(call)) continue;
      this.#seenEnded.add(call);
      const wrapUp = call.snapshot.answeredAt === undefined ? undefined : this.#options.wrapUpOf(call);
      if (!wrapUp) continue;
      const { interactionId, seconds } = wrapUp;
      this.#apply({ type: 'interaction-ended', interactionId, callId: call.id, seconds });
      if (seconds > 0) this.#options.report({ status: 'post-interaction', interactionId });
    }
  }

  #apply(input: AgentInput): void {
    const current = this.#state.get();
    const next = nextAgentState(current, input, this.#now());
    if (sameState(current, next)) return;
    this.#state.set(next);
    this.#schedule(next);
  }

  /** The wrap-up ends by itself when its time runs out. */
  #schedule(state: AgentState): void {
    const endsAt = state.wrapUp && wrapUpEndsAt(state.wrapUp);
    const key = endsAt === undefined ? '' : `${state.wrapUp?.interactionId}@${endsAt}`;
    if (key === this.#scheduled) return;
    this.#clearWrapUp();
    this.#scheduled = key;
    if (endsAt !== undefined) this.#wrapUpTimer = setTimeout(() => this.endWrapUp(), Math.max(0, endsAt - this.#now()));
  }

  #clearWrapUp(): void {
    if (this.#wrapUpTimer !== undefined) clearTimeout(this.#wrapUpTimer);
    this.#wrapUpTimer = undefined;
    this.#scheduled = '';
  }
}

/** States are small plain data: equal when they print the same. */
function sameState(a: AgentState, b: AgentState): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
