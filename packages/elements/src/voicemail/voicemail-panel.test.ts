// Component tier: the Banner's "Voicemail" region on the simulated platform:
// the messages with their transcription and count, Play heard at the
// message's tone, Mark as heard on the platform; axe-core clean.
import { expect } from '@esm-bundle/chai';
import { FrequencyMeter } from '@cx/core/testing';
import { CxBanner } from '../banner/banner.js';
import { defineElements } from '../index.js';
import { memoryStorage } from '../preferences/preference-storage.js';
import { axeViolations } from '../testing/axe.js';
import { agentPhone, buttons, deepText, disposeAll, mount, platformOption, queryAll, simulatedPlatform, until } from '../testing/simulated-center.js';
import type { CxVoicemail } from './voicemail-panel.js';

defineElements();

describe('<cx-banner> voicemail', () => {
  afterEach(disposeAll);

  it('lists the messages; Play is heard at the message\'s tone; Mark as heard reaches the platform', async () => {
    const platform = await simulatedPlatform();
    const phone = await agentPhone({ platform: platformOption(platform) });
    const banner = new CxBanner();
    banner.storage = memoryStorage();
    banner.phone = phone;
    await mount(banner);
    const region = (): CxVoicemail | undefined => queryAll<CxVoicemail>(banner, 'cx-voicemail')[0];
    await until(() => region() !== undefined && deepText(region()!).includes('Eve Laurent'), 'the region');
    expect(deepText(region()!)).to.contain('Voicemail').and.to.contain('Hello, please call me back about my order.');
    expect(queryAll(region()!, '[part~="mailbox"]')[0]?.textContent?.replace(/\s+/g, ' ').trim()).to.equal('Email notification: on, to alice.martin@example.com.');
    expect(queryAll(region()!, '[part~="badge"]')[0]?.textContent?.trim()).to.equal('1');
    expect(await axeViolations(banner), 'one unheard message').to.deep.equal([]);

    buttons(region()!, 'Play')[0]!.click();
    await until(() => region()!.player !== undefined, 'the message to play');
    const player = region()!.player! as HTMLAudioElement & { captureStream(): MediaStream };
    player.loop = true;
    const stream = player.captureStream();
    await until(() => stream.getAudioTracks().length > 0, 'the audio to flow');
    const meter = new FrequencyMeter(stream);
    try {
      expect(await meter.median(440, 500), 'the 440 Hz message is heard').to.be.above(-45);
    } finally {
      meter.dispose();
    }
    buttons(region()!, 'Stop')[0]!.click();

    buttons(region()!, 'Mark as heard')[0]!.click();
    await until(() => queryAll(region()!, '[part~="badge"]').length === 0, 'the count to clear');
    expect(platform.model.voicemails.find((v) => v.caller.name === 'Eve Laurent')?.heard).to.equal(true);
    expect(await axeViolations(banner), 'all heard').to.deep.equal([]);
  });
});
