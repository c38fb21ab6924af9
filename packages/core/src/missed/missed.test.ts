// Component tier: missed calls in Chromium, on the simulated contact center
// and the simulated platform: each reason, the platform's list and events,
// processed once the number is talked to again (either way), or the
// contact on another of their numbers.
import { expect } from '@esm-bundle/chai';
import { createStore, delMany, keys } from 'idb-keyval';
import { FOLDER_DATABASE, FOLDER_STORE } from '../contacts/contact-folders.js';
import type { CallHandle, Phone } from '../index.js';
import { startSimulatedPlatform, type StartedSimulatedPlatform } from '../testing/index.js';
import { ring as ringFrom, startKit, until, type Kit } from '../../test/support/phone-kit.js';

let kit: Kit;
/**
 * A SIP domain of this file alone: the contact folders are kept per AOR in
 * IndexedDB, which the test files running beside this one share.
 */
const DOMAIN = 'missed.cx.invalid';

/** Removes this file's agents' folders (only theirs). */
async function clearFolders(): Promise<void> {
  const store = createStore(FOLDER_DATABASE, FOLDER_STORE);
  await delMany((await keys(store)).filter((key) => String(key).split('\n')[0]!.endsWith(`@${DOMAIN}`)), store);
}
let platform: StartedSimulatedPlatform | undefined;

describe('missed calls', () => {
  beforeEach(async () => {
    kit = await startKit({ domain: DOMAIN });
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

  it("a call missed from a contact's mobile is processed when the agent calls the contact's office and it connects; the platform is told", async () => {
    await clearFolders();
    platform = await startSimulatedPlatform();
    const phone: Phone = kit.agent('1001', { platform: { baseUrl: platform.baseUrl, token: platform.token } });
    await phone.connect();
    // Bob's card: mobile 2001, office 2003.
    await phone.contacts.import(new File(['BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob Martin\r\nTEL;TYPE=CELL:2001\r\nTEL;TYPE=WORK:2003\r\nEND:VCARD\r\n'], 'desk.vcf'));
    await until(() => phone.$missedCalls.get().length >= 3, "the platform's list");
    const fromPlatform = platform.addMissedCall({ caller: { number: '2001' }, reason: 'no-answer' });
    await until(() => phone.$missedCalls.get().some((m) => m.id === fromPlatform.id), 'the missed-call event');

    // Bob rings from his mobile; the agent declines once his name shows.
    const mobile = await kit.cc.customer('2001', { autoAnswer: false });
    const missed = await ringFrom(kit.cc, phone, mobile);
    await until(() => missed.snapshot.contact !== undefined, "Bob's card");
    await missed.decline();
    await until(() => phone.$missedCalls.get().some((m) => m.source === 'local'), 'the local missed call');
    const local = phone.$missedCalls.get().find((m) => m.source === 'local')!;
    expect(local).to.deep.include({ caller: { number: '2001', name: 'Bob Martin' }, processed: false, contactNumbers: ['2001', '2003'] });

    // A connected call with someone else processes nothing.
    await kit.cc.customer('2002');
    const other = await phone.call('2002');
    await until(() => other.state === 'active', 'the call to 2002 to connect', 8000);
    await other.hangup();
    const bobs = (): Array<boolean | undefined> => [local.id, fromPlatform.id].map((id) => phone.$missedCalls.get().find((m) => m.id === id)?.processed);
    expect(bobs()).to.deep.equal([false, false]);

    // The agent calls Bob's office: once connected, both of Bob's are processed, the others not.
    await kit.cc.customer('2003');
    const office = await phone.call('2003');
    await until(() => office.state === 'active', 'the call to the office to connect', 8000);
    await until(() => bobs().every((p) => p === true), "Bob's missed calls processed");
    expect(phone.$missedCalls.get().find((m) => m.id === 'missed-1')?.processed, 'another caller').to.equal(false);
    await until(
      () => platform!.requests().some((r) => r.method === 'POST' && r.path.endsWith(`/missed-calls/${fromPlatform.id}/processed`) && r.status === 204),
      'the platform to be told',
    );
    const marked = platform.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/processed')).map((r) => r.path);
    expect(marked, 'nothing else marked').to.deep.equal([`/missed-calls/${fromPlatform.id}/processed`]);
  });
});
