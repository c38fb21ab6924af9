// Component tier: the CRM side of the phone in Chromium, on the simulated
// contact center: `call:logged` once per call (answered with a recording,
// missed, caller hung up, declined, outbound busy and not found,
// transferred), `hooks.beforeDial` (rewrite, cancel, throw, timeout; call-back
// goes through it) and what `call:incoming` carries for a screen pop.
import { expect } from '@esm-bundle/chai';
import { isCxError, type CallHandle, type CallRecord, type Phone, type PhoneOptions } from '../index.js';
import type { SimulatedCustomer } from '../testing/index.js';
import { CUSTOMER_HZ, ring, sleep, startKit, until, USERS, wire, type Kit } from '../../test/support/phone-kit.js';

let kit: Kit;
const customers: SimulatedCustomer[] = [];

async function customer(user: string, options: { autoAnswer?: boolean } = {}): Promise<SimulatedCustomer> {
  const created = await kit.cc.customer(user, { frequency: CUSTOMER_HZ, ...options });
  customers.push(created);
  return created;
}

async function connected(extra: Partial<PhoneOptions> = {}): Promise<Phone> {
  const phone = kit.agent('1001', { tabs: 'independent', ...extra });
  await phone.connect();
  return phone;
}

/** Every `call:logged` of `phone`, by call id. */
function logs(phone: Phone): Map<string, CallRecord[]> {
  const seen = new Map<string, CallRecord[]>();
  phone.on('call:logged', (call, record) => seen.set(call.id, [...(seen.get(call.id) ?? []), record]));
  return seen;
}

/** The one record of `call`, after a pause long enough for a second one to show up. */
async function loggedOnce(seen: Map<string, CallRecord[]>, call: CallHandle): Promise<CallRecord> {
  await until(() => seen.has(call.id), `call:logged of ${call.id}`);
  await sleep(300);
  const records = seen.get(call.id)!;
  expect(records, 'one record per call').to.have.length(1);
  return records[0]!;
}

function invites(): string[] {
  return wire(kit.cc).filter((summary) => summary.startsWith('INVITE'));
}

describe('CRM: call logging', () => {
  beforeEach(async () => {
    kit = await startKit({ users: { ...USERS, '0123456789': 'fr-pw' } });
  });
  afterEach(async () => {
    await Promise.all(customers.splice(0).map((c) => c.dispose().catch(() => undefined)));
    await kit.stop();
  });

  it('an answered call: its record once, with the contact number in E.164, the talk time and the recording', async () => {
    const phone = await connected({ region: 'FR' });
    const seen = logs(phone);
    const bob = await customer('0123456789');
    // A call that rings while the phone's contacts part still loads gets its E.164 number a moment later (call:changed).
    const early = await ring(kit.cc, phone, bob);
    await until(() => early.info.remote.e164 === '+33123456789', 'the E.164 number of a call that rang early');
    await early.decline();
    await until(() => seen.has(early.id), 'the early call logged');
    const call = await ring(kit.cc, phone, bob, { 'X-CX-Interaction-Id': 'int-7', 'X-CX-Queue': 'Sales', 'X-CX-Queue-Id': 'sales' });
    // Screen pop: what a CRM needs is on the call as it rings.
    expect(call.info.remote).to.include({ number: '0123456789', e164: '+33123456789' });
    expect(call.info).to.include({ interactionId: 'int-7' });
    expect(call.info.queue).to.deep.equal({ name: 'Sales', id: 'sales' });
    await call.accept();
    await bob.waitFor('active');
    await call.startRecording();
    await sleep(1200);
    await bob.call!.hangup();
    const record = await loggedOnce(seen, call);
    expect(record).to.include({ callId: call.id, direction: 'inbound', outcome: 'answered', endReason: 'remote-hangup', missed: false, interactionId: 'int-7' });
    expect(record.remote).to.include({ number: '0123456789', e164: '+33123456789' });
    expect(record.talkSeconds).to.be.within(1, 3);
    expect(record.recordings).to.have.length(1);
    expect(record.recordings[0]!.blob.size).to.be.above(0);
    expect(record.recordings[0]!.mimeType).to.match(/^audio\//);
    expect(record.transfers).to.deep.equal([]);
  });

  it('missed (no answer), caller hung up and declined offers: one record each', async () => {
    const phone = await connected({ profile: { ringTimeout: 1 } });
    const seen = logs(phone);
    const bob = await customer('2001');

    const expired = await ring(kit.cc, phone, bob);
    await until(() => expired.ended, 'the countdown to run out', 4000);
    expect(await loggedOnce(seen, expired)).to.include({ outcome: 'no-answer', endReason: 'ring-timeout', missed: true, talkSeconds: 0 });

    const cancelled = await ring(kit.cc, phone, bob);
    await bob.call!.hangup();
    expect(await loggedOnce(seen, cancelled)).to.include({ outcome: 'caller-hung-up', endReason: 'caller-cancelled', missed: true });

    const declined = await ring(kit.cc, phone, bob);
    await declined.decline();
    expect(await loggedOnce(seen, declined)).to.include({ outcome: 'declined', endReason: 'declined', missed: true });
  });

  it('outbound calls that fail: busy (486) and not found (404), with their status', async () => {
    const phone = await connected();
    const seen = logs(phone);
    const carol = await customer('2002', { autoAnswer: false });
    const busy = await phone.call('2002');
    await carol.waitFor('ringing');
    await carol.call!.decline();
    await until(() => busy.ended, 'the busy call to end');
    expect(await loggedOnce(seen, busy)).to.include({ direction: 'outbound', outcome: 'busy', statusCode: 486, missed: false });

    const nobody = await phone.call('9999');
    await until(() => nobody.ended, 'the call to an unknown number to end');
    expect(await loggedOnce(seen, nobody)).to.include({ outcome: 'not-found', statusCode: 404, endReason: 'rejected' });
  });

  it('a transferred call: one record, with the transfer', async () => {
    const phone = await connected();
    const seen = logs(phone);
    const bob = await customer('2001');
    await customer('2002');
    const call = await ring(kit.cc, phone, bob);
    await call.accept();
    await bob.waitFor('active');
    await call.transfer('2002', { mode: 'blind' });
    await until(() => call.ended, 'the agent to be released');
    const record = await loggedOnce(seen, call);
    expect(record).to.include({ outcome: 'answered', endReason: 'transferred' });
    expect(record.transfers).to.have.length(1);
    expect(record.transfers[0]).to.include({ mode: 'blind', state: 'completed', targetName: '2002' });
  });
});

describe('CRM: hooks.beforeDial', () => {
  beforeEach(async () => {
    kit = await startKit();
  });
  afterEach(async () => {
    await Promise.all(customers.splice(0).map((c) => c.dispose().catch(() => undefined)));
    await kit.stop();
  });

  it('rewrites the target; call-back goes through it too, with its origin', async () => {
    const told: { target: string; origin: string }[] = [];
    const phone = await connected({
      hooks: {
        beforeDial: async (target, { origin }) => {
          told.push({ target, origin });
          await sleep(50);
          return target === '42' ? '2002' : undefined;
        },
      },
    });
    await customer('2002');
    const call = await phone.call('42');
    expect(call.info.remote.number).to.equal('2002');
    await until(() => invites().some((summary) => summary.startsWith('INVITE sip:2002@')), 'the INVITE to 2002');
    await call.hangup();
    const back = await phone.callBack({ caller: { number: '2002' } });
    await back.hangup();
    expect(told).to.deep.equal([
      { target: '42', origin: 'call' },
      { target: '2002', origin: 'call-back' },
    ]);
  });

  it('cancels with false or a throw (dial-cancelled): nothing is dialled', async () => {
    let answer: () => boolean = () => false;
    const phone = await connected({ hooks: { beforeDial: () => answer() } });
    const before = invites().length;
    const refused = await phone.call('2002').catch((error: unknown) => error);
    expect(isCxError(refused, 'dial-cancelled'), String(refused)).to.equal(true);
    answer = () => {
      throw new Error('CRM down');
    };
    const thrown = await phone.call('2002').catch((error: unknown) => error);
    expect(isCxError(thrown, 'dial-cancelled'), String(thrown)).to.equal(true);
    await sleep(200);
    expect(invites().length).to.equal(before);
    expect(phone.$calls.get()).to.have.length(0);
  });

  it('times out after hooks.timeout (hook-timeout), its signal aborted, and dials nothing even if it answers later', async () => {
    let signal: AbortSignal | undefined;
    const phone = await connected({
      hooks: {
        timeout: 150,
        beforeDial: async (_target, context) => {
          signal = context.signal;
          await sleep(400);
          return '2002';
        },
      },
    });
    const before = invites().length;
    const started = performance.now();
    const error = await phone.call('2002').catch((e: unknown) => e);
    expect(isCxError(error, 'hook-timeout'), String(error)).to.equal(true);
    expect(performance.now() - started).to.be.below(390);
    expect(signal?.aborted).to.equal(true);
    await sleep(500);
    expect(invites().length).to.equal(before);
    expect(phone.$calls.get()).to.have.length(0);
  });

  it('refuses a hook that is no function, and a timeout out of range', () => {
    expect(() => kit.agent('1001', { hooks: { beforeDial: 'yes' as never } })).to.throw(/hooks.beforeDial must be a function/);
    expect(() => kit.agent('1001', { hooks: { timeout: 0 } })).to.throw(/hooks.timeout/);
  });
});
