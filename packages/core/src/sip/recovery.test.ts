// Component tier: what a live call and the registration survive, on the
// simulated contact center: the connection dropped mid-call (both sides come
// back and refresh the dialog, a 491 when they do it at once is retried, and
// the customer's hang-up still arrives), and a page that wakes from a freeze
// (the registration is renewed at once).
import { expect } from '@esm-bundle/chai';
import { AGENT_HZ, CUSTOMER_HZ, level, ring, startKit, until, wire, type Kit } from '../../test/support/phone-kit.js';

describe('recovery', () => {
  let kit: Kit;
  afterEach(() => kit.stop());

  it('the connection drops mid-call: both sides reconnect and refresh the dialog; audio goes on; the hang-up still arrives', async () => {
    kit = await startKit();
    const phone = kit.agent('1001', { sip: { ...kit.cc.sipOptions('1001'), reconnect: { minDelay: 50, maxDelay: 200 } } });
    await phone.connect();
    const bob = await kit.cc.customer('2001', { frequency: CUSTOMER_HZ });
    const call = await ring(kit.cc, phone, bob);
    await call.accept();
    await bob.waitFor('active');
    expect(await level(phone, call, CUSTOMER_HZ)).to.be.at.least(-55);

    kit.cc.switch.clearMessages();
    kit.cc.switch.disconnectAll();
    await until(() => phone.$connection.get().state !== 'registered', 'the drop to be seen');
    await until(() => phone.$connection.get().state === 'registered' && bob.phone.$connection.get().state === 'registered', 'both back', 8000);
    // Each side says where it is now: a re-INVITE in the dialog without an offer, answered 200 (perhaps after a 404 or a 491 and a retry).
    const reinvites = (): string[] => wire(kit.cc).filter((line) => /^INVITE /.test(line));
    await until(() => reinvites().length >= 2, 'a re-INVITE from each side', 8000);
    await until(() => wire(kit.cc).filter((line) => /^200 INVITE/.test(line)).length >= 2, 'both refreshes answered', 8000);
    expect(call.state).to.equal('active');
    expect(await level(phone, call, CUSTOMER_HZ)).to.be.at.least(-55);
    expect(await bob.hears(AGENT_HZ, 500)).to.be.at.least(-55);

    await bob.call!.hangup();
    await until(() => call.ended, "the customer's BYE");
    expect(call.snapshot.endReason).to.equal('remote-hangup');
  });

  it('a page that wakes from a freeze registers again at once, and takes a call', async () => {
    kit = await startKit();
    const phone = kit.agent('1001');
    await phone.connect();
    const registers = (): number => wire(kit.cc).filter((line) => /^REGISTER /.test(line)).length;
    const before = registers();
    document.dispatchEvent(new Event('freeze'));
    document.dispatchEvent(new Event('resume'));
    await until(() => registers() > before, 'a REGISTER on resume');
    expect(phone.$connection.get().state).to.equal('registered');

    // Frozen while the server dropped us: on resume the phone reconnects at once (no backoff wait).
    const slow = kit.agent('1002', { sip: { ...kit.cc.sipOptions('1002'), reconnect: { minDelay: 60_000, maxDelay: 60_000 } } });
    await slow.connect();
    kit.cc.switch.disconnectAll();
    await until(() => slow.$connection.get().state === 'connecting', 'the drop');
    document.dispatchEvent(new Event('resume'));
    await until(() => slow.$connection.get().state === 'registered', 'registered again well before the 30 s backoff', 5000);

    await until(() => phone.$connection.get().state === 'registered', 'the first phone back too', 8000);
    const bob = await kit.cc.customer('2001');
    const call = await ring(kit.cc, phone, bob);
    await call.decline();
  });
});
