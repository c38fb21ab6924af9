// End to end, on the real Kamailio: what the phone refuses from the
// network (a caller's REFER, a Replaces for a dialog it does not have, a
// supervisor's INVITE), and connect() against a server that is not there.
import { expect } from '@esm-bundle/chai';
import { createPhone, isCxError, type CallHandle } from '../../src/index.js';
import { AGENT_HZ, CUSTOMER_HZ, HEARD, agent, customer, disposeAll, env, hears, next, settle, sleep } from './support.js';

const uri = (user: string): string => `sip:${user}@${env.domain}`;

describe('offer routing over a real SIP server', () => {
  afterEach(disposeAll);

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

  it("refuses the caller's REFER with 603 and places no call", async () => {
    const { phone, bob, call } = await talking();
    const carol = await customer('2002');
    let status: number | undefined;
    try {
      await bob.refer(uri('2002'));
    } catch (error) {
      status = (error as { statusCode?: number }).statusCode;
    }
    expect(status).to.equal(603);
    await sleep(800);
    expect(carol.calls, 'nobody called Carol').to.deep.equal([]);
    expect(phone.$calls.get()).to.deep.equal([call]);
    expect(call.state).to.equal('active');
    expect(await settle(phone, call, CUSTOMER_HZ, true)).to.be.at.least(HEARD);
  });

  it('answers 481 to an INVITE that replaces a dialog it does not have, and rings nothing', async () => {
    const { phone } = await agent('1001');
    const popups: CallHandle[] = [];
    phone.on('call:incoming', (call) => popups.push(call));
    const carol = await customer('2002');
    await carol.dial(uri('1001'), { Replaces: 'nobody@nowhere;to-tag=1;from-tag=2' });
    await carol.waitFor('ended');
    expect(carol.call?.snapshot.statusCode).to.equal(481);
    expect(popups).to.deep.equal([]);
  });

  it('refuses a supervisor INVITE (X-CX-Monitor, auto-answer asked) with 403; the call in progress goes on', async () => {
    const { phone, bob, call } = await talking();
    const popups: CallHandle[] = [];
    phone.on('call:incoming', (c) => popups.push(c));
    const supervisor = await customer('1002');
    await supervisor.dial(uri('1001'), { 'X-CX-Monitor': 'mode=barge;target=int-1', 'Call-Info': '<sip:acd>;answer-after=0' });
    await supervisor.waitFor('ended');
    expect(supervisor.call?.snapshot.statusCode).to.equal(403);
    expect(popups).to.deep.equal([]);
    expect(call.state).to.equal('active');
    expect(await bob.hears(AGENT_HZ)).to.be.at.least(HEARD);
    expect(await hears(phone, call, CUSTOMER_HZ)).to.be.at.least(HEARD);
  });

  it('connect() to a port where nothing listens rejects with connection-failed within sip.connectTimeout', async () => {
    const phone = createPhone({ sip: { server: 'ws://127.0.0.1:9', aor: uri('1003'), connectTimeout: 1500 } });
    const started = performance.now();
    try {
      await phone.connect();
      expect.fail('connect() should reject');
    } catch (error) {
      expect(isCxError(error, 'connection-failed'), String(error)).to.equal(true);
    } finally {
      await phone.destroy();
    }
    expect(performance.now() - started).to.be.within(1400, 3000);
  });
});
