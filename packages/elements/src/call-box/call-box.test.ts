import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import type { Call } from '@cx/core';
import { defineElements } from '../define.js';
import { BannerPreferences } from '../preferences/banner-preferences.js';
import { memoryStorage, type PreferenceStorage } from '../preferences/preference-storage.js';
import { axeViolations } from '../testing/axe.js';
import { expectHarmless, HOSTILE_NAME } from '../testing/hostile.js';
import {
  agentPhone,
  answeredCall,
  button,
  buttons,
  deepActiveElement,
  deepText,
  disposeAll,
  mount,
  ring,
  settle,
  sleep,
  until,
} from '../testing/simulated-center.js';
import { CxCallBox } from './call-box.js';

defineElements();

async function boxFor(call: Call, preferences = new BannerPreferences(memoryStorage())): Promise<CxCallBox> {
  const box = new CxCallBox();
  box.call = call;
  box.preferences = preferences;
  return mount(box);
}

function stripe(box: CxCallBox): string {
  return getComputedStyle(box.shadowRoot?.querySelector('.box') as Element).borderLeftColor;
}

function dialogOf(box: CxCallBox): HTMLDialogElement {
  return box.shadowRoot?.querySelector('dialog') as HTMLDialogElement;
}

describe('<cx-call-box>', () => {
  afterEach(disposeAll);

  it('shows the caller, where the call stands and for how long', async () => {
    const phone = await agentPhone();
    const { call } = await answeredCall(phone, { displayName: 'Bob Smith' });
    const box = await boxFor(call);
    expect(deepText(box)).to.contain('Bob Smith').and.to.contain('On call');
    expect(box.shadowRoot?.querySelector('cx-call-timer')).not.to.equal(null);
    const select = box.shadowRoot?.querySelector('[part="select-button"]') as HTMLElement;
    expect(select.hasAttribute('aria-current')).to.equal(false);
    box.selected = true;
    await settle(box);
    expect(select.getAttribute('aria-current')).to.equal('true');
    await call.hold(true);
    await settle(box);
    expect(deepText(box)).to.contain('On hold');
    expect(await axeViolations(box)).to.deep.equal([]);
  });

  it('selecting the box of a held call takes it back, and the other call goes on hold', async () => {
    const phone = await agentPhone();
    const first = await answeredCall(phone, { displayName: 'First caller' });
    const second = await answeredCall(phone, { displayName: 'Second caller' });
    expect(first.call.state, 'accepting the second held the first').to.equal('held');
    const box = await boxFor(first.call);
    const events: string[] = [];
    box.addEventListener('cx-call-box-select', (event) => events.push(`${event.type}:${event.detail.call.id}`));
    box.addEventListener('cx-hold-request', (event) => events.push(`${event.type}:${String(event.detail.held)}`));
    (box.shadowRoot?.querySelector('[part="select-button"]') as HTMLElement).click();
    await until(() => first.call.state === 'active', 'the first call to resume');
    expect(second.call.state).to.equal('held');
    expect(events).to.deep.equal([`cx-call-box-select:${first.call.id}`, 'cx-hold-request:false']);
  });

  describe('colour', () => {
    it('the agent gives the box a colour, by mouse or keyboard, remembered for the caller', async () => {
      const storage: PreferenceStorage = memoryStorage();
      const phone = await agentPhone();
      const { call, from } = await answeredCall(phone, { displayName: 'Bob Smith' });
      const box = await boxFor(call, new BannerPreferences(storage));
      const noColour = stripe(box);
      const toggle = button(box, 'Call box colour: No colour');
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      toggle.click();
      await settle(box);
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      expect((deepActiveElement() as HTMLInputElement).value, 'the focus goes to the current colour').to.equal('none');
      const chosen = new Promise<string>((resolve) =>
        box.addEventListener('cx-call-box-colour', (event) => resolve(event.detail.colour), { once: true }),
      );
      const green = [...(box.shadowRoot?.querySelectorAll<HTMLInputElement>('input[type="radio"]') ?? [])].find(
        (input) => input.value === 'green',
      );
      // As a mouse click does: focus and check.
      green?.focus();
      green?.click();
      expect(await chosen).to.equal('green');
      await settle(box);
      expect(stripe(box)).to.equal('rgb(47, 158, 90)');
      expect(stripe(box)).not.to.equal(noColour);
      expect(buttons(box, 'Call box colour: Green')).to.have.length(1);
      expect(await axeViolations(box)).to.deep.equal([]);

      // Arrow keys move along the colours; Escape closes them and gives the focus back.
      await sendKeys({ press: 'ArrowRight' });
      await settle(box);
      expect(stripe(box)).to.equal('rgb(20, 152, 143)');
      await sendKeys({ press: 'Escape' });
      await settle(box);
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      expect(deepActiveElement()).to.equal(toggle);

      // After a reload, and for the caller's next call.
      await call.hangup();
      const next = await ring(phone, from);
      const later = await boxFor(next, new BannerPreferences(storage));
      expect(stripe(later)).to.equal('rgb(20, 152, 143)');
      await next.decline();
    });
  });

  describe('closing a finished call box', () => {
    it('has no X while the call is live', async () => {
      const phone = await agentPhone();
      const { call } = await answeredCall(phone, { displayName: 'Bob Smith' });
      const box = await boxFor(call);
      expect(buttons(box, 'Close the call box of Bob Smith')).to.have.length(0);
    });

    it('asks first; Cancel keeps the box', async () => {
      const phone = await agentPhone();
      const { call } = await answeredCall(phone, { displayName: 'Bob Smith' });
      const box = await boxFor(call);
      await call.hangup();
      await settle(box);
      let closed = 0;
      box.addEventListener('cx-call-box-close', () => (closed += 1));
      button(box, 'Close the call box of Bob Smith').click();
      await settle(box);
      const dialog = dialogOf(box);
      expect(dialog.open).to.equal(true);
      expect(deepText(dialog)).to.contain('Close this call box?').and.to.contain("Don't show this again");
      expect(nameOfFocus()).to.equal('Cancel');
      expect(await axeViolations(box)).to.deep.equal([]);
      button(box, 'Cancel').click();
      await settle(box);
      expect(dialog.open).to.equal(false);
      expect(closed).to.equal(0);
      expect(box.hidden).to.equal(false);
    });

    it('Escape cancels too', async () => {
      const phone = await agentPhone();
      const { call } = await answeredCall(phone);
      const box = await boxFor(call);
      await call.hangup();
      await settle(box);
      (box.shadowRoot?.querySelector('[part="close-button"]') as HTMLElement).click();
      await sendKeys({ press: 'Escape' });
      await settle(box);
      expect(dialogOf(box).open).to.equal(false);
      expect(box.hidden).to.equal(false);
    });

    it('"Don\'t show this again" is remembered: the next X closes at once', async () => {
      const storage = memoryStorage();
      const phone = await agentPhone();
      const first = await answeredCall(phone, { displayName: 'Bob Smith' });
      const box = await boxFor(first.call, new BannerPreferences(storage));
      await first.call.hangup();
      await settle(box);
      button(box, 'Close the call box of Bob Smith').click();
      await settle(box);
      const dialog = dialogOf(box);
      (dialog.querySelector('input[type="checkbox"]') as HTMLInputElement).click();
      const closed = new Promise<Event>((resolve) => box.addEventListener('cx-call-box-close', resolve, { once: true }));
      button(box, 'Close').click();
      const event = await closed;
      expect(event.cancelable).to.equal(true);
      await settle(box);
      expect(box.hidden).to.equal(true);
      expect(storage.getItem('cx-banner.confirm-close')).to.equal('false');

      // As after a reload: new preferences read from the same storage.
      const second = await answeredCall(phone, { displayName: 'Carol' });
      const other = await boxFor(second.call, new BannerPreferences(storage));
      await second.call.hangup();
      await settle(other);
      button(other, 'Close the call box of Carol').click();
      await settle(other);
      expect(dialogOf(other).open).to.equal(false);
      expect(other.hidden).to.equal(true);
    });

    it('a page can keep the box by cancelling cx-call-box-close', async () => {
      const phone = await agentPhone();
      const { call } = await answeredCall(phone);
      const preferences = new BannerPreferences(memoryStorage());
      preferences.setConfirmClose(false);
      const box = await boxFor(call, preferences);
      await call.hangup();
      await settle(box);
      box.addEventListener('cx-call-box-close', (event) => event.preventDefault());
      (box.shadowRoot?.querySelector('[part="close-button"]') as HTMLElement).click();
      await sleep(50);
      expect(box.hidden).to.equal(false);
    });
  });

  it('shows a hostile caller name as harmless text', async () => {
    const phone = await agentPhone();
    const { call } = await answeredCall(phone, { displayName: HOSTILE_NAME });
    const box = await boxFor(call);
    await call.hangup();
    await settle(box);
    button(box, box.shadowRoot?.querySelector('[part="close-button"]')?.getAttribute('aria-label') ?? '').click();
    await settle(box);
    expectHarmless(box);
  });
});

function nameOfFocus(): string {
  return deepActiveElement()?.textContent?.trim() ?? '';
}
