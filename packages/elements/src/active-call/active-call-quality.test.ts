// Component tier: the call-quality indicator of <cx-active-call>, on a real
// call whose samples the simulator makes poor (simulateCallQuality).
import { expect } from '@esm-bundle/chai';
import { simulateCallQuality, type SimulatedConditions } from '@cx/core/testing';
import { defineElements } from '../define.js';
import { axeViolations } from '../testing/axe.js';
import { agentPhone, answeredCall, deepText, disposeAll, mount, settle, sleep, until } from '../testing/simulated-center.js';
import { CxActiveCall } from './active-call.js';

defineElements();

describe('<cx-active-call> call quality', () => {
  afterEach(disposeAll);

  it('shows "Poor connection" only while the call has warnings, announced once, naming them in its title; axe-clean', async () => {
    const phone = await agentPhone();
    let conditions: SimulatedConditions = {};
    simulateCallQuality(phone, () => conditions, { intervalMs: 50 });
    const { call } = await answeredCall(phone);
    const panel = new CxActiveCall();
    panel.call = call;
    await mount(panel);
    const indicator = (): HTMLElement => panel.shadowRoot!.querySelector<HTMLElement>('[part="quality"]')!;

    // A good connection: measured, nothing shown (and the call does not change for it).
    const early: number[] = [];
    phone.on('call:quality', () => early.push(Date.now()));
    await until(() => early.length >= 3, 'a few samples');
    expect(call.snapshot.quality).to.equal(undefined);
    await settle(panel);
    expect(deepText(panel)).not.to.contain('Poor connection');
    expect(indicator().textContent?.trim()).to.equal('');
    expect(indicator().getAttribute('role')).to.equal('status', 'a polite live region, there before anything is said in it');

    conditions = { rttMs: 700, jitterMs: 45 };
    await until(() => deepText(panel).includes('Poor connection'), 'the indicator');
    expect(call.snapshot.quality?.warnings).to.deep.equal(['high-rtt', 'high-jitter', 'low-mos']);
    expect(indicator().title).to.equal('high-rtt, high-jitter, low-mos');
    expect(await axeViolations(panel)).to.deep.equal([]);

    // Later samples with the same warnings leave the live region alone: it is announced once.
    const changes: MutationRecord[] = [];
    const observer = new MutationObserver((records) => changes.push(...records));
    observer.observe(indicator(), { childList: true, characterData: true, subtree: true, attributes: true });
    let samples = 0;
    const off = phone.on('call:quality', () => (samples += 1));
    await until(() => samples >= 5, 'five more samples');
    await settle(panel);
    observer.disconnect();
    off();
    expect(changes).to.have.length(0);

    conditions = {};
    await until(() => !deepText(panel).includes('Poor connection'), 'the indicator to go once the warnings clear');
    expect(indicator().hasAttribute('title')).to.equal(false);
    expect(await axeViolations(panel)).to.deep.equal([]);
  });
});
