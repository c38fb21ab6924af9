// Component tier: callers named from the CRM hook, the platform's contact
// search and local folders (vCard, CSV), on the simulated contact center.
import { expect } from '@esm-bundle/chai';
import { createStore, delMany, keys } from 'idb-keyval';
import { isCxError, type CallHandle, type Contact, type Phone } from '../index.js';
import { startSimulatedPlatform, type StartedSimulatedPlatform } from '../testing/index.js';
import { once, ring, sleep, startKit, until, type Kit } from '../../test/support/phone-kit.js';
import { FOLDER_DATABASE, FOLDER_STORE } from './contact-folders.js';

const VCARD = [
  'BEGIN:VCARD',
  'VERSION:3.0',
  'FN:Bob Folder',
  'ORG:Folder & Co',
  'TEL;TYPE=WORK:2001',
  'END:VCARD',
  'BEGIN:VCARD',
  'VERSION:4.0',
  'FN:Dave Folder',
  'TEL;VALUE=uri:tel:2003',
  'END:VCARD',
  '',
].join('\r\n');

const CSV = 'Name,Company,E-mail,Phone\n"Carol, from CSV","Carol ""C"" Ltd",carol@example.com,2002\n';

let kit: Kit;
/**
 * A SIP domain of this file alone: the contact folders are kept per AOR in
 * IndexedDB, which the test files running beside this one share.
 */
const DOMAIN = 'contacts.cx.invalid';

/** Removes this file's agents' folders (only theirs). */
async function clearFolders(): Promise<void> {
  const store = createStore(FOLDER_DATABASE, FOLDER_STORE);
  await delMany((await keys(store)).filter((key) => String(key).split('\n')[0]!.endsWith(`@${DOMAIN}`)), store);
}
let platform: StartedSimulatedPlatform | undefined;

/** The contact a call ends up with (waits for it). */
async function contactOf(call: CallHandle): Promise<Contact> {
  await until(() => call.snapshot.contact !== undefined, `the contact of ${call.snapshot.info.remote.number}`);
  return call.snapshot.contact!;
}

/** A call from `number` to agent 1001, its contact, then hung up. */
async function contactFrom(phone: Phone, number: string): Promise<Contact> {
  const customer = await kit.cc.customer(number);
  const call = await ring(kit.cc, phone, customer);
  const contact = await contactOf(call);
  await call.decline();
  await customer.dispose();
  return contact;
}

describe('contact sources', () => {
  beforeEach(async () => {
    await clearFolders();
    kit = await startKit({ domain: DOMAIN });
  });
  afterEach(async () => {
    await kit.stop();
    await platform?.stop();
    platform = undefined;
  });

  it('imports a vCard then a CSV file into local folders; callers in them get their names', async () => {
    const phone = kit.agent('1001');
    await phone.connect();
    const vcard = await phone.contacts.import(new File([VCARD], 'desk.vcf', { type: 'text/vcard' }));
    expect(vcard).to.include({ name: 'desk', count: 2 });
    const csv = await phone.contacts.import(new Blob([CSV], { type: 'text/csv' }), { folder: 'Partners' });
    expect(csv).to.include({ name: 'Partners', count: 1 });
    await until(() => phone.contacts.$folders.get().length === 2, 'two folders');
    expect(phone.contacts.$folders.get().map((f) => [f.name, f.count])).to.deep.equal([['desk', 2], ['Partners', 1]]);

    expect(await contactFrom(phone, '2001')).to.deep.equal({ name: 'Bob Folder', organization: 'Folder & Co', numbers: ['2001'], source: 'folder', folder: vcard.id });
    const carol = await contactFrom(phone, '2002');
    expect(carol).to.deep.include({ name: 'Carol, from CSV', email: 'carol@example.com', organization: 'Carol "C" Ltd', source: 'folder' });

    // An unreadable file is a typed error; removing a folder forgets its callers.
    let refused: unknown;
    await phone.contacts.import(new Blob(['Name,Email\nAnn,ann@example.com\n'], { type: 'text/csv' })).catch((error: unknown) => (refused = error));
    expect(isCxError(refused, 'contact-file-unreadable')).to.equal(true);
    await phone.contacts.removeFolder(csv.id);
    expect(phone.contacts.$folders.get().map((f) => f.name)).to.deep.equal(['desk']);
    const customer = await kit.cc.customer('2002');
    const call = await ring(kit.cc, phone, customer);
    await sleep(300);
    expect(call.snapshot.contact, 'no folder knows 2002 any more').to.equal(undefined);
    let missing: unknown;
    await phone.contacts.removeFolder(csv.id).catch((error: unknown) => (missing = error));
    expect(isCxError(missing, 'contact-folder-not-found')).to.equal(true);
  });

  it('the CRM hook beats the platform, which beats the local folders', async () => {
    platform = await startSimulatedPlatform();
    platform.model.contacts.push(
      { id: 'p-bob', name: 'Bob Platform', numbers: ['2001'] },
      { id: 'p-carol', name: 'Carol Platform', email: 'carol@platform.example', numbers: ['2002'] },
    );
    const asked: string[] = [];
    const phone = kit.agent('1001', {
      platform: { baseUrl: platform.baseUrl, token: platform.tokenFor('1001') },
      contacts: {
        lookup: (number) => {
          asked.push(number);
          return number === '2001' ? { name: 'Bob CRM', id: 'crm-7', organization: 'CRM Inc' } : undefined;
        },
      },
    });
    await phone.connect();
    await phone.contacts.import(new File([VCARD], 'desk.vcf'));
    await phone.contacts.import(new File([CSV], 'partners.csv'));

    expect(await contactFrom(phone, '2001')).to.deep.equal({ name: 'Bob CRM', id: 'crm-7', organization: 'CRM Inc', numbers: [], source: 'crm' });
    const carol = await contactFrom(phone, '2002');
    expect(carol).to.deep.include({ name: 'Carol Platform', id: 'p-carol', source: 'platform' });
    expect(await contactFrom(phone, '2003')).to.deep.include({ name: 'Dave Folder', source: 'folder' });
    expect(asked).to.deep.equal(['2001', '2002', '2003']);
    const searched = platform.requests().filter((r) => r.method === 'GET' && r.path.startsWith('/contacts')).map((r) => r.path);
    expect(searched, 'the platform is asked only when the CRM does not know').to.deep.equal(['/contacts?number=2002', '/contacts?number=2003']);
  });

  it('the folders are kept for the agent: a new phone of the same AOR finds them', async () => {
    const first = kit.agent('1001');
    await first.connect();
    const folder = await first.contacts.import(new File([VCARD], 'desk.vcf'));
    await first.destroy();

    const again = kit.agent('1001');
    await until(() => again.contacts.$folders.get().length === 1, 'the folder read back from IndexedDB');
    expect(again.contacts.$folders.get()[0]).to.include({ id: folder.id, name: 'desk', count: 2 });
    await again.connect();
    expect((await contactFrom(again, '2003')).name).to.equal('Dave Folder');

    const other = kit.agent('1002');
    await sleep(200);
    expect(other.contacts.$folders.get(), "another agent's folders are apart").to.deep.equal([]);
  });

  it('with several tabs: import() in a mirroring tab is carried out by the holding tab; both list the folder; removeFolder() likewise', async () => {
    const holder = kit.agent('1001');
    await holder.connect();
    const mirror = kit.agent('1001');
    await mirror.connect();
    expect([holder.holdsRegistration, mirror.holdsRegistration]).to.deep.equal([true, false]);

    // The File crosses BroadcastChannel (structured clone): its name names the folder.
    const folder = await mirror.contacts.import(new File([VCARD], 'desk.vcf', { type: 'text/vcard' }));
    expect(folder).to.include({ name: 'desk', count: 2 });
    await until(() => holder.contacts.$folders.get().length === 1 && mirror.contacts.$folders.get().length === 1, "the folder in both tabs' $folders");
    expect(holder.contacts.$folders.get()).to.deep.equal([folder]);
    expect(mirror.contacts.$folders.get()).to.deep.equal([folder]);
    // A plain Blob crosses too, and options with it.
    const csv = await mirror.contacts.import(new Blob([CSV], { type: 'text/csv' }), { folder: 'Partners' });
    await until(() => holder.contacts.$folders.get().length === 2 && mirror.contacts.$folders.get().length === 2, 'the second folder in both tabs');
    expect(mirror.contacts.$folders.get().map((f) => [f.name, f.count])).to.deep.equal([['desk', 2], ['Partners', 1]]);

    // The holding tab names a caller from it; the mirroring tab shows the same contact.
    const customer = await kit.cc.customer('2003');
    const incoming = once(mirror, 'call:incoming');
    const call = await ring(kit.cc, holder, customer);
    const [mirrored] = (await incoming) as [CallHandle];
    expect((await contactOf(call)).name).to.equal('Dave Folder');
    expect((await contactOf(mirrored)).name).to.equal('Dave Folder');
    await call.decline();

    // Typed errors come back from the holding tab, and nothing changes.
    let refused: unknown;
    await mirror.contacts.import(new Blob(['Name,Email\nAnn,ann@example.com\n'], { type: 'text/csv' })).catch((error: unknown) => (refused = error));
    expect(isCxError(refused, 'contact-file-unreadable'), String(refused)).to.equal(true);
    await mirror.contacts.removeFolder(csv.id);
    await until(() => holder.contacts.$folders.get().length === 1 && mirror.contacts.$folders.get().length === 1, 'the folder removed in both tabs');
    let missing: unknown;
    await mirror.contacts.removeFolder(csv.id).catch((error: unknown) => (missing = error));
    expect(isCxError(missing, 'contact-folder-not-found'), String(missing)).to.equal(true);
  });

  for (const autoOpen of ['ringing', 'answered'] as const) {
    it(`contacts.autoOpen '${autoOpen}' emits contact:open and calls hooks.openContact once per call`, async () => {
      const opened: Contact[] = [];
      const events: Array<[string, string]> = [];
      const phone = kit.agent('1001', { contacts: { autoOpen, lookup: (n) => (n === '2001' ? 'Bob CRM' : undefined) }, hooks: { openContact: (c) => void opened.push(c) } });
      phone.on('contact:open', (call, contact) => events.push([call.snapshot.state, contact.name]));
      await phone.connect();
      const bob = await kit.cc.customer('2001');
      const call = await ring(kit.cc, phone, bob);
      await contactOf(call);
      await sleep(200);
      if (autoOpen === 'ringing') {
        expect(events).to.deep.equal([['ringing', 'Bob CRM']]);
      } else {
        expect(events, 'not before the answer').to.deep.equal([]);
      }
      const accepted = once(phone, 'call:accepted');
      await call.accept();
      await accepted;
      await bob.waitFor('active');
      await sleep(200);
      expect(events.map(([, name]) => name)).to.deep.equal(['Bob CRM']);
      if (autoOpen === 'answered') expect(events[0]![0]).to.equal('active');
      expect(opened.map((c) => [c.name, c.source])).to.deep.equal([['Bob CRM', 'crm']]);
      await call.hangup();

      // An unknown caller opens nothing.
      const carol = await kit.cc.customer('2002');
      const unknown = await ring(kit.cc, phone, carol);
      await unknown.accept();
      await sleep(300);
      expect(opened.length).to.equal(1);
    });
  }
});
