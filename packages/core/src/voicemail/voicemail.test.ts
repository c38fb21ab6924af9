// Component tier: voicemail from the simulated platform, in Chromium: the
// list, a new message by event, its audio fetched with the token and heard
// at its frequency, marked heard on the platform.
import { expect } from '@esm-bundle/chai';
import { isCxError } from '../index.js';
import { FrequencyMeter, startSimulatedPlatform, toneWav, type StartedSimulatedPlatform } from '../testing/index.js';
import { startKit, until, type Kit } from '../../test/support/phone-kit.js';

let kit: Kit;
let platform: StartedSimulatedPlatform;

/** Plays the audio and measures its level at `hz` (dBFS). */
async function levelOf(blob: Blob, hz: number): Promise<number> {
  const context = new AudioContext();
  const buffer = await context.decodeAudioData(await blob.arrayBuffer());
  const source = context.createBufferSource();
  source.buffer = buffer;
  source.loop = true;
  const out = context.createMediaStreamDestination();
  source.connect(out);
  source.start();
  const meter = new FrequencyMeter(out.stream);
  try {
    return await meter.median(hz, 400);
  } finally {
    meter.dispose();
    source.stop();
    await context.close();
  }
}

describe('voicemail', () => {
  beforeEach(async () => {
    kit = await startKit();
    platform = await startSimulatedPlatform();
  });
  afterEach(async () => {
    await kit.stop();
    await platform.stop();
  });

  it('lists the messages, receives a new one, fetches its audio with the token and plays it', async () => {
    const phone = kit.agent('1001', { platform: { baseUrl: platform.baseUrl, token: platform.token } });
    await phone.connect();
    await until(() => phone.$voicemails.get().length === 1, "the platform's voicemail");
    expect(phone.$voicemails.get()[0]).to.include({ heard: false, transcription: 'Hello, please call me back about my order.' });

    const added = platform.addVoicemail({ caller: { number: '+33611000002', name: 'Ines Garcia' }, duration: 2, audio: toneWav(2, 660, 16000) });
    await until(() => phone.$voicemails.get()[0]?.id === added.id, 'the voicemail event');

    const audio = await phone.voicemailAudio(added.id);
    expect(audio.type).to.match(/^audio\//);
    expect(await levelOf(audio, 660), 'the message is heard at its tone').to.be.above(-40);

    // Played by the phone (its media graph owns the element); the next one stops it; the phone's end stops all.
    const first = await phone.playVoicemail(added.id);
    expect(first.audio.paused).to.equal(false);
    const second = await phone.playVoicemail(added.id);
    await first.ended;
    expect(first.audio.paused).to.equal(true);
    expect(second.audio.paused).to.equal(false);
    await phone.destroy();
    expect(second.audio.paused, 'stopped with the phone').to.equal(true);
    await second.ended;
  });

  it('marking heard shows at once', async () => {
    const phone = kit.agent('1001', { platform: { baseUrl: platform.baseUrl, token: platform.token } });
    await phone.connect();
    await until(() => phone.$voicemails.get().length === 1, "the platform's voicemail");
    const added = phone.$voicemails.get()[0]!;
    await phone.markHeard(added.id);
    expect(phone.$voicemails.get().find((v) => v.id === added.id)?.heard).to.equal(true);
    expect(platform.model.voicemails.find((v) => v.id === added.id)?.heard).to.equal(true);
  });

  it('without a platform there is none, and markHeard says why', async () => {
    const phone = kit.agent('1001');
    await phone.connect();
    expect(phone.$voicemails.get()).to.deep.equal([]);
    const error = await phone.markHeard('v-1').catch((e: unknown) => e);
    expect(isCxError(error, 'no-platform')).to.equal(true);
  });
});
