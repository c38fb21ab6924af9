// End to end on the real Kamailio: a 3-way merge in the agent's browser and
// recordings of it, proved by ear (and by decoding the file). The agent
// (1001) speaks at 1130 Hz, Bob (2001) at 470 Hz, Carol (2002) at 820 Hz.
import { expect } from '@esm-bundle/chai';
import type { Call, RecordingFile } from '../../src/index.js';
import type { SimulatedCustomer } from '../../src/testing/index.js';
import { AGENT_HZ, CUSTOMER_HZ, HEARD, SILENT, agent, customer, disposeAll, env, next, sleep, until } from './support.js';

const CAROL_HZ = 820;
const uri = (user: string): string => `sip:${user}@${env.domain}`;

async function level(who: SimulatedCustomer, hz: number, heard: boolean, timeout = 6000): Promise<number> {
  const end = performance.now() + timeout;
  let value = -Infinity;
  do value = await who.hears(hz, 400);
  while ((heard ? value < HEARD : value > SILENT) && performance.now() < end);
  return value;
}

/** The loudest level of `hz` in a decoded recording, dBFS, over windows of 4096 samples. */
function toneLevel(buffer: AudioBuffer, hz: number, from = 0, to = buffer.duration): number {
  const data = buffer.getChannelData(0);
  const rate = buffer.sampleRate;
  const size = 4096;
  let best = -Infinity;
  for (let start = Math.floor(from * rate); start + size <= Math.min(data.length, to * rate); start += size) {
    // Goertzel: the energy at one frequency.
    const k = Math.round((size * hz) / rate);
    const w = (2 * Math.PI * k) / size;
    const coeff = 2 * Math.cos(w);
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < size; i++) {
      const s = (data[start + i] ?? 0) + coeff * s1 - s2;
      s2 = s1;
      s1 = s;
    }
    const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
    best = Math.max(best, 20 * Math.log10((2 * Math.sqrt(Math.max(power, 0))) / size + 1e-12));
  }
  return best;
}

async function decode(file: RecordingFile): Promise<AudioBuffer> {
  const context = new AudioContext();
  try {
    return await context.decodeAudioData(await file.blob.arrayBuffer());
  } finally {
    await context.close();
  }
}

describe('merge and recording over a real SIP server', () => {
  afterEach(disposeAll);

  async function twoCalls() {
    const { phone } = await agent('1001');
    const bob = await customer('2001');
    const carol = await customer('2002', { frequency: CAROL_HZ });
    const first = next(phone, 'call:incoming');
    await bob.dial(uri('1001'));
    const [a] = (await first) as [Call];
    await a.accept();
    await bob.waitFor('active');
    const second = next(phone, 'call:incoming');
    await carol.dial(uri('1001'));
    const [b] = (await second) as [Call];
    await b.accept();
    await carol.waitFor('active');
    return { phone, bob, carol, a, b };
  }

  it('merge: each of the three hears the other two; mute silences the agent toward both; one leaving keeps the others talking', async () => {
    const { phone, bob, carol, a, b } = await twoCalls();
    expect([a.state, b.state]).to.deep.equal(['held', 'active']);
    expect(a.snapshot.can.merge && b.snapshot.can.merge).to.equal(true);
    const conference = await phone.merge(a, b);
    expect([a.state, b.state]).to.deep.equal(['active', 'active']);
    expect(conference.calls).to.have.length(2);
    expect(await level(bob, CAROL_HZ, true)).to.be.at.least(HEARD, 'Bob hears Carol');
    expect(await level(bob, AGENT_HZ, true)).to.be.at.least(HEARD, 'Bob hears the agent');
    expect(await level(carol, CUSTOMER_HZ, true)).to.be.at.least(HEARD, 'Carol hears Bob');
    expect(await level(carol, AGENT_HZ, true)).to.be.at.least(HEARD, 'Carol hears the agent');

    await a.mute(true);
    await until(() => b.muted, 3000, 'the mute to cover both');
    expect(await level(bob, AGENT_HZ, false)).to.be.at.most(SILENT, 'Bob no longer hears the agent');
    expect(await level(carol, AGENT_HZ, false)).to.be.at.most(SILENT, 'nor does Carol');
    expect(await level(carol, CUSTOMER_HZ, true)).to.be.at.least(HEARD, 'Carol still hears Bob');
    await a.mute(false);

    await bob.call!.hangup();
    await until(() => a.ended, 5000, "Bob's call to end");
    await until(() => conference.calls.length === 1, 3000, 'the conference to shrink');
    expect(b.state).to.equal('active');
    expect(await level(carol, AGENT_HZ, true)).to.be.at.least(HEARD, 'Carol and the agent still talk');
  });

  it('recording: the file decodes, lasts as long as it should, and holds both tones (the third after a merge)', async () => {
    const { phone, a, b } = await twoCalls();
    const ready = next(phone, 'recording:ready', 20_000);
    expect(b.snapshot.can.record).to.equal(true);
    const started = performance.now();
    await b.startRecording();
    expect(b.snapshot.recording).to.equal(true);
    await sleep(2500);
    await phone.merge(a, b);
    await sleep(2500);
    await b.stopRecording();
    const elapsed = (performance.now() - started) / 1000;
    const [call, file] = (await ready) as [Call, RecordingFile];
    expect(call).to.equal(b);
    expect(b.snapshot.recording).to.equal(false);
    expect(file.mimeType).to.match(/^audio\/(webm|ogg)/);
    expect(file.duration).to.be.within(elapsed - 1, elapsed + 1);
    const audio = await decode(file);
    expect(audio.duration).to.be.within(elapsed - 1, elapsed + 1);
    expect(toneLevel(audio, AGENT_HZ), 'the agent').to.be.above(-45);
    expect(toneLevel(audio, CAROL_HZ), 'Carol').to.be.above(-45);
    const bobAfter = toneLevel(audio, CUSTOMER_HZ, 3.5);
    expect(bobAfter, 'Bob, after the merge').to.be.above(-45);
    expect(toneLevel(audio, CUSTOMER_HZ, 0, 2), 'Bob, held before the merge, is not in it').to.be.below(bobAfter - 10);
  });

  it('a recording stops with its call; recording "off" (X-CX-Recording) is refused', async () => {
    const { phone } = await agent('1001');
    const bob = await customer('2001');
    const incoming = next(phone, 'call:incoming');
    await bob.dial(uri('1001'), { 'X-CX-Recording': 'off' });
    const [call] = (await incoming) as [Call];
    await call.accept();
    expect(call.snapshot.can.record).to.equal(false);
    try {
      await call.startRecording();
      expect.fail('recording is off for this call');
    } catch (error) {
      expect((error as { code?: string }).code).to.equal('invalid-state');
    }
    const carol = await customer('2002');
    const second = next(phone, 'call:incoming');
    await carol.dial(uri('1001'), { 'X-CX-Recording': 'auto' });
    const [auto] = (await second) as [Call];
    const ready = next(phone, 'recording:ready', 20_000);
    await auto.accept();
    await until(() => auto.snapshot.recording, 5000, 'the automatic recording');
    await sleep(1500);
    await carol.call!.hangup();
    const [, file] = (await ready) as [Call, RecordingFile];
    expect(file.blob.size).to.be.above(0);
    expect(file.duration).to.be.within(1, 4);
  });
});
