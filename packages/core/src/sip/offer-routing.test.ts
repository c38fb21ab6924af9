// Component tier: how the phone routes what arrives (offers, REFERs) when a
// peer is hostile or merely unusual, on the simulated contact center.
import { expect } from '@esm-bundle/chai';
import { isCxError, type CallHandle } from '../index.js';
import { CUSTOMER_HZ, AGENT_HZ, OTHER_HZ, HEARD, SILENT, level, once, ring, sleep, startKit, wire, type Kit } from '../../test/support/phone-kit.js';

describe('offer routing and in-dialog requests', () => {
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

  it("a REFER from the customer is refused with 603 and makes no call", async () => {
    const { phone, bob, call } = await talking();
    await kit.cc.customer('2002');
    kit.cc.switch.clearMessages();
    let refusal: unknown;
    try {
      await bob.refer(kit.cc.address('2002'));
    } catch (error) {
      refusal = error;
    }
    expect(isCxError(refusal, 'sip-failure')).to.equal(true);
    expect((refusal as { statusCode?: number }).statusCode).to.equal(603);
    expect(wire(kit.cc)).to.include('603 REFER');
    await sleep(500);
    expect(wire(kit.cc).filter((s) => s.startsWith('INVITE')), 'no INVITE went out').to.deep.equal([]);
    expect(phone.$calls.get().map((c) => c.state)).to.deep.equal(['active']);
    expect(call.state).to.equal('active');
    expect(bob.call?.state).to.equal('active');
  });

  it('an INVITE with Replaces for an unknown dialog gets 481 and rings nothing', async () => {
    const phone = kit.agent();
    await phone.connect();
    const incoming: CallHandle[] = [];
    phone.on('call:incoming', (call) => incoming.push(call));
    const carol = await kit.cc.customer('2002');
    await carol.dial(kit.cc.address('1001'), { Replaces: 'unknown@sim;to-tag=abc;from-tag=def' });
    await carol.waitFor('ended');
    expect(carol.call?.snapshot.statusCode).to.equal(481);
    expect(incoming).to.deep.equal([]);
    expect(phone.$calls.get()).to.deep.equal([]);
  });

  it('an INVITE with Replaces for one of our dialogs carries the same call on: Bob is let go, the agent hears Carol', async () => {
    const { phone, bob, call } = await talking();
    const incoming: CallHandle[] = [];
    phone.on('call:incoming', (c) => incoming.push(c));
    const carol = await kit.cc.customer('2002', { frequency: OTHER_HZ });
    await carol.dial(kit.cc.address('1001'), { Replaces: bob.replacesFor() });
    await carol.waitFor('active');
    await bob.waitFor('ended');
    expect(bob.call?.snapshot.endReason).to.equal('remote-hangup');
    expect(incoming, 'no popup').to.deep.equal([]);
    expect(phone.$calls.get()).to.deep.equal([call]);
    expect(call.state).to.equal('active');
    expect(call.info.remote.number).to.equal('2002');
    expect(await level(phone, call, OTHER_HZ)).to.be.at.least(HEARD, 'the agent hears Carol');
    expect(await level(phone, call, CUSTOMER_HZ, false)).to.be.at.most(SILENT, 'and no longer Bob');
    expect(await carol.hears(AGENT_HZ)).to.be.at.least(HEARD, 'Carol hears the agent');
  });

  it('an X-CX-Monitor INVITE is refused with 403, never auto-answered, and the call in progress stays active', async () => {
    const { phone, bob, call } = await talking();
    const incoming: CallHandle[] = [];
    phone.on('call:incoming', (c) => incoming.push(c));
    const supervisor = await kit.cc.customer('1002');
    await supervisor.dial(kit.cc.address('1001'), {
      'X-CX-Monitor': 'mode=silent;target=int-1',
      'Call-Info': '<sip:acd>;answer-after=0',
    });
    await supervisor.waitFor('ended');
    expect(supervisor.call?.snapshot.statusCode).to.equal(403);
    expect(incoming).to.deep.equal([]);
    expect(call.state).to.equal('active');
    expect(phone.$calls.get()).to.deep.equal([call]);
    expect(await bob.hears(AGENT_HZ)).to.be.at.least(HEARD, 'the customer still hears the agent');
  });

  it('an interaction the agent took is answered at once when its INVITE arrives', async () => {
    const phone = kit.agent();
    await phone.connect();
    const { installFeature } = await import('../phone/phone.js');
    const taking = installFeature(phone, {
      name: 'take-for-test',
      install: (context) => ({ api: context.expectTaken, dispose: () => undefined }),
    });
    taking('int-42');
    const bob = await kit.cc.customer('2001');
    const accepted = once(phone, 'call:accepted');
    await bob.dial(kit.cc.address('1001'), { 'X-CX-Interaction-Id': 'int-42' });
    const [call] = (await accepted) as [CallHandle];
    expect(call.info.interactionId).to.equal('int-42');
    await bob.waitFor('active');

    // Taken once: the same interaction offered again rings as usual.
    await call.hangup();
    const again = await ring(kit.cc, phone, bob, { 'X-CX-Interaction-Id': 'int-42' });
    await sleep(300);
    expect(again.state).to.equal('ringing');
  });
});
