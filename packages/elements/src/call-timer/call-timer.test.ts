import { expect } from '@esm-bundle/chai';
import { defineElements } from '../define.js';
import { mount, settle, until } from '../testing/simulated-center.js';
import { CxCallTimer } from './call-timer.js';

defineElements();

function text(timer: CxCallTimer): string {
  return timer.shadowRoot?.querySelector('time')?.textContent ?? '';
}

describe('<cx-call-timer>', () => {
  afterEach(() => document.querySelector('main')?.replaceChildren());

  it('shows nothing without a start', async () => {
    const timer = await mount(new CxCallTimer());
    expect(timer.shadowRoot?.querySelector('time')).to.equal(null);
  });

  it('counts the seconds since the start, every second', async () => {
    const timer = new CxCallTimer();
    timer.since = Date.now() - 65_000;
    await mount(timer);
    expect(text(timer)).to.equal('1:05');
    expect(timer.shadowRoot?.querySelector('time')?.getAttribute('datetime')).to.equal('PT65S');
    await until(() => text(timer) === '1:06', 'the next second', 1500);
  });

  it('shows hours past an hour', async () => {
    const timer = new CxCallTimer();
    timer.since = Date.now() - (3600 + 2 * 60 + 3) * 1000;
    await mount(timer);
    expect(text(timer)).to.equal('1:02:03');
  });

  it('stops at the end', async () => {
    const timer = new CxCallTimer();
    const end = Date.now();
    timer.since = end - 42_000;
    timer.until = end;
    await mount(timer);
    expect(text(timer)).to.equal('0:42');
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await settle(timer);
    expect(text(timer)).to.equal('0:42');
  });
});
