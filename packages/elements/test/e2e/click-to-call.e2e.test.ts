// End to end, as a CRM vendor wires click-to-call: a page loads the built
// script-tag file cx-banner.js, `CX.enableClickToCall(phone)` takes a click
// on a plain `tel:` link of the page, and a customer registered on the real
// Kamailio rings and answers; audio is checked by frequency both ways.
import { expect } from '@esm-bundle/chai';
import type { CallHandle, Phone } from '@cx/core';
import { createToneMicrophone, FrequencyMeter, SimulatedCustomer } from '@cx/core/testing';
import { AGENT_HZ, CUSTOMER_HZ, HEARD, account, env, loadScriptTag, settle, type CX } from './support.js';

describe('click-to-call from the script tag, on a real SIP server', () => {
  let CX: CX;
  let phone: Phone | undefined;
  let carol: SimulatedCustomer | undefined;
  let off: (() => void) | undefined;
  const microphone = createToneMicrophone(AGENT_HZ);

  before(async () => {
    CX = await loadScriptTag('/packages/elements/dist/cx-banner.js');
  });

  after(async () => {
    off?.();
    await phone?.disconnect();
    await carol?.dispose();
    microphone.stop();
  });

  it('a click on a tel: link calls the customer, who answers; both hear each other', async () => {
    const { aor, password } = account('1008');
    phone = CX.createPhone({ sip: { server: env.wsUrl, aor, password }, media: { getStream: microphone.getStream }, tabs: 'independent' });
    await phone.connect();
    const customer = account('2004');
    carol = new SimulatedCustomer({ server: env.wsUrl, aor: customer.aor, password: customer.password, frequency: CUSTOMER_HZ });
    await carol.connect();

    const enabled = CX.enableClickToCall(phone);
    await enabled.ready;
    off = enabled;
    // Added after enabling, as a CRM renders its records: one listener on the document takes it.
    const link = document.createElement('a');
    link.href = 'tel:20%2004';
    link.textContent = 'Call Carol';
    document.body.append(link);
    const placed = new Promise<CallHandle>((resolve) => phone!.on('call:outgoing', resolve));
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    link.dispatchEvent(click);
    expect(click.defaultPrevented, 'the page does not follow the link').to.equal(true);

    const call = await placed;
    expect(call.info.remote.number).to.equal('2004');
    await carol.waitFor('active');
    const meter = new FrequencyMeter(phone.mediaOf(call).remoteStream!);
    expect(await settle(() => meter.median(CUSTOMER_HZ, 400), true)).to.be.at.least(HEARD, 'the agent hears the customer');
    expect(await settle(() => carol!.hears(AGENT_HZ, 400), true)).to.be.at.least(HEARD, 'the customer hears the agent');
    meter.dispose();
    await call.hangup();
    await carol.waitFor('ended');
  });
});
