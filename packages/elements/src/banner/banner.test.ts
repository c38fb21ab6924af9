import { expect } from '@esm-bundle/chai';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { Phone } from '@cx/core';
import { CxCallTimer } from '../call-timer/call-timer.js';
import { defineElements } from '../define.js';
import { CxCallAcceptedEvent, CxCallEndedEvent } from '../events/call-events.js';
import { CxAcceptRequestEvent } from '../events/request-events.js';
import { memoryStorage } from '../preferences/preference-storage.js';
import { axeViolations } from '../testing/axe.js';
import { expectHarmless, HOSTILE_NAME } from '../testing/hostile.js';
import {
  agentPhone,
  answeredCall,
  button,
  buttons,
  contactCenter,
  customer,
  deepActiveElement,
  deepText,
  disposeAll,
  mount,
  nameOf,
  queryAll,
  ring,
  settle,
  sleep,
  until,
} from '../testing/simulated-center.js';
import { CxBanner } from './banner.js';

defineElements();

const EVENTS = [
  'cx-connection-changed',
  'cx-call-incoming',
  'cx-call-accepted',
  'cx-call-held',
  'cx-call-resumed',
  'cx-call-muted',
  'cx-call-ended',
  'cx-call-missed',
  'cx-call-declined',
  'cx-accept-request',
  'cx-decline-request',
  'cx-mute-request',
  'cx-hold-request',
  'cx-hang-up-request',
  'cx-dial-request',
] as const;

async function bannerFor(phone: Phone | undefined, setup: (banner: CxBanner) => void = () => undefined): Promise<CxBanner> {
  const banner = new CxBanner();
  banner.storage = memoryStorage();
  banner.phone = phone;
  setup(banner);
  return mount(banner);
}

/** Every cx-* event that reaches the document, in order. */
function recordEvents(): { events: string[]; stop(): void } {
  const events: string[] = [];
  const listener = (event: Event): void => {
    if (!event.bubbles || !event.composed) events.push(`${event.type} (not bubbling and composed)`);
    else events.push(event.type);
  };
  for (const type of EVENTS) document.addEventListener(type, listener);
  return {
    events,
    stop: () => {
      for (const type of EVENTS) document.removeEventListener(type, listener);
    },
  };
}

async function rendered(banner: CxBanner, check: () => boolean, what: string): Promise<void> {
  await until(check, what);
  await settle(banner);
}

describe('<cx-banner>', () => {
  afterEach(async () => {
    await disposeAll();
    await emulateMedia({ colorScheme: 'light' });
  });

  it('shows the connection and the agent status, and an idle banner is accessible', async () => {
    const phone = await agentPhone({}, false);
    const banner = await bannerFor(phone);
    const status = banner.shadowRoot?.querySelector('[part="status"]');
    expect(status?.getAttribute('role')).to.equal('status');
    expect(status?.textContent).to.contain('Disconnected');
    await phone.connect();
    await rendered(banner, () => (status?.textContent ?? '').includes('Connected'), 'registered');
    expect(status?.textContent?.replace(/\s+/g, ' ')).to.contain('Connected · Available');
    expect(deepText(banner)).to.contain('No call in progress');
    expect(buttons(banner, 'New call')).to.have.length(1);
    expect(await axeViolations(banner)).to.deep.equal([]);
  });

  it('pops up a ringing call; Accept moves the focus to the active call panel', async () => {
    const phone = await agentPhone();
    const banner = await bannerFor(phone);
    const bob = await customer({ displayName: 'Bob Smith' });
    const call = await ring(phone, bob, { 'X-CX-Queue': 'Sales' });
    await settle(banner);
    expect(queryAll(banner, 'cx-call-popup')).to.have.length(1);
    expect(await axeViolations(banner), 'ringing').to.deep.equal([]);
    const accept = button(banner, 'Accept');
    accept.focus();
    accept.click();
    await rendered(banner, () => call.state === 'active', 'the call to be answered');
    await until(() => nameOf(deepActiveElement() as Element) === 'Mute my mic', 'the focus to move to the panel');
    expect(buttons(banner, 'Accept')).to.have.length(0);
    expect(deepText(banner)).to.contain('Bob Smith').and.to.contain('On call');
    expect(await axeViolations(banner), 'active').to.deep.equal([]);
  });

  it('dispatches typed events, in order, that cross its shadow root', async () => {
    const phone = await agentPhone();
    const banner = await bannerFor(phone);
    const recorder = recordEvents();
    let accepted: CxCallAcceptedEvent | undefined;
    banner.addEventListener('cx-call-accepted', (event) => (accepted = event));
    const call = await ring(phone, await customer());
    await settle(banner);
    button(banner, 'Accept').click();
    await rendered(banner, () => call.state === 'active', 'accepted');
    button(banner, 'Mute my mic').click();
    await rendered(banner, () => call.muted, 'muted');
    button(banner, 'Place on hold').click();
    await rendered(banner, () => call.state === 'held', 'held');
    button(banner, 'Exit the hold').click();
    await rendered(banner, () => call.state === 'active', 'resumed');
    button(banner, 'Hang up').click();
    await rendered(banner, () => call.ended, 'ended');
    recorder.stop();
    expect(recorder.events).to.deep.equal([
      'cx-call-incoming',
      'cx-accept-request',
      'cx-call-accepted',
      'cx-mute-request',
      'cx-call-muted',
      'cx-hold-request',
      'cx-call-held',
      'cx-hold-request',
      'cx-call-resumed',
      'cx-hang-up-request',
      'cx-call-ended',
    ]);
    expect(accepted).to.be.instanceOf(CxCallAcceptedEvent);
    expect(accepted?.detail.call).to.equal(call);
  });

  it('reports a declined call and a missed one after their end', async () => {
    const phone = await agentPhone();
    const banner = await bannerFor(phone);
    const recorder = recordEvents();
    const ended: CxCallEndedEvent[] = [];
    banner.addEventListener('cx-call-ended', (event) => ended.push(event));
    const declined = await ring(phone, await customer());
    await settle(banner);
    button(banner, 'Decline').click();
    await rendered(banner, () => declined.ended, 'declined');
    const missed = await ring(phone, await customer({ displayName: 'Late Larry' }), { 'X-CX-Ring-Timeout': '1' });
    await rendered(banner, () => missed.ended, 'missed');
    recorder.stop();
    expect(recorder.events).to.deep.equal([
      'cx-call-incoming',
      'cx-decline-request',
      'cx-call-ended',
      'cx-call-declined',
      'cx-call-incoming',
      'cx-call-ended',
      'cx-call-missed',
    ]);
    expect(ended.map((event) => event.detail.reason)).to.deep.equal(['declined', 'ring-timeout']);
    expect(deepText(banner)).to.contain('Missed call').and.to.contain('Late Larry');
    expect(deepText(banner), 'a missed or declined offer has no call box').not.to.contain('Calls');
    button(banner, 'Dismiss').click();
    await settle(banner);
    // The notice is gone; the call stays in the region "Missed calls".
    expect(queryAll(banner, 'cx-call-popup').map(deepText).join(' ')).not.to.contain('Missed call');
    expect(deepText(banner)).to.contain('Missed calls');
  });

  it('lists several calls with their state; selecting a box switches the active call', async () => {
    const phone = await agentPhone();
    const banner = await bannerFor(phone);
    const first = await answeredCall(phone, { displayName: 'First caller' });
    const second = await answeredCall(phone, { displayName: 'Second caller' });
    await settle(banner);
    const boxes = queryAll(banner, 'cx-call-box');
    expect(boxes).to.have.length(2);
    const boxText = boxes.map((box) => deepText(box));
    expect(boxText[0]).to.contain('Second caller').and.to.contain('On call');
    expect(boxText[1]).to.contain('First caller').and.to.contain('On hold');
    const panel = banner.shadowRoot?.querySelector('cx-active-call') as Element;
    expect(deepText(panel)).to.contain('Second caller');

    const firstSelect = boxes[1]?.shadowRoot?.querySelector('[part="select-button"]') as HTMLElement;
    firstSelect.click();
    await rendered(banner, () => first.call.state === 'active' && second.call.state === 'held', 'the switch');
    expect(deepText(panel)).to.contain('First caller').and.to.contain('On call');
    expect(firstSelect.getAttribute('aria-current')).to.equal('true');
    expect(await axeViolations(banner), 'two calls').to.deep.equal([]);
  });

  it('keeps the selection when the page cancels cx-call-box-select', async () => {
    const phone = await agentPhone();
    const banner = await bannerFor(phone);
    const first = await answeredCall(phone, { displayName: 'First caller' });
    await answeredCall(phone, { displayName: 'Second caller' });
    await settle(banner);
    const cancel = (event: Event): void => event.preventDefault();
    document.addEventListener('cx-call-box-select', cancel);
    try {
      const boxes = queryAll(banner, 'cx-call-box');
      (boxes[1]?.shadowRoot?.querySelector('[part="select-button"]') as HTMLElement).click();
      await sleep(300);
      await settle(banner);
      expect(first.call.state).to.equal('held');
      expect(deepText(banner.shadowRoot?.querySelector('cx-active-call') as Element)).to.contain('Second caller');
    } finally {
      document.removeEventListener('cx-call-box-select', cancel);
    }
  });

  describe('New call', () => {
    async function dial(banner: CxBanner, target: string): Promise<void> {
      const input = banner.shadowRoot?.querySelector('input') as HTMLInputElement;
      input.focus();
      input.value = target;
      await sendKeys({ press: 'Enter' });
      await settle(banner);
    }

    it('dials a number or an extension: the callee answers and the call is in the panel', async () => {
      const phone = await agentPhone();
      const banner = await bannerFor(phone);
      const cc = await contactCenter();
      const callee = await cc.customer('3001', { displayName: 'Callee' });
      const requests: string[] = [];
      banner.addEventListener('cx-dial-request', (event) => requests.push(event.detail.target));
      await dial(banner, ' 3001 ');
      await until(() => callee.call?.state === 'active', 'the callee to answer');
      await rendered(banner, () => phone.$activeCall.get()?.state === 'active', 'the agent side');
      expect(requests).to.deep.equal(['3001']);
      expect(deepText(banner.shadowRoot?.querySelector('cx-active-call') as Element)).to.contain('3001').and.to.contain('On call');
      expect((banner.shadowRoot?.querySelector('input') as HTMLInputElement).value).to.equal('');
      await callee.dispose();
    });

    it('shows the typed error of the phone as text', async () => {
      const phone = await agentPhone();
      const banner = await bannerFor(phone);
      let code = '';
      banner.addEventListener('cx-command-failed', (event) => (code = event.detail.error.code));
      await dial(banner, 'call <b>me</b>');
      await until(() => code !== '', 'the failure');
      await settle(banner);
      expect(code).to.equal('invalid-target');
      const error = banner.shadowRoot?.querySelector('[part="dial-error"]');
      expect(error?.getAttribute('role')).to.equal('alert');
      expect(error?.textContent).to.contain('is not a number, an extension or a SIP address');
      expect(error?.querySelector('b')).to.equal(null);
      const input = banner.shadowRoot?.querySelector('input');
      expect(input?.getAttribute('aria-invalid')).to.equal('true');
      expect(input?.getAttribute('aria-describedby')).to.equal('dial-error');
      expect(await axeViolations(banner)).to.deep.equal([]);
    });

    it('says when the phone is not connected', async () => {
      const phone = await agentPhone({}, false);
      const banner = await bannerFor(phone);
      await dial(banner, '3001');
      await until(() => deepText(banner).includes('not connected'), 'the error');
      expect(phone.$calls.get()).to.have.length(0);
    });

    it('does not dial when the page cancels cx-dial-request', async () => {
      const phone = await agentPhone();
      const banner = await bannerFor(phone);
      banner.addEventListener('cx-dial-request', (event) => event.preventDefault());
      await dial(banner, '3001');
      await sleep(200);
      expect(phone.$calls.get()).to.have.length(0);
    });
  });

  describe('theming', () => {
    function background(banner: CxBanner): string {
      return getComputedStyle(banner.shadowRoot?.querySelector('[part="base"]') as Element).backgroundColor;
    }

    it('follows prefers-color-scheme, unless the theme attribute says otherwise', async () => {
      const banner = await bannerFor(undefined);
      expect(background(banner)).to.equal('rgb(255, 255, 255)');
      await emulateMedia({ colorScheme: 'dark' });
      expect(background(banner)).to.equal('rgb(29, 32, 38)');
      banner.theme = 'light';
      await settle(banner);
      expect(background(banner)).to.equal('rgb(255, 255, 255)');
      await emulateMedia({ colorScheme: 'light' });
      banner.theme = 'dark';
      await settle(banner);
      expect(background(banner)).to.equal('rgb(29, 32, 38)');
      expect(await axeViolations(banner)).to.deep.equal([]);
    });

    it('passes its theme to the popup and the panel inside', async () => {
      const phone = await agentPhone();
      const banner = await bannerFor(phone, (b) => (b.theme = 'dark'));
      await ring(phone, await customer());
      await settle(banner);
      expect(banner.shadowRoot?.querySelector('cx-call-popup')?.getAttribute('theme')).to.equal('dark');
      expect(await axeViolations(banner), 'dark ringing').to.deep.equal([]);
    });

    it('takes --cx-* custom properties and ::part styles from the page', async () => {
      const style = document.createElement('style');
      style.textContent = `
        cx-banner.themed { --cx-accent: rgb(1, 2, 3); }
        cx-banner.themed::part(status) { letter-spacing: 3px; }
      `;
      document.head.append(style);
      try {
        const banner = await bannerFor(undefined, (b) => b.classList.add('themed'));
        expect(getComputedStyle(button(banner, 'New call')).backgroundColor).to.equal('rgb(1, 2, 3)');
        expect(getComputedStyle(banner.shadowRoot?.querySelector('[part="status"]') as Element).letterSpacing).to.equal('3px');
      } finally {
        style.remove();
      }
    });

    it('keeps the page styles out, and its own in', async () => {
      const style = document.createElement('style');
      style.textContent = 'button { display: none !important; } p { color: rgb(255, 0, 0) !important; }';
      document.head.append(style);
      try {
        const pageButton = document.createElement('button');
        pageButton.textContent = 'Page';
        await mount(pageButton);
        const borderRadius = getComputedStyle(pageButton).borderRadius;
        const banner = await bannerFor(undefined);
        expect(buttons(banner, 'New call'), 'the page hides its buttons, not ours').to.have.length(1);
        const status = banner.shadowRoot?.querySelector('[part="status"]') as Element;
        expect(getComputedStyle(status).color).not.to.equal('rgb(255, 0, 0)');
        expect(getComputedStyle(pageButton).borderRadius, 'our button style stays inside').to.equal(borderRadius);
      } finally {
        style.remove();
      }
    });
  });

  it('has no accessibility violations while ringing, active, muted and held', async () => {
    const phone = await agentPhone();
    const banner = await bannerFor(phone);
    const call = await ring(phone, await customer({ displayName: 'Bob Smith' }), { 'X-CX-Call-Type': 'campaign' });
    await settle(banner);
    expect(await axeViolations(banner), 'ringing').to.deep.equal([]);
    await call.accept();
    await rendered(banner, () => call.state === 'active', 'active');
    expect(await axeViolations(banner), 'active').to.deep.equal([]);
    await call.mute(true);
    await settle(banner);
    expect(await axeViolations(banner), 'muted').to.deep.equal([]);
    await call.hold(true);
    await settle(banner);
    expect(await axeViolations(banner), 'held').to.deep.equal([]);
    await call.hangup();
    await settle(banner);
    expect(await axeViolations(banner), 'ended').to.deep.equal([]);
  });

  it('remembers the colour the agent gave a box across reloads (localStorage)', async () => {
    const key = 'cx-banner.call-box-colours';
    localStorage.removeItem(key);
    try {
      const phone = await agentPhone();
      const banner = new CxBanner();
      banner.phone = phone;
      await mount(banner);
      const { call, from } = await answeredCall(phone, { displayName: 'Bob Smith' });
      await settle(banner);
      button(banner, 'Call box colour: No colour').click();
      await settle(banner);
      const green = queryAll<HTMLInputElement>(banner, 'input[name="colour"]').find((input) => input.value === 'green');
      green?.click();
      await settle(banner);
      expect(buttons(banner, 'Call box colour: Green')).to.have.length(1);
      expect(localStorage.getItem(key)).to.contain('green');
      await call.hangup();
      banner.remove();

      // "Reload": a new banner reads the choice back for the caller's next call.
      const again = new CxBanner();
      again.phone = phone;
      await mount(again);
      const next = await ring(phone, from);
      await next.accept();
      await rendered(again, () => queryAll(again, 'cx-call-box').length === 1, 'the box');
      expect(buttons(again, 'Call box colour: Green')).to.have.length(1);
    } finally {
      localStorage.removeItem(key);
    }
  });

  it('the panel shows live calls only: a call that ends leaves the list, the panel goes to the other call, then away', async () => {
    const phone = await agentPhone();
    const banner = await bannerFor(phone);
    const first = await answeredCall(phone, { displayName: 'First caller' });
    const second = await answeredCall(phone, { displayName: 'Second caller' });
    await settle(banner);
    expect(queryAll(banner, 'cx-call-box')).to.have.length(2);
    await second.from.call?.hangup();
    await rendered(banner, () => second.call.ended && queryAll(banner, 'cx-call-box').length === 1, 'the box of the second call to go');
    const panel = (): Element | undefined => queryAll(banner, 'cx-active-call')[0];
    expect(deepText(queryAll(banner, 'cx-call-box')[0]!)).to.contain('First caller');
    expect(deepText(panel()!)).to.contain('First caller').and.not.to.contain('Second caller');
    expect(await axeViolations(banner), 'one call left').to.deep.equal([]);

    await first.call.hangup();
    await rendered(banner, () => panel() === undefined, 'the panel to go');
    expect(queryAll(banner, 'cx-call-box')).to.have.length(0);
    expect(deepText(banner)).to.contain('No call in progress.');
    await until(() => buttons(banner, 'Recent calls (2)').length === 1, 'both calls in Recent calls');
    expect(await axeViolations(banner), 'no call left').to.deep.equal([]);
  });

  it('re-renders only the timers as time passes', async () => {
    const phone = await agentPhone();
    const banner = await bannerFor(phone);
    await answeredCall(phone);
    await settle(banner);
    const counts = { banner: 0, timer: 0 };
    const count = (proto: object, key: keyof typeof counts): (() => void) => {
      const target = proto as { render(): unknown };
      const original = target.render;
      target.render = function (this: unknown) {
        counts[key] += 1;
        return original.call(this);
      };
      return () => {
        target.render = original;
      };
    };
    const restore = [count(CxBanner.prototype, 'banner'), count(CxCallTimer.prototype, 'timer')];
    try {
      await sleep(2100);
    } finally {
      for (const undo of restore) undo();
    }
    expect(counts.banner).to.equal(0);
    // Two timers (the box and the panel), at least two ticks each.
    expect(counts.timer).to.be.at.least(4);
  });

  it('shows a hostile caller name as harmless text in the popup, the box and the panel', async () => {
    const phone = await agentPhone();
    const banner = await bannerFor(phone);
    const call = await ring(phone, await customer({ displayName: HOSTILE_NAME }));
    await settle(banner);
    expectHarmless(banner);
    await call.accept();
    await rendered(banner, () => call.state === 'active', 'active');
    expect(queryAll(banner, 'cx-call-box')).to.have.length(1);
    expectHarmless(banner);
  });

  it("shows the contact name of the phone's lookup in the popup, the box and the panel; one lookup per call", async () => {
    const asked: string[] = [];
    const phone = await agentPhone({
      contacts: {
        lookup: async (number) => {
          asked.push(number);
          return 'Robert Smith (CRM)';
        },
      },
    });
    const banner = await bannerFor(phone);
    const from = await customer({ displayName: 'bob' });
    const call = await ring(phone, from);
    await until(() => deepText(banner).includes('Robert Smith (CRM)'), 'the contact name in the popup');
    await call.accept();
    await rendered(banner, () => call.state === 'active', 'active');
    const box = banner.shadowRoot?.querySelector('cx-call-box') as Element;
    const panel = banner.shadowRoot?.querySelector('cx-active-call') as Element;
    await until(() => deepText(box).includes('Robert Smith (CRM)') && deepText(panel).includes('Robert Smith (CRM)'), 'the name everywhere');
    expect(asked).to.deep.equal([call.info.remote.number]);
  });

  it('shows a call answered automatically (auto-answer INVITE) straight in the panel', async () => {
    const phone = await agentPhone();
    const banner = await bannerFor(phone);
    const recorder = recordEvents();
    const call = await ring(phone, await customer({ displayName: 'Auto Anna' }), {
      'Call-Info': '<sip:acd.example>;answer-after=0',
    });
    await rendered(banner, () => call.state === 'active', 'the auto-answer');
    recorder.stop();
    expect(recorder.events).to.deep.equal(['cx-call-incoming', 'cx-call-accepted']);
    expect(deepText(banner.shadowRoot?.querySelector('cx-active-call') as Element)).to.contain('Auto Anna');
    expect(buttons(banner, 'Accept')).to.have.length(0);
  });

  it('typed events are classes of their own', () => {
    const event = new CxAcceptRequestEvent({ call: undefined as never });
    expect(event).to.be.instanceOf(Event);
    expect([event.type, event.bubbles, event.composed, event.cancelable]).to.deep.equal(['cx-accept-request', true, true, true]);
  });
});
