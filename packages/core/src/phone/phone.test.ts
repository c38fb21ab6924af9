// Component tier: the phone in real Chromium on the simulated contact center
// (in-page SIP switch, real sip.js user agents, real WebRTC media).
import { expect } from '@esm-bundle/chai';
import { isCxError, type CallHandle, type Phone } from '../index.js';
import type { SimulatedContactCenter, SimulatedCustomer } from '../testing/index.js';
import { createToneMicrophone } from '../media/tone.js';
import { AGENT_HZ, CUSTOMER_HZ, level as levelOf, once, ring as ringFrom, startKit, until, wire as wireOf, type Kit } from '../../test/support/phone-kit.js';

let kit: Kit;
let cc: SimulatedContactCenter;
const agent: Kit['agent'] = (user, extra) => kit.agent(user, extra);
const ring = (phone: Phone, bob: SimulatedCustomer, headers: Record<string, string> = {}): Promise<CallHandle> => ringFrom(cc, phone, bob, headers);
const level = (phone: Phone, call: CallHandle, hz: number): Promise<number> => levelOf(phone, call, hz);
const wire = (): string[] => wireOf(cc);
const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('Phone on the simulated contact center', () => {
  beforeEach(async () => {
    kit = await startKit();
    cc = kit.cc;
  });
  afterEach(() => kit.stop());

  it('registers with digest authentication; connection states in order', async () => {
    const phone = agent();
    const states: string[] = [];
    phone.on('connection:changed', (s) => states.push(s.state));
    await phone.connect();
    expect(states).to.deep.equal(['connecting', 'connected', 'registered']);
    expect(wire().filter((s) => s.includes('REGISTER'))).to.deep.equal([
      'REGISTER sip:sim.cx.invalid',
      '401 REGISTER',
      'REGISTER sip:sim.cx.invalid',
      '200 REGISTER',
    ]);
    expect(phone.$agent.get()).to.equal('available');
  });

  it('a refused registration rejects connect() with a typed error', async () => {
    const phone = agent('1001', { sip: { ...cc.sipOptions('1001'), password: 'nope' } });
    try {
      await phone.connect();
      expect.fail('should reject');
    } catch (error) {
      expect(isCxError(error, 'registration-failed')).to.equal(true);
      expect((error as { statusCode?: number }).statusCode).to.equal(403);
    }
    expect(phone.$connection.get().state).to.equal('failed');
  });

  it('takes a call: events in order, audio both ways, media released at the end', async () => {
    const phone = agent();
    await phone.connect();
    const bob = await cc.customer('2001', { frequency: CUSTOMER_HZ });
    const events: string[] = [];
    for (const name of ['call:incoming', 'call:accepted', 'call:ended'] as const) phone.on(name, () => events.push(name));
    const call = await ring(phone, bob, { 'X-CX-Queue': 'Sales', 'X-CX-Wait-Time': 'abc' });
    expect(call.info.queue?.name).to.equal('Sales');
    expect(call.info.waitTime).to.equal(undefined);
    await call.accept();
    await bob.waitFor('active');
    expect(await level(phone, call, CUSTOMER_HZ)).to.be.above(-55);
    expect(await bob.hears(AGENT_HZ)).to.be.above(-55);
    const pc = phone.mediaOf(call).peerConnection!;
    await call.hangup();
    await bob.waitFor('ended');
    expect(events).to.deep.equal(['call:incoming', 'call:accepted', 'call:ended']);
    expect(pc.signalingState).to.equal('closed');
    expect(wire()).to.include('BYE sip:' + (wire().find((s) => s.startsWith('BYE'))?.slice(8) ?? ''));
  });

  it('decline answers 486; the ring timeout answers 480 and fires call:missed', async () => {
    const phone = agent('1001', { profile: { ringTimeout: 1 } });
    await phone.connect();
    const bob = await cc.customer('2001');
    const first = await ring(phone, bob);
    await first.decline();
    await bob.waitFor('ended');
    expect(bob.call?.snapshot.statusCode).to.equal(486);

    const missed = once(phone, 'call:missed');
    const second = await ring(phone, bob);
    await missed;
    expect(second.snapshot.endReason).to.equal('ring-timeout');
    await bob.waitFor('ended');
    expect(bob.call?.snapshot.statusCode).to.equal(480);
  });

  it("the caller's CANCEL is a missed call", async () => {
    const phone = agent();
    await phone.connect();
    const bob = await cc.customer('2001');
    const call = await ring(phone, bob);
    const missed = once(phone, 'call:missed');
    await bob.call!.hangup();
    await missed;
    expect(call.snapshot.endReason).to.equal('caller-cancelled');
    expect(wire()).to.include('CANCEL sip:' + wire().find((s) => s.startsWith('CANCEL'))?.slice(11));
  });

  it('a caller who hangs up while the microphone opens: accept settles, the phone still disconnects', async () => {
    let release = (): void => undefined;
    const microphone = createToneMicrophone(AGENT_HZ);
    const phone = agent('1001', {
      media: {
        // The microphone is slow to open: the caller's CANCEL crosses the answer.
        getStream: async () => {
          await new Promise<void>((resolve) => (release = resolve));
          return microphone.getStream();
        },
      },
    });
    await phone.connect();
    const bob = await cc.customer('2001');
    const call = await ring(phone, bob);
    const accepting = call.accept().then(
      () => 'settled',
      () => 'settled',
    );
    await until(() => call.state === 'connecting', 'the answer to start');
    await bob.call!.hangup();
    await until(() => call.ended, 'the call to end');
    release();
    expect(await Promise.race([accepting, delay(3000).then(() => 'pending')])).to.equal('settled');
    expect(await Promise.race([phone.disconnect().then(() => 'done'), delay(3000).then(() => 'stuck')])).to.equal('done');
    microphone.stop();
  });

  it("hanging up before the caller's ACK does not wait for it: the call ends at once, the BYE follows the ACK", async () => {
    const phone = agent();
    await phone.connect();
    const bob = await cc.customer('2001');
    const call = await ring(phone, bob);
    // Bob's ACK for our 200 OK is lost on the way.
    cc.switch.loseMessages(({ from, summary }) => from === '2001' && summary.startsWith('ACK '));
    await call.accept();
    const hangup = call.hangup().then(() => 'done');
    expect(await Promise.race([hangup, delay(4000).then(() => 'waiting')])).to.equal('done');
    expect(call.snapshot.endReason).to.equal('local-hangup');
    expect(cc.switch.messages().some((m) => m.from === '2001' && m.summary.startsWith('ACK ') && m.to === 'dropped')).to.equal(true);
    cc.switch.loseMessages(undefined);
  });

  it('hold sends a sendonly re-INVITE; the customer sees it; resume restores', async () => {
    const phone = agent();
    await phone.connect();
    const bob = await cc.customer('2001');
    const call = await ring(phone, bob);
    await call.accept();
    await bob.waitFor('active');
    cc.switch.clearMessages();
    await call.hold(true);
    const reinvite = cc.switch.messages().find((m) => m.summary.startsWith('INVITE'));
    expect(reinvite?.raw).to.match(/a=sendonly/);
    await until(() => bob.call?.snapshot.remoteHeld === true, 'the customer to see the hold');
    await call.hold(false);
    await until(() => bob.call?.snapshot.remoteHeld === false, 'the customer to see the resume');
    expect(call.state).to.equal('active');
  });

  it('keypad digits arrive at the customer by SIP INFO', async () => {
    const phone = agent('1001', { sip: { ...cc.sipOptions('1001'), dtmf: 'info' } });
    await phone.connect();
    const bob = await cc.customer('2001');
    const call = await ring(phone, bob);
    await call.accept();
    await bob.waitFor('active');
    await call.sendDtmf('4#');
    await until(() => bob.receivedDtmf.length === 2, 'two digits');
    expect(bob.receivedDtmf).to.deep.equal(['4', '#']);
  });

  it('auto-answers when the profile says so', async () => {
    const phone = agent('1001', { profile: { autoAnswer: true } });
    await phone.connect();
    const bob = await cc.customer('2001');
    const accepted = once(phone, 'call:accepted');
    await bob.dial(cc.address('1001'));
    await accepted;
    await bob.waitFor('active');
  });

  it('places calls; a bad target is refused before anything is sent; a busy callee ends as rejected', async () => {
    const phone = agent();
    await phone.connect();
    for (const bad of ['hello', '12ab', '1002\r\nX: y']) {
      try {
        await phone.call(bad);
        expect.fail(bad);
      } catch (error) {
        expect(isCxError(error, 'invalid-target')).to.equal(true);
      }
    }
    const unknown = await phone.call('9999');
    await until(() => unknown.ended, 'the 404');
    expect(unknown.snapshot.endReason).to.equal('rejected');
    expect(unknown.snapshot.statusCode).to.equal(404);

    const carol = await cc.customer('2002', { frequency: CUSTOMER_HZ });
    const call = await phone.call('2002');
    await until(() => call.state === 'active', 'the answer');
    expect(carol.call?.info.remote.number).to.equal('1001');
    expect(await level(phone, call, CUSTOMER_HZ)).to.be.above(-55);
  });

  it('disconnecting right after dialling still cancels the call: the callee is not left with it', async () => {
    await kit.stop();
    kit = await startKit({ latency: 30 });
    cc = kit.cc;
    const phone = agent();
    await phone.connect();
    const carol = await cc.customer('2002');
    cc.switch.clearMessages();
    const call = await phone.call('2002');
    await until(() => wire().some((line) => line.startsWith('INVITE sip:2002@')), 'the INVITE');
    await phone.disconnect();
    expect(call.snapshot.endReason).to.equal('cancelled');
    // The CANCEL waited for the provisional answer, went out and was answered
    // before the phone closed its connection.
    expect(wire().some((line) => line.startsWith('CANCEL sip:2002@'))).to.equal(true);
    await until(() => carol.call === undefined || carol.call.ended, 'the callee to be free', 3000);
  });

  it('at most one active call: answering the second holds the first', async () => {
    const phone = agent();
    await phone.connect();
    const bob = await cc.customer('2001');
    const carol = await cc.customer('2002');
    const a = await ring(phone, bob);
    await a.accept();
    const incoming = once(phone, 'call:incoming');
    await carol.dial(cc.address('1001'));
    const [b] = (await incoming) as [CallHandle];
    await b.accept();
    expect([a.state, b.state]).to.deep.equal(['held', 'active']);
    expect(phone.$activeCall.get()).to.equal(b);
    await a.hold(false);
    expect([a.state, b.state]).to.deep.equal(['active', 'held']);
  });

  it('reconnects and registers again after the connection drops', async () => {
    const phone = agent();
    await phone.connect();
    const states: string[] = [];
    phone.on('connection:changed', (s) => states.push(s.state));
    cc.switch.setOnline(false);
    cc.switch.disconnectAll();
    await until(() => states.includes('connecting'), 'the drop');
    await new Promise((r) => setTimeout(r, 300));
    expect(phone.$connection.get().state).to.equal('connecting');
    cc.switch.setOnline(true);
    await until(() => phone.$connection.get().state === 'registered', 're-registration');
    expect(cc.switch.registrations().map((r) => r.user)).to.include('1001');
    const bob = await cc.customer('2001');
    const call = await ring(phone, bob);
    await call.accept();
    await bob.waitFor('active');
  });

  it('looks up the contact name once per call, after call:incoming, and commits it with call:changed', async () => {
    const asked: Array<[string, string, string]> = [];
    let answer: (name: string) => void = () => undefined;
    const phone = agent('1001', {
      contacts: {
        lookup: (number, call) => {
          asked.push([number, call.direction, call.id]);
          if (call.direction === 'outbound') return 'Carol <b>Jones</b>\u202e';
          return new Promise<string>((resolve) => (answer = resolve));
        },
      },
    });
    await phone.connect();
    const bob = await cc.customer('2001');
    const seenAtIncoming: Array<string | undefined> = [];
    phone.on('call:incoming', (c) => seenAtIncoming.push(c.snapshot.contactName));
    const call = await ring(phone, bob);
    expect(seenAtIncoming, 'call:incoming is not held up by the lookup').to.deep.equal([undefined]);
    const changed = once(phone, 'call:changed');
    answer('Robert Smith');
    const [changedCall, previous] = (await changed) as [CallHandle, CallHandle['snapshot']];
    expect(changedCall).to.equal(call);
    expect(previous.contactName).to.equal(undefined);
    expect(call.snapshot.contactName).to.equal('Robert Smith');
    await call.accept();
    await bob.waitFor('active');
    expect(call.snapshot.contactName, 'kept through the call').to.equal('Robert Smith');
    await call.hangup();

    await cc.customer('2002');
    const outbound = await phone.call('2002');
    await until(() => outbound.snapshot.contactName !== undefined, 'the name of the callee');
    expect(outbound.snapshot.contactName, 'plain text, bidi override removed').to.equal('Carol <b>Jones</b>');
    expect(asked).to.deep.equal([
      ['2001', 'inbound', call.id],
      ['2002', 'outbound', outbound.id],
    ]);
  });

  it('a failing or slow contact lookup is logged and ignored; the call goes on', async () => {
    const logged: string[] = [];
    let calls = 0;
    const phone = agent('1001', {
      log: { level: 'warn', sink: (level, message) => logged.push(`${level}: ${message}`) },
      contacts: {
        timeout: 100,
        lookup: () => {
          calls += 1;
          if (calls === 1) throw new Error('CRM down');
          return new Promise<string>(() => undefined);
        },
      },
    });
    await phone.connect();
    const bob = await cc.customer('2001');
    const first = await ring(phone, bob);
    await until(() => logged.some((l) => l.includes('failed')), 'the failure to be logged');
    await first.decline();
    await bob.waitFor('ended');

    const second = await ring(phone, bob);
    await until(() => logged.some((l) => l.includes('no answer within 100 ms')), 'the timeout to be logged');
    await second.accept();
    await bob.waitFor('active');
    expect([first.snapshot.contactName, second.snapshot.contactName]).to.deep.equal([undefined, undefined]);
    expect(logged.every((l) => l.startsWith('warn: '))).to.equal(true);
  });

  it('a hostile caller name stays plain text without control characters', async () => {
    const phone = agent();
    await phone.connect();
    const bob = await cc.customer('2001', { displayName: '<img src=x onerror=alert(1)>\u202E\u2066evil' });
    const call = await ring(phone, bob);
    expect(call.info.remote.displayName).to.equal('<img src=x onerror=alert(1)>evil');
    await call.decline();
  });

  it('a display name with quotes and backslashes still registers and calls', async () => {
    const phone = agent();
    await phone.connect();
    const bob = await cc.customer('2001', { displayName: 'Bob "The \\Builder"' });
    const call = await ring(phone, bob);
    expect(call.info.remote.displayName).to.equal("Bob 'The Builder'");
    await call.decline();
  });
});
