// End to end on the real Kamailio: blind and attended transfers, and the
// ones that fail, proved by ear. The agent (1001, 1130 Hz) talks to Bob
// (2001, 470 Hz); the recipient is a colleague (1002, 820 Hz).
import { expect } from '@esm-bundle/chai';
import { isCxError, type CallHandle, type Transfer } from '../../src/index.js';
import type { SimulatedCustomer } from '../../src/testing/index.js';
import { AGENT_HZ, CUSTOMER_HZ, HEARD, agent, customer, disposeAll, env, next, until } from './support.js';

const COLLEAGUE_HZ = 820;
const uri = (user: string): string => `sip:${user}@${env.domain}`;

async function heard(who: SimulatedCustomer, hz: number, timeout = 6000): Promise<number> {
  const end = performance.now() + timeout;
  let level = -Infinity;
  do level = await who.hears(hz, 400);
  while (level < HEARD && performance.now() < end);
  return level;
}

async function talking() {
  const { phone } = await agent('1001');
  const bob = await customer('2001');
  const incoming = next(phone, 'call:incoming');
  await bob.dial(uri('1001'));
  const [call] = (await incoming) as [CallHandle];
  await call.accept();
  await bob.waitFor('active');
  return { phone, bob, call };
}

const ended = (transfer: Transfer): boolean => ['completed', 'failed', 'cancelled'].includes(transfer.state);

describe('transfers over a real SIP server', () => {
  afterEach(disposeAll);

  it('blind: Bob talks to the colleague, whose popup says who transferred him; the agent is released', async () => {
    const { call, bob } = await talking();
    const colleague = await customer('1002', { frequency: COLLEAGUE_HZ, autoAnswer: false });
    const offered = next(colleague.phone, 'call:incoming');
    const transfer = await call.transfer('1002', { mode: 'blind' });
    const [offer] = (await offered) as [CallHandle];
    expect(offer.info.transfer).to.deep.equal({ type: 'blind', by: 'Agent 1001' });
    expect(offer.info.remote.number).to.equal('2001');
    await offer.accept();
    await until(() => ended(transfer), 10_000, 'the transfer');
    expect(transfer.state).to.equal('completed');
    await until(() => call.ended, 5000, 'the agent to be released');
    expect(call.snapshot.endReason).to.equal('transferred');
    expect(await heard(bob, COLLEAGUE_HZ)).to.be.at.least(HEARD, 'Bob hears the colleague');
    expect(await heard(colleague, CUSTOMER_HZ)).to.be.at.least(HEARD, 'the colleague hears Bob');
  });

  it('attended: consult, complete; the colleague sees one call (no second popup) and talks to Bob', async () => {
    const { phone, call, bob } = await talking();
    const colleague = await customer('1002', { frequency: COLLEAGUE_HZ });
    const popups: CallHandle[] = [];
    colleague.phone.on('call:incoming', (c) => popups.push(c));
    const transfer = await call.transfer('1002', { mode: 'attended' });
    await until(() => transfer.state === 'consulting', 10_000, 'the consultation');
    expect(call.state).to.equal('held');
    expect(phone.$activeCall.get()).to.equal(transfer.consultation);
    expect(await heard(colleague, AGENT_HZ)).to.be.at.least(HEARD, 'the colleague hears the agent');
    await transfer.complete();
    await until(() => ended(transfer), 10_000, 'the completion');
    expect(transfer.state).to.equal('completed');
    await until(() => call.ended && Boolean(transfer.consultation?.ended), 5000, 'the agent to be released');
    expect(popups).to.have.length(1);
    expect(colleague.phone.$calls.get().filter((c) => !c.ended)).to.have.length(1);
    expect(await heard(bob, COLLEAGUE_HZ)).to.be.at.least(HEARD, 'Bob hears the colleague');
    expect(await heard(colleague, CUSTOMER_HZ)).to.be.at.least(HEARD, 'the colleague hears Bob');
  });

  it('attended, cancelled: the consultation ends and Bob is back with the agent', async () => {
    const { call, bob } = await talking();
    const colleague = await customer('1002', { frequency: COLLEAGUE_HZ });
    const transfer = await call.transfer('1002', { mode: 'attended' });
    await until(() => transfer.state === 'consulting', 10_000, 'the consultation');
    await transfer.cancel();
    expect(transfer.state).to.equal('cancelled');
    await colleague.waitFor('ended');
    await until(() => call.state === 'active', 5000, 'Bob to be resumed');
    expect(await heard(bob, AGENT_HZ)).to.be.at.least(HEARD, 'Bob hears the agent again');
  });

  it('to a busy colleague: failed (busy), and Bob is back with the agent', async () => {
    const { call, bob } = await talking();
    const colleague = await customer('1002', { autoAnswer: false });
    colleague.phone.on('call:incoming', (c) => void c.decline());
    const transfer = await call.transfer('1002', { mode: 'blind' });
    await until(() => ended(transfer), 10_000, 'the transfer');
    expect([transfer.state, transfer.reason]).to.deep.equal(['failed', 'busy']);
    await until(() => call.state === 'active', 5000, 'Bob to be resumed');
    expect(await heard(bob, AGENT_HZ)).to.be.at.least(HEARD, 'Bob hears the agent again');
  });

  it('to a colleague who does not answer: failed (no-answer), and Bob is back with the agent', async () => {
    const { call, bob } = await talking();
    await customer('1002', { autoAnswer: false, ringTimeout: 2 });
    const transfer = await call.transfer('1002', { mode: 'attended' });
    await until(() => ended(transfer), 10_000, 'the transfer');
    expect([transfer.state, transfer.reason]).to.deep.equal(['failed', 'no-answer']);
    await until(() => call.state === 'active', 5000, 'Bob to be resumed');
    expect(await heard(bob, AGENT_HZ)).to.be.at.least(HEARD, 'Bob hears the agent again');
  });

  it('refuses dial-string injections with a typed error and leaves the call alone', async () => {
    const { call } = await talking();
    for (const bad of ['1002%23', 'sip:1002@x@y', '1002,,,9', 'tel:+331;postd=12', 'sip:a b@x']) {
      try {
        await call.transfer(bad, { mode: 'blind' });
        expect.fail(bad);
      } catch (error) {
        expect(isCxError(error, 'invalid-target'), bad).to.equal(true);
      }
    }
    expect(call.state).to.equal('active');
    expect(call.snapshot.transfer).to.equal(undefined);
  });
});
