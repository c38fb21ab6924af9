// The agent's tabs, on the simulated contact center: phones of one page
// stand for the tabs (they share BroadcastChannel and Web Locks exactly as
// tabs of one origin do; docs/reliability.md).
import { expect } from '@esm-bundle/chai';
import { isCxError, type CallHandle, type CallRecord, type Phone } from '../index.js';
import { closeTab, type SimulatedCustomer } from '../testing/index.js';
import { AGENT_HZ, CUSTOMER_HZ, HEARD, level, once, startKit, until, type Kit } from '../../test/support/phone-kit.js';

describe('tabs: one registration per agent', function () {
  this.timeout(30_000);
  let kit: Kit;
  let bob: SimulatedCustomer;

  beforeEach(async () => {
    kit = await startKit();
    bob = await kit.cc.customer('2001', { displayName: 'Bob', frequency: CUSTOMER_HZ, password: 'bob-pw' });
  });
  afterEach(async () => {
    await kit.stop();
  });

  const registrationsOf = (user: string): number => kit.cc.switch.registrations().filter((r) => r.user === user).length;
  const callIn = (phone: Phone, id: string): CallHandle | undefined => phone.$calls.get().find((c) => c.id === id);

  /** Tabs of agent 1001, connected in order: the first holds. */
  async function tabs(count: number): Promise<Phone[]> {
    const phones: Phone[] = [];
    for (let i = 0; i < count; i++) {
      const phone = kit.agent('1001', { sip: { ...kit.cc.sipOptions('1001'), password: 'agent-pw', dtmf: 'info' } });
      await phone.connect();
      phones.push(phone);
    }
    return phones;
  }

  it('elects one tab: it alone registers, the others mirror its connection and agent status', async () => {
    const [a, b] = await tabs(2);
    expect(a!.holdsRegistration).to.equal(true);
    expect(b!.holdsRegistration).to.equal(false);
    expect(registrationsOf('1001')).to.equal(1);
    expect(b!.$connection.get().state).to.equal('registered');
    a!.setPaused(true);
    await until(() => b!.$agent.get() === 'paused', 'the pause shown in the other tab');
    b!.setPaused(false);
    await until(() => a!.$agent.get() === 'available', 'the other tab making the agent available');
  });

  it('rings in every tab; Accept in a tab that does not hold answers it, with audio in the holding tab', async () => {
    const [a, b] = await tabs(2);
    const ringingB = once(b!, 'call:incoming');
    const ringingA = once(a!, 'call:incoming');
    await bob.dial(kit.cc.address('1001'));
    const [[inA], [inB]] = (await Promise.all([ringingA, ringingB])) as [[CallHandle], [CallHandle]];
    expect(inB.id).to.equal(inA.id);
    expect(inB.state).to.equal('ringing');
    expect(inB.info.remote.displayName).to.equal('Bob');
    expect(inB.snapshot.can.accept).to.equal(true);

    const accepted = once(a!, 'call:accepted');
    await inB.accept();
    await accepted;
    await until(() => inB.state === 'active', 'the call active in the mirroring tab');
    expect(b!.$activeCall.get()?.id).to.equal(inA.id);
    expect(await level(a!, inA, CUSTOMER_HZ)).to.be.at.least(HEARD, 'the holding tab plays the customer');
    expect(await bob.hears(AGENT_HZ)).to.be.at.least(HEARD, 'the customer hears the agent');

    await inB.mute(true);
    expect(inA.muted).to.equal(true);
    await inB.hold(true);
    expect(inA.state).to.equal('held');
    await inB.hold(false);
    const ended = once(b!, 'call:ended');
    await inA.hangup();
    await ended;
    expect(inB.snapshot.endReason).to.equal('local-hangup');
  });

  it('a call recorded from a mirroring tab: its call:logged reaches that tab with the recording file', async () => {
    const [a, b] = await tabs(2);
    const logged = once(b!, 'call:logged');
    const ringing = once(b!, 'call:incoming');
    await bob.dial(kit.cc.address('1001'));
    const [call] = (await ringing) as [CallHandle];
    await call.accept();
    await until(() => call.state === 'active', 'the call active in the mirroring tab');
    await call.startRecording();
    await until(() => call.snapshot.recording, 'the recording shown in the mirroring tab');
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await call.hangup();
    const [, record] = (await logged) as [CallHandle, CallRecord];
    expect(record.callId).to.equal(call.id);
    expect(record.outcome).to.equal('answered');
    expect(record.recordings).to.have.length(1);
    const [file] = record.recordings;
    expect(file!.blob).to.be.instanceOf(Blob);
    expect(file!.blob.size).to.be.above(0);
    expect(file!.mimeType).to.match(/^audio\//);
    expect(file!.duration).to.be.within(1, 4);
    expect(a!.holdsRegistration, 'the holding tab recorded it').to.equal(true);
  });

  it('forwards commands with their answers and typed errors: dialing, the directory, a refused target', async () => {
    const [, b] = await tabs(2);
    const failure = await b!.call('not a number at all').catch((error: unknown) => error);
    expect(isCxError(failure, 'invalid-target'), String(failure)).to.equal(true);
    const outgoing = b!.call('2001');
    const call = await outgoing;
    expect(call.direction).to.equal('outbound');
    await until(() => call.state === 'active', 'the customer answering the mirrored outbound call');
    await call.sendDtmf('12');
    await until(() => bob.receivedDtmf.join('') === '12', 'the digits at the customer');
    await call.hangup();
    expect(await b!.directory.search('x')).to.deep.equal([]);
  });

  it('hands over when the holding tab closes: the next tab registers within 2 s and takes the next call', async () => {
    const [a, b, c] = await tabs(3);
    const started = performance.now();
    await a!.destroy();
    await until(() => b!.holdsRegistration && b!.$connection.get().state === 'registered', 'the second tab registered', 2000);
    const handOver = performance.now() - started;
    expect(handOver).to.be.below(2000);
    await until(() => c!.$connection.get().state === 'registered' && !c!.holdsRegistration, 'the third tab mirroring the new holder');
    expect(registrationsOf('1001')).to.equal(1);
    const ringingC = once(c!, 'call:incoming');
    await bob.dial(kit.cc.address('1001'));
    const [inC] = (await ringingC) as [CallHandle];
    await inC.accept();
    await until(() => callIn(b!, inC.id)?.state === 'active', 'the new holder carrying the call');
    await inC.hangup();
  });

  for (const crash of [false, true]) {
    it(`a live call of a holder that ${crash ? 'crashes' : 'closes'}: the other tab says it ended, then takes it over with Replaces`, async () => {
      const [a, b] = await tabs(2);
      const ringingB = once(b!, 'call:incoming');
      await bob.dial(kit.cc.address('1001'));
      const [inB] = (await ringingB) as [CallHandle];
      await inB.accept();
      await until(() => inB.state === 'active' && bob.call?.state === 'active', 'the call active');
      const bobsCall = bob.call!;
      const ended = once(b!, 'call:ended');
      const takenOver = once(b!, 'call:outgoing');
      closeTab(a!, { crash });
      const [gone] = (await ended) as [CallHandle];
      expect(gone.id).to.equal(inB.id);
      expect(gone.snapshot.endReason).to.equal('tab-closed');
      await until(() => b!.holdsRegistration && b!.$connection.get().state === 'registered', 'the other tab registered', 2000);
      const [taken] = (await takenOver) as [CallHandle];
      await until(() => taken.state === 'active', 'the call taken over');
      expect(bobsCall.state, "the customer's call went on").to.equal('active');
      expect(bob.call).to.equal(bobsCall);
      expect(await level(b!, taken, CUSTOMER_HZ)).to.be.at.least(HEARD, 'the new holder plays the customer');
      expect(await bob.hears(AGENT_HZ)).to.be.at.least(HEARD, 'the customer hears the agent again');
      await taken.hangup();
      await until(() => bobsCall.ended, "the customer's call ended by the new holder");
    });
  }

  it('a holder that is destroyed hangs its calls up: the other tabs see them end as hung up', async () => {
    const [a, b] = await tabs(2);
    const ringingB = once(b!, 'call:incoming');
    await bob.dial(kit.cc.address('1001'));
    const [inB] = (await ringingB) as [CallHandle];
    await inB.accept();
    await until(() => inB.state === 'active', 'the call active');
    const ended = once(b!, 'call:ended');
    await a!.destroy();
    await ended;
    expect(inB.snapshot.endReason).to.equal('local-hangup');
    await until(() => bob.call?.ended === true, "the customer's call ended");
    await until(() => b!.holdsRegistration && b!.$connection.get().state === 'registered', 'the other tab registered');
  });

  it('a refused registration is refused in every tab, with its typed error', async () => {
    const wrong = { sip: { ...kit.cc.sipOptions('1001'), password: 'wrong' } };
    const a = kit.agent('1001', wrong);
    const b = kit.agent('1001', wrong);
    const first = await a.connect().catch((error: unknown) => error);
    expect(isCxError(first, 'registration-failed'), String(first)).to.equal(true);
    const second = await b.connect().catch((error: unknown) => error);
    expect(isCxError(second, 'registration-failed'), String(second)).to.equal(true);
    expect(b.holdsRegistration).to.equal(false);
  });

  it("tabs: 'independent' registers every tab on its own", async () => {
    const a = kit.agent('1001', { tabs: 'independent', sip: { ...kit.cc.sipOptions('1001'), password: 'agent-pw' } });
    const b = kit.agent('1001', { tabs: 'independent', sip: { ...kit.cc.sipOptions('1001'), password: 'agent-pw' } });
    await a.connect();
    await b.connect();
    expect(a.holdsRegistration && b.holdsRegistration).to.equal(true);
    await until(() => registrationsOf('1001') === 2, 'two registrations');
  });
});
