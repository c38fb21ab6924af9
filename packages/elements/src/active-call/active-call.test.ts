import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import type { CallHandle } from '@cx/core';
import { defineElements } from '../define.js';
import { axeViolations } from '../testing/axe.js';
import { expectHarmless, HOSTILE_NAME } from '../testing/hostile.js';
import {
  AGENT_HZ,
  HEARD,
  SILENT,
  agentPhone,
  answeredCall,
  button,
  buttons,
  customer,
  deepActiveElement,
  deepText,
  disposeAll,
  hearing,
  mount,
  nameOf,
  pressShortcut,
  ring,
  settle,
  sleep,
  until,
} from '../testing/simulated-center.js';
import { CxActiveCall } from './active-call.js';

defineElements();

async function panelFor(call: CallHandle): Promise<CxActiveCall> {
  const panel = new CxActiveCall();
  panel.call = call;
  return mount(panel);
}

/** Waits for the panel to show what the call now is. */
async function shows(panel: CxActiveCall, text: string): Promise<void> {
  await until(() => deepText(panel).includes(text), `"${text}" on screen`);
}

describe('<cx-active-call>', () => {
  afterEach(disposeAll);

  it('shows the caller, the type of call, its state and a running timer', async () => {
    const phone = await agentPhone();
    const { call } = await answeredCall(phone, { displayName: 'Bob Smith' }, { 'X-CX-Queue': 'Sales' });
    const panel = await panelFor(call);
    const text = deepText(panel);
    expect(text).to.contain('Bob Smith').and.to.contain('Smart routing call').and.to.contain('Sales').and.to.contain('On call');
    const timer = panel.shadowRoot?.querySelector('cx-call-timer');
    const time = (): string => timer?.shadowRoot?.querySelector('time')?.textContent ?? '';
    expect(time()).to.match(/^0:0[01]$/);
    const first = time();
    await until(() => time() !== first, 'the timer to tick', 2500);
    expect(time()).to.match(/^0:0[12]$/);
  });

  describe('buttons', () => {
    it('Mute my mic silences the agent for the caller, turns red and pressed; Reactivate my mic undoes it', async () => {
      const phone = await agentPhone();
      const { call, from } = await answeredCall(phone);
      const panel = await panelFor(call);
      expect(await hearing(from, AGENT_HZ, true)).to.be.at.least(HEARD);
      const mute = button(panel, 'Mute my mic');
      expect(mute.getAttribute('aria-pressed')).to.equal('false');
      const red = getComputedStyle(mute).backgroundColor;
      mute.click();
      await until(() => call.muted, 'the call to be muted');
      await settle(panel);
      const reactivate = button(panel, 'Reactivate my mic');
      expect(reactivate).to.equal(mute, 'the same button, so the focus stays');
      expect(reactivate.getAttribute('aria-pressed')).to.equal('true');
      expect(getComputedStyle(reactivate).backgroundColor).to.equal('rgb(196, 38, 46)');
      expect(red).not.to.equal('rgb(196, 38, 46)');
      expect(await hearing(from, AGENT_HZ, false)).to.be.at.most(SILENT);
      reactivate.click();
      await until(() => !call.muted, 'the call to be unmuted');
      expect(await hearing(from, AGENT_HZ, true)).to.be.at.least(HEARD);
    });

    it('Place on hold holds the call (the caller is told); Exit the hold resumes it', async () => {
      const phone = await agentPhone();
      const { call, from } = await answeredCall(phone);
      const panel = await panelFor(call);
      button(panel, 'Place on hold').click();
      await until(() => call.state === 'held', 'the call to be held');
      await until(() => from.call?.snapshot.remoteHeld === true, 'the caller to be told');
      await shows(panel, 'On hold');
      button(panel, 'Exit the hold').click();
      await until(() => call.state === 'active', 'the call to resume');
      await until(() => from.call?.snapshot.remoteHeld === false, 'the caller to be told');
      await settle(panel);
      expect(buttons(panel, 'Place on hold')).to.have.length(1);
    });

    it('Phone keypad opens the keys; clicked and typed digits reach the caller as DTMF', async () => {
      const phone = await agentPhone();
      const { call, from } = await answeredCall(phone);
      const panel = await panelFor(call);
      const toggle = button(panel, 'Phone keypad');
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      expect(buttons(panel, '5'), 'keys hidden until opened').to.have.length(0);
      toggle.click();
      await settle(panel);
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      expect(nameOf(deepActiveElement() as Element), 'the focus moves to the keys').to.equal('1');
      button(panel, '5').click();
      await until(() => from.receivedDtmf.length === 1, 'the clicked digit');
      await sendKeys({ type: '#1*' });
      await until(() => from.receivedDtmf.length === 4, 'the typed digits');
      expect(from.receivedDtmf).to.deep.equal(['5', '#', '1', '*']);
      // The display follows each INFO's answer, a moment after the caller got it.
      await until(() => deepText(panel).includes('Digits sent: 5#1*'), 'the digits shown');
    });

    it('typing digits outside the keypad sends nothing', async () => {
      const phone = await agentPhone();
      const { call, from } = await answeredCall(phone);
      const field = document.createElement('input');
      field.setAttribute('aria-label', 'CRM notes');
      await mount(field);
      const panel = await panelFor(call);
      button(panel, 'Phone keypad').click();
      await settle(panel);
      field.focus();
      await sendKeys({ type: '42' });
      await sleep(300);
      expect(from.receivedDtmf).to.deep.equal([]);
      expect(field.value).to.equal('42');
    });

    it('Hang up ends the call for both sides and keeps the focus in the panel', async () => {
      const phone = await agentPhone();
      const { call, from } = await answeredCall(phone);
      const panel = await panelFor(call);
      const hangUp = button(panel, 'Hang up');
      hangUp.focus();
      hangUp.click();
      await until(() => call.ended, 'the call to end');
      expect(call.snapshot.endReason).to.equal('local-hangup');
      await from.waitFor('ended');
      await shows(panel, 'Ended: you hung up');
      expect(buttons(panel, 'Hang up')).to.have.length(0);
      expect(panel.matches(':focus-within'), 'the focus did not fall to the page').to.equal(true);
    });

    it('a page can cancel a command through its request event', async () => {
      const phone = await agentPhone();
      const { call } = await answeredCall(phone);
      const panel = await panelFor(call);
      const requests: string[] = [];
      panel.addEventListener('cx-mute-request', (event) => {
        requests.push(`mute:${String(event.detail.muted)}`);
        event.preventDefault();
      });
      panel.addEventListener('cx-hang-up-request', (event) => {
        requests.push('hang-up');
        event.preventDefault();
      });
      button(panel, 'Mute my mic').click();
      button(panel, 'Hang up').click();
      await sleep(300);
      expect(requests).to.deep.equal(['mute:true', 'hang-up']);
      expect(call.muted).to.equal(false);
      expect(call.state).to.equal('active');
    });
  });

  describe('Datas tab', () => {
    const headers = {
      'X-CX-Queue': 'Sales',
      'X-CX-Route': 'Welcome > Language: French > Sales > Priority',
      'X-CX-Data-CustomerId': 'C-123',
      'X-CX-Data-Reason': 'Invoice <b>question</b>',
      'X-CX-Interaction-Id': 'int-77',
    };

    it('appears once the call is accepted and shows the route and every IVR variable', async () => {
      const phone = await agentPhone();
      const from = await customer();
      const call = await ring(phone, from, headers);
      const panel = await panelFor(call);
      expect(panel.shadowRoot?.querySelector('[role="tab"]'), 'no Datas before the call is accepted').to.equal(null);
      await call.accept();
      await settle(panel);
      const datasTab = panel.shadowRoot?.querySelector<HTMLElement>('#tab-datas');
      expect(datasTab?.textContent?.trim()).to.equal('Datas');
      const datas = panel.shadowRoot?.querySelector<HTMLElement>('#panel-datas');
      expect(datas?.hidden).to.equal(true);
      expect(datas?.getClientRects().length).to.equal(0, 'a hidden panel is not on screen');
      datasTab?.click();
      await settle(panel);
      expect(datas?.hidden).to.equal(false);
      expect(datas?.getClientRects().length).to.be.above(0, 'the Datas panel is on screen');
      expect(panel.shadowRoot?.querySelector<HTMLElement>('#panel-call')?.getClientRects().length).to.equal(0, 'the Call panel is not');
      expect(datasTab?.getAttribute('aria-selected')).to.equal('true');
      const steps = [...(datas?.querySelectorAll('ol li') ?? [])].map((li) => li.textContent?.trim());
      expect(steps).to.deep.equal(['Welcome', 'Language: French', 'Sales', 'Priority']);
      const pairs = [...(datas?.querySelectorAll('[part="variables"] div') ?? [])].map((row) =>
        [...row.children].map((cell) => cell.textContent?.trim()),
      );
      expect(pairs).to.deep.equal([
        ['CustomerId', 'C-123'],
        ['Reason', 'Invoice <b>question</b>'],
      ]);
      expect(datas?.querySelector('b')).to.equal(null);
      expect(datas?.textContent).to.contain('int-77');
      expect(await axeViolations(panel)).to.deep.equal([]);
    });

    it('is operated with the arrow keys, as tabs are', async () => {
      const phone = await agentPhone();
      const { call } = await answeredCall(phone, {}, headers);
      const panel = await panelFor(call);
      const callTab = panel.shadowRoot?.querySelector<HTMLElement>('#tab-call');
      callTab?.focus();
      await sendKeys({ press: 'ArrowRight' });
      await settle(panel);
      expect(deepActiveElement()?.id).to.equal('tab-datas');
      expect(panel.shadowRoot?.querySelector<HTMLElement>('#panel-datas')?.hidden).to.equal(false);
      await sendKeys({ press: 'ArrowLeft' });
      await settle(panel);
      expect(deepActiveElement()?.id).to.equal('tab-call');
      expect(panel.shadowRoot?.querySelector<HTMLElement>('#panel-call')?.hidden).to.equal(false);
    });
  });

  describe('keyboard', () => {
    it('Tab reaches Mute my mic, Place on hold, Phone keypad and Hang up; Enter and Space press them', async () => {
      const phone = await agentPhone();
      const { call } = await answeredCall(phone);
      const panel = await panelFor(call);
      panel.shadowRoot?.querySelector<HTMLElement>('#tab-call')?.focus();
      const order: string[] = [];
      for (let i = 0; i < 4; i += 1) {
        await sendKeys({ press: 'Tab' });
        order.push(deepActiveElement()?.textContent?.trim() ?? '');
      }
      expect(order).to.deep.equal(['Mute my mic', 'Place on hold', 'Phone keypad', 'Hang up']);
      button(panel, 'Mute my mic').focus();
      await sendKeys({ press: 'Enter' });
      await until(() => call.muted, 'Enter to mute');
      button(panel, 'Place on hold').focus();
      await sendKeys({ press: 'Space' });
      await until(() => call.state === 'held', 'Space to hold');
    });

    it('Alt+Shift+M, Alt+Shift+H and Alt+Shift+E mute, hold and hang up', async () => {
      const phone = await agentPhone();
      const { call } = await answeredCall(phone);
      const panel = await panelFor(call);
      expect(button(panel, 'Mute my mic').getAttribute('aria-keyshortcuts')).to.equal('Alt+Shift+M');
      await pressShortcut('M');
      await until(() => call.muted, 'the shortcut to mute');
      await pressShortcut('H');
      await until(() => call.state === 'held', 'the shortcut to hold');
      await pressShortcut('H');
      await until(() => call.state === 'active', 'the shortcut to resume');
      await pressShortcut('E');
      await until(() => call.ended, 'the shortcut to hang up');
    });
  });

  it('has no accessibility violations while active, muted and held', async () => {
    const phone = await agentPhone();
    const { call } = await answeredCall(phone, { displayName: 'Bob Smith' }, { 'X-CX-Call-Type': 'preview' });
    const panel = await panelFor(call);
    expect(await axeViolations(panel), 'active').to.deep.equal([]);
    await call.mute(true);
    await settle(panel);
    expect(await axeViolations(panel), 'muted').to.deep.equal([]);
    await call.hold(true);
    await settle(panel);
    expect(await axeViolations(panel), 'held').to.deep.equal([]);
    button(panel, 'Exit the hold').click();
    await until(() => call.state === 'active', 'resume');
    button(panel, 'Phone keypad').click();
    await settle(panel);
    expect(await axeViolations(panel), 'keypad open').to.deep.equal([]);
  });

  it('in the dark theme too', async () => {
    const phone = await agentPhone();
    const { call } = await answeredCall(phone, { displayName: 'Bob Smith' });
    const panel = new CxActiveCall();
    panel.theme = 'dark';
    panel.call = call;
    await mount(panel);
    const section = panel.shadowRoot?.querySelector('section') as HTMLElement;
    expect(getComputedStyle(section).backgroundColor).to.equal('rgb(29, 32, 38)');
    await call.mute(true);
    await settle(panel);
    expect(await axeViolations(panel)).to.deep.equal([]);
  });

  it('shows a hostile caller name as harmless text', async () => {
    const phone = await agentPhone();
    const { call } = await answeredCall(phone, { displayName: HOSTILE_NAME });
    const panel = await panelFor(call);
    expectHarmless(panel);
  });
});
