import { atom, type ReadableAtom, type WritableAtom } from 'nanostores';
import { CxError, CxErrorCode, type Call, type CallHandle } from '../index.js';
import type { Feature, FeatureContext } from '../features/feature.js';
import type { Route } from '../media/routing.js';

/** A 3-way conversation: the agent and two calls, each party hearing the other two. */
export interface Conference {
  readonly id: string;
  /** The calls still in it. */
  readonly calls: readonly CallHandle[];
  readonly $calls: ReadableAtom<readonly CallHandle[]>;
  /** Hangs up every call of it. */
  hangupAll(): Promise<void>;
}

/** What the phone asks of the conference feature. */
export interface ConferenceApi {
  merge(a: Call, b: Call): Promise<Conference>;
}

let conferences = 0;

/**
 * 3-way merge mixed in the agent's browser: both calls are taken off hold,
 * and the media graph sends each leg the agent's microphone plus the other
 * leg (a route each way). One party leaving leaves the agent and the other
 * talking; the agent muting mutes the microphone toward both.
 */
export const conferenceFeature: Feature<ConferenceApi> = {
  name: 'conference',
  install(context) {
    const all = new Set<Meeting>();
    context.setRoutes(() => [...all].flatMap((meeting) => meeting.routes()));
    const reroute = (): void => context.reroute();
    const offs = [
      context.on('call:changed', (call, previous) => {
        for (const meeting of all) meeting.changed(call, previous.muted);
      }),
    ];
    return {
      api: {
        async merge(a, b) {
          if (a === b || !a.snapshot.can.merge || !b.snapshot.can.merge) {
            throw new CxError(CxErrorCode.InvalidState, 'These calls cannot be merged now: merge two calls in progress, one of them on hold.');
          }
          const meeting = new Meeting(context, [a, b], () => {
            all.delete(meeting);
            reroute();
          });
          all.add(meeting);
          await meeting.start(reroute);
          return meeting;
        },
      },
      dispose: () => offs.forEach((off) => off()),
    };
  },
};

class Meeting implements Conference {
  readonly id = `conference-${(conferences += 1)}`;
  readonly #context: FeatureContext;
  readonly #calls: WritableAtom<readonly Call[]>;
  readonly #over: () => void;

  constructor(context: FeatureContext, calls: readonly Call[], over: () => void) {
    this.#context = context;
    this.#calls = atom(calls);
    this.#over = over;
  }

  get calls(): readonly CallHandle[] {
    return this.#calls.get();
  }
  get $calls(): ReadableAtom<readonly CallHandle[]> {
    return this.#calls;
  }

  async start(reroute: () => void): Promise<void> {
    const calls = this.#calls.get();
    for (const call of calls) this.#context.annotate(call, { conferenceId: this.id });
    reroute();
    // Both off hold: the phone does not hold the other member (same conference).
    for (const call of calls) if (call.state === 'held') await call.hold(false);
    // The agent's microphone: muted toward both, or toward neither.
    const muted = calls.some((call) => call.muted);
    for (const call of calls) if (call.muted !== muted) await call.mute(muted);
  }

  /** Each member's leg hears the others'. */
  routes(): Route[] {
    const legs = this.#calls.get().flatMap((call) => {
      const leg = this.#context.legOf(call);
      return leg ? [leg.id] : [];
    });
    return legs.flatMap((from) => legs.filter((to) => to !== from).map((to) => ({ from, to, gain: 1 })));
  }

  changed(call: Call, wasMuted: boolean): void {
    const calls = this.#calls.get();
    if (!calls.includes(call)) return;
    if (call.ended) {
      const rest = calls.filter((c) => c !== call);
      this.#calls.set(rest);
      if (rest.length < 2) {
        for (const left of rest) this.#context.annotate(left, { conferenceId: undefined });
        this.#over();
      }
      return;
    }
    if (call.muted !== wasMuted) {
      for (const other of calls) if (other !== call && other.muted !== call.muted && !other.ended) void other.mute(call.muted).catch(() => undefined);
    }
  }

  async hangupAll(): Promise<void> {
    await Promise.all(this.#calls.get().map((call) => call.hangup().catch(() => undefined)));
  }
}
