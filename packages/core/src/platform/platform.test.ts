// Component tier: the phone with a platform, in Chromium: the simulated
// platform (msw, fetch) beside the simulated SIP switch (msw, WebSocket).
import { expect } from '@esm-bundle/chai';
import { isCxError, type CallHandle, type Phone } from '../index.js';
import { startSimulatedPlatform, type StartedSimulatedPlatform } from '../testing/index.js';
import { startKit, until, type Kit } from '../../test/support/phone-kit.js';

let kit: Kit;
let platform: StartedSimulatedPlatform;
/** When set, the ACD's INVITE carries the interaction id but none of its Datas. */
let onlyTheId = false;

/** The platform's dispatch: the caller (a customer of the switch, by number) dials the agent with the headers. */
async function startPlatform(): Promise<void> {
  platform = await startSimulatedPlatform({
    dial: async ({ caller, extension, headers }) => {
      const customer = await kit.cc.customer(caller.number);
      const sent = onlyTheId ? Object.fromEntries(Object.entries(headers).filter(([name]) => !/^X-CX-(Route|Data-)/i.test(name))) : headers;
      await customer.dial(kit.cc.address(extension), sent);
    },
  });
}

function agentWithPlatform(user = '1001'): Phone {
  return kit.agent(user, {
    platform: { baseUrl: platform.baseUrl, token: platform.tokenFor(user) },
  });
}

const userOf = (extension: string): { status: string; reason?: string | undefined } => {
  const user = [...platform.model.users.values()].find((u) => u.extension === extension);
  if (!user) throw new Error(`no user ${extension}`);
  return user;
};
const salesQueue = (): string => [...platform.model.queues.values()].find((q) => q.name === 'Sales')!.id;

describe('Phone with a platform', () => {
  beforeEach(async () => {
    kit = await startKit();
    await startPlatform();
  });
  afterEach(async () => {
    onlyTheId = false;
    await kit.stop();
    await platform.stop();
  });

  it('loads the agent from /me; the profile and pause reasons come from the platform', async () => {
    const phone = agentWithPlatform();
    expect(phone.$me.get()).to.equal(undefined);
    await phone.connect();
    await until(() => phone.$me.get() !== undefined, '/me');
    const me = phone.$me.get()!;
    expect(me.extension).to.equal('1001');
    expect(me.pauseReasons).to.include('Lunch');
    expect(phone.$agent.get()).to.equal('available');
    // Smart outbound follows the platform's permission.
    expect(phone.allowsSmartOutbound()).to.equal(false);
  });

  it("a queue's settings from /me apply to its calls when the INVITE does not say: small banner, recording", async () => {
    const phone = agentWithPlatform();
    await phone.connect();
    await until(() => phone.$me.get() !== undefined, '/me');
    const bob = await kit.cc.customer('2001');
    const incoming = new Promise<CallHandle>((resolve) => phone.on('call:incoming', resolve));
    // Support: small banner denied, recording 'auto' in the simulated platform's seed.
    await bob.dial(kit.cc.address('1001'), { 'X-CX-Queue': 'Support', 'X-CX-Queue-Id': 'support' });
    const call = await incoming;
    expect(phone.allowsSmallBanner(call)).to.equal(false);
    await call.accept();
    await until(() => call.snapshot.recording, 'the recording to start by itself', 5000);
  });

  it('status both ways: the agent pauses (PUT /me/status), a supervisor makes them available (status event)', async () => {
    const phone = agentWithPlatform();
    await phone.connect();
    await until(() => phone.$me.get() !== undefined, '/me');
    await phone.setStatus('paused', { reason: 'Lunch' });
    expect(phone.$agent.get()).to.equal('paused');
    expect(phone.$agentState.get().reason).to.equal('Lunch');
    await until(() => userOf('1001').status === 'paused', 'the platform to know');
    expect(userOf('1001').reason).to.equal('Lunch');
    const put = platform.requests().find((r) => r.method === 'PUT' && r.path.endsWith('/me/status'));
    expect(put?.body).to.deep.equal({ status: 'paused', reason: 'Lunch' });

    const started = performance.now();
    platform.setStatus('1001', 'available');
    await until(() => phone.$agent.get() === 'available', 'the status event', 1000);
    expect(performance.now() - started).to.be.below(1000);
  });

  it('the pool is live; "take" brings the call in through SIP and it is answered with no click', async () => {
    const phone = agentWithPlatform();
    await phone.connect();
    await until(() => phone.$me.get() !== undefined, '/me');
    const entry = platform.putInPool({ queueId: salesQueue(), caller: { number: '2001', name: 'Bob Smith' } });
    await until(() => phone.$pool.get().some((e) => e.interactionId === entry.interactionId), 'the pool event');
    expect(phone.$pool.get().find((e) => e.interactionId === entry.interactionId)?.caller.name).to.equal('Bob Smith');

    let offered: CallHandle | undefined;
    phone.on('call:incoming', (call) => (offered = call));
    await phone.take(entry.interactionId);
    await until(() => offered?.state === 'active', 'the taken call to be answered at once', 8000);
    expect(offered!.info.interactionId).to.equal(entry.interactionId);
    expect(offered!.info.queue?.name).to.equal('Sales');
  });

  it('a call put in the pool just as the phone connects is not lost to an older GET /pool answer', async () => {
    const phone = agentWithPlatform();
    await phone.connect();
    await until(() => phone.$me.get() !== undefined, '/me');
    // The GET /pool of the start is on its way; the stream's pool event is newer.
    const entry = platform.putInPool({ queueId: salesQueue(), caller: { number: '2001' } });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(phone.$pool.get().map((e) => e.interactionId)).to.include(entry.interactionId);
  });

  it('an INVITE with only the interaction id: the Datas come from GET /interactions/{id}', async () => {
    onlyTheId = true;
    const phone = agentWithPlatform();
    await phone.connect();
    await until(() => phone.$me.get() !== undefined, '/me');
    const entry = platform.putInPool({
      queueId: salesQueue(),
      caller: { number: '2001' },
      route: ['Welcome', 'Language: English', 'Sales'],
      data: { CustomerId: 'C-20931', Contract: 'Premium' },
    });
    let offered: CallHandle | undefined;
    phone.on('call:incoming', (call) => (offered = call));
    await phone.take(entry.interactionId);
    await until(() => (offered?.info.route.length ?? 0) > 0, 'the Datas from the platform', 8000);
    expect([...offered!.info.route]).to.deep.equal(['Welcome', 'Language: English', 'Sales']);
    expect({ ...offered!.info.data }).to.deep.equal({ CustomerId: 'C-20931', Contract: 'Premium' });
    expect(platform.requests().some((r) => r.method === 'GET' && r.path.endsWith(`/interactions/${entry.interactionId}`))).to.equal(true);
  });

  it('two agents take the same call: exactly one gets it, the other hears already-taken', async () => {
    const alice = agentWithPlatform('1001');
    const bruno = agentWithPlatform('1002');
    await Promise.all([alice.connect(), bruno.connect()]);
    await until(() => alice.$me.get() !== undefined && bruno.$me.get() !== undefined, '/me of both');
    const entry = platform.putInPool({ queueId: salesQueue(), caller: { number: '2002' } });
    const outcomes = await Promise.allSettled([alice.take(entry.interactionId), bruno.take(entry.interactionId)]);
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(won).to.have.length(1);
    expect(lost).to.have.length(1);
    expect(isCxError(lost[0]!.reason, 'already-taken')).to.equal(true);
    expect((lost[0]!.reason as Error).message).to.match(/took this call first/);
  });

  it('a malformed pool answer is refused; the phone keeps working and the stream fills the pool', async () => {
    platform.fail('GET /pool', { body: '{"broken' });
    const phone = agentWithPlatform();
    await phone.connect();
    await until(() => phone.$me.get() !== undefined, '/me');
    expect(phone.$pool.get()).to.deep.equal([]);
    const entry = platform.putInPool({ queueId: salesQueue(), caller: { number: '2003' } });
    await until(() => phone.$pool.get().some((e) => e.interactionId === entry.interactionId), 'the pool event');
    expect(phone.$connection.get().state).to.equal('registered');
  });

  it("monitoring follows the platform's rights: its supervisor listens in; an agent without the right gets 403", async () => {
    const alice = agentWithPlatform('1001');
    const dan = agentWithPlatform('1005');
    const bruno = agentWithPlatform('1002');
    await Promise.all([alice.connect(), dan.connect(), bruno.connect()]);
    await until(() => [alice, dan, bruno].every((p) => p.$me.get() !== undefined), '/me of all three');
    const entry = platform.putInPool({ queueId: salesQueue(), caller: { number: '2001' } });
    let offered: CallHandle | undefined;
    alice.on('call:incoming', (call) => (offered = call));
    await alice.take(entry.interactionId);
    await until(() => offered?.state === 'active', 'the call', 8000);
    platform.handling(entry.interactionId, '1001');

    // No agent given: the platform says who is on the call.
    const session = await dan.monitor(entry.interactionId);
    expect(session.mode).to.equal('silent');
    await session.stop();

    const refused = await bruno.monitor(entry.interactionId).catch((error: unknown) => error);
    expect(isCxError(refused)).to.equal(true);
    expect((refused as { statusCode?: number }).statusCode).to.equal(403);
    expect(offered!.state).to.equal('active');
  });

  it('without a platform: take says so, and status still works locally', async () => {
    const phone = kit.agent('1001');
    await phone.connect();
    const error = await phone.take('i-1').catch((e: unknown) => e);
    expect(isCxError(error, 'no-platform')).to.equal(true);
    await phone.setStatus('paused');
    expect(phone.$agent.get()).to.equal('paused');
    expect(phone.$pool.get()).to.deep.equal([]);
  });
});
