// End to end on the real Kamailio: what a call survives. The SIP server
// killed and restarted mid-call (audio goes on meanwhile; both sides come
// back, refresh the dialog, and the customer's BYE still reaches the agent),
// and a STUN server that never answers (the call has audio at once anyway).
import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import type { Call, Phone } from '../../src/index.js';
import type { SimulatedCustomer } from '../../src/testing/index.js';
import { AGENT_HZ, CUSTOMER_HZ, HEARD, agent, customer, disposeAll, env, hears, next, settle, sleep, until } from './support.js';

const AGENT = '1007';
const CUSTOMER = '2007';

async function answered(phone: Phone, bob: SimulatedCustomer): Promise<Call> {
  const incoming = next(phone, 'call:incoming');
  await bob.dial(`sip:${AGENT}@${env.domain}`);
  const [call] = (await incoming) as [Call];
  await call.accept();
  await bob.waitFor('active');
  return call;
}

describe('reliability over a real SIP server', () => {
  afterEach(async () => {
    await disposeAll();
  });

  it('the SIP server restarts mid-call: audio goes on, both sides come back, and the customer hanging up ends the call', async () => {
    const { phone } = await agent(AGENT, { sip: { server: env.wsUrl, aor: `sip:${AGENT}@${env.domain}`, keepAliveInterval: 2 } });
    const bob = await customer(CUSTOMER);
    const call = await answered(phone, bob);
    expect(await settle(phone, call, CUSTOMER_HZ, true), 'heard before').to.be.at.least(HEARD);

    await executeServerCommand('sip-server:kill');
    await until(() => phone.$connection.get().state !== 'registered', 10_000, 'the agent to notice');
    // The media path does not go through the SIP server: the call goes on.
    expect(await settle(phone, call, CUSTOMER_HZ, true), 'the agent hears the customer during the outage').to.be.at.least(HEARD);
    expect(await bob.hears(AGENT_HZ, 500), 'the customer hears the agent during the outage').to.be.at.least(HEARD);
    expect(call.state).to.equal('active');

    await executeServerCommand('sip-server:restart');
    await until(() => phone.$connection.get().state === 'registered', 20_000, 'the agent to register again');
    await until(() => bob.phone.$connection.get().state === 'registered', 20_000, 'the customer to register again');
    // Give both refreshes (re-INVITEs, perhaps a 491 and a retry) their time.
    await sleep(3000);
    expect(call.state, 'the call survived').to.equal('active');
    expect(await settle(phone, call, CUSTOMER_HZ, true), 'heard after').to.be.at.least(HEARD);

    await bob.call!.hangup();
    await until(() => call.ended, 10_000, "the customer's BYE to reach the agent");
    expect(call.snapshot.endReason).to.equal('remote-hangup');
  });

  it('a STUN server that never answers: the answered call has audio within 2 s of Accept', async () => {
    const { phone } = await agent(AGENT, {
      // 192.0.2.1 (TEST-NET-1) never answers; ICE gathering is bounded by sip.iceGatheringTimeout (1 s by default).
      sip: { server: env.wsUrl, aor: `sip:${AGENT}@${env.domain}`, iceServers: [{ urls: 'stun:192.0.2.1:3478' }] },
    });
    const bob = await customer(CUSTOMER);
    const incoming = next(phone, 'call:incoming');
    await bob.dial(`sip:${AGENT}@${env.domain}`);
    const [call] = (await incoming) as [Call];
    const accepted = performance.now();
    await call.accept();
    let heardAfter = Infinity;
    while (performance.now() - accepted < 6000) {
      if ((await hears(phone, call, CUSTOMER_HZ, 100)) >= HEARD) {
        heardAfter = performance.now() - accepted;
        break;
      }
    }
    expect(heardAfter, 'ms from Accept to the customer heard').to.be.below(2000);
  });
});
