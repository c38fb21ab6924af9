import { expect } from '@esm-bundle/chai';
import { isCxError, type CallHandle, type Phone } from '@cx/core';
import { CxBanner } from '../banner/banner.js';
import { defineElements } from '../define.js';
import { memoryStorage } from '../preferences/preference-storage.js';
import { axeViolations } from '../testing/axe.js';
import { agentPhone, allElements, button, customer, disposeAll, mount, nameOf, queryAll, ring, settle, until } from '../testing/simulated-center.js';
import { getLocale, setLocale, type CxLocale } from './locale.js';

defineElements();

/** What an agent of each language reads on the controls of a ringing call, then of the answered one. */
const EXPECTED: Record<Exclude<CxLocale, 'en'>, { ringing: string[]; active: string[] }> = {
  fr: { ringing: ['Décrocher', 'Refuser'], active: ['Couper mon micro', 'Mettre en attente', 'Pavé numérique', 'Raccrocher', 'Transférer', 'Démarrer l\'enregistrement'] },
  de: { ringing: ['Annehmen', 'Ablehnen'], active: ['Mikrofon stummschalten', 'Anruf halten', 'Wähltastatur', 'Auflegen', 'Weiterleiten', 'Aufnahme starten'] },
  it: { ringing: ['Rispondi', 'Rifiuta'], active: ['Disattiva il mio microfono', 'Metti in attesa', 'Tastierino numerico', 'Riaggancia', 'Trasferisci', 'Avvia la registrazione'] },
};

/** The accessible names of the visible buttons (and the named regions and groups) of `root`. */
function visibleNames(root: Element): string[] {
  return queryAll(root, 'button, [role="group"][aria-label], section[aria-label], [role="tablist"]')
    .filter((el) => el.getClientRects().length > 0)
    .map(nameOf)
    .filter((name) => name !== '');
}

async function bannerFor(phone: Phone, lang?: string): Promise<CxBanner> {
  const banner = new CxBanner();
  banner.storage = memoryStorage();
  banner.phone = phone;
  if (lang) banner.setAttribute('lang', lang);
  return mount(banner);
}

/** Switches the locale and waits until the banner has re-rendered in it (and the popup has arrived: axe reads colours). */
async function inLocale(banner: CxBanner, locale: CxLocale | undefined): Promise<void> {
  await setLocale(locale);
  await settle(banner);
  const animations = allElements(banner).flatMap((el) => el.shadowRoot?.getAnimations() ?? []);
  await Promise.all(animations.filter((a) => Number(a.effect?.getComputedTiming().endTime) < 1000).map((a) => a.finished));
}

describe('languages', () => {
  afterEach(async () => {
    await disposeAll();
    document.documentElement.removeAttribute('lang');
    await setLocale('en');
    await setLocale();
  });

  for (const locale of ['fr', 'de', 'it'] as const) {
    it(`${locale}: no English name is left on the controls of a ringing and an answered call, and axe is clean`, async () => {
      const phone = await agentPhone();
      const banner = await bannerFor(phone);
      const call = await ring(phone, await customer({ displayName: 'Claire Martin' }), { 'X-CX-Queue': 'Sales', 'X-CX-Call-Type': 'smart' });
      await settle(banner);

      const states: Array<['ringing' | 'active', () => Promise<void>]> = [
        ['ringing', async () => undefined],
        [
          'active',
          async () => {
            button(banner, EXPECTED[locale].ringing[0] as string).click();
            await until(() => call.state === 'active', 'the call to be answered');
          },
        ],
      ];
      for (const [state, reach] of states) {
        await reach();
        await inLocale(banner, 'en');
        const english = new Set(visibleNames(banner));
        await inLocale(banner, locale);
        expect(getLocale()).to.equal(locale);
        const names = visibleNames(banner);
        expect(names.filter((name) => english.has(name)), `${state}: English names left in ${locale}`).to.deep.equal([]);
        for (const name of EXPECTED[locale][state]) expect(names, `${state} in ${locale}`).to.include(name);
        expect(await axeViolations(banner), `${state} in ${locale}`).to.deep.equal([]);
      }
    });
  }

  it('follows the lang attribute of the element, else of the page, and falls back to English', async () => {
    const phone = await agentPhone({}, false);
    const banner = await bannerFor(phone, 'de-DE');
    await until(() => getLocale() === 'de', 'German from the element');
    await settle(banner);
    expect(visibleNames(banner)).to.include('Neuer Anruf');

    document.documentElement.lang = 'it-IT';
    await settle(banner);
    expect(getLocale(), 'the element wins over the page').to.equal('de');

    banner.removeAttribute('lang');
    await until(() => getLocale() === 'it', 'Italian from the page');
    await settle(banner);
    expect(visibleNames(banner)).to.include('Nuova chiamata');

    document.documentElement.lang = 'fr';
    await until(() => getLocale() === 'fr', 'French when the page switches its language');
    await settle(banner);
    expect(visibleNames(banner)).to.include('Nouvel appel');

    document.documentElement.lang = 'es-ES';
    await until(() => getLocale() === 'en', 'English for a language the banner does not speak');
    await settle(banner);
    expect(visibleNames(banner)).to.include('New call');
  });

  it('setLocale() wins over lang attributes until called without a locale, and refuses another language', async () => {
    const phone = await agentPhone({}, false);
    const banner = await bannerFor(phone, 'de');
    await inLocale(banner, 'it');
    banner.setAttribute('lang', 'fr');
    await settle(banner);
    expect(getLocale()).to.equal('it');
    await inLocale(banner, undefined);
    expect(getLocale()).to.equal('fr');

    const refused = await setLocale('es' as CxLocale).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isCxError(refused, 'invalid-options'), String(refused)).to.equal(true);
    expect(getLocale()).to.equal('fr');
  });

  it('keeps a right-to-left caller name isolated: the layout does not flip', async () => {
    const phone = await agentPhone();
    const banner = await bannerFor(phone);
    await inLocale(banner, 'fr');
    // Arabic, with a right-to-left override that would flip what follows if it leaked.
    const name = '\u202Eمحمد العلي';
    const call: CallHandle = await ring(phone, await customer({ displayName: name }));
    await inLocale(banner, 'fr');

    const holders = allElements(banner).filter((el) => Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.includes('محمد')));
    expect(holders.length, 'the name is shown').to.be.greaterThan(0);
    for (const holder of holders.filter((el) => el.getClientRects().length > 0)) {
      expect(holder.closest('bdi, [dir="auto"]'), `${holder.localName} isolates the name`).to.not.equal(null);
    }
    const accept = button(banner, 'Décrocher').getBoundingClientRect();
    const decline = button(banner, 'Refuser').getBoundingClientRect();
    expect(accept.left, 'Décrocher stays before Refuser').to.be.lessThan(decline.left);
    for (const el of queryAll(banner, 'cx-call-popup, cx-call-box')) expect(getComputedStyle(el).direction).to.equal('ltr');
    expect(await axeViolations(banner)).to.deep.equal([]);

    button(banner, 'Décrocher').click();
    await until(() => call.state === 'active', 'the call to be answered');
    await settle(banner);
    const mute = button(banner, 'Couper mon micro').getBoundingClientRect();
    const hangUp = button(banner, 'Raccrocher').getBoundingClientRect();
    expect(mute.left, 'the controls keep their order').to.be.lessThan(hangUp.left);
  });
});
