// `npm run bench`: call set-up speed and memory over many calls, on the
// simulated contact center (real sip.js, real WebRTC on loopback). Results
// are medians and percentiles, printed as one JSON line per measure. (How
// soon the popup is painted: packages/elements/bench/popup.bench.ts.)
import { createPhone, type CallHandle, type Phone } from '../src/index.js';
import { audioContextCount } from '../src/media/audio-context.js';
import { createToneMicrophone, FrequencyMeter, startSimulatedContactCenter } from '../src/testing/index.js';
import { report, stats } from './stats.js';

const CUSTOMER_HZ = 470;
const quick = (globalThis as { cxBenchQuick?: boolean }).cxBenchQuick === true;
const SETUP_RUNS = quick ? 5 : 25;
const CHURN_OFFERS = quick ? 50 : 1000;
const CHURN_ANSWERED = quick ? 10 : 100;

// Count live peer connections: every one the page creates, until closed.
const peerConnections = new Set<RTCPeerConnection>();
const Native = RTCPeerConnection;
globalThis.RTCPeerConnection = class extends Native {
  constructor(config?: RTCConfiguration) {
    super(config);
    peerConnections.add(this);
    this.addEventListener('signalingstatechange', () => {
      if (this.signalingState === 'closed') peerConnections.delete(this);
    });
  }
  override close(): void {
    super.close();
    peerConnections.delete(this);
  }
} as typeof RTCPeerConnection;



function nextIncoming(phone: Phone): Promise<{ call: CallHandle }> {
  return new Promise((resolve) => {
    const off = phone.on('call:incoming', (call) => {
      off();
      resolve({ call });
    });
  });
}

async function firstAudio(meter: FrequencyMeter, hz: number, timeout = 5000): Promise<number> {
  const end = performance.now() + timeout;
  while (performance.now() < end) {
    if (meter.level(hz) > -55) return performance.now();
    await new Promise((r) => setTimeout(r, 2));
  }
  return NaN;
}

function heap(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const memory = (performance as { memory?: { usedJSHeapSize: number } }).memory;
  return memory ? memory.usedJSHeapSize / 1024 / 1024 : NaN;
}

describe('bench', function () {
  this.timeout(30 * 60 * 1000);

  it('measures call set-up and churn', async () => {
    const cc = await startSimulatedContactCenter();
    const phone = createPhone({
      sip: { ...cc.sipOptions('1001'), iceGatheringTimeout: 500 },
      media: { getStream: createToneMicrophone(1130).getStream },
    });
    await phone.connect();
    const bob = await cc.customer('2001', { frequency: CUSTOMER_HZ, autoAnswer: false });

    // 1. Accept -> first remote audio.
    const setup: number[] = [];
    for (let i = 0; i < SETUP_RUNS; i++) {
      const incoming = nextIncoming(phone);
      await bob.dial(cc.address('1001'));
      const { call } = await incoming;
      await new Promise((r) => setTimeout(r, 300)); // it rings a moment, as in life
      const start = performance.now();
      const accepted = call.accept();
      let stream: MediaStream | undefined;
      while (!(stream = phone.mediaOf(call).remoteStream)?.getAudioTracks().length) await new Promise((r) => setTimeout(r, 1));
      const meter = new FrequencyMeter(stream);
      const heard = await firstAudio(meter, CUSTOMER_HZ);
      setup.push(heard - start);
      await accepted;
      meter.dispose();
      await call.hangup();
      await bob.waitFor('ended');
    }
    report('accept-to-first-remote-audio-ms', stats(setup));

    // 2. Many calls in one page: resources must come back.
    const churn: number[] = [];
    cc.switch.clearMessages();
    const before = { pcs: peerConnections.size, audioContexts: audioContextCount(), heapMB: heap() };
    for (let i = 0; i < CHURN_OFFERS; i++) {
      cc.switch.clearMessages(); // the switch's own log is not the phone's memory
      const t0 = performance.now();
      const incoming = nextIncoming(phone);
      await bob.dial(cc.address('1001'));
      const { call } = await incoming;
      if (i < CHURN_ANSWERED) {
        await call.accept();
        await call.hangup();
      } else {
        await call.decline();
      }
      await bob.waitFor('ended');
      churn.push(performance.now() - t0);
      if (i % 100 === 99) await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 1000));
    const after = { pcs: peerConnections.size, audioContexts: audioContextCount(), heapMB: heap() };
    report('churn', {
      offers: CHURN_OFFERS,
      answered: CHURN_ANSWERED,
      perCallMs: stats(churn),
      peerConnectionsBefore: before.pcs,
      peerConnectionsAfter: after.pcs,
      audioContextsBefore: before.audioContexts,
      audioContextsAfter: after.audioContexts,
      heapBeforeMB: Math.round(before.heapMB * 10) / 10,
      heapAfterMB: Math.round(after.heapMB * 10) / 10,
      heapGrowthMB: Math.round((after.heapMB - before.heapMB) * 10) / 10,
      callsKept: phone.$calls.get().length,
    });
    await phone.disconnect();
    await cc.stop();
  });
});
