// Component tier: close protection. During a live call, leaving or reloading
// the page asks the agent to confirm (the beforeunload event is cancelled),
// unless the host cancels cx-before-leave; a navigation inside the page
// fires cx-navigate-during-call, which the host may cancel. Idle, and in a
// tab that only mirrors the agent's phone, nothing is asked.
import { expect } from '@esm-bundle/chai';
import { defineElements } from '../index.js';
import { memoryStorage } from '../preferences/preference-storage.js';
import { agentPhone, answeredCall, disposeAll, mount, until } from '../testing/simulated-center.js';
import { CxBanner } from '../banner/banner.js';
import type { CxBeforeLeaveEvent, CxNavigateDuringCallEvent } from './leave-guard.js';

defineElements();

/** Dispatches what the browser dispatches before leaving; true when the page asked to confirm. */
function leaving(): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

async function bannerOf(phone: CxBanner['phone']): Promise<CxBanner> {
  const banner = new CxBanner();
  banner.storage = memoryStorage();
  banner.phone = phone;
  return mount(banner);
}

describe('close protection', () => {
  afterEach(disposeAll);

  it('idle: leaving asks nothing', async () => {
    await bannerOf(await agentPhone());
    expect(leaving()).to.equal(false);
  });

  it('during a call: leaving asks to confirm, with cx-before-leave first; after the call, nothing', async () => {
    const phone = await agentPhone();
    const banner = await bannerOf(phone);
    const { call } = await answeredCall(phone);
    await until(() => banner.shadowRoot!.querySelector('cx-active-call') !== null, 'the call panel');
    const seen: CxBeforeLeaveEvent[] = [];
    banner.addEventListener('cx-before-leave', (event) => seen.push(event));
    expect(leaving()).to.equal(true);
    expect(seen).to.have.length(1);
    expect(seen[0]!.detail.calls.map((c) => c.id)).to.deep.equal([call.id]);
    await call.hangup();
    await until(() => !leaving(), 'no confirmation once the call is over');
  });

  it('the host may cancel cx-before-leave: then nothing is asked', async () => {
    const phone = await agentPhone();
    const banner = await bannerOf(phone);
    await answeredCall(phone);
    await until(() => banner.shadowRoot!.querySelector('cx-active-call') !== null, 'the call panel');
    const cancel = (event: Event): void => event.preventDefault();
    document.addEventListener('cx-before-leave', cancel);
    try {
      expect(leaving()).to.equal(false);
    } finally {
      document.removeEventListener('cx-before-leave', cancel);
    }
  });

  it('a navigation inside the page during a call fires cx-navigate-during-call; the host cancels it', async () => {
    const navigation = (window as { navigation?: { navigate(url: string): { committed: Promise<unknown> } } }).navigation;
    if (!navigation) return; // The Navigation API (Chromium) only.
    const phone = await agentPhone();
    const banner = await bannerOf(phone);
    await answeredCall(phone);
    await until(() => banner.shadowRoot!.querySelector('cx-active-call') !== null, 'the call panel');
    const seen: CxNavigateDuringCallEvent[] = [];
    const cancel = (event: Event): void => {
      seen.push(event as CxNavigateDuringCallEvent);
      event.preventDefault();
    };
    document.addEventListener('cx-navigate-during-call', cancel);
    const before = location.href;
    try {
      await navigation.navigate('#/contacts/42').committed.catch(() => undefined);
    } finally {
      document.removeEventListener('cx-navigate-during-call', cancel);
    }
    expect(seen).to.have.length(1);
    expect(seen[0]!.detail.url).to.match(/#\/contacts\/42$/);
    expect(location.href, 'the navigation was cancelled').to.equal(before);
  });

  it('in a tab that only mirrors the agent\'s phone, leaving asks nothing (the call goes on in the other tab)', async () => {
    const holder = await agentPhone();
    const other = await agentPhone();
    expect(other.holdsRegistration).to.equal(false);
    const banner = await bannerOf(other);
    await answeredCall(holder);
    await until(() => other.$calls.get().some((c) => c.state === 'active'), 'the call mirrored');
    await until(() => banner.shadowRoot!.querySelector('cx-active-call') !== null, 'the call panel in the mirroring tab');
    expect(leaving()).to.equal(false);
  });
});
