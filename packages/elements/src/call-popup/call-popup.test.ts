import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import type { CallHandle } from '@cx/core';
import { defineElements } from '../define.js';
import { axeViolations } from '../testing/axe.js';
import { expectHarmless, HOSTILE_NAME } from '../testing/hostile.js';
import {
  agentPhone,
  button,
  buttons,
  customer,
  deepActiveElement,
  deepText,
  disposeAll,
  mount,
  pressShortcut,
  queryAll,
  ring,
  settle,
  shiftTab,
  sleep,
  until,
} from '../testing/simulated-center.js';
import { CxCallPopup } from './call-popup.js';

defineElements();

async function popupFor(call: CallHandle, setup: (popup: CxCallPopup) => void = () => undefined): Promise<CxCallPopup> {
  const popup = new CxCallPopup();
  popup.call = call;
  setup(popup);
  return mount(popup);
}

function section(popup: CxCallPopup): HTMLElement {
  const found = popup.shadowRoot?.querySelector<HTMLElement>('section');
  if (!found) throw new Error('no popup section');
  return found;
}

describe('<cx-call-popup>', () => {
  afterEach(disposeAll);

  describe('shows each type of call in its colour and in words', () => {
    const cases = [
      { name: 'smart routing', headers: { 'X-CX-Call-Type': 'smart', 'X-CX-Queue': 'Sales' }, colour: 'raspberry', words: 'Smart routing call', queue: true },
      { name: 'campaign', headers: { 'X-CX-Call-Type': 'campaign', 'X-CX-Queue': 'Winter offer' }, colour: 'raspberry', words: 'Campaign call', queue: false },
      { name: 'preview', headers: { 'X-CX-Call-Type': 'preview' }, colour: 'lilac', words: 'Preview call', queue: false },
      { name: 'direct internal', headers: {}, colour: 'sky', words: 'Internal call', queue: false },
    ] as const;

    for (const c of cases) {
      it(`${c.name}: ${c.colour}`, async () => {
        const phone = await agentPhone();
        const bob = await customer({ displayName: 'Bob Smith' });
        const call = await ring(phone, bob, { ...c.headers, 'X-CX-Wait-Time': '65' });
        const popup = await popupFor(call);
        const box = section(popup);
        expect(box.classList.contains(c.colour)).to.equal(true);
        expect(box.getAttribute('part')).to.equal(`popup popup-${c.colour}`);
        const text = deepText(popup);
        expect(text).to.contain(c.words);
        expect(text).to.contain('Bob Smith');
        expect(text).to.contain('Wait time');
        expect(text).to.contain('1 min 5 s');
        if (c.queue) expect(text).to.contain('Queue').and.to.contain('Sales');
        else expect(text).not.to.contain('Queue');
        expect(await axeViolations(popup)).to.deep.equal([]);
      });
    }

    it('direct external: ocean, with the number formatted for people', async () => {
      // The agent's own users live elsewhere: this caller is external.
      const phone = await agentPhone({ internal: { domains: ['crm.example'] } });
      const bob = await customer({ displayName: 'Bob Smith', user: '+33123456789' });
      const call = await ring(phone, bob);
      const popup = await popupFor(call);
      expect(section(popup).classList.contains('ocean')).to.equal(true);
      const text = deepText(popup);
      expect(text).to.contain('Direct call');
      expect(text).to.contain('+33 1 23 45 67 89');
      expect(await axeViolations(popup)).to.deep.equal([]);
    });

    it('the colour is visible: the band takes the type colour', async () => {
      const phone = await agentPhone();
      const call = await ring(phone, await customer(), { 'X-CX-Call-Type': 'smart' });
      const popup = await popupFor(call);
      const band = popup.shadowRoot?.querySelector('.band') as HTMLElement;
      expect(getComputedStyle(band).backgroundColor).to.equal('rgb(176, 23, 79)');
    });
  });

  it('shows who transfers the call and how', async () => {
    const phone = await agentPhone();
    const attended = await ring(phone, await customer({ displayName: 'Carol' }), {
      'X-CX-Transfer': 'type=attended;by="Alice Martin"',
    });
    const popup = await popupFor(attended);
    expect(deepText(popup)).to.contain('Attended transfer').and.to.contain('from Alice Martin');
    await attended.decline();

    const blind = await ring(phone, await customer({ displayName: 'Dan' }), { 'X-CX-Transfer': 'type=blind;by=Bruno' });
    popup.call = blind;
    await settle(popup);
    expect(deepText(popup)).to.contain('Blind transfer').and.to.contain('from Bruno');
    expect(deepText(popup)).not.to.contain('Alice');
  });

  it("shows the contact name the phone's lookup finds, as text, with the number under it", async () => {
    const asked: string[] = [];
    let answer: (name: string) => void = () => undefined;
    const phone = await agentPhone({
      internal: { domains: ['crm.example'] },
      contacts: {
        lookup: (number) => {
          asked.push(number);
          return new Promise<string>((resolve) => (answer = resolve));
        },
      },
    });
    const call = await ring(phone, await customer({ displayName: 'B. Smith', user: '+15551234567' }));
    const popup = await popupFor(call);
    expect(deepText(popup), 'the display name until the contact name arrives').to.contain('B. Smith');
    answer('Robert <b>Smith</b>');
    await until(() => deepText(popup).includes('Robert <b>Smith</b>'), 'the contact name');
    expect(call.snapshot.contactName).to.equal('Robert <b>Smith</b>');
    expect(asked).to.deep.equal(['+15551234567']);
    expect(queryAll(popup, 'b')).to.have.length(0);
    expect(deepText(popup)).to.contain('+1 555 123 4567');
    expect(deepText(popup)).not.to.contain('B. Smith');
  });

  it('shows a hostile contact name from the lookup as harmless text', async () => {
    const phone = await agentPhone({ contacts: { lookup: () => HOSTILE_NAME } });
    const call = await ring(phone, await customer({ displayName: 'Bob' }));
    const popup = await popupFor(call);
    await until(() => call.snapshot.contactName !== undefined, 'the contact name');
    await settle(popup);
    expectHarmless(popup);
  });

  it('is announced to screen readers as it appears', async () => {
    const phone = await agentPhone();
    const call = await ring(phone, await customer({ displayName: 'Bob Smith' }), { 'X-CX-Queue': 'Sales' });
    const popup = await popupFor(call);
    const alert = popup.shadowRoot?.querySelector('[role="alert"]');
    expect(alert?.textContent).to.contain('Smart routing call from Bob Smith, queue Sales.');
    expect(alert?.textContent).to.contain('Alt+Shift+A to accept');
    expect(section(popup).getAttribute('aria-labelledby')).to.equal('title');
    expect(popup.shadowRoot?.getElementById('title')?.textContent).to.equal('Incoming call');
  });

  describe('countdown', () => {
    it('counts down to redistribution and speaks at 10 seconds left, not every second', async () => {
      const phone = await agentPhone();
      const call = await ring(phone, await customer(), { 'X-CX-Ring-Timeout': '12' });
      const popup = await popupFor(call);
      const countdown = popup.shadowRoot?.querySelector('cx-ring-countdown');
      const seconds = (): number => Number.parseInt(countdown?.shadowRoot?.querySelector('[part="seconds"]')?.textContent ?? '', 10);
      const live = (): string => countdown?.shadowRoot?.querySelector('[aria-live="polite"]')?.textContent?.trim() ?? '';
      expect(deepText(popup)).to.contain('Redistributed in');
      expect(seconds()).to.be.within(11, 12);
      expect(live()).to.equal('');
      const seen: Array<[number, string]> = [];
      await until(
        () => {
          seen.push([seconds(), live()]);
          return live() !== '';
        },
        'the 10 seconds announcement',
        4000,
      );
      expect(new Set(seen.map(([left]) => left)).size, 'the seconds go down one by one').to.be.at.least(2);
      expect(seen.filter(([left, text]) => left > 10 && text !== ''), 'silent before 10 seconds left').to.deep.equal([]);
      expect(live()).to.match(/^(10|9) seconds left to answer$/);
      const spoken = live();
      await sleep(1100);
      expect(live(), 'the announcement does not change every second').to.equal(spoken);
      await call.decline();
    });

    it('turns into a Missed call notice when the countdown runs out', async () => {
      const phone = await agentPhone();
      const bob = await customer({ displayName: 'Bob Smith' });
      const call = await ring(phone, bob, { 'X-CX-Ring-Timeout': '2' });
      const popup = await popupFor(call);
      await until(() => call.ended, 'the offer to time out', 4000);
      await settle(popup);
      const text = deepText(popup);
      expect(text).to.contain('Missed call').and.to.contain('Bob Smith').and.to.contain('not answered in time');
      expect(buttons(popup, 'Accept')).to.have.length(0);
      expect(popup.shadowRoot?.querySelector('[role="status"]')?.textContent).to.contain('Missed call from Bob Smith');
      expect(await axeViolations(popup)).to.deep.equal([]);

      const dismissed = new Promise<Event>((resolve) => popup.addEventListener('cx-missed-dismiss', resolve, { once: true }));
      button(popup, 'Dismiss').click();
      const event = await dismissed;
      expect(event.bubbles && event.composed).to.equal(true);
      await settle(popup);
      expect(popup.shadowRoot?.querySelector('section')).to.equal(null);
    });

    it('turns into a Missed call notice when the caller hangs up first', async () => {
      const phone = await agentPhone();
      const bob = await customer({ displayName: 'Bob Smith' });
      const call = await ring(phone, bob);
      const popup = await popupFor(call);
      await bob.call?.hangup();
      await until(() => call.ended, 'the caller to hang up');
      await settle(popup);
      expect(deepText(popup)).to.contain('Missed call').and.to.contain('the caller hung up');
    });
  });

  describe('buttons', () => {
    it('Accept answers the call, after a cancelable cx-accept-request', async () => {
      const phone = await agentPhone();
      const bob = await customer();
      const call = await ring(phone, bob);
      const popup = await popupFor(call);
      const seen: string[] = [];
      popup.addEventListener('cx-accept-request', (event) => {
        seen.push(`${event.type}:${event.detail.call.state}:${String(event.cancelable)}`);
      });
      button(popup, 'Accept').click();
      await until(() => call.state === 'active', 'the call to be answered');
      await bob.waitFor('active');
      expect(seen).to.deep.equal(['cx-accept-request:ringing:true']);
      await settle(popup);
      expect(popup.shadowRoot?.querySelector('section'), 'the popup leaves').to.equal(null);
    });

    it('does not accept when the page cancels cx-accept-request', async () => {
      const phone = await agentPhone();
      const call = await ring(phone, await customer());
      const popup = await popupFor(call);
      popup.addEventListener('cx-accept-request', (event) => event.preventDefault());
      button(popup, 'Accept').click();
      await sleep(300);
      expect(call.state).to.equal('ringing');
    });

    it('Decline refuses the call: the caller gets 486 Busy Here', async () => {
      const phone = await agentPhone();
      const bob = await customer();
      const call = await ring(phone, bob);
      const popup = await popupFor(call);
      const request = new Promise<Event>((resolve) => popup.addEventListener('cx-decline-request', resolve, { once: true }));
      button(popup, 'Decline').click();
      expect((await request).cancelable).to.equal(true);
      await until(() => call.ended, 'the call to end');
      expect(call.snapshot.endReason).to.equal('declined');
      await bob.waitFor('ended');
      expect(bob.call?.snapshot.statusCode).to.equal(486);
      await settle(popup);
      expect(popup.shadowRoot?.querySelector('section'), 'a declined call is not a missed call').to.equal(null);
    });

    it('shows a failed command as text and as cx-command-failed', async () => {
      const phone = await agentPhone();
      const call = await ring(phone, await customer());
      const popup = await popupFor(call);
      await call.decline();
      // The call is over: pressing Accept now is refused by the phone with a typed error.
      const failed = new Promise<CustomEvent | Event>((resolve) => popup.addEventListener('cx-command-failed', resolve, { once: true }));
      void popup.accept();
      const event = (await failed) as Event & { detail: { action: string; error: { code: string } } };
      expect(event.detail.action).to.equal('accept');
      expect(event.detail.error.code).to.equal('call-ended');
    });
  });

  describe('keyboard', () => {
    it('reaches Accept then Decline with Tab, and Enter accepts', async () => {
      const phone = await agentPhone();
      const bob = await customer();
      const call = await ring(phone, bob);
      const before = document.createElement('button');
      before.textContent = 'Page button';
      await mount(before);
      const popup = await popupFor(call);
      before.focus();
      await sendKeys({ press: 'Tab' });
      expect(deepActiveElement()?.textContent?.trim()).to.equal('Accept');
      await sendKeys({ press: 'Tab' });
      expect(deepActiveElement()?.textContent?.trim()).to.equal('Decline');
      await shiftTab();
      await sendKeys({ press: 'Enter' });
      await until(() => call.state === 'active', 'Enter to accept');
      expect(popup.isConnected).to.equal(true);
    });

    it('Space on Decline declines', async () => {
      const phone = await agentPhone();
      const call = await ring(phone, await customer());
      const popup = await popupFor(call);
      button(popup, 'Decline').focus();
      await sendKeys({ press: 'Space' });
      await until(() => call.ended, 'Space to decline');
      expect(call.snapshot.endReason).to.equal('declined');
    });

    it('Alt+Shift+A accepts from anywhere in the page', async () => {
      const phone = await agentPhone();
      const call = await ring(phone, await customer());
      const field = document.createElement('input');
      field.setAttribute('aria-label', 'CRM notes');
      await mount(field);
      const popup = await popupFor(call);
      expect(button(popup, 'Accept').getAttribute('aria-keyshortcuts')).to.equal('Alt+Shift+A');
      field.focus();
      await pressShortcut('A');
      await until(() => call.state === 'active', 'the shortcut to accept');
      expect(field.value, 'the key press did not type into the page').to.equal('');
    });

    it('Alt+Shift+D declines', async () => {
      const phone = await agentPhone();
      const call = await ring(phone, await customer());
      await popupFor(call);
      await pressShortcut('D');
      await until(() => call.ended, 'the shortcut to decline');
      expect(call.snapshot.endReason).to.equal('declined');
    });

    it('no-shortcuts turns the shortcuts off', async () => {
      const phone = await agentPhone();
      const call = await ring(phone, await customer());
      const popup = await popupFor(call, (p) => p.setAttribute('no-shortcuts', ''));
      await pressShortcut('A');
      await sleep(300);
      expect(call.state).to.equal('ringing');
      expect(button(popup, 'Accept').hasAttribute('aria-keyshortcuts')).to.equal(false);
    });
  });

  it('shows a hostile caller name as harmless text', async () => {
    const phone = await agentPhone();
    const call = await ring(phone, await customer({ displayName: HOSTILE_NAME }));
    const popup = await popupFor(call);
    expectHarmless(popup);
    const alert = popup.shadowRoot?.querySelector('[role="alert"]');
    expect(alert?.textContent).to.contain('<img src=x');
  });
});
