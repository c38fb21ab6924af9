import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateMos, measureQuality, nextQuality, NO_QUALITY, type QualityState } from './quality-rules.js';
import type { QualityMetrics } from './quality-types.js';

const close = (actual: number | undefined, expected: number, within = 0.005): void =>
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= within, `${actual} is not ${expected} (within ${within})`);

/** A report as Chromium gives it for an audio call: counters, jitter (s), RTT (s). */
function report(figures: { received: number; lost: number; jitter?: number; rtt?: number; pairRtt?: number; fractionLost?: number }): Map<string, unknown> {
  const stats: [string, unknown][] = [
    ['IT01A1', { type: 'inbound-rtp', kind: 'audio', packetsReceived: figures.received, packetsLost: figures.lost, jitter: figures.jitter ?? 0.002 }],
    ['OT01A1', { type: 'outbound-rtp', kind: 'audio', packetsSent: 500 }],
    ['T01', { type: 'transport', selectedCandidatePairId: 'CP1' }],
    ['CP0', { type: 'candidate-pair', nominated: false, state: 'failed', currentRoundTripTime: 9 }],
    ['CP1', { type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: figures.pairRtt ?? 0.001 }],
  ];
  if (figures.rtt !== undefined || figures.fractionLost !== undefined) {
    stats.push(['RI01A1', { type: 'remote-inbound-rtp', kind: 'audio', roundTripTime: figures.rtt, fractionLost: figures.fractionLost ?? 0 }]);
  }
  return new Map(stats);
}

test('MOS at known inputs (E-model as in Twilio: effective latency, R factor, MOS from R)', () => {
  close(estimateMos(0, 0, 0), 4.4333); // R = 94.768 - 10/40
  close(estimateMos(150, 10, 0), 4.3077); // latency 180 ms: R = 94.768 - (180 - 120)/10
  close(estimateMos(400, 30, 1), 2.9576); // latency 470 ms, 1 % lost: R = 59.768 - 2.5
  close(estimateMos(20, 5, 2), 4.3077); // latency 40 ms, 2 % lost: R = 93.768 - 5, as above
  assert.equal(estimateMos(20, 5, 50), 1, 'a loss above R / 2.5 leaves R at 0');
  close(estimateMos(1500, 0, 0), 1, 0.001); // latency from 1 s: R at its floor of 6.52
  assert.ok(estimateMos(100, 10, 0) > estimateMos(300, 10, 0) && estimateMos(100, 10, 0) > estimateMos(100, 10, 3), 'worse latency or loss, lower MOS');
});

test('metrics from two successive reports: loss over the interval, jitter and RTT in ms', () => {
  const first = report({ received: 100, lost: 0, jitter: 0.004, rtt: 0.05 });
  const second = report({ received: 190, lost: 10, jitter: 0.012, rtt: 0.08 });
  const metrics = measureQuality(second, first);
  close(metrics.packetLossPercent, 10, 1e-9); // 10 lost of the 100 of the interval
  close(metrics.jitterMs, 12, 1e-9);
  close(metrics.rttMs, 80, 1e-9);
  close(metrics.mos, estimateMos(80, 12, 10), 1e-9);
  // Without a previous report: since the call began.
  close(measureQuality(second).packetLossPercent, 5, 1e-9);
});

test('RTT from RTCP, else from the selected candidate pair; loss the worse of the two directions', () => {
  close(measureQuality(report({ received: 50, lost: 0, pairRtt: 0.3 })).rttMs, 300, 1e-9);
  close(measureQuality(report({ received: 50, lost: 0, rtt: 0.12, pairRtt: 0.3 })).rttMs, 120, 1e-9);
  close(measureQuality(report({ received: 50, lost: 0, rtt: 0.12, fractionLost: 0.04 })).packetLossPercent, 4, 1e-9);
});

test('counters that went back (a new peer connection) count from zero; no audio, no metrics', () => {
  const old = report({ received: 5000, lost: 100 });
  close(measureQuality(report({ received: 99, lost: 1 }), old).packetLossPercent, 1, 1e-9);
  assert.deepEqual(measureQuality(new Map()), { mos: undefined, rttMs: undefined, jitterMs: undefined, packetLossPercent: undefined });
  assert.equal(measureQuality(report({ received: 0, lost: 0 })).packetLossPercent, 0, 'no packet yet is no loss');
});

const good: QualityMetrics = { mos: 4.4, rttMs: 20, jitterMs: 2, packetLossPercent: 0 };
const run = (samples: readonly Partial<QualityMetrics>[], from: QualityState = NO_QUALITY): QualityState[] => {
  const states: QualityState[] = [];
  let state = from;
  for (const sample of samples) {
    state = nextQuality(state, { ...good, ...sample });
    states.push(state);
  }
  return states;
};
const warningsAfter = (samples: readonly Partial<QualityMetrics>[]): string[][] => run(samples).map((state) => [...state.warnings]);

test('each threshold: raised once beyond it in 3 of the last 5 samples, not at it', () => {
  const cases: [Partial<QualityMetrics>, Partial<QualityMetrics>, string][] = [
    [{ rttMs: 401 }, { rttMs: 400 }, 'high-rtt'],
    [{ jitterMs: 30.5 }, { jitterMs: 30 }, 'high-jitter'],
    [{ packetLossPercent: 1.2 }, { packetLossPercent: 1 }, 'high-packet-loss'],
    [{ mos: 3.49 }, { mos: 3.5 }, 'low-mos'],
  ];
  for (const [beyond, at, warning] of cases) {
    assert.deepEqual(warningsAfter([beyond, {}, beyond, {}, beyond]).at(-1), [warning], warning);
    assert.deepEqual(warningsAfter([beyond, {}, beyond]).at(-1), [], `${warning}: 2 of 5 is not enough`);
    assert.deepEqual(warningsAfter([at, at, at, at, at]).at(-1), [], `${warning}: at the threshold is fine`);
  }
});

test('hysteresis: a raised warning stays while it holds in any of the last 5 samples, and clears when in none', () => {
  const high = { rttMs: 600 };
  const states = warningsAfter([high, high, high, {}, {}, {}, {}, high, {}, {}, {}, {}, {}]);
  assert.deepEqual(states.map((w) => w.length), [0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]);
  assert.deepEqual(states[2], ['high-rtt']);
});

test('packet loss also on average: above 3 % over 7 samples raises, cleared at 1 % or less', () => {
  // One burst of 25 % then clean samples: never 3 of 5 above 1 %, but the 7-sample average is 3.57 %.
  const burst = warningsAfter([{}, {}, {}, {}, {}, {}, { packetLossPercent: 25 }]);
  assert.deepEqual(burst.at(-1), ['high-packet-loss']);
  const states = run([{}, {}, {}, {}, {}, {}, { packetLossPercent: 25 }, {}, {}, {}, {}, {}, {}, {}]);
  assert.deepEqual(states.at(-2)?.warnings, ['high-packet-loss'], 'the average is still 3.57 % while the burst is in the window');
  assert.deepEqual(states.at(-1)?.warnings, [], 'the burst left the window: 0 %');
});

test('a window with a missing value neither raises nor clears; warnings keep the rules order', () => {
  const high = { rttMs: 600, jitterMs: 50 };
  const raised = run([high, high, high]).at(-1)!;
  assert.deepEqual(raised.warnings, ['high-rtt', 'high-jitter']);
  const unknown = run([{ rttMs: undefined }, {}, {}, {}, {}], raised).at(-1)!;
  assert.deepEqual(unknown.warnings, ['high-rtt'], 'jitter cleared; RTT unknown in one of the 5, so it stays');
  assert.deepEqual(run([{}], unknown).at(-1)?.warnings, [], 'five known good samples clear it');
});
