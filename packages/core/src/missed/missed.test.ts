// Component tier: missed calls in Chromium, on the simulated contact center
// and the simulated platform: each reason, the platform's list and events,
// processed once the number is talked to again (either way).
import { expect } from '@esm-bundle/chai';
import type { CallHandle, Phone } from '../index.js';
import { startSimulatedPlatform, type StartedSimulatedPlatform } from '../testing/index.js';
import { ring as ringFrom, startKit, until, type Kit } from '../../test/support/phone-kit.js';

let kit: Kit;
let platform: StartedSimulatedPlatform | undefined;

describe('missed calls', () => {
  beforeEach(async () => {
    kit = await startKit();
  });
  afterEach(async () => {
    await kit.stop();
    await platform?.stop();
    platform = undefined;
  });

  it("this phone's missed calls, with their reasons; a later connected call with the number processes them", async () => {
    const phone = kit.agent('1001', { profile: { ringTimeout: 1 } });
    await phone.connect();
    const bob = await kit.cc.customer('2001', { autoAnswer: false });
    const declined = await ringFrom(kit.cc, phone, bob);
    await declined.decline();
    const hungUp = await ringFrom(kit.cc, phone, bob);
    await bob.call!.hangup();
    await until(() => hungUp.ended, 'the caller to hang up');
    const expired = await ringFrom(kit.cc, phone, bob);
    await until(() => expired.ended, 'the ring to run out', 4000);
    await until(() => phone.$missedCalls.get().length === 3, 'three missed calls');
    expect(phone.$missedCalls.get().map((m) => m.reason).sort()).to.deep.equal(['caller-hung-up', 'declined', 'no-answer']);
    expect(phone.$missedCalls.get().every((m) => m.caller.number === '2001' && !m.processed && m.source === 'local')).to.equal(true);

    // The agent calls Bob back; once connected, the three are processed.
    await bob.dispose();
    await kit.cc.customer('2001');
    const back = await phone.callBack(phone.$missedCalls.get()[0]!);
    await until(() => back.state === 'active', 'the call back to connect', 8000);
    await until(() => phone.$missedCalls.get().every((m) => m.processed), 'processed');
  });

  it("the platform's missed calls and events; calling back tells the platform", async () => {
    platform = await startSimulatedPlatform();
    const phone: Phone = kit.agent('1001', { platform: { baseUrl: platform.baseUrl, token: platform.token } });
    await phone.connect();
    await until(() => phone.$missedCalls.get().length >= 3, "the platform's list");
    const added = platform.addMissedCall({ caller: { number: '2002', name: 'Carol' }, reason: 'no-answer' });
    await until(() => phone.$missedCalls.get().some((m) => m.id === added.id), 'the missed-call event');
    const entry = phone.$missedCalls.get().find((m) => m.id === added.id)!;
    expect(entry).to.include({ source: 'platform', processed: false, reason: 'no-answer' });

    // Carol calls in and the agent answers: that processes it too.
    const carol = await kit.cc.customer('2002');
    const incoming = new Promise<CallHandle>((resolve) => phone.on('call:incoming', resolve));
    await carol.dial(kit.cc.address('1001'));
    await (await incoming).accept();
    await until(() => phone.$missedCalls.get().find((m) => m.id === added.id)?.processed === true, 'processed');
    await until(
      () => platform!.requests().some((r) => r.method === 'POST' && r.path.endsWith(`/missed-calls/${added.id}/processed`) && r.status === 204),
      'the platform to be told',
    );
  });
});
