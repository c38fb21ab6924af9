import type { CallHandle } from '../call/call.js';
import { installFeature, type Phone } from '../phone/phone.js';
import { qualityFeature } from './quality-feature.js';
import type { StatsReport } from './quality-rules.js';

/** Network conditions to simulate on a call; what is left out is perfect (0). */
export interface SimulatedConditions {
  readonly rttMs?: number;
  readonly jitterMs?: number;
  readonly packetLossPercent?: number;
}

/**
 * Makes a phone's call-quality samples say what `conditions` returns for
 * each call, instead of reading the peer connection: synthetic `getStats()`
 * reports (100 packets per sample, that many % of them lost), so that
 * `call:quality`, the warnings and `snapshot.quality` follow. For tests and
 * demos of a poor connection. `intervalMs` is the time between samples
 * (2000 by default, as on a real call).
 *
 * @example
 * simulateCallQuality(phone, () => ({ rttMs: 600 }), { intervalMs: 50 });
 * // about 3 samples later: call.snapshot.quality.warnings is ['high-rtt']
 */
export function simulateCallQuality(
  phone: Phone,
  conditions: (call: CallHandle) => SimulatedConditions,
  options: { intervalMs?: number } = {},
): void {
  const counters = new WeakMap<CallHandle, { received: number; lost: number }>();
  installFeature(phone, qualityFeature).start({
    intervalMs: options.intervalMs ?? 2000,
    stats: async (call): Promise<StatsReport> => {
      const { rttMs = 0, jitterMs = 0, packetLossPercent = 0 } = conditions(call);
      const before = counters.get(call) ?? { received: 0, lost: 0 };
      const lost = Math.round(Math.min(100, Math.max(0, packetLossPercent)));
      const now = { received: before.received + 100 - lost, lost: before.lost + lost };
      counters.set(call, now);
      return new Map<string, unknown>([
        ['inbound', { type: 'inbound-rtp', kind: 'audio', packetsReceived: now.received, packetsLost: now.lost, jitter: jitterMs / 1000 }],
        ['remote-inbound', { type: 'remote-inbound-rtp', kind: 'audio', roundTripTime: rttMs / 1000 }],
      ]);
    },
  });
}
