// Component tier: <cx-contact-folders> on a phone of the simulated contact
// center: import a vCard and a CSV file through the file picker, the folders
// listed with their counts, the import announced; a file that cannot be read
// shown and announced at once, changing nothing; Remove; the keyboard; axe in
// each state; in French; and in the Banner's Settings, a caller from an
// imported card named.
import { expect } from '@esm-bundle/chai';
import type { Phone } from '@cx/core';
import { sendKeys } from '@web/test-runner-commands';
import { createStore, delMany, keys } from 'idb-keyval';
import { CxBanner } from '../banner/banner.js';
import { setLocale } from '../i18n/locale.js';
import { loadContactFolders } from '../index.js';
import { memoryStorage } from '../preferences/preference-storage.js';
import { axeViolations } from '../testing/axe.js';
import { agentPhone, button, contactCenter, buttons, customer, deepActiveElement, deepText, disposeAll, mount, nextEvent, queryAll, ring, settle, until } from '../testing/simulated-center.js';
import type { CxContactFolders } from './contact-folders.js';

const VCARD = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Bob Folder', 'TEL;TYPE=CELL:2001', 'END:VCARD', 'BEGIN:VCARD', 'VERSION:4.0', 'FN:Dave Folder', 'TEL;VALUE=uri:tel:2003', 'END:VCARD', ''].join('\r\n');
const CSV = 'Name,Company,Phone\n"Carol, from CSV",Carol Ltd,2002\n';

/** The region named `name` (its heading) under `root`. */
function region(root: Element, name: string): Element | undefined {
  return queryAll(root, 'section[aria-labelledby]').find((s) => (s.getRootNode() as ShadowRoot).getElementById(s.getAttribute('aria-labelledby')!)?.textContent?.trim() === name);
}

/** The file picker of `root` whose label reads `name`. */
function picker(root: Element, name: string): HTMLInputElement {
  const found = queryAll<HTMLInputElement>(root, 'input[type="file"]').filter((input) => Array.from(input.labels ?? []).some((l) => l.textContent?.trim() === name));
  if (found.length !== 1) throw new Error(`Expected one file picker "${name}", found ${found.length}`);
  return found[0]!;
}

/** Chooses `file` in the picker, as the agent does in the browser's dialog. */
function choose(input: HTMLInputElement, file: File): void {
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** The folders as the region lists them: each item's text. */
const listed = (element: Element): string[] => queryAll(element, 'li').map((li) => deepText(li).trim());
const polite = (element: Element): string => queryAll(element, '[aria-live="polite"]').map((el) => el.textContent?.trim() ?? '').join('');
const alerts = (element: Element): string[] => queryAll(element, '[role="alert"]').map((el) => el.textContent?.trim() ?? '');

/** An agent of this file alone: its folders (kept per AOR in IndexedDB) are not seen by the phones of other test files. */
const AGENT = '1077';

async function folders(phone: Phone): Promise<CxContactFolders> {
  await loadContactFolders();
  const element = document.createElement('cx-contact-folders');
  element.phone = phone;
  return mount(element);
}

describe('<cx-contact-folders>', () => {
  beforeEach(async () => {
    // Other test files run beside this one in the same origin: only this agent's folders are cleared.
    const { aor } = (await contactCenter()).sipOptions(AGENT);
    const store = createStore('cx-banner-contacts', 'folders');
    await delMany((await keys(store)).filter((key) => String(key).startsWith(`${aor}\n`)), store);
  });
  afterEach(async () => {
    await setLocale(undefined);
    await disposeAll();
  });

  it('imports a vCard and a CSV file; lists them with their counts; announces; a bad file is an alert and changes nothing; Remove', async () => {
    const phone = await agentPhone({}, false, AGENT);
    const element = await folders(phone);
    expect(region(element, 'Contacts')).to.not.equal(undefined);
    expect(deepText(element)).to.contain('No contact folder yet');
    const input = picker(element, 'Import contacts');
    expect(input.accept).to.equal('.vcf,.vcard,.csv,text/vcard,text/csv');
    expect(await axeViolations(element), 'empty').to.deep.equal([]);

    const requested: File[] = [];
    element.addEventListener('cx-contact-import-request', (event) => requested.push(event.detail.file));
    choose(input, new File([VCARD], 'desk.vcf', { type: 'text/vcard' }));
    await element.updateComplete;
    expect(polite(element)).to.equal('Importing desk.vcf…');
    await until(() => polite(element) === 'Imported 2 contacts into desk', 'the import announced');
    choose(input, new File([CSV], 'partners.csv', { type: 'text/csv' }));
    await until(() => polite(element) === 'Imported 1 contact into partners', 'the second import announced');
    await settle(element);
    expect(requested.map((f) => f.name)).to.deep.equal(['desk.vcf', 'partners.csv']);
    const items = listed(element);
    expect(items).to.have.length(2);
    expect(items[0]).to.match(/^desk 2 contacts · imported .+Remove$/);
    expect(items[1]).to.match(/^partners 1 contact · imported .+Remove$/);
    expect(phone.contacts.$folders.get().map((f) => [f.name, f.count])).to.deep.equal([['desk', 2], ['partners', 1]]);
    expect(input.value, 'cleared for the next file').to.equal('');
    expect(await axeViolations(element), 'two folders').to.deep.equal([]);

    // A file that is neither vCard nor CSV, then an empty one: an alert, nothing lost.
    for (const bad of [new File(['\u0000\u0001 not contacts'], 'photo.vcf', { type: 'text/vcard' }), new File([''], 'empty.csv', { type: 'text/csv' })]) {
      const failed = nextEvent(element, 'cx-command-failed');
      choose(input, bad);
      const { detail } = await failed;
      expect([detail.action, detail.error.code], bad.name).to.deep.equal(['contact-import', 'contact-file-unreadable']);
      await settle(element);
      expect(alerts(element), bad.name).to.deep.equal(['This file could not be imported: use a vCard or CSV file.']);
      expect(polite(element), 'no success announced').to.equal('');
    }
    expect(listed(element)).to.have.length(2);
    expect(phone.contacts.$folders.get().map((f) => f.name)).to.deep.equal(['desk', 'partners']);
    expect(await axeViolations(element), 'an error shown').to.deep.equal([]);

    // A host that cancels the request: nothing is imported.
    element.addEventListener('cx-contact-import-request', (event) => event.preventDefault(), { once: true });
    choose(input, new File([CSV], 'other.csv', { type: 'text/csv' }));
    await settle(element);
    expect(phone.contacts.$folders.get()).to.have.length(2);

    // Remove: the folder goes, announced; the keyboard stays in the region.
    button(element, 'Remove partners').click();
    await until(() => listed(element).length === 1, 'the folder removed');
    expect(polite(element)).to.equal('Removed partners');
    expect(alerts(element), 'the old error is cleared').to.deep.equal([]);
    expect(deepActiveElement()).to.equal(button(element, 'Remove desk'));
    expect(phone.contacts.$folders.get().map((f) => f.name)).to.deep.equal(['desk']);
    expect(await axeViolations(element), 'after removal').to.deep.equal([]);
  });

  it('is used by the keyboard alone: Tab reaches each Remove and the file picker; Enter removes', async () => {
    const phone = await agentPhone({}, false, AGENT);
    await phone.contacts.import(new File([VCARD], 'desk.vcf'));
    const before = document.createElement('button');
    before.textContent = 'Before';
    await mount(before);
    const element = await folders(phone);
    await until(() => buttons(element, 'Remove desk').length === 1, 'the folder listed');
    before.focus();
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()).to.equal(button(element, 'Remove desk'));
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()).to.equal(picker(element, 'Import contacts'));
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await until(() => phone.contacts.$folders.get().length === 0, 'the folder removed from the keyboard');
    await until(() => deepActiveElement() === picker(element, 'Import contacts'), 'the focus on the picker');
  });

  it('in French: the region, its controls, the announcements and the error; axe-clean', async () => {
    await setLocale('fr');
    const phone = await agentPhone({}, false, AGENT);
    const element = await folders(phone);
    const input = picker(element, 'Importer des contacts');
    expect(region(element, 'Contacts')).to.not.equal(undefined);
    choose(input, new File([VCARD], 'bureau.vcf', { type: 'text/vcard' }));
    await until(() => polite(element) === '2 contacts importés dans bureau', 'the import announced in French');
    await settle(element);
    expect(buttons(element, 'Supprimer bureau')).to.have.length(1);
    expect(listed(element)[0]).to.match(/^bureau 2 contacts · importé le .+Supprimer$/);
    choose(input, new File(['nothing to read'], 'x.txt'));
    await until(() => alerts(element).length === 1, 'the alert');
    expect(alerts(element)[0]).to.equal('Ce fichier n’a pas pu être importé : utilisez un fichier vCard ou CSV.');
    expect(await axeViolations(element), 'in French').to.deep.equal([]);
  });

  it("in the Banner's Settings after Devices; a caller whose number is on an imported card is named", async () => {
    const banner = new CxBanner();
    banner.storage = memoryStorage();
    const phone = await agentPhone({}, true, AGENT);
    banner.phone = phone;
    await mount(banner);
    button(banner, 'Settings').click();
    await until(() => region(banner, 'Contacts') !== undefined, 'the region Contacts');
    const names = queryAll(banner, 'section[aria-labelledby] > h2').map((h) => h.textContent?.trim());
    expect(names.indexOf('Contacts')).to.be.greaterThan(names.indexOf('Devices'));
    choose(picker(banner, 'Import contacts'), new File([VCARD], 'desk.vcf'));
    await until(() => phone.contacts.$folders.get().length === 1, 'the folder');
    await settle(banner);
    expect(await axeViolations(banner), 'settings with a folder').to.deep.equal([]);

    const call = await ring(phone, await customer({ user: '2003', autoAnswer: false }));
    await until(() => call.snapshot.contactName === 'Dave Folder', 'the contact from the folder');
    await until(() => deepText(banner).includes('Dave Folder'), 'the name in the popup');
    await call.decline();
  });
});
