import { sharedAudioContext } from './audio-context.js';

/**
 * Measures how loud given frequencies are in a stream: who hears whom, by
 * tone. Energy in dBFS of the strongest FFT bin within ±`tolerance` Hz.
 */
export class FrequencyMeter {
  private readonly source: MediaStreamAudioSourceNode;
  private readonly analyser: AnalyserNode;
  private readonly bins: Float32Array<ArrayBuffer>;

  constructor(stream: MediaStream) {
    const context = sharedAudioContext();
    this.source = context.createMediaStreamSource(stream);
    this.analyser = context.createAnalyser();
    this.analyser.fftSize = 4096;
    this.analyser.smoothingTimeConstant = 0;
    this.source.connect(this.analyser);
    this.bins = new Float32Array(this.analyser.frequencyBinCount);
  }

  /** dBFS at `frequency` right now (-Infinity for digital silence). */
  level(frequency: number, tolerance = 30): number {
    this.analyser.getFloatFrequencyData(this.bins);
    const hzPerBin = this.analyser.context.sampleRate / this.analyser.fftSize;
    const from = Math.max(0, Math.floor((frequency - tolerance) / hzPerBin));
    const to = Math.min(this.bins.length - 1, Math.ceil((frequency + tolerance) / hzPerBin));
    let best = -Infinity;
    for (let i = from; i <= to; i++) best = Math.max(best, this.bins[i] ?? -Infinity);
    return best;
  }

  /**
   * Samples `level(frequency)` for `duration` ms and returns the median, which
   * shrugs off the odd packet lost or late.
   */
  async median(frequency: number, duration = 600, interval = 50): Promise<number> {
    const samples: number[] = [];
    const end = performance.now() + duration;
    while (performance.now() < end) {
      samples.push(this.level(frequency));
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
    samples.sort((a, b) => a - b);
    return samples[Math.floor(samples.length / 2)] ?? -Infinity;
  }

  dispose(): void {
    this.source.disconnect();
    this.analyser.disconnect();
  }
}
