// Component tier: the Banner's "Missed calls" region on the simulated contact
// center: it appears with the first missed call, counts those not called
// back, and Call back places the call, which marks it called back.
import { expect } from '@esm-bundle/chai';
import { CxBanner } from '../banner/banner.js';
import { defineElements } from '../index.js';
import { memoryStorage } from '../preferences/preference-storage.js';
import { axeViolations } from '../testing/axe.js';
import { agentPhone, customer, deepText, disposeAll, mount, queryAll, ring, until } from '../testing/simulated-center.js';

defineElements();

describe('<cx-banner> missed calls', () => {
  afterEach(disposeAll);

  it('a declined call shows in "Missed calls" with a count; Call back calls the number and clears the count', async () => {
    const phone = await agentPhone();
    const banner = new CxBanner();
    banner.storage = memoryStorage();
    banner.phone = phone;
    await mount(banner);
    expect(queryAll(banner, 'cx-missed-calls')).to.have.length(0);

    const bob = await customer({ user: '2301', displayName: 'Bob Missed', autoAnswer: false });
    const call = await ring(phone, bob);
    await call.decline();
    const region = (): Element | undefined => queryAll(banner, 'cx-missed-calls')[0];
    await until(() => region() !== undefined && deepText(region()!).includes('Bob Missed'), 'the region');
    const text = deepText(region()!);
    expect(text).to.contain('Missed calls').and.to.contain('Declined');
    expect(queryAll(region()!, '[part~="badge"]')[0]?.textContent?.trim()).to.equal('1');
    expect(await axeViolations(banner), 'one missed call').to.deep.equal([]);

    // Bob is reachable now: Call back places the call; once connected, it is called back.
    await bob.dispose();
    await customer({ user: '2301', displayName: 'Bob Missed' });
    const callBack = queryAll<HTMLButtonElement>(region()!, 'button').find((b) => b.getAttribute('aria-label') === 'Call back')!;
    callBack.click();
    await until(() => phone.$activeCall.get()?.state === 'active', 'the call back', 8000);
    await until(() => queryAll(region()!, '[part~="badge"]').length === 0, 'the count to clear');
    expect(deepText(region()!)).to.contain('Called back');
    expect(await axeViolations(banner), 'called back').to.deep.equal([]);
  });
});
