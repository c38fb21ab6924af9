import type { QualityMetrics, QualityWarning } from './quality-types.js';

/**
 * Call quality as data: the metrics of one sample from two successive
 * `getStats()` reports, an estimated MOS, and the warnings with their
 * hysteresis. Pure: no timers, no browser (unit-tested in Node).
 *
 * The rules follow Twilio's Voice JS SDK (its `StatsMonitor` and
 * `rtc/mos`, and the "Voice Insights SDK Events" reference); see
 * docs/reliability.md, "Call quality".
 */

/** A `getStats()` report, or anything shaped like one (tests build a `Map`). */
export type StatsReport = ReadonlyMap<string, unknown>;

/** The E-model's starting R factor for these codecs, as in Twilio's SDK. */
const R0 = 94.768;

/**
 * Estimated MOS from round-trip time, jitter (ms) and packet loss (%): a
 * simplified ITU-T G.107 E-model, as commonly used for WebRTC. The
 * effective latency (RTT + 2 x jitter + 10 ms) lowers R by 1 per 40 ms up
 * to 160 ms, then by 1 per 10 ms (R is 0 from 1 s); each % lost lowers it
 * by 2.5 (to no less than 6.52; to 0 when the loss exceeds R / 2.5); then
 * MOS = 1 + 0.035 R + 7e-6 R (R - 60) (100 - R).
 */
export function estimateMos(rttMs: number, jitterMs: number, lossPercent: number): number {
  const latency = rttMs + 2 * jitterMs + 10;
  let r = latency < 160 ? R0 - latency / 40 : latency < 1000 ? R0 - (latency - 120) / 10 : 0;
  r = lossPercent <= r / 2.5 ? Math.max(r - 2.5 * lossPercent, 6.52) : 0;
  return 1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r);
}

/** The figures of one report that quality needs. */
interface Reading {
  packetsReceived: number | undefined;
  packetsLost: number | undefined;
  jitterMs: number | undefined;
  rttMs: number | undefined;
  remoteLossPercent: number | undefined;
}

type Stat = Readonly<Record<string, unknown>>;

const isStat = (value: unknown): value is Stat => typeof value === 'object' && value !== null;
const numberIn = (stat: Stat | undefined, key: string): number | undefined => {
  const value = stat?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
};
const scaled = (value: number | undefined, by: number): number | undefined => (value === undefined ? undefined : value * by);

/**
 * The audio figures of a report: `inbound-rtp` (packets received and lost,
 * jitter), `remote-inbound-rtp` (RTCP round-trip time, the fraction the
 * other side lost) and the selected `candidate-pair` (its current RTT, when
 * RTCP has none yet).
 */
function read(report: StatsReport): Reading {
  let inbound: Stat | undefined;
  let remote: Stat | undefined;
  let pair: Stat | undefined;
  let selected: unknown;
  for (const stat of report.values()) {
    if (!isStat(stat) || (stat['kind'] ?? stat['mediaType'] ?? 'audio') !== 'audio') continue;
    if (stat['type'] === 'inbound-rtp') inbound ??= stat;
    else if (stat['type'] === 'remote-inbound-rtp') remote ??= stat;
    else if (stat['type'] === 'transport') selected ??= stat['selectedCandidatePairId'];
    else if (stat['type'] === 'candidate-pair' && stat['nominated'] === true && stat['state'] === 'succeeded') pair ??= stat;
  }
  const chosen = typeof selected === 'string' ? report.get(selected) : undefined;
  if (isStat(chosen)) pair = chosen;
  return {
    packetsReceived: numberIn(inbound, 'packetsReceived'),
    packetsLost: numberIn(inbound, 'packetsLost'),
    jitterMs: scaled(numberIn(inbound, 'jitter'), 1000),
    rttMs: scaled(numberIn(remote, 'roundTripTime') ?? numberIn(pair, 'currentRoundTripTime'), 1000),
    remoteLossPercent: scaled(numberIn(remote, 'fractionLost'), 100),
  };
}

/**
 * The metrics of one sample: `current` against the `previous` report of the
 * same peer connection (without one, since the call began). Packet loss is
 * counted over the interval, in %, the worse of the two directions: what we
 * received (`inbound-rtp` deltas) and what the other side reports it lost of
 * ours (`remote-inbound-rtp.fractionLost`). Counters that went back (a new
 * peer connection) count from zero.
 */
export function measureQuality(current: StatsReport, previous?: StatsReport): QualityMetrics {
  const now = read(current);
  const before = previous ? read(previous) : undefined;
  let inboundLoss: number | undefined;
  if (now.packetsReceived !== undefined) {
    const restarted = before?.packetsReceived === undefined || before.packetsReceived > now.packetsReceived;
    const received = now.packetsReceived - (restarted ? 0 : (before?.packetsReceived ?? 0));
    const lost = Math.max(0, (now.packetsLost ?? 0) - (restarted ? 0 : (before?.packetsLost ?? 0)));
    inboundLoss = received + lost > 0 ? (lost / (received + lost)) * 100 : 0;
  }
  const losses = [inboundLoss, now.remoteLossPercent].filter((value): value is number => value !== undefined);
  const packetLossPercent = losses.length > 0 ? Math.max(...losses) : undefined;
  const { rttMs, jitterMs } = now;
  const mos = rttMs === undefined || jitterMs === undefined || packetLossPercent === undefined ? undefined : estimateMos(rttMs, jitterMs, packetLossPercent);
  return { mos, rttMs, jitterMs, packetLossPercent };
}

/**
 * One rule of a warning. `count`: raised when the metric is beyond `limit`
 * in at least 3 of the last 5 samples, cleared when it is in none of them.
 * `average`: raised when its average over the last `samples` is above
 * `limit`, cleared once that average is at or below `clearAt`. A window with
 * a missing value neither raises nor clears.
 */
export type QualityRule =
  | { readonly id: string; readonly warning: QualityWarning; readonly metric: keyof QualityMetrics; readonly kind: 'above' | 'below'; readonly limit: number }
  | {
      readonly id: string;
      readonly warning: QualityWarning;
      readonly metric: keyof QualityMetrics;
      readonly kind: 'average-above';
      readonly limit: number;
      readonly clearAt: number;
      readonly samples: number;
    };

/** Samples a `count` rule looks at, and how many must cross its limit to raise the warning. */
export const WINDOW = 5;
export const RAISE_COUNT = 3;

/** Twilio's thresholds (docs/reliability.md). Order is the order of `warnings`. */
export const QUALITY_RULES: readonly QualityRule[] = [
  { id: 'high-rtt', warning: 'high-rtt', metric: 'rttMs', kind: 'above', limit: 400 },
  { id: 'high-jitter', warning: 'high-jitter', metric: 'jitterMs', kind: 'above', limit: 30 },
  { id: 'high-packet-loss', warning: 'high-packet-loss', metric: 'packetLossPercent', kind: 'above', limit: 1 },
  { id: 'high-packet-loss-average', warning: 'high-packet-loss', metric: 'packetLossPercent', kind: 'average-above', limit: 3, clearAt: 1, samples: 7 },
  { id: 'low-mos', warning: 'low-mos', metric: 'mos', kind: 'below', limit: 3.5 },
];

/** Where a call's quality stands: its latest samples and the rules that raised their warning. */
export interface QualityState {
  /** The latest samples, oldest first (as many as the longest window). */
  readonly samples: readonly QualityMetrics[];
  /** Ids of the rules whose warning is raised. */
  readonly raised: readonly string[];
  /** The warnings in force (a warning raised by two rules counts once), in the order of the rules. */
  readonly warnings: readonly QualityWarning[];
}

/** No sample yet. */
export const NO_QUALITY: QualityState = { samples: [], raised: [], warnings: [] };

const KEEP = Math.max(WINDOW, ...QUALITY_RULES.map((rule) => ('samples' in rule ? rule.samples : 0)));

/** Whether a rule is raised after the samples (`undefined`: it stays as it was). */
function judge(rule: QualityRule, samples: readonly QualityMetrics[]): boolean | undefined {
  const size = rule.kind === 'average-above' ? rule.samples : WINDOW;
  const values = samples.slice(-size).map((sample) => sample[rule.metric]);
  if (values.some((value) => value === undefined)) return undefined;
  const known = values as number[];
  if (rule.kind === 'average-above') {
    if (known.length < size) return undefined;
    const average = known.reduce((sum, value) => sum + value, 0) / known.length;
    return average > rule.limit ? true : average <= rule.clearAt ? false : undefined;
  }
  const beyond = known.filter((value) => (rule.kind === 'above' ? value > rule.limit : value < rule.limit)).length;
  return beyond >= RAISE_COUNT ? true : beyond === 0 ? false : undefined;
}

/** The state after one more sample. */
export function nextQuality(state: QualityState, sample: QualityMetrics): QualityState {
  const rules = QUALITY_RULES;
  const samples = [...state.samples, sample].slice(-KEEP);
  const raised = rules.filter((rule) => judge(rule, samples) ?? state.raised.includes(rule.id)).map((rule) => rule.id);
  const warnings = [...new Set(rules.filter((rule) => raised.includes(rule.id)).map((rule) => rule.warning))];
  return { samples, raised, warnings };
}
