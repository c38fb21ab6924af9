// Component tier: the agent has two tabs, each with a Banner. The offer pops
// up in both; Accept in the tab that does not hold answers it; when the
// holding tab closes mid-call, the other Banner says the call was lost with
// it, then shows the call again once taken over (Replaces).
import { expect } from '@esm-bundle/chai';
import { closeTab } from '@cx/core/testing';
import { defineElements } from '../index.js';
import { memoryStorage } from '../preferences/preference-storage.js';
import { axeViolations } from '../testing/axe.js';
import { agentPhone, contactCenter, customer, deepText, disposeAll, mount, queryAll, until } from '../testing/simulated-center.js';
import { CxBanner } from './banner.js';

defineElements();

async function bannerOf(phone: CxBanner['phone']): Promise<CxBanner> {
  const banner = new CxBanner();
  banner.storage = memoryStorage();
  banner.phone = phone;
  return mount(banner);
}

/** The visible button named `name` inside `root`'s shadow trees. */
function buttonIn(root: Element, name: string): HTMLButtonElement | undefined {
  return queryAll(root, 'button').find((b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim() === name) as HTMLButtonElement | undefined;
}

describe('<cx-banner> in two tabs of one agent', function () {
  this.timeout(30_000);
  afterEach(disposeAll);

  it('rings in both, answers from the tab that does not hold, and says so when the holding tab closes mid-call', async () => {
    const holder = await agentPhone();
    const other = await agentPhone();
    expect(other.holdsRegistration).to.equal(false);
    const [a, b] = [await bannerOf(holder), await bannerOf(other)];
    const bob = await customer({ displayName: 'Bob Martin' });
    await bob.dial((await contactCenter()).address('1001'));
    await until(() => buttonIn(a, 'Accept') !== undefined && buttonIn(b, 'Accept') !== undefined, 'the popup in both tabs');
    buttonIn(b, 'Accept')!.click();
    await bob.waitFor('active');
    await until(() => queryAll(a, 'cx-active-call').length === 1 && queryAll(b, 'cx-active-call').length === 1, 'the call panel in both tabs');

    closeTab(holder);
    await until(() => deepText(b).includes('was lost with its tab'), 'the notice of the lost call');
    const notice = queryAll(b, '[part~="lost-call"]')[0]!;
    expect(notice.getAttribute('role')).to.equal('alert');
    expect(notice.textContent).to.include('Bob Martin');
    expect(await axeViolations(b), 'with the notice').to.deep.equal([]);

    await until(() => other.holdsRegistration && other.$activeCall.get()?.state === 'active', 'the call taken over');
    await until(() => queryAll(b, '[part~="lost-call"]').length === 0 && queryAll(b, 'cx-active-call').length === 1, 'the call panel again, the notice gone');
    expect(bob.call?.state).to.equal('active');
  });
});
