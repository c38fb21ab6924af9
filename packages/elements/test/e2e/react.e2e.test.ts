// End to end, as a React application embeds the Banner: the React example of
// the demo (packages/demo/react, compiled by tsc and bundled by rollup with
// React and @cx/elements/react: `npm run build`) renders <CxBanner> with a
// phone on the real Kamailio. Accept, clicked by its accessible name, fires
// the component's onCxCallAccepted prop (the example's screen pop shows the
// caller), and both sides hear each other, checked by frequency.
import { expect } from '@esm-bundle/chai';
import { createPhone, type Call, type Phone, type PhoneApi } from '@cx/core';
import { createToneMicrophone, FrequencyMeter, SimulatedCustomer } from '@cx/core/testing';
import type { CxCallAcceptedEvent } from '@cx/elements';
import { AGENT_HZ, CUSTOMER_HZ, HEARD, account, click, env, settle, until } from './support.js';

/** What the example's react-crm.js exports (packages/demo/react/src/mount.tsx). */
interface ReactCrm {
  mountCrm(container: Element, props: { phone: PhoneApi; onCallAccepted?: (event: CxCallAcceptedEvent) => void }): () => void;
}
const BUNDLE = '/packages/demo/dist/react/react-crm.js';

describe('the React example (<CxBanner> of @cx/elements/react), on a real SIP server', () => {
  let phone: Phone;
  let bob: SimulatedCustomer;
  let unmount: (() => void) | undefined;
  const microphone = createToneMicrophone(AGENT_HZ);

  after(async () => {
    unmount?.();
    await phone?.disconnect();
    await bob?.dispose();
    microphone.stop();
  });

  it('answers a call with Accept: onCxCallAccepted fires with the call, and audio flows both ways', async () => {
    const { mountCrm } = (await import(/* @vite-ignore */ BUNDLE).catch(() => {
      throw new Error(`${BUNDLE} did not load: run \`npm run build\` first`);
    })) as ReactCrm;
    const agent = account('1005');
    phone = createPhone({ sip: { server: env.wsUrl, aor: agent.aor, password: agent.password }, media: { getStream: microphone.getStream } });
    const accepted: CxCallAcceptedEvent[] = [];
    const container = document.createElement('div');
    document.body.append(container);
    unmount = mountCrm(container, { phone, onCallAccepted: (event) => accepted.push(event) });
    await phone.connect();
    const banner = container.querySelector('cx-banner');
    expect(banner, 'React rendered <cx-banner>').to.be.an.instanceOf(HTMLElement);
    expect((banner as HTMLElement & { phone?: PhoneApi }).phone, 'the phone prop set as the element property').to.equal(phone);

    const customer = account('2005');
    bob = new SimulatedCustomer({ server: env.wsUrl, aor: customer.aor, password: customer.password, frequency: CUSTOMER_HZ, displayName: 'Bob Martin' });
    await bob.connect();
    await bob.dial(`sip:1005@${env.domain}`, { 'X-CX-Queue': 'Sales' });

    expect(accepted, 'nothing accepted while it rings').to.have.length(0);
    await click('Accept');
    await bob.waitFor('active');
    await until(() => accepted.length === 1, 'onCxCallAccepted');
    const call = phone.$activeCall.get() as Call;
    expect(accepted[0]!.type).to.equal('cx-call-accepted');
    expect(accepted[0]!.detail.call.id).to.equal(call.id);
    // The example's own reaction to the event: its screen pop names the caller.
    await until(() => container.querySelector('[role="status"]')?.textContent === 'On the line: Bob Martin', 'the screen pop');

    const meter = new FrequencyMeter(phone.mediaOf(call).remoteStream!);
    expect(await settle(() => meter.median(CUSTOMER_HZ, 400), true)).to.be.at.least(HEARD, 'agent hears the customer');
    expect(await settle(() => bob.hears(AGENT_HZ, 400), true)).to.be.at.least(HEARD, 'customer hears the agent');
    meter.dispose();

    await click('Hang up');
    await bob.waitFor('ended');
    await until(() => container.querySelector('.call-log li') !== null, 'the call log line');
    expect(container.querySelector('.call-log li')?.textContent).to.equal('Bob Martin: local-hangup');
  });
});
