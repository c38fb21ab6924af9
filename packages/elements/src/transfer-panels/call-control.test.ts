// Component tier: the call-control UI in a <cx-banner> on the simulated
// contact center: the transfer picker and its status, Merge, the recording
// button, the New call choices, the agent's monitor notice and the
// supervisor's panel; accessible names of DESIGN section 8, axe-core clean
// in each state.
import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import type { DirectoryEntry, Phone, PhoneOptions } from '@cx/core';
import { CxBanner } from '../banner/banner.js';
import { defineElements, loadMonitorPanel } from '../index.js';
import { memoryStorage } from '../preferences/preference-storage.js';
import { axeViolations } from '../testing/axe.js';
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
  queryAll,
  ring,
  settle,
  until,
} from '../testing/simulated-center.js';

defineElements();

const DIRECTORY: DirectoryEntry[] = [
  { kind: 'user', id: 'u-1002', name: 'Carol Jones', target: '1002' },
  { kind: 'queue', id: 'q-sales', name: 'Sales', target: '3001' },
  { kind: 'routing', id: 'r-fr', name: 'France outbound', target: '3100' },
  { kind: 'contact', id: 'c-acme', name: 'Acme support', target: '+33123456789' },
];

async function bannerFor(phone: Phone): Promise<CxBanner> {
  const banner = new CxBanner();
  banner.storage = memoryStorage();
  banner.phone = phone;
  return mount(banner);
}

async function withAgent(options: Partial<PhoneOptions> = {}) {
  const phone = await agentPhone({ directory: DIRECTORY, ...options });
  const banner = await bannerFor(phone);
  return { phone, banner };
}

/** Clicks the one visible button named `name`, and lets everything render. */
async function press(root: Element, name: string): Promise<void> {
  button(root, name).click();
  await settle(root);
}

function searchBox(banner: Element): HTMLInputElement {
  const input = queryAll<HTMLInputElement>(banner, 'input[type="search"]')[0];
  if (!input) throw new Error('no search box');
  return input;
}

describe('call control in the banner', () => {
  afterEach(disposeAll);

  describe('Transfer', () => {
    it('the picker: a search box "Transfer destination", tabs by kind, then Transfer and hang up (blind)', async () => {
      const { phone, banner } = await withAgent();
      const colleague = await customer({ user: '1002', displayName: 'Carol Jones' });
      const { call } = await answeredCall(phone, { displayName: 'Bob Smith' });
      await settle(banner);
      await press(banner, 'Transfer');
      const search = searchBox(banner);
      expect(search.labels?.[0]?.textContent?.trim()).to.equal('Transfer destination');
      const picker = queryAll(banner, 'cx-transfer-picker')[0]!;
      expect(queryAll(picker, '[role="tab"]').map((tab) => tab.textContent?.trim())).to.deep.equal([
        'User',
        'Queue',
        'Smart Routing',
        'Directory',
        'Number',
      ]);
      await until(() => deepText(banner).includes('Carol Jones'), 'the directory');
      expect(await axeViolations(banner), 'picker open').to.deep.equal([]);
      search.focus();
      await sendKeys({ type: 'caro' });
      await settle(banner);
      expect(button(banner, 'Transfer and hang up').disabled).to.equal(false);
      await press(banner, 'Transfer and hang up');
      await until(() => call.ended, 'the agent to be released', 8000);
      expect(call.snapshot.endReason).to.equal('transferred');
      await colleague.waitFor('active');
      expect(colleague.call?.info.transfer?.type).to.equal('blind');
    });

    it('the picker keeps its buttons in place while the results change (a click meant for one never lands on the other)', async () => {
      const many: DirectoryEntry[] = ['Ann', 'Ben', 'Carol', 'Dan', 'Eve', 'Finn'].map((name, i) => ({ kind: 'user', id: `u-${i}`, name: `${name} Jones`, target: `10${i + 10}` }));
      const { phone, banner } = await withAgent({ directory: many });
      await answeredCall(phone, { displayName: 'Bob Smith' });
      await until(() => buttons(banner, 'Transfer').length === 1, 'the active call panel');
      await press(banner, 'Transfer');
      await until(() => deepText(banner).includes('Finn Jones'), 'the six colleagues');
      const place = (): number[] => {
        const { top, left } = button(banner, 'Transfer and hang up').getBoundingClientRect();
        const attended = button(banner, 'Start the attended transfer').getBoundingClientRect();
        return [top, left, attended.top, attended.left].map(Math.round);
      };
      const withSix = place();
      searchBox(banner).focus();
      await sendKeys({ type: 'finn' });
      await until(() => !deepText(banner).includes('Ann Jones'), 'one result');
      await settle(banner);
      expect(place(), 'one result').to.deep.equal(withSix);
      await sendKeys({ type: 'zzz' });
      await until(() => deepText(banner).includes('No destination found.'), 'no result');
      await settle(banner);
      expect(place(), 'no result').to.deep.equal(withSix);
      expect(await axeViolations(banner), 'the list scrolls in its box').to.deep.equal([]);
    });

    it('attended: the status says where it stands, then Complete the transfer', async () => {
      const { phone, banner } = await withAgent();
      await customer({ user: '1002', displayName: 'Carol Jones' });
      const { call } = await answeredCall(phone, { displayName: 'Bob Smith' });
      await settle(banner);
      await press(banner, 'Transfer');
      await until(() => deepText(banner).includes('Carol Jones'), 'the directory');
      await press(banner, 'Start the attended transfer');
      await until(() => buttons(banner, 'Complete the transfer').length === 1, 'the consultation', 8000);
      expect(deepText(banner)).to.contain('Carol Jones').and.to.contain('you are talking to them');
      expect(buttons(banner, 'Cancel the transfer')).to.have.length(1);
      expect(await axeViolations(banner), 'consulting').to.deep.equal([]);
      await press(banner, 'Complete the transfer');
      await until(() => call.ended, 'the completion', 8000);
      expect(call.snapshot.endReason).to.equal('transferred');
    });

    it('a failed transfer says why, and the customer is back', async () => {
      const { phone, banner } = await withAgent();
      const busy = await customer({ user: '1002', autoAnswer: false });
      busy.phone.on('call:incoming', (c) => void c.decline());
      const { call } = await answeredCall(phone);
      await call.transfer('1002', { mode: 'blind' });
      await until(() => deepText(banner).includes('failed: busy'), 'the failure', 8000);
      expect(deepText(banner)).to.contain('The customer is back with you');
      await until(() => call.state === 'active', 'the customer to be resumed');
      expect(await axeViolations(banner), 'failed').to.deep.equal([]);
    });

    it('the Number tab takes a typed number; a dial-string trick gives nothing to choose', async () => {
      const { phone, banner } = await withAgent();
      await answeredCall(phone);
      await settle(banner);
      await press(banner, 'Transfer');
      await press(banner, 'Number');
      const search = searchBox(banner);
      search.focus();
      await sendKeys({ type: '1002%23' });
      await settle(banner);
      expect(button(banner, 'Transfer and hang up').disabled).to.equal(true);
      search.select();
      await sendKeys({ type: '+33 1 23 45 67 89' });
      await settle(banner);
      expect(deepText(banner)).to.contain('+33123456789');
      expect(button(banner, 'Transfer and hang up').disabled).to.equal(false);
      await sendKeys({ press: 'Escape' });
      await settle(banner);
      expect(queryAll(banner, 'cx-transfer-picker')).to.have.length(0);
    });
  });

  it('Merge: offered only with two calls; merged calls are both active', async () => {
    const { phone, banner } = await withAgent();
    await answeredCall(phone, { displayName: 'First caller' });
    await settle(banner);
    expect(button(banner, 'Merge').disabled, 'one call: nothing to merge').to.equal(true);
    await answeredCall(phone, { displayName: 'Second caller' });
    await settle(banner);
    expect(button(banner, 'Merge').disabled).to.equal(false);
    await press(banner, 'Merge');
    await until(() => phone.$calls.get().every((c) => c.state === 'active'), 'both calls active');
    await settle(banner);
    expect(button(banner, 'Merge').disabled, 'merged: nothing more to merge').to.equal(true);
    expect(await axeViolations(banner), 'merged').to.deep.equal([]);
  });

  it('the recording button: Start the recording, then Stop the recording (pressed, said); refused when off', async () => {
    const { phone, banner } = await withAgent();
    const { call } = await answeredCall(phone);
    await settle(banner);
    await press(banner, 'Start the recording');
    await until(() => call.snapshot.recording, 'the recording');
    await settle(banner);
    const stop = button(banner, 'Stop the recording');
    expect(stop.getAttribute('aria-pressed')).to.equal('true');
    expect(queryAll(banner, '[role="status"]').some((s) => s.textContent?.trim() === 'Recording')).to.equal(true);
    expect(await axeViolations(banner), 'recording').to.deep.equal([]);
    const ready = new Promise((resolve) => phone.on('recording:ready', resolve));
    await press(banner, 'Stop the recording');
    await ready;
    await call.hangup();

    const from = await customer();
    const second = await ring(phone, from, { 'X-CX-Recording': 'off' });
    await second.accept();
    await settle(banner);
    expect(button(banner, 'Start the recording').disabled).to.equal(true);
  });

  it('New call: a number, an extension, or a smart outbound call through a routing (when allowed)', async () => {
    const { banner } = await withAgent({ profile: { smartOutbound: true } });
    const labels = queryAll(banner, 'fieldset[part="call-kind"] label').map((l) => l.textContent?.trim());
    expect(labels).to.deep.equal(['Make a call to a number', 'Make a call to an extension', 'Smart outbound call']);
    const kind = (value: string) => queryAll<HTMLInputElement>(banner, `input[name="kind"][value="${value}"]`)[0]!;
    kind('extension').click();
    await settle(banner);
    await banner.dial('+33123456789');
    await settle(banner);
    expect(deepText(banner)).to.contain('An extension is 2 to 8 digits.');
    kind('smart').click();
    await until(() => queryAll(banner, 'select#routing option').length === 1, 'the routings');
    expect(await axeViolations(banner), 'smart outbound').to.deep.equal([]);
    const cc = await contactCenter();
    await customer({ user: '2099' });
    cc.switch.clearMessages();
    await banner.dial('2099');
    await until(() => cc.switch.messages().some((m) => m.summary.startsWith('INVITE sip:2099')), 'the INVITE');
    const invite = cc.switch.messages().find((m) => m.summary.startsWith('INVITE sip:2099'));
    expect(invite?.raw).to.match(/X-CX-Route-Via: r-fr\r\n/);
  });

  it('Call back, from a missed call or a finished call in Recent calls: the number waits in New call, focused', async () => {
    const { phone, banner } = await withAgent();
    const dial = (): HTMLInputElement => queryAll<HTMLInputElement>(banner, '#dial')[0]!;
    const larry = await customer({ user: '2077', displayName: 'Late Larry' });
    await ring(phone, larry);
    await larry.call!.hangup();
    await until(() => buttons(banner, 'Call back').length === 1, 'the missed call notice');
    expect(await axeViolations(banner), 'missed call with Call back').to.deep.equal([]);
    await press(banner, 'Call back');
    await until(() => dial().value === '2077', 'the number in New call');
    expect(deepActiveElement()).to.equal(dial());
    expect(phone.$calls.get().filter((c) => !c.ended), 'nothing is dialled before the agent says so').to.have.length(0);

    dial().value = '';
    const { call } = await answeredCall(phone, { user: '2088', displayName: 'Finished Fiona' });
    await call.hangup();
    const history = (): Element | undefined => queryAll(banner, 'cx-call-history')[0];
    await until(() => history() !== undefined && buttons(history()!, 'Recent calls (1)').length === 1, 'Recent calls');
    await press(history()!, 'Recent calls (1)');
    expect(deepText(history()!)).to.contain('Finished Fiona');
    await press(history()!, 'Call back');
    await until(() => dial().value === '2088', 'the number of the finished call');
    expect(deepActiveElement() === dial(), 'the focus is in New call').to.equal(true);
    expect(await axeViolations(banner), 'Recent calls open').to.deep.equal([]);
  });

  it('without the right, no smart outbound choice', async () => {
    const { banner } = await withAgent();
    expect(queryAll(banner, 'input[name="kind"]').map((i) => (i as HTMLInputElement).value)).to.deep.equal(['number', 'extension']);
  });

  it("the agent is told when a supervisor talks to them, and the supervisor's panel drives the modes", async () => {
    const { phone, banner } = await withAgent({ monitoring: { supervisors: ['1002'] } });
    const supervisor = await agentPhone({}, true, '1002');
    const { call } = await answeredCall(phone, { displayName: 'Bob Smith' }, { 'X-CX-Interaction-Id': 'int-77' });
    await loadMonitorPanel();
    const panel = document.createElement('cx-monitor-panel');
    panel.phone = supervisor;
    panel.target = { interactionId: 'int-77', agent: '1001', label: 'Agent 1001 with Bob Smith' };
    await mount(panel);
    expect(await axeViolations(panel), 'before').to.deep.equal([]);
    await press(panel, 'Monitor this call');
    await until(() => deepText(panel).includes('Listening'), 'the monitoring');
    expect(call.snapshot.monitor, 'silent: the agent is not told').to.equal(undefined);
    await press(panel, 'Talk to agent');
    await until(() => call.snapshot.monitor?.mode === 'whisper', 'the whisper');
    await settle(banner);
    expect(deepText(banner)).to.contain('is talking to you');
    expect(await axeViolations(banner), 'whisper notice').to.deep.equal([]);
    await press(panel, 'Join the call');
    await until(() => call.snapshot.monitor?.mode === 'barge', 'the barge');
    expect(await axeViolations(panel), 'barge').to.deep.equal([]);
    await press(panel, 'Return to silent monitoring');
    await press(panel, 'Stop monitoring');
    await until(() => call.snapshot.monitor === undefined, 'the end');
    expect(buttons(panel, 'Monitor this call')).to.have.length(1);
    expect(call.state).to.equal('active');
  });
});
