// Component tier: ended calls in the Banner, on the simulated contact center.
// The panel shows live calls only; a finished call leaves the call list for
// "Recent calls (n)", a disclosure that lists it (newest first, 20 at most)
// with Call back (New call prefilled) and Show (the call in the panel again,
// until the next call rings or is placed). axe-core clean, closed and open.
import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import type { Phone } from '@cx/core';
import { CxBanner } from '../banner/banner.js';
import { defineElements, loadCallHistory } from '../index.js';
import { memoryStorage } from '../preferences/preference-storage.js';
import { axeViolations } from '../testing/axe.js';
import { expectHarmless, HOSTILE_NAME } from '../testing/hostile.js';
import {
  agentPhone,
  answeredCall,
  button,
  buttons,
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
import { CxCallHistory } from './call-history.js';

defineElements();

async function bannerFor(phone: Phone): Promise<CxBanner> {
  const banner = new CxBanner();
  banner.storage = memoryStorage();
  banner.phone = phone;
  return mount(banner);
}

function history(banner: CxBanner): CxCallHistory | undefined {
  return queryAll<CxCallHistory>(banner, 'cx-call-history')[0];
}

/** The disclosure button, once the history has loaded and counts `count` calls. */
async function toggleOf(banner: CxBanner, count: number): Promise<HTMLButtonElement> {
  const name = `Recent calls (${count})`;
  await until(() => history(banner) !== undefined && buttons(history(banner)!, name).length === 1, `"${name}"`);
  await settle(banner);
  return button(history(banner)!, name);
}

/** Opens the list with a click. */
async function openHistory(banner: CxBanner, count: number): Promise<CxCallHistory> {
  const toggle = await toggleOf(banner, count);
  if (toggle.getAttribute('aria-expanded') !== 'true') toggle.click();
  await settle(banner);
  return history(banner)!;
}

function entries(banner: CxBanner): string[] {
  return queryAll(history(banner)!, 'li').map((li) => deepText(li).trim());
}

function panel(banner: CxBanner): Element | undefined {
  return queryAll(banner, 'cx-active-call')[0];
}

function dialField(banner: CxBanner): HTMLInputElement {
  return queryAll<HTMLInputElement>(banner, '#dial')[0]!;
}

/** The Show button of the entry that names `who`. */
function showOf(banner: CxBanner, who: string): HTMLButtonElement {
  const entry = queryAll(history(banner)!, 'li').find((li) => deepText(li).includes(who));
  if (!entry) throw new Error(`no entry for ${who}`);
  return button(entry, 'Show');
}

describe('<cx-call-history> in the Banner', () => {
  afterEach(disposeAll);

  it('after a call ends, its panel and box go; "Recent calls (1)" opens with the keyboard and lists it', async () => {
    const phone = await agentPhone();
    const banner = await bannerFor(phone);
    const { call } = await answeredCall(phone, { user: '2101', displayName: 'Bob Smith' });
    await settle(banner);
    expect(queryAll(banner, 'cx-call-box')).to.have.length(1);
    expect(history(banner), 'no history before a call ends').to.equal(undefined);

    const hangUp = button(banner, 'Hang up');
    hangUp.focus();
    hangUp.click();
    await until(() => call.ended, 'the call to end');
    await until(() => panel(banner) === undefined, 'the panel to go');
    await settle(banner);
    expect(queryAll(banner, 'cx-call-box'), 'the box left the call list').to.have.length(0);
    expect(queryAll(banner, '[part="call-list"]')).to.have.length(0);
    expect(queryAll(banner, '[part="idle"]')[0]?.textContent).to.contain('No call in progress.');
    expect(deepActiveElement() === dialField(banner), 'the focus went to the number field, not the page').to.equal(true);

    const toggle = await toggleOf(banner, 1);
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    const list = queryAll(history(banner)!, `#${toggle.getAttribute('aria-controls') ?? ''}`)[0] as HTMLElement;
    expect(list.hidden).to.equal(true);
    expect(buttons(banner, 'Show'), 'closed: no entry to reach').to.have.length(0);
    expect(await axeViolations(banner), 'history closed').to.deep.equal([]);

    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await settle(banner);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(list.hidden).to.equal(false);
    const [entry] = entries(banner);
    expect(entry).to.contain('Incoming').and.to.contain('Bob Smith').and.to.match(/\d{1,2}:\d{2}/).and.to.match(/\d+ s\b/);
    expect(queryAll(history(banner)!, 'time[datetime]')).to.have.length(1);
    expect(buttons(history(banner)!, 'Call back')).to.have.length(1);
    expect(buttons(history(banner)!, 'Show')).to.have.length(1);
    expect(await axeViolations(banner), 'history open').to.deep.equal([]);

    await sendKeys({ press: 'Space' });
    await settle(banner);
    expect(toggle.getAttribute('aria-expanded'), 'Space closes it again').to.equal('false');
    expect(list.hidden).to.equal(true);
  });

  it('Call back puts the number of the finished call in New call, focused, and places nothing', async () => {
    const phone = await agentPhone();
    const banner = await bannerFor(phone);
    const { call } = await answeredCall(phone, { user: '2102', displayName: 'Finished Fiona' });
    await call.hangup();
    const region = await openHistory(banner, 1);
    const requested: string[] = [];
    banner.addEventListener('cx-call-back-request', (event) => requested.push(event.detail.target));
    button(region, 'Call back').click();
    await until(() => dialField(banner).value === call.info.remote.number, 'the number in New call');
    expect(requested).to.deep.equal([call.info.remote.number]);
    expect(deepActiveElement() === dialField(banner), 'the focus is in New call').to.equal(true);
    expect(phone.$calls.get().filter((c) => !c.ended), 'nothing is dialled before the agent says so').to.have.length(0);
  });

  it('Show opens a finished call in the panel (pressed again, closes it); a new ringing call or a placed one closes it', async () => {
    const phone = await agentPhone();
    const banner = await bannerFor(phone);
    const { call } = await answeredCall(phone, { user: '2103', displayName: 'Bob Smith' });
    await call.hangup();
    await openHistory(banner, 1);
    const show = showOf(banner, 'Bob Smith');
    expect(show.getAttribute('aria-pressed')).to.equal('false');
    show.click();
    await until(() => panel(banner) !== undefined, 'the panel');
    await settle(banner);
    expect(deepText(panel(banner)!)).to.contain('Bob Smith').and.to.contain('Ended: you hung up');
    expect(show.getAttribute('aria-pressed')).to.equal('true');
    expect(queryAll(banner, '[part="idle"]')).to.have.length(0);
    expect(await axeViolations(banner), 'a finished call shown').to.deep.equal([]);

    show.click();
    await until(() => panel(banner) === undefined, 'the panel to close');
    expect(show.getAttribute('aria-pressed')).to.equal('false');

    // A new call rings: the review closes, the popup is what counts now.
    show.click();
    await until(() => panel(banner) !== undefined, 'the panel again');
    const next = await ring(phone, await customer({ displayName: 'Carol' }));
    await until(() => panel(banner) === undefined, 'the review to close on the ring');
    await settle(banner);
    expect(queryAll(banner, 'cx-call-popup')).to.have.length(1);
    expect(showOf(banner, 'Bob Smith').getAttribute('aria-pressed')).to.equal('false');
    await next.decline();

    // A call is placed: the review closes too.
    showOf(banner, 'Bob Smith').click();
    await until(() => panel(banner) !== undefined, 'the panel once more');
    await banner.dial('3999');
    await until(() => panel(banner) === undefined || !deepText(panel(banner)!).includes('Bob Smith'), 'the review to close on the call');
    await settle(banner);
    expect(showOf(banner, 'Bob Smith').getAttribute('aria-pressed')).to.equal('false');
  });

  it('lists the most recent first, and why a call did not take place', async () => {
    const phone = await agentPhone();
    const banner = await bannerFor(phone);
    const first = await answeredCall(phone, { user: '2104', displayName: 'First caller' });
    await first.call.hangup();
    await toggleOf(banner, 1);
    const refused = await banner.dial('3999');
    await until(() => refused?.ended === true, 'the refusal');
    const region = await openHistory(banner, 2);
    const [latest, earlier] = entries(banner);
    expect(latest).to.contain('Outgoing').and.to.contain('3999').and.to.contain('Not answered');
    expect(earlier).to.contain('Incoming').and.to.contain('First caller');
    expect(buttons(region, 'Show')).to.have.length(2);
    expect(await axeViolations(banner), 'two finished calls').to.deep.equal([]);
  });

  it('keeps a missed offer out: it stays a Missed call notice', async () => {
    const phone = await agentPhone();
    const banner = await bannerFor(phone);
    const missed = await ring(phone, await customer({ displayName: 'Late Larry' }), { 'X-CX-Ring-Timeout': '1' });
    await until(() => missed.ended, 'the offer to time out', 4000);
    await settle(banner);
    expect(deepText(banner)).to.contain('Missed call').and.to.contain('Late Larry');
    expect(history(banner)).to.equal(undefined);
    const { call } = await answeredCall(phone, { displayName: 'Bob Smith' });
    await call.hangup();
    await openHistory(banner, 1);
    expect(entries(banner).join(' ')).not.to.contain('Late Larry');
  });

  it('shows a hostile caller name as harmless text', async () => {
    const phone = await agentPhone();
    const banner = await bannerFor(phone);
    const { call } = await answeredCall(phone, { displayName: HOSTILE_NAME });
    await call.hangup();
    expectHarmless(await openHistory(banner, 1));
  });
});

describe('<cx-call-history> alone', () => {
  afterEach(disposeAll);

  it('lists the 20 latest finished calls, newest first', async () => {
    await loadCallHistory();
    const phone = await agentPhone();
    const element = document.createElement('cx-call-history');
    element.phone = phone;
    await mount(element);
    expect(queryAll(element, 'button'), 'nothing to show yet').to.have.length(0);
    for (let i = 0; i < 21; i += 1) {
      const placed = await phone.call(String(3900 + i));
      await until(() => placed.ended, `call ${i} to be refused`);
    }
    element.open = true;
    await settle(element);
    const shown = queryAll(element, 'li').map((li) => deepText(li));
    expect(shown).to.have.length(20);
    expect(shown[0]).to.contain('3920');
    expect(shown[19]).to.contain('3901');
    expect(buttons(element, 'Recent calls (20)')).to.have.length(1);
  });
});
