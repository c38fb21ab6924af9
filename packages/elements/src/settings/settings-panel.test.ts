// Component tier: the Banner's Settings. The button opens the agent's
// settings in the Banner: the regions "Notifications" (one control per kind)
// and "Devices"; axe-clean open, in English and in French.
import { expect } from '@esm-bundle/chai';
import { CxBanner } from '../banner/banner.js';
import { defineElements } from '../define.js';
import { setLocale } from '../i18n/locale.js';
import { memoryStorage } from '../preferences/preference-storage.js';
import { axeViolations } from '../testing/axe.js';
import { agentPhone, button, disposeAll, mount, nameOf, queryAll, settle, until } from '../testing/simulated-center.js';

defineElements();

/** A region by its accessible name: its aria-label, or the text of what aria-labelledby names. */
const region = (root: Element, name: string): Element | undefined =>
  queryAll(root, 'section[aria-label], section[aria-labelledby], [role="region"]').find((el) => {
    const by = el.getAttribute('aria-labelledby');
    const label = by ? (el.getRootNode() as ShadowRoot | Document).getElementById(by)?.textContent?.trim() : nameOf(el);
    return label === name;
  });

/** The form control of `root` whose label reads `name`. */
const control = (root: Element, name: string): Element[] =>
  queryAll(root, 'select, input').filter((el) => {
    const label = el.id ? (el.getRootNode() as ShadowRoot | Document).querySelector(`label[for="${el.id}"]`) : el.closest('label');
    return (label?.textContent ?? el.getAttribute('aria-label') ?? '').replace(/\s+/g, ' ').trim() === name;
  });

describe('<cx-banner> Settings', () => {
  afterEach(async () => {
    await setLocale(undefined);
    await disposeAll();
  });

  it('opens the regions Notifications and Devices, with a control per kind of notification; closes again', async () => {
    const banner = new CxBanner();
    banner.storage = memoryStorage();
    banner.phone = await agentPhone();
    await mount(banner);
    const toggle = button(banner, 'Settings');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await until(() => region(banner, 'Notifications') !== undefined && region(banner, 'Devices') !== undefined, 'the settings regions');
    await until(() => region(banner, 'Unanswered calls') !== undefined, 'the region Unanswered calls');
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const notifications = region(banner, 'Notifications')!;
    for (const kind of ['Incoming call ringtone', 'Missed call', 'Transfer requested', 'Call ended']) {
      expect(control(notifications, kind), kind).to.have.length(1);
    }
    await settle(banner);
    expect(await axeViolations(banner), 'settings open').to.deep.equal([]);
    toggle.click();
    await until(() => region(banner, 'Notifications') === undefined, 'the settings closed');
  });

  it('in French: Paramètres, and axe-clean open', async () => {
    const banner = new CxBanner();
    banner.storage = memoryStorage();
    banner.phone = await agentPhone();
    await mount(banner);
    await setLocale('fr');
    await settle(banner);
    button(banner, 'Paramètres').click();
    await until(() => region(banner, 'Notifications') !== undefined && region(banner, 'Périphériques audio') !== undefined, 'the settings regions in French');
    await until(() => region(banner, 'Appels sans réponse') !== undefined, 'the region Unanswered calls in French');
    await settle(banner);
    expect(await axeViolations(banner), 'settings open, in French').to.deep.equal([]);
  });
});
