// Component tier: core shows the desktop notifications, the elements give
// it their words. In French the notifications of a ringing and of a missed
// call say French, naming the caller as the Banner does; back in English,
// English. Notifications are recorded by a stand-in for window.Notification.
import { expect } from '@esm-bundle/chai';
import { DESKTOP_TEXTS } from '@cx/core';
import { agentPhone, customer, disposeAll, ring, until } from '../testing/simulated-center.js';
import { setLocale } from './locale.js';

/** window.Notification, recorded. */
class FakeNotification {
  static permission: NotificationPermission = 'granted';
  static made: FakeNotification[] = [];
  onclick: (() => void) | null = null;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    FakeNotification.made.push(this);
  }
  close(): void {}
}

/** An agent of this file alone: notification settings are saved per AOR in localStorage, which other test files share. */
const AGENT = '1078';
const realNotification = Object.getOwnPropertyDescriptor(window, 'Notification');

/** The notification made for `tag`, once there is one. */
async function shown(tag: string): Promise<FakeNotification> {
  await until(() => FakeNotification.made.some((n) => n.options.tag === tag), `a notification ${tag}`);
  return FakeNotification.made.find((n) => n.options.tag === tag)!;
}

describe('desktop notifications in the language of the elements', () => {
  beforeEach(() => {
    FakeNotification.made = [];
    Object.defineProperty(window, 'Notification', { value: FakeNotification, configurable: true, writable: true });
  });
  afterEach(async () => {
    await disposeAll();
    await setLocale(undefined);
    if (realNotification) Object.defineProperty(window, 'Notification', realNotification);
  });

  it('in French a ringing and a missed call are notified in French; in English again, in English', async () => {
    await setLocale('fr');
    expect(typeof (globalThis as Record<symbol, unknown>)[DESKTOP_TEXTS], 'the texts given to core').to.equal('function');
    const phone = await agentPhone({ notifications: { ringing: 'desktop', missed: 'desktop' } }, true, AGENT);
    await phone.setNotification('ringing', 'desktop');
    await phone.setNotification('missed', 'desktop');
    const bob = await customer({ displayName: 'Bob Smith' });
    const call = await ring(phone, bob, { 'X-CX-Queue': 'Ventes' });
    const ringing = await shown(`cx-ringing-${call.id}`);
    expect([ringing.title, ringing.options.body]).to.deep.equal(['Appel entrant', 'Bob Smith (Ventes)']);
    await bob.call?.hangup();
    const missed = await shown(`cx-missed-${call.id}`);
    expect([missed.title, missed.options.body]).to.deep.equal(['Appel manqué', 'Bob Smith']);

    await setLocale('en');
    const again = await ring(phone, bob);
    expect((await shown(`cx-ringing-${again.id}`)).title).to.equal('Incoming call');
    await again.decline();
  });
});
