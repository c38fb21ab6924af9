// Component tier: <cx-notification-settings> on a phone of the simulated
// contact center: the region and its four controls by name, a change saved
// through the phone, the desktop permission asked only from the click, the
// guidance once it was refused, axe-clean in each state.
import { expect } from '@esm-bundle/chai';
import type { Phone } from '@cx/core';
import { loadNotificationSettings } from '../index.js';
import { axeViolations } from '../testing/axe.js';
import { agentPhone, button, buttons, deepText, disposeAll, mount, queryAll, settle, until } from '../testing/simulated-center.js';
import type { CxNotificationSettings } from './notification-settings.js';

const NAMES = ['Incoming call ringtone', 'Missed call', 'Transfer requested', 'Call ended'];

/** window.Notification with a permission the test sets and a request it records. */
class FakeNotification {
  static permission: NotificationPermission = 'default';
  static answer: NotificationPermission = 'granted';
  static requests = 0;
  static async requestPermission(): Promise<NotificationPermission> {
    FakeNotification.requests += 1;
    FakeNotification.permission = FakeNotification.answer;
    return FakeNotification.answer;
  }
}
const realNotification = Object.getOwnPropertyDescriptor(window, 'Notification');

function region(element: Element): Element {
  const found = queryAll(element, 'section').find((s) => {
    const label = s.getAttribute('aria-labelledby');
    return label !== null && s.getRootNode() instanceof ShadowRoot && (s.getRootNode() as ShadowRoot).getElementById(label)?.textContent?.trim() === 'Notifications';
  });
  if (!found) throw new Error('No region named Notifications');
  return found;
}

/** The control whose label is `name`. */
function control(element: Element, name: string): HTMLSelectElement {
  const found = queryAll<HTMLSelectElement>(element, 'select').filter((s) => Array.from(s.labels ?? []).some((l) => l.textContent?.trim() === name));
  if (found.length !== 1) throw new Error(`Expected one control "${name}", found ${found.length}`);
  return found[0]!;
}

async function settings(phone: Phone): Promise<CxNotificationSettings> {
  await loadNotificationSettings();
  const element = document.createElement('cx-notification-settings');
  element.phone = phone;
  return mount(element);
}

describe('<cx-notification-settings>', () => {
  beforeEach(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('cx-banner.notifications:')) localStorage.removeItem(key);
    FakeNotification.permission = 'default';
    FakeNotification.answer = 'granted';
    FakeNotification.requests = 0;
    Object.defineProperty(window, 'Notification', { value: FakeNotification, configurable: true, writable: true });
  });
  afterEach(async () => {
    document.querySelectorAll('cx-notification-settings').forEach((el) => el.remove());
    await disposeAll();
    if (realNotification) Object.defineProperty(window, 'Notification', realNotification);
  });

  it('a region "Notifications" with one named control per kind; a change goes to the phone and shows its store', async () => {
    const phone = await agentPhone();
    const asked: unknown[][] = [];
    const setNotification = phone.setNotification.bind(phone);
    phone.setNotification = (kind, mode) => {
      asked.push([kind, mode]);
      return setNotification(kind, mode);
    };
    const element = await settings(phone);
    expect(region(element)).to.not.equal(undefined);
    expect(NAMES.map((name) => control(element, name).value)).to.deep.equal(['both', 'desktop', 'both', 'off']);
    expect(Array.from(control(element, 'Call ended').options, (o) => o.textContent?.trim())).to.deep.equal(['Off', 'Sound', 'Desktop', 'Sound and desktop']);
    expect(FakeNotification.requests, 'never asked on load').to.equal(0);

    const requested = new Promise<Event>((resolve) => element.addEventListener('cx-notification-setting-request', resolve, { once: true }));
    const missed = control(element, 'Missed call');
    missed.value = 'sound';
    missed.dispatchEvent(new Event('change', { bubbles: true }));
    expect((await requested as CustomEvent).detail).to.deep.equal({ kind: 'missed', mode: 'sound' });
    await until(() => phone.$notificationSettings.get().missed === 'sound', 'the store');
    expect(asked).to.deep.equal([['missed', 'sound']]);

    // The store changed elsewhere (another tab): the control follows.
    await phone.setNotification('ended', 'both');
    await settle(element);
    expect(control(element, 'Call ended').value).to.equal('both');

    // A host that cancels the request: nothing changes, the control shows the setting in force.
    element.addEventListener('cx-notification-setting-request', (event) => event.preventDefault(), { once: true });
    const ringtone = control(element, 'Incoming call ringtone');
    ringtone.value = 'off';
    ringtone.dispatchEvent(new Event('change', { bubbles: true }));
    await until(() => ringtone.value === 'both', 'the control to show the setting in force');
    expect(phone.$notificationSettings.get().ringing).to.equal('both');
    expect(await axeViolations(element)).to.deep.equal([]);
  });

  it('asks for the desktop permission only from the click; once granted the button goes', async () => {
    const element = await settings(await agentPhone());
    expect(await axeViolations(element), 'not asked yet').to.deep.equal([]);
    expect(FakeNotification.requests).to.equal(0);
    button(element, 'Allow desktop notifications').click();
    expect(FakeNotification.requests).to.equal(1);
    await until(() => buttons(element, 'Allow desktop notifications').length === 0, 'the button to go');
    expect(deepText(element)).to.not.contain('blocked');
    expect(await axeViolations(element), 'granted').to.deep.equal([]);
  });

  it('refused (now or before): guidance to allow it in the site settings, and no button', async () => {
    FakeNotification.answer = 'denied';
    const element = await settings(await agentPhone());
    button(element, 'Allow desktop notifications').click();
    await until(() => deepText(element).includes('blocked for this site'), 'the guidance');
    expect(buttons(element, 'Allow desktop notifications')).to.have.length(0);
    expect(deepText(element)).to.contain('site settings').and.to.contain('set Notifications to Allow');
    expect(await axeViolations(element), 'denied').to.deep.equal([]);

    // A page opened after the refusal says the same at once.
    element.remove();
    const again = await settings(await agentPhone());
    expect(deepText(again)).to.contain('blocked for this site');
  });
});
