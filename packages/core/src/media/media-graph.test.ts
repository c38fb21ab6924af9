// Component tier: the media graph in real Chromium. Sources are tones, so
// what each leg would send is judged by frequency, without SIP.
import { expect } from '@esm-bundle/chai';
import { Logger } from '../logger.js';
import { FrequencyMeter } from './frequency-meter.js';
import { MediaGraph } from './media-graph.js';
import { MICROPHONE, SPEAKER, routeCalls, type Route } from './routing.js';
import { createToneMicrophone, createToneStream, type ToneStream } from './tone.js';

const MIC_HZ = 1130;
const A_HZ = 470;
const B_HZ = 820;
const HEARD = -55;
const SILENT = -75;

/** A leg port that keeps what the graph asked it to send. */
class Port {
  sent: MediaStreamTrack | null = null;
  async setOutgoing(track: MediaStreamTrack | null): Promise<void> {
    this.sent = track;
  }
}

async function levelOf(track: MediaStreamTrack, hz: number): Promise<number> {
  const meter = new FrequencyMeter(new MediaStream([track]));
  try {
    return await meter.median(hz, 500);
  } finally {
    meter.dispose();
  }
}

describe('MediaGraph', () => {
  let graph: MediaGraph;
  let tones: ToneStream[];
  const microphone = createToneMicrophone(MIC_HZ);

  beforeEach(() => {
    graph = new MediaGraph(microphone.getStream, new Logger());
    tones = [createToneStream(A_HZ), createToneStream(B_HZ)];
  });
  afterEach(() => {
    graph.dispose();
    for (const tone of tones) tone.stop();
  });
  after(() => microphone.stop());

  async function twoLegs() {
    const a = new Port();
    const b = new Port();
    graph.addLeg('a', a);
    graph.addLeg('b', b);
    const feedA = (await graph.streamFor('a')).getAudioTracks()[0]!;
    const feedB = (await graph.streamFor('b')).getAudioTracks()[0]!;
    a.sent = feedA;
    b.sent = feedB;
    graph.setRemote('a', tones[0]!.stream);
    graph.setRemote('b', tones[1]!.stream);
    return { a, b, feedA, feedB };
  }

  it('a plain call sends its own copy of the microphone, untouched by WebAudio; muting disables it', async () => {
    const { a, feedA } = await twoLegs();
    graph.route(routeCalls([{ legId: 'a', state: 'active', muted: false }]));
    expect(a.sent).to.equal(feedA);
    expect(feedA.enabled).to.equal(true);
    expect(await levelOf(feedA, MIC_HZ)).to.be.at.least(HEARD);
    graph.route(routeCalls([{ legId: 'a', state: 'active', muted: true }]));
    expect(a.sent).to.equal(feedA);
    expect(feedA.enabled).to.equal(false);
  });

  it('the speaker: the active leg plays, a held leg is muted', async () => {
    await twoLegs();
    graph.route(
      routeCalls([
        { legId: 'a', state: 'active', muted: false },
        { legId: 'b', state: 'held', muted: false },
      ]),
    );
    expect(graph.audioElement('a')?.muted).to.equal(false);
    expect(graph.audioElement('b')?.muted).to.equal(true);
    expect(graph.gain('a', SPEAKER)).to.equal(1);
    expect(graph.gain(MICROPHONE, 'b')).to.equal(0);
  });

  it('a mix: leg b is fed the microphone and leg a, never its own audio; back to its feed when the mix ends', async () => {
    const { b, feedB } = await twoLegs();
    const merge: Route[] = [
      { from: 'a', to: 'b', gain: 1 },
      { from: 'b', to: 'a', gain: 1 },
    ];
    graph.route(
      routeCalls(
        [
          { legId: 'a', state: 'active', muted: false },
          { legId: 'b', state: 'active', muted: false },
        ],
        merge,
      ),
    );
    // The first mix loads the mixer (WebAudio) first.
    const end = performance.now() + 3000;
    while (b.sent === feedB && performance.now() < end) await new Promise((r) => setTimeout(r, 10));
    const mixed = b.sent!;
    expect(mixed).to.not.equal(feedB);
    expect(await levelOf(mixed, MIC_HZ)).to.be.at.least(HEARD, 'b hears the agent');
    expect(await levelOf(mixed, A_HZ)).to.be.at.least(HEARD, 'b hears a');
    expect(await levelOf(mixed, B_HZ)).to.be.at.most(SILENT, 'b does not hear itself');

    graph.route(routeCalls([{ legId: 'b', state: 'active', muted: false }]));
    expect(b.sent).to.equal(feedB);
    expect(mixed.readyState).to.equal('ended');
  });

  it('removing the last leg releases the microphone', async () => {
    const { feedA, feedB } = await twoLegs();
    graph.removeLeg('a');
    expect(feedA.readyState).to.equal('ended');
    graph.removeLeg('b');
    expect(feedB.readyState).to.equal('ended');
    // A new leg opens the microphone again.
    graph.addLeg('c', new Port());
    const feedC = (await graph.streamFor('c')).getAudioTracks()[0]!;
    expect(feedC.readyState).to.equal('live');
  });
});
