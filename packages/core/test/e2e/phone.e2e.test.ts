// End to end: real sip.js user agents in Chromium, a real Kamailio on
// loopback, real WebRTC media. Who hears whom is decided by frequency.
import { expect } from '@esm-bundle/chai';
import { isCxError, type CallHandle, type Phone } from '../../src/index.js';
import type { SimulatedCustomer } from '../../src/testing/index.js';
import {
  AGENT_HZ,
  CUSTOMER_HZ,
  HEARD,
  SILENT,
  agent,
  customer,
  disposeAll,
  env,
  next,
  settle,
  sleep,
  until,
} from './support.js';

const agentUri = (user: string): string => `sip:${user}@${env.domain}`;

/** The customer calls agent 1001; resolves with the agent's ringing call. */
async function ringing(phone: Phone, bob: SimulatedCustomer, headers: Record<string, string> = {}): Promise<CallHandle> {
  const incoming = next(phone, 'call:incoming');
  await bob.dial(agentUri('1001'), headers);
  const [call] = (await incoming) as [CallHandle];
  return call;
}

/** As `ringing`, then the agent accepts and both sides are talking. */
async function answered(phone: Phone, bob: SimulatedCustomer): Promise<CallHandle> {
  const call = await ringing(phone, bob);
  await call.accept();
  await bob.waitFor('active');
  return call;
}

describe('phone over a real SIP server', () => {
  afterEach(disposeAll);

  it('registers with digest authentication and reports it', async () => {
    const { phone } = await agent('1001');
    expect(phone.$connection.get().state).to.equal('registered');
    expect(phone.$agent.get()).to.equal('available');
  });

  it('refuses a wrong password with a typed error and a failed state', async () => {
    const { createPhone } = await import('../../src/index.js');
    const phone = createPhone({ sip: { server: env.wsUrl, aor: agentUri('1002'), password: 'wrong' } });
    try {
      await phone.connect();
      expect.fail('connect should reject');
    } catch (error) {
      expect(isCxError(error, 'registration-failed')).to.equal(true);
      expect((error as { statusCode?: number }).statusCode).to.be.oneOf([401, 403]);
    } finally {
      await phone.disconnect();
    }
  });

  it('connects a call: each side hears the other, and headers arrive parsed', async () => {
    const { phone } = await agent('1001');
    const bob = await customer('2001', { displayName: '<img src=x onerror=alert(1)>\u202Egnp.exe' });
    const incoming = next(phone, 'call:incoming');
    await bob.dial(agentUri('1001'), {
      'X-CX-Queue': 'Sales',
      'X-CX-Call-Type': 'smart',
      'X-CX-Wait-Time': '42',
      'X-CX-Interaction-Id': 'int-77',
      'X-CX-Data-CustomerId': 'C-123',
      'X-CX-Route': 'Welcome > Sales',
    });
    const [call] = (await incoming) as [CallHandle];
    expect(call.state).to.equal('ringing');
    expect(call.info.queue?.name).to.equal('Sales');
    expect(call.info.waitTime).to.equal(42);
    expect(call.info.callType).to.equal('smart');
    expect(call.info.colour).to.equal('raspberry');
    expect(call.info.interactionId).to.equal('int-77');
    expect(call.info.data['CustomerId']).to.equal('C-123');
    expect(call.info.remote.number).to.equal('2001');
    expect(call.info.remote.displayName).to.equal('<img src=x onerror=alert(1)>gnp.exe');
    expect(phone.$agent.get()).to.equal('ringing');

    await call.accept();
    expect(call.state).to.equal('active');
    await bob.waitFor('active');
    expect(phone.$agent.get()).to.equal('on-call');
    expect(await settle(phone, call, CUSTOMER_HZ, true)).to.be.at.least(HEARD, 'agent hears the customer');
    expect(await bob.hears(AGENT_HZ)).to.be.at.least(HEARD, 'customer hears the agent');
  });

  it('mute silences the agent toward the customer only, and unmute restores it', async () => {
    const { phone } = await agent('1001');
    const bob = await customer('2001');
    const call = await answered(phone, bob);
    expect(await settle(phone, call, CUSTOMER_HZ, true)).to.be.at.least(HEARD);

    await call.mute(true);
    expect(call.muted).to.equal(true);
    expect(await waitCustomer(bob, AGENT_HZ, false)).to.be.at.most(SILENT, 'customer no longer hears the agent');
    expect(await settle(phone, call, CUSTOMER_HZ, true)).to.be.at.least(HEARD, 'agent still hears the customer');
    expect(call.state).to.equal('active');

    await call.mute(false);
    expect(await waitCustomer(bob, AGENT_HZ, true)).to.be.at.least(HEARD, 'customer hears the agent again');
  });

  it('hold stops audio toward the held party, resume restores it', async () => {
    const { phone } = await agent('1001');
    const bob = await customer('2001');
    const call = await answered(phone, bob);
    expect(await waitCustomer(bob, AGENT_HZ, true)).to.be.at.least(HEARD);

    const held = next(phone, 'call:held');
    await call.hold(true);
    await held;
    expect(call.state).to.equal('held');
    await until(() => bob.call?.snapshot.remoteHeld === true, 5000, 'the customer to see the hold');
    expect(await waitCustomer(bob, AGENT_HZ, false)).to.be.at.most(SILENT, 'held customer hears nothing of the agent');

    await call.hold(false);
    expect(call.state).to.equal('active');
    await until(() => bob.call?.snapshot.remoteHeld === false, 5000, 'the customer to see the resume');
    expect(await waitCustomer(bob, AGENT_HZ, true)).to.be.at.least(HEARD, 'customer hears the agent again');
    expect(await settle(phone, call, CUSTOMER_HZ, true)).to.be.at.least(HEARD, 'agent hears the customer again');
  });

  it('sends DTMF by SIP INFO that arrives at the peer, and rejects bad digits', async () => {
    const { phone } = await agent('1001', { sip: { server: env.wsUrl, aor: agentUri('1001'), dtmf: 'info' } });
    const bob = await customer('2001');
    const call = await answered(phone, bob);
    await call.sendDtmf('12#*9');
    await until(() => bob.receivedDtmf.length === 5, 5000, 'five digits');
    expect(bob.receivedDtmf.join('')).to.equal('12#*9');
    for (const bad of ['12a', '', '1 2', '<b>', 'ABCD']) {
      try {
        await call.sendDtmf(bad);
        expect.fail(`"${bad}" should be rejected`);
      } catch (error) {
        expect(isCxError(error, 'invalid-dtmf')).to.equal(true, bad);
      }
    }
  });

  it('sends DTMF as RFC 4733 telephone-events by default', async () => {
    const { phone } = await agent('1001');
    const bob = await customer('2001');
    const call = await answered(phone, bob);
    const sender = phone.mediaOf(call).peerConnection?.getSenders().find((s) => s.track?.kind === 'audio');
    const tones: string[] = [];
    sender?.dtmf?.addEventListener('tonechange', (event) => {
      if (event.tone) tones.push(event.tone);
    });
    const sdp = phone.mediaOf(call).peerConnection?.localDescription?.sdp ?? '';
    expect(sdp).to.match(/a=rtpmap:\d+ telephone-event\/8000/, 'telephone-events negotiated');
    await call.sendDtmf('5#');
    await until(() => tones.length === 2, 3000, 'two telephone-events');
    expect(tones).to.deep.equal(['5', '#']);
  });

  it('decline gives the caller 486 and ends the call', async () => {
    const { phone } = await agent('1001');
    const bob = await customer('2001');
    const call = await ringing(phone, bob);
    await call.decline();
    expect(call.snapshot.endReason).to.equal('declined');
    await bob.waitFor('ended');
    expect(bob.call?.snapshot.statusCode).to.equal(486);
    expect(bob.call?.snapshot.endReason).to.equal('rejected');
  });

  it('a ring timeout gives the caller 480 and the agent call:missed', async () => {
    const { phone } = await agent('1001', { profile: { ringTimeout: 60 } });
    const bob = await customer('2001');
    const incoming = next(phone, 'call:incoming');
    const missed = next(phone, 'call:missed');
    await bob.dial(agentUri('1001'), { 'X-CX-Ring-Timeout': '2' });
    const [call] = (await incoming) as [CallHandle];
    expect(call.info.ringTimeout).to.equal(2);
    expect(call.snapshot.ringDeadline! - call.snapshot.createdAt).to.be.within(1900, 2100);
    await missed;
    expect(call.snapshot.endReason).to.equal('ring-timeout');
    await bob.waitFor('ended');
    expect(bob.call?.snapshot.statusCode).to.equal(480);
  });

  it("a caller's CANCEL gives call:missed", async () => {
    const { phone } = await agent('1001');
    const bob = await customer('2001');
    const incoming = next(phone, 'call:incoming');
    const missed = next(phone, 'call:missed');
    await bob.dial(agentUri('1001'));
    const [call] = (await incoming) as [CallHandle];
    await bob.call!.hangup();
    await missed;
    expect(call.snapshot.endReason).to.equal('caller-cancelled');
    expect(phone.$agent.get()).to.equal('available');
  });

  for (const [name, header] of [
    ['Call-Info answer-after=0', { 'Call-Info': '<sip:acd.example>;answer-after=0' }],
    ['Alert-Info info=alert-autoanswer', { 'Alert-Info': '<http://example.com>;info=alert-autoanswer' }],
  ] as const) {
    it(`auto-answers when the INVITE asks for it (${name})`, async () => {
      const { phone } = await agent('1001');
      const bob = await customer('2001');
      const accepted = next(phone, 'call:accepted');
      await bob.dial(agentUri('1001'), header);
      const [call] = (await accepted) as [CallHandle];
      expect(call.info.autoAnswer).to.equal(true);
      await bob.waitFor('active');
      expect(await settle(phone, call, CUSTOMER_HZ, true)).to.be.at.least(HEARD);
    });
  }

  it('places an outbound call to an extension, with audio both ways', async () => {
    const { phone } = await agent('1001');
    const bob = await customer('2002', { autoAnswer: true });
    const call = await phone.call('2002');
    expect(call.direction).to.equal('outbound');
    expect(call.info.remote.number).to.equal('2002');
    await until(() => call.state === 'active', 10_000, 'the callee to answer');
    expect(await settle(phone, call, CUSTOMER_HZ, true)).to.be.at.least(HEARD);
    expect(await waitCustomer(bob, AGENT_HZ, true)).to.be.at.least(HEARD);
  });

  it('hang-up from the agent ends both sides', async () => {
    const { phone } = await agent('1001');
    const bob = await customer('2001');
    const call = await answered(phone, bob);
    await call.hangup();
    expect(call.snapshot.endReason).to.equal('local-hangup');
    await bob.waitFor('ended');
    expect(bob.call?.snapshot.endReason).to.equal('remote-hangup');
    expect(phone.mediaOf(call).peerConnection).to.equal(undefined);
  });

  it('hang-up from the customer ends both sides and releases the media', async () => {
    const { phone } = await agent('1001');
    const bob = await customer('2001');
    const call = await answered(phone, bob);
    const pc = phone.mediaOf(call).peerConnection!;
    const ended = next(phone, 'call:ended');
    await bob.call!.hangup();
    await ended;
    expect(call.snapshot.endReason).to.equal('remote-hangup');
    await until(() => pc.connectionState === 'closed' || pc.signalingState === 'closed', 3000, 'the peer connection to close');
  });

  it('answering a second call holds the first', async () => {
    const { phone } = await agent('1001');
    const bob = await customer('2001');
    const carol = await customer('2002');
    const first = next(phone, 'call:incoming');
    await bob.dial(agentUri('1001'));
    const [a] = (await first) as [CallHandle];
    await a.accept();
    await bob.waitFor('active');
    const second = next(phone, 'call:incoming');
    await carol.dial(agentUri('1001'));
    const [b] = (await second) as [CallHandle];
    await b.accept();
    expect(a.state).to.equal('held');
    expect(b.state).to.equal('active');
    expect(phone.$activeCall.get()).to.equal(b);
    await b.hold(true);
    await a.hold(false);
    expect(a.state).to.equal('active');
    expect(b.state).to.equal('held');
  });

  it('after the SIP server is killed and restarted, re-registers by itself and takes a call', async () => {
    const { phone } = await agent('1001', { sip: { server: env.wsUrl, aor: agentUri('1001'), keepAliveInterval: 2 } });
    const states: string[] = [];
    phone.on('connection:changed', (s) => states.push(s.state));
    await executeServerCommand('sip-server:kill');
    await until(() => phone.$connection.get().state === 'connecting', 10_000, 'the drop to be noticed');
    await sleep(500);
    await executeServerCommand('sip-server:restart');
    await until(() => phone.$connection.get().state === 'registered', 20_000, 're-registration');
    expect(states).to.include('connecting');
    const bob = await customer('2001');
    const call = await answered(phone, bob);
    expect(await settle(phone, call, CUSTOMER_HZ, true)).to.be.at.least(HEARD);
  });
});

async function waitCustomer(
  bob: { hears(hz: number, duration?: number): Promise<number> },
  hz: number,
  heard: boolean,
  timeout = 6000,
): Promise<number> {
  const end = performance.now() + timeout;
  let level = -Infinity;
  do {
    level = await bob.hears(hz, 400);
    if (heard ? level >= HEARD : level <= SILENT) return level;
  } while (performance.now() < end);
  return level;
}

async function executeServerCommand(command: string): Promise<void> {
  const { executeServerCommand: run } = await import('@web/test-runner-commands');
  await run(command);
}
