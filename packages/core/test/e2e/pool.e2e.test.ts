// End to end on the real Kamailio: the simulated platform (in the page, on
// fetch) puts a call in the pool; the agent takes it; the ACD's INVITE goes
// through Kamailio and the phone answers it with no other command; the agent
// and the customer hear each other (by frequency).
import { expect } from '@esm-bundle/chai';
import type { CallHandle } from '../../src/index.js';
import { startSimulatedPlatform, type SimulatedCustomer, type StartedSimulatedPlatform } from '../../src/testing/index.js';
import { AGENT_HZ, CUSTOMER_HZ, HEARD, agent, customer, disposeAll, env, settle, until } from './support.js';

let platform: StartedSimulatedPlatform | undefined;

describe('the pool over a real SIP server', () => {
  afterEach(async () => {
    await platform?.stop();
    platform = undefined;
    await disposeAll();
  });

  it('Take this call: the INVITE comes through Kamailio, is answered at once, audio both ways', async () => {
    let waiting: SimulatedCustomer | undefined;
    platform = await startSimulatedPlatform({
      // The ACD: the waiting customer (2001, a phone on Kamailio) is put through to the agent.
      dial: async ({ caller, extension, headers }) => {
        waiting = await customer(caller.number);
        await waiting.dial(`sip:${extension}@${env.domain}`, headers);
      },
    });
    const started = platform;
    const { phone } = await agent('1001', { platform: { baseUrl: started.baseUrl, token: started.tokenFor('1001') } });
    await until(() => phone.$me.get() !== undefined, 5000, '/me');
    const sales = [...started.model.queues.values()].find((q) => q.name === 'Sales')!;
    const entry = started.putInPool({ queueId: sales.id, caller: { number: '2001', name: 'Bob Smith' } });
    await until(() => phone.$pool.get().some((e) => e.interactionId === entry.interactionId), 5000, 'the pool event');

    let offered: CallHandle | undefined;
    phone.on('call:incoming', (call) => (offered = call));
    await phone.take(entry.interactionId);
    await until(() => offered?.state === 'active', 15_000, 'the taken call to be answered with no click');
    const call = offered!;
    expect(call.info.interactionId).to.equal(entry.interactionId);
    expect(call.info.queue?.name).to.equal('Sales');
    expect(await settle(phone, call, CUSTOMER_HZ, true), 'the agent hears the customer').to.be.at.least(HEARD);
    let level = -Infinity;
    const end = performance.now() + 6000;
    do level = await waiting!.hears(AGENT_HZ, 400);
    while (level < HEARD && performance.now() < end);
    expect(level, 'the customer hears the agent').to.be.at.least(HEARD);
  });
});
