// End to end on the real Kamailio: a supervisor (1002, 660 Hz) monitors the
// call of agent 1001 (1130 Hz) with Bob (2001, 470 Hz): silent, whisper,
// barge, back to silent, stop; and someone not allowed is refused.
import { expect } from '@esm-bundle/chai';
import { createPhone, type CallHandle, type MonitorNotice, type MonitorSession, type Phone } from '../../src/index.js';
import { createToneMicrophone, FrequencyMeter, probeSpeaker, type SimulatedCustomer } from '../../src/testing/index.js';
import { AGENT_HZ, CUSTOMER_HZ, HEARD, SILENT, account, agent, customer, disposeAll, env, next, sleep, until } from './support.js';

const SUPERVISOR_HZ = 660;
const uri = (user: string): string => `sip:${user}@${env.domain}`;
const cleanup: Array<() => Promise<void>> = [];

async function supervisor(user: string): Promise<Phone> {
  const { aor, password } = account(user);
  const microphone = createToneMicrophone(SUPERVISOR_HZ);
  const phone = createPhone({
    sip: { server: env.wsUrl, aor, password, displayName: 'Sue Visor' },
    media: { getStream: microphone.getStream },
  });
  cleanup.push(async () => {
    await phone.destroy();
    microphone.stop();
  });
  await phone.connect();
  return phone;
}

async function heard(who: SimulatedCustomer, hz: number, yes: boolean, timeout = 6000): Promise<number> {
  const end = performance.now() + timeout;
  let level = -Infinity;
  do level = await who.hears(hz, 400);
  while ((yes ? level < HEARD : level > SILENT) && performance.now() < end);
  return level;
}

describe('supervisor monitoring over a real SIP server', () => {
  afterEach(async () => {
    await Promise.all(cleanup.splice(0).map((task) => task()));
    await disposeAll();
  });

  async function callInProgress() {
    const { phone } = await agent('1001', { monitoring: { supervisors: ['1002'] } });
    const bob = await customer('2001');
    const incoming = next(phone, 'call:incoming');
    await bob.dial(uri('1001'), { 'X-CX-Interaction-Id': 'int-500' });
    const [call] = (await incoming) as [CallHandle];
    await call.accept();
    await bob.waitFor('active');
    return { phone, bob, call };
  }

  it('silent, whisper, barge, back to silent, stop: each hears what the mode says', async () => {
    const { phone, bob, call } = await callInProgress();
    const speaker = probeSpeaker(phone);
    const notices: Array<MonitorNotice | 'ended'> = [];
    phone.on('monitor:changed', (_call, notice) => notices.push(notice));
    phone.on('monitor:ended', () => notices.push('ended'));
    const sue = await supervisor('1002');
    const popups: CallHandle[] = [];
    phone.on('call:incoming', (c) => popups.push(c));

    const session = await sue.monitor('int-500', { mode: 'silent', agent: '1001' });
    expect(session.state).to.equal('active');
    expect(await received(session, AGENT_HZ)).to.be.at.least(HEARD, 'the supervisor hears the agent');
    expect(await received(session, CUSTOMER_HZ)).to.be.at.least(HEARD, 'the supervisor hears Bob');
    expect(await heard(bob, SUPERVISOR_HZ, false)).to.be.at.most(SILENT, 'Bob does not hear the supervisor');
    expect(speaker.heard().length, 'the agent hears only Bob').to.equal(1);
    expect(notices, 'silent: the agent is not told').to.deep.equal([]);
    expect(popups).to.deep.equal([]);
    expect(call.state).to.equal('active');

    await session.setMode('whisper');
    await until(() => notices.length === 1, 5000, 'the whisper notice');
    expect(notices[0]).to.deep.equal({ mode: 'whisper', supervisor: 'Sue Visor' });
    expect(call.snapshot.monitor).to.deep.equal({ mode: 'whisper', supervisor: 'Sue Visor' });
    expect(speaker.heard().length, 'the agent hears the supervisor too').to.equal(2);
    await sleep(800);
    expect(await heard(bob, SUPERVISOR_HZ, false)).to.be.at.most(SILENT, 'Bob still does not hear the supervisor');

    await session.setMode('barge');
    await until(() => notices.length === 2, 5000, 'the barge notice');
    expect(await heard(bob, SUPERVISOR_HZ, true)).to.be.at.least(HEARD, 'barge: Bob hears the supervisor');

    await session.setMode('silent');
    await until(() => notices.length === 3, 5000, 'back to silent');
    expect(await heard(bob, SUPERVISOR_HZ, false)).to.be.at.most(SILENT, 'silent again: Bob does not hear the supervisor');
    expect(speaker.heard().length).to.equal(1);

    await session.stop();
    await until(() => notices.at(-1) === 'ended', 5000, 'the end of the monitoring');
    expect(call.snapshot.monitor).to.equal(undefined);
    expect(call.state).to.equal('active');
    expect(await heard(bob, AGENT_HZ, true)).to.be.at.least(HEARD, 'Bob and the agent go on');
  });

  it('someone who may not monitor is refused with 403; the agent sees nothing and the call goes on', async () => {
    const { phone, bob, call } = await callInProgress();
    const popups: CallHandle[] = [];
    phone.on('call:incoming', (c) => popups.push(c));
    const intruder = await supervisor('1003');
    try {
      await intruder.monitor('int-500', { mode: 'barge', agent: '1001' });
      expect.fail('the monitoring should be refused');
    } catch (error) {
      expect((error as { statusCode?: number }).statusCode).to.equal(403);
    }
    expect(popups).to.deep.equal([]);
    expect(call.state).to.equal('active');
    expect(await heard(bob, AGENT_HZ, true)).to.be.at.least(HEARD);
  });
});

/** How loud a tone is in what a supervisor's monitoring receives, waiting up to 6 s for it. */
async function received(session: MonitorSession, hz: number): Promise<number> {
  const stream = session.remoteStream;
  if (!stream) return -Infinity;
  const meter = new FrequencyMeter(stream);
  try {
    const end = performance.now() + 6000;
    let level = -Infinity;
    do level = await meter.median(hz, 400);
    while (level < HEARD && performance.now() < end);
    return level;
  } finally {
    meter.dispose();
  }
}
