// End to end on the real Kamailio: a CRM tab that Chrome froze (as it does
// with background tabs) while the SIP server restarted. When it is thawed
// its connection is dead and the server has forgotten its registration; the
// phone must notice at once, register again and take the next call. The tab
// is a page of its own (opened by the test) with the built script tag; the
// test runner freezes it through the DevTools protocol.
import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import type { CallHandle, Phone } from '@cx/core';
import { createToneMicrophone, FrequencyMeter, SimulatedCustomer } from '@cx/core/testing';
import { AGENT_HZ, CUSTOMER_HZ, HEARD, account, env, settle, sleep, until, type CX } from './support.js';

const AGENT = account('1010');
const CUSTOMER = account('2010');
const PAGE = '/packages/elements/test/e2e/agent-tab.html?frozen-tab';

describe('a frozen tab, over a real SIP server', function () {
  this.timeout(60_000);
  const microphone = createToneMicrophone(AGENT_HZ);
  let tab: Window | null = null;
  let phone: Phone | undefined;
  let bob: SimulatedCustomer | undefined;

  after(async () => {
    await phone?.destroy().catch(() => undefined);
    tab?.close();
    await bob?.dispose();
    microphone.stop();
  });

  it('wakes with a dead connection, registers again at once and takes a call', async () => {
    tab = window.open(PAGE, '_blank');
    expect(tab, 'the tab opened').to.not.equal(null);
    await until(() => tab!.document?.readyState === 'complete' && (tab as unknown as { CX?: CX }).CX !== undefined, 'the tab loaded', 10_000);
    const cx = (tab as unknown as { CX: CX }).CX;
    phone = cx.createPhone({ sip: { server: env.wsUrl, aor: AGENT.aor, password: AGENT.password }, media: { getStream: microphone.getStream } });
    (tab!.document.querySelector('cx-banner') as unknown as { phone: Phone }).phone = phone;
    await phone.connect();
    bob = new SimulatedCustomer({ server: env.wsUrl, aor: CUSTOMER.aor, password: CUSTOMER.password, frequency: CUSTOMER_HZ });
    await bob.connect();

    const lifecycle: string[] = [];
    for (const name of ['freeze', 'resume']) tab!.document.addEventListener(name, () => lifecycle.push(name));
    await executeServerCommand('sip-server:freeze-page', { url: PAGE, ms: 4000, restart: true });
    const thawed = performance.now();
    await until(() => lifecycle.length === 2, 'the tab frozen and resumed');
    expect(lifecycle).to.deep.equal(['freeze', 'resume']);
    // Kamailio forgot every registration: the agent's must be back in its location table.
    const registeredAgain = async (aor: string): Promise<number> => {
      for (;;) {
        const contacts = (await executeServerCommand('sip-server:contacts', { aor })) as string[];
        if (contacts.length > 0) return performance.now() - thawed;
        if (performance.now() - thawed > 20_000) throw new Error(`${aor} did not register again`);
        await sleep(100);
      }
    };
    expect(await registeredAgain(AGENT.aor), 'ms from thawing to registered again').to.be.below(5000);
    await registeredAgain(CUSTOMER.aor);

    await bob.dial(AGENT.aor);
    await until(() => phone!.$calls.get().some((c) => c.state === 'ringing'), 'the call ringing in the thawed tab', 10_000);
    const call = phone.$calls.get().find((c) => c.state === 'ringing') as CallHandle;
    await call.accept();
    await bob.waitFor('active');
    const meter = new FrequencyMeter(phone.mediaOf(call).remoteStream!);
    try {
      expect(await settle(() => meter.median(CUSTOMER_HZ, 400), true)).to.be.at.least(HEARD, 'the agent hears the customer');
    } finally {
      meter.dispose();
    }
    await call.hangup();
  });
});
