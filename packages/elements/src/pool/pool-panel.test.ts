// Component tier: the Banner on a phone with a platform (the simulated
// platform beside the simulated contact center): "My status" both ways,
// "Calls in pool" live, "Take this call" answered with no other click, the
// race lost to another agent said in words; axe-core clean in each state.
import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import type { Phone } from '@cx/core';
import type { StartedSimulatedPlatform } from '@cx/core/testing';
import { CxBanner } from '../banner/banner.js';
import { CxSmallBanner } from '../small-banner/small-banner.js';
import { defineElements } from '../index.js';
import { memoryStorage } from '../preferences/preference-storage.js';
import { axeViolations } from '../testing/axe.js';
import {
  agentPhone,
  buttons,
  deepActiveElement,
  deepText,
  disposeAll,
  mount,
  nameOf,
  platformOption,
  queryAll,
  settle,
  simulatedPlatform,
  until,
} from '../testing/simulated-center.js';

defineElements();

async function withPlatform(): Promise<{ platform: StartedSimulatedPlatform; phone: Phone; banner: CxBanner }> {
  const platform = await simulatedPlatform();
  const phone = await agentPhone({ platform: platformOption(platform) });
  await until(() => phone.$me.get() !== undefined, '/me');
  const banner = new CxBanner();
  banner.storage = memoryStorage();
  banner.phone = phone;
  await mount(banner);
  return { platform, phone, banner };
}

const statusSelect = (root: Element): HTMLSelectElement => {
  const select = queryAll<HTMLSelectElement>(root, 'select').find((s) => nameOf(s) === 'My status');
  if (!select) throw new Error('no "My status" control');
  return select;
};
const salesQueue = (platform: StartedSimulatedPlatform): string =>
  [...platform.model.queues.values()].find((q) => q.name === 'Sales')!.id;
const userStatus = (platform: StartedSimulatedPlatform, extension: string): string | undefined =>
  [...platform.model.users.values()].find((u) => u.extension === extension)?.status;

describe('the Banner with a platform', () => {
  afterEach(disposeAll);

  it('"My status": Available, or Paused with the platform\'s reasons; a supervisor\'s change shows at once', async () => {
    const { platform, phone, banner } = await withPlatform();
    await until(() => queryAll(banner, 'select').some((s) => nameOf(s) === 'My status'), 'My status');
    const select = statusSelect(banner);
    expect([...select.options].map((o) => o.textContent?.trim())).to.deep.equal([
      'Available',
      'Paused: Lunch',
      'Paused: Training',
      'Paused: Break',
    ]);
    expect(await axeViolations(banner), 'available').to.deep.equal([]);

    select.value = [...select.options].find((o) => o.textContent?.includes('Training'))!.value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await until(() => phone.$agent.get() === 'paused', 'paused');
    await until(() => userStatus(platform, '1001') === 'paused', 'the platform to know');
    await settle(banner);
    expect(deepText(banner)).to.contain('Paused');
    expect(await axeViolations(banner), 'paused').to.deep.equal([]);

    platform.setStatus('1001', 'available');
    await until(() => statusSelect(banner).selectedOptions[0]?.textContent?.trim() === 'Available', 'the supervisor\'s change', 1000);
  });

  it('"Calls in pool" lists the calls live; "Take this call" connects it with no other click', async () => {
    const { platform, phone, banner } = await withPlatform();
    await until(() => queryAll(banner, '[aria-label="Calls in pool"], section').some((e) => deepText(e).includes('Calls in pool')), 'the region');
    const entry = platform.putInPool({ queueId: salesQueue(platform), caller: { number: '2101', name: 'Bob Smith' } });
    await until(() => buttons(banner, 'Take this call').length === 1, 'the pool entry');
    const text = deepText(banner);
    expect(text).to.contain('Sales').and.to.contain('Bob Smith');
    expect(await axeViolations(banner), 'pool with one call').to.deep.equal([]);

    // By keyboard: focus the button, Enter.
    buttons(banner, 'Take this call')[0]!.focus();
    expect(nameOf(deepActiveElement()!)).to.equal('Take this call');
    await sendKeys({ press: 'Enter' });
    await until(() => phone.$activeCall.get()?.state === 'active', 'the taken call, answered', 8000);
    expect(phone.$activeCall.get()?.info.interactionId).to.equal(entry.interactionId);
    await until(() => !deepText(banner).includes('Take this call'), 'the entry to be handled');
    expect(await axeViolations(banner), 'handling the taken call').to.deep.equal([]);
  });

  it('another agent was faster: the panel says so and nothing else changes', async () => {
    const { platform, phone, banner } = await withPlatform();
    const entry = platform.putInPool({ queueId: salesQueue(platform), caller: { number: '2102' } });
    await until(() => buttons(banner, 'Take this call').length === 1, 'the pool entry');
    const bruno = await agentPhone({ platform: platformOption(platform, '1002') }, true, '1002');
    await until(() => bruno.$me.get() !== undefined, '/me of the other agent');
    // Alice's click left before the pool said Bruno had it.
    const take = buttons(banner, 'Take this call')[0]!;
    await bruno.take(entry.interactionId);
    take.click();
    await until(() => deepText(banner).includes('Another agent took this call first.'), 'the refusal');
    expect(phone.$calls.get()).to.have.length(0);
    expect(await axeViolations(banner), 'refused').to.deep.equal([]);
  });

  it('a supervisor sees the calls being handled with "Monitor this call", and listens in', async () => {
    const platform = await simulatedPlatform();
    const alice = await agentPhone({ platform: platformOption(platform, '1001') });
    const dan = await agentPhone({ platform: platformOption(platform, '1005') }, true, '1005');
    await until(() => alice.$me.get() !== undefined && dan.$me.get() !== undefined, '/me of both');
    const banner = new CxBanner();
    banner.storage = memoryStorage();
    banner.phone = dan;
    await mount(banner);
    const entry = platform.putInPool({ queueId: salesQueue(platform), caller: { number: '2103', name: 'Zoe Blanc' } });
    await until(() => dan.$pool.get().some((e) => e.interactionId === entry.interactionId), 'the pool');
    await alice.take(entry.interactionId);
    await until(() => buttons(banner, 'Monitor this call').length === 1, 'the call being handled', 8000);
    expect(buttons(banner, 'Take this call')).to.have.length(0);
    expect(await axeViolations(banner), 'a handled call').to.deep.equal([]);
    buttons(banner, 'Monitor this call')[0]!.click();
    await until(() => buttons(banner, 'Talk to agent').length === 1, 'the monitoring', 8000);
    expect(deepText(banner)).to.contain('Listening');
    expect(await axeViolations(banner), 'monitoring').to.deep.equal([]);
    buttons(banner, 'Stop monitoring')[0]!.click();
    await until(() => buttons(banner, 'Talk to agent').length === 0, 'the end of the monitoring');
  });

  it('the small banner has a compact "My status"', async () => {
    const platform = await simulatedPlatform();
    const phone = await agentPhone({ platform: platformOption(platform) });
    const bar = new CxSmallBanner();
    bar.phone = phone;
    await mount(bar);
    await until(() => queryAll(bar, 'select').some((s) => nameOf(s) === 'My status'), 'My status');
    expect(await axeViolations(bar), 'small banner').to.deep.equal([]);
  });
});
