// Component tier: the post-interaction in Chromium, on the simulated contact
// center and the simulated platform: the form, required fields, the 422,
// extend, end, the time running out with unsaved entries, the platform down
// and back (across a "reload": a new phone on the same page), offers refused
// meanwhile, and `call:logged`.
import { expect } from '@esm-bundle/chai';
import { WrapUpRefusedError } from '../platform/index.js';
import { isCxError, type CallHandle, type CallRecord, type Phone, type PhoneOptions } from '../index.js';
import { startSimulatedPlatform, type SimulatedCustomer, type StartedSimulatedPlatform } from '../testing/index.js';
import { startKit, until, type Kit } from '../../test/support/phone-kit.js';

let kit: Kit;
let platform: StartedSimulatedPlatform;
const customers: SimulatedCustomer[] = [];

async function startPlatform(): Promise<void> {
  platform = await startSimulatedPlatform({
    baseUrl: `https://wrap-up-${Math.random().toString(36).slice(2)}.sim.cx.invalid/api`,
    dial: async ({ interactionId, caller, extension, headers }) => {
      const customer = await kit.cc.customer(caller.number, caller.name === undefined ? {} : { displayName: caller.name });
      customers.push(customer);
      await customer.dial(kit.cc.address(extension), headers);
      void customer.waitFor('active').then(() => platform.handling(interactionId, extension), () => undefined);
    },
  });
}

function agent(extra: Partial<PhoneOptions> = {}): Phone {
  return kit.agent('1001', { platform: { baseUrl: platform.baseUrl, token: platform.tokenFor('1001') }, ...extra });
}

/** The platform dispatches a Sales call from 2001 to the agent; the agent answers, the customer hangs up. */
async function talkAndHangUp(phone: Phone, queueId = 'sales'): Promise<{ call: CallHandle; interactionId: string }> {
  const incoming = new Promise<CallHandle>((resolve) => {
    const off = phone.on('call:incoming', (call) => {
      off();
      resolve(call);
    });
  });
  const { interactionId } = platform.putInPool({ queueId, caller: { number: '2001', name: 'Bob' } });
  await platform.dispatch(interactionId, '1001');
  const call = await incoming;
  await call.accept();
  await until(() => call.state === 'active', 'the call to connect');
  const customer = customers.at(-1)!;
  await customer.call!.hangup();
  await until(() => call.ended, 'the customer to hang up');
  return { call, interactionId };
}

/** The next `call:logged` of a call that had a post-interaction. */
function logged(phone: Phone): Promise<CallRecord> {
  return new Promise((resolve) => {
    const off = phone.on('call:logged', (_call, record) => {
      if (!record.wrapUp) return;
      off();
      resolve(record);
    });
  });
}

describe('post-interaction', () => {
  beforeEach(async () => {
    kit = await startKit();
    await startPlatform();
  });
  afterEach(async () => {
    await Promise.all(customers.splice(0).map((c) => c.dispose().catch(() => undefined)));
    await kit.stop();
    await platform.stop();
  });

  it('the queue form, required fields checked, saved, extended and ended; offers of the ACD are refused meanwhile', async () => {
    const phone = agent();
    await phone.connect();
    await until(() => phone.$me.get() !== undefined, '/me');
    const log = logged(phone);
    const { call, interactionId } = await talkAndHangUp(phone);

    await until(() => phone.$wrapUp.get()?.formState === 'ready', 'the form');
    const wrapUp = phone.$wrapUp.get()!;
    expect(phone.$agent.get()).to.equal('post-interaction');
    expect(wrapUp).to.include({ interactionId, callId: call.id, totalSeconds: 30 });
    expect(wrapUp.endsAt! - wrapUp.startedAt).to.equal(30_000);
    expect(wrapUp.caller).to.deep.equal({ number: '2001', name: 'Bob' });
    expect(wrapUp.form!.fields.map((f) => f.type)).to.deep.equal(['select', 'textarea', 'checkbox']);
    await until(() => platform.model.users.get('user-1001')?.status === 'post-interaction', 'the platform to hear of it');

    // Another queue call is refused while the agent wraps up (the ACD gives it to someone else).
    const other = platform.putInPool({ queueId: 'sales', caller: { number: '2002', name: 'Carol' } });
    await platform.dispatch(other.interactionId, '1001');
    const carol = customers.at(-1)!;
    await until(() => carol.call?.state === 'ended', 'the offer to be refused');
    expect(phone.$calls.get().some((c) => c.info.interactionId === other.interactionId)).to.equal(false);
    // A direct call (a colleague, a customer dialling the agent's number) still rings.
    const direct = await kit.cc.customer('2003');
    customers.push(direct);
    const rang = new Promise<CallHandle>((resolve) => phone.on('call:incoming', resolve));
    const declinedLog = new Promise<CallRecord>((resolve) => phone.on('call:logged', (_call, record) => resolve(record)));
    await direct.dial(kit.cc.address('1001'));
    await (await rang).decline();
    expect(phone.$agent.get()).to.equal('post-interaction');
    // With no post-interaction of its own, it is logged at once.
    expect(await declinedLog).to.deep.include({ missed: true, endReason: 'declined', talkSeconds: 0, wrapUp: undefined });

    // Required fields first: nothing is sent.
    const before = platform.requests().length;
    const refused = await phone.wrapUp.save().catch((e: unknown) => e);
    expect(refused).to.be.instanceOf(WrapUpRefusedError);
    expect(isCxError(refused, 'invalid-wrap-up')).to.equal(true);
    expect((refused as WrapUpRefusedError).fields).to.have.keys(['outcome']);
    expect(phone.$wrapUp.get()!.errors).to.have.keys(['outcome']);
    expect(platform.requests().slice(before).some((r) => r.path.endsWith('/wrap-up'))).to.equal(false);

    phone.wrapUp.update({ values: { outcome: 'Sold', notes: 'Wants the blue one <b>now</b>' }, tags: ['VIP'] });
    await until(() => phone.$wrapUp.get()?.dirty === true, 'the draft');
    expect(phone.$wrapUp.get()!.errors).to.deep.equal({});
    expect(await phone.wrapUp.save()).to.equal('saved');
    expect(phone.$wrapUp.get()!.save.state).to.equal('saved');
    expect(platform.model.wrapUps.get(interactionId)!.saved).to.deep.equal({ values: { outcome: 'Sold', notes: 'Wants the blue one <b>now</b>' }, tags: ['VIP'] });

    await phone.wrapUp.extend(30);
    await until(() => phone.$wrapUp.get()?.totalSeconds === 60, 'the longer time');
    expect(platform.model.wrapUps.get(interactionId)!.totalSeconds).to.equal(60);

    await phone.wrapUp.end();
    await until(() => phone.$wrapUp.get() === undefined, 'the end');
    expect(phone.$agent.get()).to.equal('available');
    await until(() => platform.model.users.get('user-1001')?.status === 'available', 'available on the platform');
    const record = await log;
    expect(record).to.include({ callId: call.id, interactionId, direction: 'inbound', missed: false, endReason: 'remote-hangup' });
    expect(record.wrapUp).to.deep.include({ values: { outcome: 'Sold', notes: 'Wants the blue one <b>now</b>' }, tags: ['VIP'], delivery: 'saved' });
  });

  it('a 422 shows each field; when the time runs out, what was typed is still sent', async () => {
    platform.model.queues.get('sales')!.wrapUpSeconds = 3;
    const phone = agent();
    await phone.connect();
    await until(() => phone.$me.get() !== undefined, '/me');
    const log = logged(phone);
    const { interactionId } = await talkAndHangUp(phone);
    await until(() => phone.$wrapUp.get()?.formState === 'ready', 'the form');

    platform.fail('POST /interactions/{id}/wrap-up', { status: 422, json: { code: 'invalid', message: 'Check the notes.', fields: { notes: 'Notes are too short.' } } });
    phone.wrapUp.update({ values: { outcome: 'Call back later', notes: 'x' } });
    const error = await phone.wrapUp.save().catch((e: unknown) => e);
    expect(isCxError(error, 'platform-refused')).to.equal(true);
    expect((error as WrapUpRefusedError).statusCode).to.equal(422);
    expect(phone.$wrapUp.get()!.errors).to.deep.equal({ notes: 'Notes are too short.' });

    // The agent types on and does not save: the time runs out, the entries go anyway.
    phone.wrapUp.update({ values: { notes: 'Call back on Monday', followUp: true } });
    await until(() => phone.$agent.get() === 'available', 'the time to run out', 6000);
    await until(() => platform.model.wrapUps.get(interactionId)?.saved !== undefined, 'the entries to reach the platform');
    expect(platform.model.wrapUps.get(interactionId)!.saved!.values).to.deep.equal({ outcome: 'Call back later', notes: 'Call back on Monday', followUp: true });
    expect((await log).wrapUp?.delivery).to.equal('saved');
  });

  it('platform down: the save is queued and kept; after a reload it reaches the platform without retyping', async () => {
    const first = agent();
    await first.connect();
    await until(() => first.$me.get() !== undefined, '/me');
    const { interactionId } = await talkAndHangUp(first);
    await until(() => first.$wrapUp.get()?.formState === 'ready', 'the form');

    platform.fail('POST /interactions/{id}/wrap-up', { network: true }, 1000);
    expect(await first.wrapUp.save({ values: { outcome: 'Sold' }, tags: ['Complaint'] })).to.equal('queued');
    const status = first.$wrapUp.get()!.save;
    expect(status.state).to.equal('queued');
    expect(status.message).to.match(/cannot be reached/);
    expect(status.retryAt).to.be.greaterThan(Date.now() - 1);
    await first.wrapUp.end();
    expect(first.$agent.get()).to.equal('available');
    expect(platform.model.wrapUps.get(interactionId)?.saved).to.equal(undefined);

    // The page reloads while the platform is still down: a new phone, same agent, same browser.
    await first.destroy();
    platform.recover();
    const second = agent();
    await second.connect();
    await until(() => platform.model.wrapUps.get(interactionId)?.saved !== undefined, 'the queued entries to arrive', 8000);
    expect(platform.model.wrapUps.get(interactionId)!.saved).to.deep.equal({ values: { outcome: 'Sold' }, tags: ['Complaint'] });
  });

  it('profile.ringDuringWrapUp: a queue call rings during the post-interaction', async () => {
    const phone = agent({ profile: { ringDuringWrapUp: true } });
    await phone.connect();
    await until(() => phone.$me.get() !== undefined, '/me');
    await talkAndHangUp(phone);
    await until(() => phone.$agent.get() === 'post-interaction', 'the post-interaction');
    const rang = new Promise<CallHandle>((resolve) => phone.on('call:incoming', resolve));
    const other = platform.putInPool({ queueId: 'support', caller: { number: '2002', name: 'Carol' } });
    await platform.dispatch(other.interactionId, '1001');
    expect((await rang).info.interactionId).to.equal(other.interactionId);
  });

  it('a 4xx other than 422 is shown and not retried', async () => {
    const phone = agent();
    await phone.connect();
    await until(() => phone.$me.get() !== undefined, '/me');
    const { interactionId } = await talkAndHangUp(phone);
    await until(() => phone.$wrapUp.get()?.formState === 'ready', 'the form');
    platform.fail('POST /interactions/{id}/wrap-up', { status: 409, json: { code: 'closed', message: 'This interaction is closed.' } });
    const error = await phone.wrapUp.save({ values: { outcome: 'Sold' } }).catch((e: unknown) => e);
    expect(isCxError(error, 'platform-refused')).to.equal(true);
    expect(phone.$wrapUp.get()!.save).to.deep.include({ state: 'refused' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const posts = platform.requests().filter((r) => r.method === 'POST' && r.path.endsWith(`/interactions/${interactionId}/wrap-up`));
    expect(posts.length).to.equal(1);
  });

  it('without a platform: profile.wrapUpSeconds gives a post-interaction with no form; the CRM hooks link a contact', async () => {
    const phone = kit.agent('1001', {
      profile: { wrapUpSeconds: 20 },
      hooks: { pickContact: async () => ({ id: 'crm-42', name: 'Bob <Builder>' }) },
    });
    await phone.connect();
    const log = logged(phone);
    const bob = await kit.cc.customer('2001');
    customers.push(bob);
    const incoming = new Promise<CallHandle>((resolve) => phone.on('call:incoming', resolve));
    await bob.dial(kit.cc.address('1001'));
    const call = await incoming;
    await call.accept();
    await until(() => call.state === 'active', 'connected');
    await call.hangup();
    await until(() => phone.$wrapUp.get() !== undefined, 'the post-interaction');
    const wrapUp = phone.$wrapUp.get()!;
    expect(wrapUp).to.include({ interactionId: call.id, formState: 'none', totalSeconds: 20 });
    expect(wrapUp.can).to.deep.equal({ save: false, extend: true, pickContact: true, pickCase: false });
    expect(phone.$agent.get()).to.equal('post-interaction');
    await phone.wrapUp.pickContact();
    expect(phone.$wrapUp.get()!.draft).to.deep.include({ contactId: 'crm-42', contactName: 'Bob <Builder>' });
    await phone.wrapUp.extend(10);
    expect(phone.$wrapUp.get()!.totalSeconds).to.equal(30);
    await phone.wrapUp.end();
    const record = await log;
    expect(record.wrapUp).to.deep.include({ contactId: 'crm-42', delivery: 'unsent' });
    expect(phone.$agent.get()).to.equal('available');
    // No post-interaction by default: an ended call is logged at once.
    await expectRejects(phone.wrapUp.end(), 'invalid-state');
  });
});

async function expectRejects(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(isCxError(error, code as never), `rejects with ${code}`).to.equal(true);
}
