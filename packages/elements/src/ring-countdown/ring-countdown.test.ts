import { expect } from '@esm-bundle/chai';
import { defineElements } from '../define.js';
import { mount, sleep, until } from '../testing/simulated-center.js';
import { CxRingCountdown } from './ring-countdown.js';

defineElements();

function live(countdown: CxRingCountdown): string {
  return countdown.shadowRoot?.querySelector('[aria-live="polite"]')?.textContent?.trim() ?? '';
}

function seconds(countdown: CxRingCountdown): string {
  return countdown.shadowRoot?.querySelector('[part="seconds"]')?.textContent ?? '';
}

describe('<cx-ring-countdown>', () => {
  afterEach(() => document.querySelector('main')?.replaceChildren());

  it('shows nothing without a deadline', async () => {
    const countdown = await mount(new CxRingCountdown());
    expect(countdown.shadowRoot?.querySelector('[part="seconds"]')).to.equal(null);
  });

  it('starting under 10 seconds it stays quiet, then speaks at 5 seconds left', async () => {
    const countdown = new CxRingCountdown();
    const now = Date.now();
    countdown.start = now - 14_000;
    countdown.deadline = now + 6_500;
    await mount(countdown);
    expect(seconds(countdown)).to.equal('7 s');
    expect(live(countdown), 'no announcement over the popup\'s own').to.equal('');
    await until(() => live(countdown) !== '', 'the 5 seconds announcement', 3500);
    expect(live(countdown)).to.equal('5 seconds left to answer');
    expect(seconds(countdown)).to.equal('5 s');
  });

  it('runs its bar with one CSS animation from the share of time left', async () => {
    const countdown = new CxRingCountdown();
    const now = Date.now();
    countdown.start = now - 15_000;
    countdown.deadline = now + 5_000;
    await mount(countdown);
    const fill = countdown.shadowRoot?.querySelector('[part="bar-fill"]') as HTMLElement;
    expect(Number(fill.style.getPropertyValue('--_from'))).to.be.closeTo(0.25, 0.02);
    expect(Number.parseFloat(fill.style.animationDuration)).to.be.closeTo(5_000, 100);
    const before = fill.getAttribute('style');
    await sleep(1_100);
    expect(fill.getAttribute('style'), 'the ticks do not restart the animation').to.equal(before);
  });
});
