import { expect } from '@esm-bundle/chai';
import type { Call, CallHandle, Phone } from '@cx/core';
import { CxBanner } from '../banner/banner.js';
import { defineElements } from '../define.js';
import { memoryStorage } from '../preferences/preference-storage.js';
import { axeViolations } from '../testing/axe.js';
import { expectHarmless, HOSTILE_NAME } from '../testing/hostile.js';
import {
  agentPhone,
  button,
  buttons,
  customer,
  deepText,
  disposeAll,
  mount,
  pressShortcut,
  ring,
  settle,
  sleep,
  until,
} from '../testing/simulated-center.js';
import { CxSmallBanner } from './small-banner.js';

defineElements();

async function smallFor(phone: Phone, setup: (small: CxSmallBanner) => void = () => undefined): Promise<CxSmallBanner> {
  const small = new CxSmallBanner();
  small.phone = phone;
  setup(small);
  return mount(small);
}

async function shown(element: Element, check: () => boolean, what: string): Promise<void> {
  await until(check, what);
  await settle(element);
}

describe('<cx-small-banner>', () => {
  afterEach(disposeAll);

  it('shows the agent status, and is accessible while idle', async () => {
    const phone = await agentPhone();
    const small = await smallFor(phone);
    expect(small.shadowRoot?.querySelector('[part="status"]')?.textContent).to.contain('Available');
    expect(await axeViolations(small)).to.deep.equal([]);
  });

  it('takes a ringing call with Accept, then mutes, holds and hangs it up', async () => {
    const phone = await agentPhone();
    const small = await smallFor(phone);
    const bob = await customer({ displayName: 'Bob Smith' });
    const call = await ring(phone, bob, { 'X-CX-Call-Type': 'preview' });
    await settle(small);
    expect(deepText(small)).to.contain('Bob Smith').and.to.contain('Preview call');
    expect(small.shadowRoot?.querySelector('[part="ringing"]')?.classList.contains('lilac')).to.equal(true);
    expect(small.shadowRoot?.querySelector('[role="alert"]')?.textContent).to.contain('Preview call from Bob Smith');
    expect(await axeViolations(small), 'ringing').to.deep.equal([]);

    button(small, 'Accept').click();
    await shown(small, () => call.state === 'active', 'the call to be answered');
    await bob.waitFor('active');
    expect(buttons(small, 'Accept')).to.have.length(0);
    expect(small.shadowRoot?.querySelector('cx-call-timer')).not.to.equal(null);
    expect(await axeViolations(small), 'active').to.deep.equal([]);

    button(small, 'Mute my mic').click();
    await shown(small, () => call.muted, 'muted');
    expect(button(small, 'Reactivate my mic').getAttribute('aria-pressed')).to.equal('true');
    expect(await axeViolations(small), 'muted').to.deep.equal([]);

    button(small, 'Place on hold').click();
    await shown(small, () => call.state === 'held', 'held');
    await until(() => bob.call?.snapshot.remoteHeld === true, 'the caller to be told');
    expect(await axeViolations(small), 'held').to.deep.equal([]);
    button(small, 'Exit the hold').click();
    await shown(small, () => call.state === 'active', 'resumed');

    button(small, 'Hang up').click();
    await shown(small, () => call.ended, 'ended');
    await bob.waitFor('ended');
    expect(buttons(small, 'Hang up')).to.have.length(0);
  });

  it('Decline refuses the ringing call', async () => {
    const phone = await agentPhone();
    const small = await smallFor(phone);
    const call = await ring(phone, await customer());
    await settle(small);
    button(small, 'Decline').click();
    await until(() => call.ended, 'declined');
    expect(call.snapshot.endReason).to.equal('declined');
  });

  describe('access rights', () => {
    it("shows only the calls the phone's profile allows from the small banner, and says another call is in progress", async () => {
      const phone = await agentPhone({ profile: { smallBanner: { queues: ['Sales'] } } });
      const small = await smallFor(phone);
      const incoming: CallHandle[] = [];
      small.addEventListener('cx-call-incoming', (event) => incoming.push(event.detail.call));
      const vip = await ring(phone, await customer({ displayName: 'Very Important' }), { 'X-CX-Queue': 'VIP' });
      await settle(small);
      expect(phone.allowsSmallBanner(vip)).to.equal(false);
      expect(buttons(small, 'Accept')).to.have.length(0);
      expect(deepText(small)).not.to.contain('Very Important');
      expect(deepText(small)).to.contain('A call is in progress (not shown here)');
      expect(incoming, 'no event for a call it may not show').to.deep.equal([]);
      await pressShortcut('A');
      await sleep(300);
      expect(vip.state, 'nor can its shortcuts take it').to.equal('ringing');
      await vip.decline();

      const sales = await ring(phone, await customer({ displayName: 'Sales Sam' }), { 'X-CX-Queue': 'Sales' });
      await settle(small);
      expect(deepText(small)).to.contain('Sales Sam');
      expect(buttons(small, 'Accept')).to.have.length(1);
      await sales.decline();

      const direct = await ring(phone, await customer({ displayName: 'Direct Dora' }));
      await settle(small);
      expect(deepText(small), 'a direct call follows the profile, which does not say false').to.contain('Direct Dora');
      expect(incoming).to.deep.equal([sales, direct]);
    });

    it('the INVITE says it per call with X-CX-Small-Banner, over the profile', async () => {
      const phone = await agentPhone({ profile: { smallBanner: false } });
      const small = await smallFor(phone);
      const hidden = await ring(phone, await customer({ displayName: 'Hidden Hank' }));
      await settle(small);
      expect(deepText(small)).not.to.contain('Hidden Hank');
      expect(deepText(small)).to.contain('A call is in progress (not shown here)');
      await hidden.decline();

      const allowed = await ring(phone, await customer({ displayName: 'Allowed Alice' }), {
        'X-CX-Queue': 'VIP',
        'X-CX-Small-Banner': 'allow',
      });
      await settle(small);
      expect(deepText(small)).to.contain('Allowed Alice');
      expect(buttons(small, 'Accept')).to.have.length(1);
      await allowed.decline();
      await phone.disconnect();

      const open = await agentPhone();
      const other = await smallFor(open);
      await ring(open, await customer({ displayName: 'Denied Dan' }), { 'X-CX-Small-Banner': 'deny' });
      await settle(other);
      expect(deepText(other)).not.to.contain('Denied Dan');
      expect(buttons(other, 'Accept')).to.have.length(0);
    });
  });

  describe('beside <cx-banner> on the same phone', () => {
    it('both show the same call, and a command in one shows in the other', async () => {
      const phone = await agentPhone();
      const banner = new CxBanner();
      banner.storage = memoryStorage();
      banner.phone = phone;
      await mount(banner);
      const small = await smallFor(phone);
      const call = await ring(phone, await customer({ displayName: 'Bob Smith' }));
      await settle(banner);
      await settle(small);
      expect(buttons(banner, 'Accept')).to.have.length(1);
      expect(buttons(small, 'Accept')).to.have.length(1);
      button(small, 'Accept').click();
      await shown(banner, () => call.state === 'active', 'answered');
      await settle(small);
      expect(deepText(banner.shadowRoot?.querySelector('cx-active-call') as Element)).to.contain('Bob Smith');
      button(banner, 'Mute my mic').click();
      await shown(small, () => call.muted, 'muted');
      expect(button(small, 'Reactivate my mic').getAttribute('aria-pressed')).to.equal('true');
      expect(await axeViolations(document.querySelector('main') as Element), 'both in one page').to.deep.equal([]);
    });

    it('a shortcut acts once, not once per element', async () => {
      const phone = await agentPhone();
      const banner = new CxBanner();
      banner.storage = memoryStorage();
      banner.phone = phone;
      await mount(banner);
      const small = await smallFor(phone);
      const requests: string[] = [];
      const record = (event: Event): void => void requests.push(event.type);
      document.addEventListener('cx-accept-request', record);
      const call = await ring(phone, await customer());
      await settle(banner);
      await settle(small);
      await pressShortcut('A');
      await until(() => call.state === 'active', 'the shortcut to accept');
      await sleep(200);
      expect(requests).to.deep.equal(['cx-accept-request']);
      await pressShortcut('M');
      await until(() => call.muted, 'the shortcut to mute');
      await sleep(200);
      expect(call.muted, 'muted once, not muted and unmuted').to.equal(true);
      document.removeEventListener('cx-accept-request', record);
    });
  });

  it("shows the contact name of the phone's lookup, for the ringing and the active call", async () => {
    const phone = await agentPhone({ contacts: { lookup: async () => 'Robert Smith (CRM)' } });
    const small = await smallFor(phone);
    const call = await ring(phone, await customer({ displayName: 'bob' }));
    await shown(small, () => deepText(small).includes('Robert Smith (CRM)'), 'the contact name while ringing');
    expect(deepText(small)).not.to.contain('bob');
    button(small, 'Accept').click();
    await shown(small, () => call.state === 'active', 'answered');
    expect(small.shadowRoot?.querySelector('[part="call"] [part="caller"]')?.textContent).to.contain('Robert Smith (CRM)');
  });

  it('shows a hostile caller name as harmless text', async () => {
    const phone = await agentPhone();
    const small = await smallFor(phone);
    const call = await ring(phone, await customer({ displayName: HOSTILE_NAME }));
    await settle(small);
    expectHarmless(small);
    await call.accept();
    await settle(small);
    expectHarmless(small);
  });
});
