// End to end, after the call: the simulated platform (in the page) dispatches
// a queue call through the real Kamailio to a <cx-banner> of the built script
// tag; the agent answers, hangs up, fills the queue's form with the keyboard,
// extends the time, saves and ends the post-interaction, all by accessible
// names; the platform then holds exactly what was typed.
import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import type { Phone } from '@cx/core';
import { createToneMicrophone, defaultSeed, SimulatedCustomer, startSimulatedPlatform, type StartedSimulatedPlatform } from '@cx/core/testing';
import { AGENT_HZ, CUSTOMER_HZ, account, button, click, env, field, loadScriptTag, region, until, type CX } from './support.js';

const AGENT = '1006';
const CUSTOMER = '2006';

describe('post-call work through cx-banner.js, on a real SIP server', () => {
  let CX: CX;
  let phone: Phone | undefined;
  let platform: StartedSimulatedPlatform | undefined;
  const customers: SimulatedCustomer[] = [];
  const microphone = createToneMicrophone(AGENT_HZ);

  before(async () => {
    CX = await loadScriptTag('/packages/elements/dist/cx-banner.js');
  });

  after(async () => {
    await phone?.disconnect();
    await Promise.all(customers.map((c) => c.dispose()));
    await platform?.stop();
    microphone.stop();
    document.querySelector('cx-banner')?.remove();
  });

  it('a queue call answered and hung up; the form filled, extended, saved and ended; the platform has what was typed', async () => {
    // The platform's agent is extension 1006 of the SIP server.
    const seed = defaultSeed(Date.now());
    seed.users = seed.users.map((u) => (u.extension === '1001' ? { ...u, id: `user-${AGENT}`, extension: AGENT } : u));
    const started = await startSimulatedPlatform({
      seed,
      // The ACD: the waiting customer, a phone on Kamailio, is put through to the agent.
      dial: async ({ interactionId, caller, extension, headers }) => {
        const { aor, password } = account(CUSTOMER);
        const from = new SimulatedCustomer({ server: env.wsUrl, aor, password, frequency: CUSTOMER_HZ, displayName: caller.name ?? '' });
        customers.push(from);
        await from.connect();
        await from.dial(`sip:${extension}@${env.domain}`, headers);
        void from.waitFor('active').then(() => started.handling(interactionId, extension), () => undefined);
        void from.waitFor('ended').then(() => started.endInteraction(interactionId), () => undefined);
      },
    });
    platform = started;

    const banner = document.createElement('cx-banner') as HTMLElement & { phone: Phone | undefined };
    document.body.append(banner);
    const { aor, password } = account(AGENT);
    phone = CX.createPhone({
      sip: { server: env.wsUrl, aor, password },
      platform: { baseUrl: started.baseUrl, token: started.tokenFor(AGENT) },
      media: { getStream: microphone.getStream },
    });
    banner.phone = phone;
    await phone.connect();
    await until(() => phone!.$me.get() !== undefined, '/me');

    const { interactionId } = started.putInPool({ queueId: 'sales', caller: { number: CUSTOMER, name: 'Bob Martin' } });
    await started.dispatch(interactionId, AGENT);
    await click('Accept');
    await customers[0]!.waitFor('active');
    await click('Hang up');
    await customers[0]!.waitFor('ended');

    await region('Post-interaction');
    expect(phone.$agent.get()).to.equal('post-interaction');
    await until(() => [...started.model.users.values()].find((u) => u.extension === AGENT)?.status === 'post-interaction', 'the platform to know');

    // The form, with the keyboard where the agent types.
    const outcome = await field<HTMLSelectElement>('Outcome');
    outcome.focus();
    outcome.value = 'Call back later';
    outcome.dispatchEvent(new Event('change', { bubbles: true }));
    (await field<HTMLTextAreaElement>('Notes')).focus();
    const notes = 'Wants the <b>blue</b> model; call Friday';
    await sendKeys({ type: notes });
    (await field<HTMLInputElement>('Follow-up')).click();
    (await field<HTMLInputElement>('VIP')).click();

    await click('Extend the post-interaction time');
    await until(() => started.model.wrapUps.get(interactionId)?.totalSeconds === 60, 'the longer time on the platform');
    await until(() => phone!.$wrapUp.get()?.totalSeconds === 60, 'the longer time in the Banner');

    await click('Save');
    await until(() => started.model.wrapUps.get(interactionId)?.saved !== undefined, 'the save');
    expect(started.model.wrapUps.get(interactionId)!.saved).to.deep.equal({
      values: { outcome: 'Call back later', notes, followUp: true },
      tags: ['VIP'],
    });

    await click('End the post-interaction');
    await until(() => phone!.$agent.get() === 'available', 'the agent to be available');
    await until(() => [...started.model.users.values()].find((u) => u.extension === AGENT)?.status === 'available', 'the platform to know');
    await button('New call');
  });
});
