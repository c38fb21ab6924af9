/**
 * A call-quality warning, named as Twilio's Voice SDK names its network
 * warnings (docs/reliability.md, "Call quality", has the rules):
 * - `high-rtt`: round-trip time above 400 ms;
 * - `high-jitter`: jitter above 30 ms;
 * - `high-packet-loss`: more than 1 % of the packets lost (or 3 % on average);
 * - `low-mos`: an estimated MOS under 3.5.
 */
export type QualityWarning = 'high-rtt' | 'high-jitter' | 'high-packet-loss' | 'low-mos';

/** What one sample of a call's statistics says (`call:quality`); a metric is `undefined` while the browser does not report it. */
export interface QualityMetrics {
  /** Estimated mean opinion score, 1 (bad) to about 4.4 (best for these codecs): a simplified ITU-T G.107 E-model. */
  readonly mos: number | undefined;
  /** Round-trip time in ms (RTCP, else the ICE candidate pair). */
  readonly rttMs: number | undefined;
  /** Jitter of the audio we receive, in ms. */
  readonly jitterMs: number | undefined;
  /** Packets lost since the previous sample, in %: the worse of what we receive and what the other side reports. */
  readonly packetLossPercent: number | undefined;
}

/** The payload of `call:quality`: the sample's metrics and the warnings in force after it. */
export interface QualitySample extends QualityMetrics {
  readonly warnings: readonly QualityWarning[];
}

/**
 * `snapshot.quality`: the warnings in force on a call (empty: fine).
 * `undefined` until the call's first sample. It changes only when the
 * warnings do; the numbers come with each `call:quality` event.
 */
export interface CallQuality {
  readonly warnings: readonly QualityWarning[];
}
