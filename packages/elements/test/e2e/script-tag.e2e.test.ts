// End to end, as a CRM vendor embeds it: a page loads the built script-tag
// file cx-banner.js, a <cx-banner> takes a real call through the real
// Kamailio, and the agent works it by clicking buttons found by their
// accessible names. Audio is checked by frequency in both directions.
import { expect } from '@esm-bundle/chai';
import type { Call, Phone } from '@cx/core';
import { createToneMicrophone, FrequencyMeter, SimulatedCustomer } from '@cx/core/testing';
import { AGENT_HZ, CUSTOMER_HZ, HEARD, SILENT, account, button, click, env, loadScriptTag, settle, until, type CX } from './support.js';

describe('cx-banner.js in a page, on a real SIP server', () => {
  let CX: CX;
  let phone: Phone;
  let bob: SimulatedCustomer;
  const microphone = createToneMicrophone(AGENT_HZ);

  before(async () => {
    CX = await loadScriptTag('/packages/elements/dist/cx-banner.js');
  });

  after(async () => {
    await phone?.disconnect();
    await bob?.dispose();
    microphone.stop();
  });

  it('defines the elements and exposes CX', () => {
    expect(customElements.get('cx-banner')).to.be.a('function');
    expect(customElements.get('cx-small-banner')).to.be.a('function');
    expect(customElements.get('cx-call-popup')).to.be.a('function');
    expect(CX.createPhone).to.be.a('function');
  });

  it('answers, mutes, holds, keys and hangs up a call by clicking the buttons', async () => {
    const banner = document.createElement('cx-banner') as HTMLElement & { phone: Phone | undefined };
    document.body.append(banner);
    const { aor, password } = account('1003');
    phone = CX.createPhone({
      sip: { server: env.wsUrl, aor, password, dtmf: 'info' },
      media: { getStream: microphone.getStream },
    });
    banner.phone = phone;
    await phone.connect();
    // The call panels load once the phone is registered, before any call, so that Accept never waits for them.
    await until(() => customElements.get('cx-active-call') !== undefined && customElements.get('cx-call-box') !== undefined, 'the call panels');

    const customer = account('2003');
    bob = new SimulatedCustomer({ server: env.wsUrl, aor: customer.aor, password: customer.password, frequency: CUSTOMER_HZ, displayName: 'Bob Martin' });
    await bob.connect();
    await bob.dial(`sip:1003@${env.domain}`, { 'X-CX-Queue': 'Sales', 'X-CX-Call-Type': 'smart' });

    await click('Accept');
    await bob.waitFor('active');
    const call = phone.$activeCall.get() as Call;
    const meter = new FrequencyMeter(phone.mediaOf(call).remoteStream!);
    const agentHears = () => meter.median(CUSTOMER_HZ, 400);
    const customerHears = () => bob.hears(AGENT_HZ, 400);
    expect(await settle(agentHears, true)).to.be.at.least(HEARD, 'agent hears the customer');
    expect(await settle(customerHears, true)).to.be.at.least(HEARD, 'customer hears the agent');

    await click('Mute my mic');
    await button('Reactivate my mic');
    expect(await settle(customerHears, false)).to.be.at.most(SILENT, 'muted: the customer hears nothing');
    expect(await settle(agentHears, true)).to.be.at.least(HEARD, 'muted: the agent still hears');
    await click('Reactivate my mic');
    expect(await settle(customerHears, true)).to.be.at.least(HEARD, 'unmuted');

    await click('Place on hold');
    await button('Exit the hold');
    await until(() => bob.call?.snapshot.remoteHeld === true, 'the customer to be held');
    expect(await settle(customerHears, false)).to.be.at.most(SILENT, 'held: the customer hears nothing');
    await click('Exit the hold');
    await until(() => bob.call?.snapshot.remoteHeld === false, 'the customer to be resumed');
    expect(await settle(customerHears, true)).to.be.at.least(HEARD, 'resumed: the customer hears the agent');

    await click('Phone keypad');
    for (const key of ['4', '2', '#']) await click(key);
    await until(() => bob.receivedDtmf.length === 3, 'three digits at the customer');
    expect(bob.receivedDtmf).to.deep.equal(['4', '2', '#']);

    await click('Hang up');
    await bob.waitFor('ended');
    expect(call.snapshot.endReason).to.equal('local-hangup');
    meter.dispose();
  });
});
