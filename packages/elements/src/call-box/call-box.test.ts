import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import type { CallHandle } from '@cx/core';
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
  nameOf,
  queryAll,
  ring,
  settle,
  until,
} from '../testing/simulated-center.js';
import { CxCallBox } from './call-box.js';

defineElements();

async function boxFor(call: CallHandle, preferences = new BannerPreferences(memoryStorage())): Promise<CxCallBox> {
  const box = new CxCallBox();
  box.call = call;
  box.preferences = preferences;
  return mount(box);
}

function stripe(box: CxCallBox): string {
  return getComputedStyle(box.shadowRoot?.querySelector('.box') as Element).borderLeftColor;
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

  describe('a finished call', () => {
    it('a box used alone says how the call ended; it has no X and no Call back (the Banner drops it for Recent calls)', async () => {
      const phone = await agentPhone();
      const { call } = await answeredCall(phone, { displayName: 'Bob Smith' });
      const box = await boxFor(call);
      await call.hangup();
      await settle(box);
      expect(deepText(box)).to.contain('Bob Smith').and.to.contain('Ended: you hung up');
      const names = queryAll(box, 'button').map(nameOf);
      expect(names, 'the select button and the colour button').to.have.length(2);
      expect(names.filter((name) => /close|call back/i.test(name))).to.deep.equal([]);
      expect(queryAll(box, 'dialog')).to.have.length(0);
      expect(await axeViolations(box)).to.deep.equal([]);
    });
  });

  it('shows a hostile caller name as harmless text, live and ended', async () => {
    const phone = await agentPhone();
    const { call } = await answeredCall(phone, { displayName: HOSTILE_NAME });
    const box = await boxFor(call);
    expectHarmless(box);
    await call.hangup();
    await settle(box);
    expectHarmless(box);
  });
});
