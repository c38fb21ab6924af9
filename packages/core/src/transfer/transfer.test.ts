// Component tier: transfers on the simulated contact center, proved by ear.
// Agent 1001 talks to Bob (2001, 470 Hz); the transfer goes to Carol (2002,
// 820 Hz); the agent's tone is 1130 Hz.
import { expect } from '@esm-bundle/chai';
import type { Call, Transfer } from '../index.js';
import type { SimulatedCustomer } from '../testing/index.js';
import { AGENT_HZ, CUSTOMER_HZ, HEARD, OTHER_HZ, ring, startKit, until, type Kit } from '../../test/support/phone-kit.js';

async function hearsLoud(who: SimulatedCustomer, hz: number, timeout = 6000): Promise<number> {
  const end = performance.now() + timeout;
  let level = -Infinity;
  do {
    level = await who.hears(hz, 400);
  } while (level < HEARD && performance.now() < end);
  return level;
}

function states(transfer: Transfer): string[] {
  const seen = [transfer.state];
  transfer.$state.listen((state) => seen.push(state));
  return seen;
}

describe('transfer', () => {
  let kit: Kit;
  beforeEach(async () => {
    kit = await startKit();
  });
  afterEach(() => kit.stop());

  async function talking() {
    const phone = kit.agent();
    await phone.connect();
    const bob = await kit.cc.customer('2001', { frequency: CUSTOMER_HZ });
    const call = await ring(kit.cc, phone, bob);
    await call.accept();
    await bob.waitFor('active');
    return { phone, bob, call };
  }

  it('blind: the customer ends up talking to the target, the agent is released', async () => {
    const { phone, bob, call } = await talking();
    const carol = await kit.cc.customer('2002', { frequency: OTHER_HZ });
    const events: string[] = [];
    phone.on('transfer:changed', (_call, transfer) => events.push(transfer.state));
    const transfer = await call.transfer('2002', { mode: 'blind' });
    const seen = states(transfer);
    await until(() => transfer.state === 'completed', 'the transfer to complete');
    await until(() => call.ended, 'the agent to be released');
    expect(call.snapshot.endReason).to.equal('transferred');
    expect(call.snapshot.transfer).to.include({ mode: 'blind', state: 'completed', targetName: '2002' });
    expect(seen).to.include('completed');
    expect(events.at(-1)).to.equal('completed');
    await carol.waitFor('active');
    expect(carol.call?.info.transfer).to.deep.equal({ type: 'blind', by: '1001' });
    expect(await hearsLoud(bob, OTHER_HZ)).to.be.at.least(HEARD, 'Bob hears Carol');
    expect(await hearsLoud(carol, CUSTOMER_HZ)).to.be.at.least(HEARD, 'Carol hears Bob');
  });

  it('blind to a busy target: failed (busy), the customer is resumed and hears the agent again', async () => {
    const { bob, call } = await talking();
    const carol = await kit.cc.customer('2002', { autoAnswer: false });
    carol.phone.on('call:incoming', (c) => void c.decline());
    const transfer = await call.transfer('2002', { mode: 'blind' });
    await until(() => transfer.state === 'failed', 'the transfer to fail');
    expect(transfer.reason).to.equal('busy');
    await until(() => call.state === 'active', 'the customer to be resumed');
    expect(await hearsLoud(bob, AGENT_HZ)).to.be.at.least(HEARD, 'Bob hears the agent again');
  });

  it('attended: consult, then complete; the recipient gets no second popup; the agent is released', async () => {
    const { phone, bob, call } = await talking();
    const carol = await kit.cc.customer('2002', { frequency: OTHER_HZ });
    const carolIncoming: Call[] = [];
    carol.phone.on('call:incoming', (c) => carolIncoming.push(c));
    const transfer = await call.transfer('2002', { mode: 'attended' });
    await until(() => transfer.state === 'consulting', 'the consultation');
    expect(call.state).to.equal('held');
    const consultation = transfer.consultation!;
    expect(phone.$activeCall.get()).to.equal(consultation);
    expect(await hearsLoud(carol, AGENT_HZ)).to.be.at.least(HEARD, 'the recipient hears the agent');
    await transfer.complete();
    await until(() => transfer.state === 'completed', 'the completion', 8000);
    await until(() => call.ended && consultation.ended, 'the agent to be released');
    expect(call.snapshot.endReason).to.equal('transferred');
    expect(carolIncoming, 'one offer only: the consultation').to.have.length(1);
    expect(carol.phone.$calls.get().filter((c) => !c.ended)).to.have.length(1);
    expect(await hearsLoud(bob, OTHER_HZ)).to.be.at.least(HEARD, 'Bob hears Carol');
    expect(await hearsLoud(carol, CUSTOMER_HZ)).to.be.at.least(HEARD, 'Carol hears Bob');
  });

  it('attended, cancelled: the consultation ends and the customer is resumed', async () => {
    const { bob, call } = await talking();
    const carol = await kit.cc.customer('2002', { frequency: OTHER_HZ });
    const transfer = await call.transfer({ kind: 'user', id: 'u-2002', name: 'Carol Jones', target: '2002' }, { mode: 'attended' });
    await until(() => transfer.state === 'consulting', 'the consultation');
    expect(transfer.snapshot.targetName).to.equal('Carol Jones');
    await transfer.cancel();
    expect(transfer.state).to.equal('cancelled');
    await carol.waitFor('ended');
    await until(() => call.state === 'active', 'the customer to be resumed');
    expect(await hearsLoud(bob, AGENT_HZ)).to.be.at.least(HEARD);
  });
});
