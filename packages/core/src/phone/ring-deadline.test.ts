// Component tier, slow on purpose (about 76 s of real time): the phone's
// ring deadline is the only timer that ends an offer. sip.js has its own
// no-answer timer (60 s by default) that used to end longer offers early,
// as a remote hang-up and without call:missed.
import { expect } from '@esm-bundle/chai';
import type { Call } from '../index.js';
import { once, ring, sleep, startKit, type Kit } from '../../test/support/phone-kit.js';

describe('the ring deadline', function () {
  this.timeout(120_000);
  let kit: Kit;
  afterEach(() => kit.stop());

  it('a 75 s ring timeout still rings at 65 s and ends with 480 and call:missed', async () => {
    kit = await startKit();
    const phone = kit.agent('1001', { profile: { ringTimeout: 20 } });
    await phone.connect();
    const bob = await kit.cc.customer('2001');
    const ended: string[] = [];
    phone.on('call:ended', (call) => ended.push(call.snapshot.endReason ?? ''));
    const call = await ring(kit.cc, phone, bob, { 'X-CX-Ring-Timeout': '75' });
    expect(call.snapshot.ringDeadline! - call.snapshot.createdAt).to.be.within(74_900, 75_100);
    const missed = once(phone, 'call:missed');
    await sleep(65_000);
    expect(call.state, 'still ringing at 65 s').to.equal('ringing');
    expect(bob.call?.state).to.equal('dialing');
    const [missedCall] = (await missed) as [Call];
    expect(missedCall).to.equal(call);
    expect(call.snapshot.endReason).to.equal('ring-timeout');
    expect(call.snapshot.endedAt! - call.snapshot.createdAt).to.be.within(74_500, 76_500);
    await bob.waitFor('ended');
    expect(bob.call?.snapshot.statusCode).to.equal(480);
    expect(ended).to.deep.equal(['ring-timeout']);
  });
});
