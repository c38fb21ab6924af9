// Component tier: <cx-unanswered-settings> on a phone of the simulated
// contact center: the region "Unanswered calls" renders the phone's store,
// every control is named and reached with Tab, Save goes through the phone
// (its store and localStorage after), a refused custom prefix is said next
// to the field and keeps the settings in force; axe-clean saved, in error,
// and in French.
import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import type { Phone } from '@cx/core';
import { loadUnansweredSettings } from '../index.js';
import { setLocale } from '../i18n/locale.js';
import { axeViolations } from '../testing/axe.js';
import { agentPhone, button, deepActiveElement, disposeAll, mount, queryAll, settle, until } from '../testing/simulated-center.js';
import type { CxUnansweredSettings } from './unanswered-settings.js';

const EXCEPTIONS = [
  'Internal calls',
  'Blocked or withheld numbers',
  'Callers whose contact could not be determined',
  'Further attempts by a caller on the same day',
  'Repeated calls while I am not logged in',
  'Calls that rang less than 2 seconds',
  'Numbers in the exclusion list',
];
const FIELDS = ['Notify me by email', 'Email address', "Attach the caller's vCard", 'Telephony link', 'Notify me by SMS', 'SMS provider', 'SMS recipient', ...EXCEPTIONS, 'Exclusion list'];

type Control = HTMLInputElement & HTMLSelectElement & HTMLTextAreaElement;

/** The region's name: the text its aria-labelledby points at. */
function regionName(element: Element): string | undefined {
  const section = queryAll(element, 'section[aria-labelledby]')[0];
  return section && (section.getRootNode() as ShadowRoot).getElementById(section.getAttribute('aria-labelledby')!)?.textContent?.trim();
}

/** The one control whose label reads `name`. */
function control(element: Element, name: string): Control {
  const found = queryAll<Control>(element, 'input, select, textarea').filter((el) => Array.from(el.labels ?? []).some((l) => l.textContent?.replace(/\s+/g, ' ').trim() === name));
  if (found.length !== 1) throw new Error(`Expected one control "${name}", found ${found.length}`);
  return found[0]!;
}

function type(field: Control, value: string): void {
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

function choose(select: Control, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

const savedKey = (phone: Phone): string => `cx-banner.unanswered:${phone.options.sip.aor.toLowerCase()}`;

async function panel(phone: Phone): Promise<CxUnansweredSettings> {
  await loadUnansweredSettings();
  const element = document.createElement('cx-unanswered-settings');
  element.phone = phone;
  return mount(element);
}

function clearSaved(): void {
  for (const key of Object.keys(localStorage)) if (key.startsWith('cx-banner.unanswered:')) localStorage.removeItem(key);
}

describe('<cx-unanswered-settings>', () => {
  beforeEach(clearSaved);
  afterEach(async () => {
    await setLocale(undefined);
    await disposeAll();
    clearSaved();
  });

  it('renders the store in a region "Unanswered calls" with named controls reached by Tab; Save goes through the phone and says "Saved"', async () => {
    const phone = await agentPhone();
    await phone.setUnansweredSettings({ email: { enabled: true, to: 'ann@example.com' }, exclusions: ['1002', '+33 1 23 45 67 89'] });
    const element = await panel(phone);
    expect(regionName(element)).to.equal('Unanswered calls');
    for (const name of FIELDS) expect(control(element, name), name).to.not.equal(undefined);
    expect(control(element, 'Notify me by email').checked).to.equal(true);
    expect(control(element, 'Email address').value).to.equal('ann@example.com');
    expect(control(element, 'Telephony link').value).to.equal('tel:');
    expect(Array.from(control(element, 'Telephony link').options, (o) => o.textContent?.trim())).to.deep.equal(['tel:', 'phone:', 'callto:', 'Custom', 'No links']);
    expect(control(element, 'Exclusion list').value).to.equal('1002\n+33 1 23 45 67 89');
    expect(EXCEPTIONS.map((name) => control(element, name).checked)).to.deep.equal([true, true, false, true, true, true, true]);

    // Keyboard: Tab walks every control in order, then Save.
    control(element, 'Notify me by email').focus();
    const reached = [deepActiveElement()];
    for (let i = 0; i < FIELDS.length; i += 1) {
      await sendKeys({ press: 'Tab' });
      reached.push(deepActiveElement());
    }
    // By identity (chai's deep equality would take any two inputs for equal).
    FIELDS.forEach((name, i) => expect(reached[i] === control(element, name), `Tab reaches ${name}`).to.equal(true));
    expect(reached.at(-1) === button(element, 'Save'), 'then Save').to.equal(true);

    // A change in the store (another tab) shows at once.
    await phone.setUnansweredSettings({ sms: { provider: 'sim' } });
    await settle(element);
    expect(control(element, 'SMS provider').value).to.equal('sim');

    const requested = new Promise<CustomEvent>((resolve) => element.addEventListener('cx-unanswered-settings-request', (e) => resolve(e as CustomEvent), { once: true }));
    control(element, 'Notify me by SMS').click();
    type(control(element, 'SMS recipient'), '+33 7 00 00 00 01');
    control(element, 'Callers whose contact could not be determined').click();
    control(element, "Attach the caller's vCard").click();
    choose(control(element, 'Telephony link'), 'custom');
    await settle(element);
    type(control(element, 'Custom prefix'), 'crm:');
    type(control(element, 'Exclusion list'), '1002\n\n  2003  \n');
    button(element, 'Save').click();
    expect((await requested).detail.change.sms).to.deep.equal({ enabled: true, provider: 'sim', to: '+33 7 00 00 00 01' });
    await until(() => queryAll(element, '[role="status"]')[0]?.textContent?.trim() === 'Saved', '"Saved" in the status region');

    const expected = {
      email: { enabled: true, to: 'ann@example.com', attachVCard: false, linkPrefix: 'crm:' },
      sms: { enabled: true, provider: 'sim', to: '+33 7 00 00 00 01' },
      exceptions: { excluded: true, internal: true, withheld: true, 'short-ring': true, 'unknown-contact': true, 'same-day': true, 'not-logged-in': true },
      exclusions: ['1002', '2003'],
    };
    expect(phone.$unansweredSettings.get()).to.deep.equal(expected);
    expect(JSON.parse(localStorage.getItem(savedKey(phone)) ?? 'null')).to.deep.equal(expected);
    await settle(element);
    expect(control(element, 'Telephony link').value).to.equal('custom');
    expect(control(element, 'Custom prefix').value).to.equal('crm:');
    expect(await axeViolations(element), 'saved').to.deep.equal([]);
  });

  it('a refused custom prefix is said next to the field (tied by aria-describedby, announced, focused) and keeps the settings in force', async () => {
    const phone = await agentPhone();
    const before = phone.$unansweredSettings.get();
    const element = await panel(phone);
    choose(control(element, 'Telephony link'), 'custom');
    await settle(element);
    const prefix = control(element, 'Custom prefix');
    type(prefix, 'javascript:');
    type(control(element, 'Email address'), 'ann@example.com');
    button(element, 'Save').click();
    await until(() => prefix.getAttribute('aria-invalid') === 'true', 'the prefix marked invalid');
    const root = prefix.getRootNode() as ShadowRoot;
    const described = (prefix.getAttribute('aria-describedby') ?? '').split(' ').map((id) => root.getElementById(id));
    const error = described.find((el) => el?.getAttribute('role') === 'alert');
    expect(error?.textContent).to.contain('1 to 9');
    expect(deepActiveElement()).to.equal(prefix);
    expect(prefix.value, 'what the agent typed stays').to.equal('javascript:');
    expect(phone.$unansweredSettings.get()).to.equal(before);
    expect(localStorage.getItem(savedKey(phone))).to.equal(null);
    expect(queryAll(element, '[role="status"]')[0]?.textContent?.trim()).to.equal('');
    expect(await axeViolations(element), 'error').to.deep.equal([]);

    // An empty custom prefix is not "no links".
    type(prefix, '');
    button(element, 'Save').click();
    await until(() => prefix.getAttribute('aria-invalid') === 'true', 'the empty prefix marked invalid');
    expect(phone.$unansweredSettings.get()).to.equal(before);

    // Corrected: saved, and the error goes.
    type(prefix, 'x-crm:');
    button(element, 'Save').click();
    await until(() => phone.$unansweredSettings.get()?.email.linkPrefix === 'x-crm:', 'the prefix saved');
    await settle(element);
    expect(prefix.hasAttribute('aria-invalid')).to.equal(false);
    expect(queryAll(element, '[role="alert"]')).to.have.length(0);
  });

  it('in French: named controls, the error in French, axe-clean', async () => {
    const phone = await agentPhone();
    const element = await panel(phone);
    await setLocale('fr');
    await settle(element);
    expect(regionName(element)).to.equal('Appels sans réponse');
    expect(control(element, 'Adresse e-mail')).to.not.equal(undefined);
    expect(control(element, 'Appels internes')).to.not.equal(undefined);
    choose(control(element, 'Lien téléphonique'), 'custom');
    await settle(element);
    const prefix = control(element, 'Préfixe personnalisé');
    type(prefix, 'tel');
    button(element, 'Enregistrer').click();
    await until(() => prefix.getAttribute('aria-invalid') === 'true', 'the prefix marked invalid');
    expect(queryAll(element, '[role="alert"]')[0]?.textContent).to.contain('deux-points');
    expect(await axeViolations(element), 'error, in French').to.deep.equal([]);
  });
});
