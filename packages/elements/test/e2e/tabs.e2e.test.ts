// End to end on the real Kamailio, as an agent with the CRM open in two
// tabs: each tab is a page of its own (an iframe of this origin, which
// shares BroadcastChannel and Web Locks with its siblings as tabs do) that
// loads the built script tag and shows a <cx-banner>. One registration in
// Kamailio's location table; the offer pops up in both; Accept clicked in
// the tab that does not hold gives audio both ways; closing the holding tab
// makes the other register within 2 s and take the next call.
import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import type { CallHandle, Phone } from '@cx/core';
import { createToneMicrophone, FrequencyMeter, SimulatedCustomer } from '@cx/core/testing';
import { AGENT_HZ, CUSTOMER_HZ, HEARD, account, deep, env, nameOf, settle, until, type CX } from './support.js';

const AGENT = account('1009');
const CUSTOMER = account('2009');

interface Tab {
  frame: HTMLIFrameElement;
  cx: CX;
  phone: Phone;
}

const contacts = () => executeServerCommand('sip-server:contacts', { aor: AGENT.aor }) as Promise<string[]>;

describe('an agent with two tabs, over a real SIP server', function () {
  this.timeout(60_000);
  const microphone = createToneMicrophone(AGENT_HZ);
  const tabs: Tab[] = [];
  let bob: SimulatedCustomer;

  async function openTab(): Promise<Tab> {
    const frame = document.createElement('iframe');
    frame.src = '/packages/elements/test/e2e/agent-tab.html';
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    await loaded;
    const win = frame.contentWindow as unknown as { CX: CX };
    const cx = win.CX;
    const phone = cx.createPhone({
      sip: { server: env.wsUrl, aor: AGENT.aor, password: AGENT.password },
      media: { getStream: microphone.getStream },
    });
    frame.contentDocument!.querySelector('cx-banner')!.phone = phone;
    await phone.connect();
    const tab = { frame, cx, phone };
    tabs.push(tab);
    return tab;
  }

  /** A button of the tab's page, by its accessible name. */
  async function buttonIn(tab: Tab, name: string): Promise<HTMLButtonElement> {
    let found: HTMLButtonElement | undefined;
    await until(() => {
      found = [...deep(tab.frame.contentDocument!)].find(
        (el): el is HTMLButtonElement => el.localName === 'button' && !(el as HTMLButtonElement).disabled && nameOf(el) === name,
      );
      return found !== undefined;
    }, `the button ${name}`);
    return found!;
  }

  const callOf = (tab: Tab): CallHandle | undefined => tab.phone.$calls.get().find((call) => !call.ended);

  /** How loud the customer is in what the tab plays for its live call, once heard (or after 6 s). */
  async function customerLevelIn(tab: Tab): Promise<number> {
    const meter = new FrequencyMeter(tab.phone.mediaOf(callOf(tab)!).remoteStream!);
    try {
      return await settle(() => meter.median(CUSTOMER_HZ, 400), true);
    } finally {
      meter.dispose();
    }
  }

  before(async () => {
    bob = new SimulatedCustomer({ server: env.wsUrl, aor: CUSTOMER.aor, password: CUSTOMER.password, frequency: CUSTOMER_HZ, displayName: 'Bob Martin' });
    await bob.connect();
  });

  after(async () => {
    for (const tab of tabs) {
      await tab.phone.destroy().catch(() => undefined);
      tab.frame.remove();
    }
    await bob.dispose();
    microphone.stop();
  });

  it('one registration; the offer pops up in both tabs; Accept in the other tab gives audio both ways', async () => {
    const holder = await openTab();
    const other = await openTab();
    expect(holder.phone.holdsRegistration).to.equal(true);
    expect(other.phone.holdsRegistration).to.equal(false);
    expect(await contacts()).to.have.length(1, "Kamailio's location table");

    await bob.dial(AGENT.aor);
    await buttonIn(holder, 'Accept');
    (await buttonIn(other, 'Accept')).click();
    await bob.waitFor('active');
    await until(() => callOf(other)?.state === 'active' && callOf(holder)?.state === 'active', 'the call active in both tabs');

    expect(await customerLevelIn(holder)).to.be.at.least(HEARD, 'the holding tab plays the customer');
    expect(await settle(() => bob.hears(AGENT_HZ, 400), true)).to.be.at.least(HEARD, 'the customer hears the agent');

    (await buttonIn(other, 'Hang up')).click();
    await until(() => callOf(holder) === undefined && bob.call?.ended === true, 'the call hung up from the other tab');
  });

  it('closing the holding tab: the other registers within 2 s and takes the next call', async () => {
    const [holder, other] = tabs as [Tab, Tab];
    const closed = performance.now();
    holder.frame.remove();
    tabs.splice(tabs.indexOf(holder), 1);
    await until(() => other.phone.holdsRegistration && other.phone.$connection.get().state === 'registered', 'the other tab registered', 2000);
    const handOver = performance.now() - closed;
    expect(handOver).to.be.below(2000);
    let registered: string[] = [];
    for (let i = 0; i < 20 && registered.length !== 1; i++) {
      registered = await contacts();
      if (registered.length !== 1) await new Promise((r) => setTimeout(r, 100));
    }
    expect(registered).to.have.length(1, 'the closed tab left no registration behind');

    await bob.dial(AGENT.aor);
    (await buttonIn(other, 'Accept')).click();
    await bob.waitFor('active');
    expect(await customerLevelIn(other)).to.be.at.least(HEARD, 'the new holder plays the customer');
    await callOf(other)!.hangup();
  });

  it('closing the holding tab mid-call: the other tab takes the call over with Replaces through Kamailio', async () => {
    const holder = tabs[0]!;
    const other = await openTab();
    expect(other.phone.holdsRegistration).to.equal(false);
    await bob.dial(AGENT.aor);
    (await buttonIn(other, 'Accept')).click();
    await bob.waitFor('active');
    const bobsCall = bob.call!;
    await until(() => callOf(other)?.state === 'active', 'the call active in the other tab');

    holder.frame.remove();
    tabs.splice(tabs.indexOf(holder), 1);
    await until(() => other.phone.holdsRegistration, 'the other tab holding', 2000);
    await until(() => callOf(other)?.direction === 'outbound' && callOf(other)?.state === 'active', 'the call taken over', 10_000);
    expect(bobsCall.ended, "the customer's call went on").to.equal(false);
    expect(bob.call).to.equal(bobsCall);
    expect(await customerLevelIn(other)).to.be.at.least(HEARD, 'the agent hears the customer again');
    expect(await settle(() => bob.hears(AGENT_HZ, 400), true)).to.be.at.least(HEARD, 'the customer hears the agent again');
    (await buttonIn(other, 'Hang up')).click();
    await until(() => bobsCall.ended, "the customer's call hung up by the new holder");
  });
});
