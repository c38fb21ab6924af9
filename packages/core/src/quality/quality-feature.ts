import type { Call } from '../index.js';
import type { CallLeg } from '../call/call-leg.js';
import type { Feature } from '../features/feature.js';
import { measureQuality, nextQuality, NO_QUALITY, type QualityState, type StatsReport } from './quality-rules.js';
import type { QualityWarning } from './quality-types.js';

/** Where the feature reads a call's statistics: by default `getStats()` of the peer connection of the call's leg. */
export type QualityStatsSource = (call: Call, leg: CallLeg) => Promise<StatsReport | undefined>;

/** How the quality feature samples. */
export interface QualityOptions {
  /** Between two samples of a call, in ms (default 2000). */
  intervalMs?: number;
  /** Where the statistics come from: tests and the simulator inject one (`simulateCallQuality` of `@cx/core/testing`). */
  stats?: QualityStatsSource;
}

export interface QualityApi {
  /**
   * Starts sampling the phone's answered calls (the phone does once it
   * connects). Called again with options, it goes on with those: that is how
   * a test injects a stats source.
   */
  start(options?: QualityOptions): void;
}

/** The default: the leg's peer connection, while it has one. */
const peerStats: QualityStatsSource = async (_call, leg) => leg.peerConnection?.getStats();

/** What the feature keeps of one call it samples. */
interface Watch {
  state: QualityState;
  /** The last report, and the leg it came from (a new leg starts its counters again). */
  previous: StatsReport | undefined;
  leg: CallLeg | undefined;
  busy: boolean;
}

const same = (a: readonly QualityWarning[], b: readonly QualityWarning[]): boolean => a.length === b.length && a.every((w, i) => w === b[i]);

/**
 * Call quality: every 2 s, `getStats()` of each answered call that is
 * active (not on hold) gives packet loss, jitter, round-trip time and an
 * estimated MOS (quality-rules.ts); the phone emits `call:quality` with them
 * and the warnings in force, and `snapshot.quality` carries the warnings
 * (annotated only when they change). A call that ends is no longer sampled;
 * with no call to sample, no timer runs.
 */
export const qualityFeature: Feature<QualityApi> = {
  name: 'quality',
  install(context) {
    const watched = new Map<Call, Watch>();
    let options: Required<QualityOptions> = { intervalMs: 2000, stats: peerStats };
    let timer: ReturnType<typeof setInterval> | undefined;
    let stop: (() => void) | undefined;

    const schedule = (): void => {
      if (watched.size > 0 && timer === undefined) timer = setInterval(tick, options.intervalMs);
      if (watched.size === 0 && timer !== undefined) {
        clearInterval(timer);
        timer = undefined;
      }
    };

    const onCalls = (calls: readonly Call[]): void => {
      for (const call of watched.keys()) if (call.ended || !calls.includes(call)) watched.delete(call);
      for (const call of calls) {
        if (!call.ended && call.snapshot.answeredAt !== undefined && !watched.has(call)) {
          watched.set(call, { state: NO_QUALITY, previous: undefined, leg: undefined, busy: false });
        }
      }
      schedule();
    };

    const tick = (): void => {
      for (const [call, watch] of watched) if (call.state === 'active' && !watch.busy) void sample(call, watch);
    };

    const sample = async (call: Call, watch: Watch): Promise<void> => {
      const leg = context.legOf(call);
      if (!leg) return;
      watch.busy = true;
      let report: StatsReport | undefined;
      try {
        report = await options.stats(call, leg);
      } catch (error) {
        context.logger.info(`No statistics for call ${call.id}`, error);
      } finally {
        watch.busy = false;
      }
      if (!report || watched.get(call) !== watch || call.ended) return;
      const metrics = measureQuality(report, watch.leg === leg ? watch.previous : undefined);
      watch.previous = report;
      watch.leg = leg;
      // No warning so far is no news: a call that stays fine never changes (nor re-renders) for it.
      const before = call.snapshot.quality?.warnings ?? [];
      watch.state = nextQuality(watch.state, metrics);
      const warnings = Object.freeze([...watch.state.warnings]);
      if (!same(before, warnings)) context.annotate(call, { quality: Object.freeze({ warnings }) });
      context.emit('call:quality', call, Object.freeze({ ...metrics, warnings }));
    };

    return {
      api: {
        start(given) {
          if (given) {
            options = { intervalMs: given.intervalMs ?? options.intervalMs, stats: given.stats ?? options.stats };
            if (timer !== undefined) clearInterval(timer);
            timer = undefined;
          }
          stop ??= context.$calls.subscribe(onCalls);
          schedule();
        },
      },
      dispose() {
        stop?.();
        stop = undefined;
        watched.clear();
        schedule();
      },
    };
  },
};
