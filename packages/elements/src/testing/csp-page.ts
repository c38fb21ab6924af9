// Script of the strict-CSP test page (served with the policy as a response
// header): a banner takes a call from the simulated contact center, rings,
// is answered, muted, held and hung up, then shown again from Recent calls,
// while the page records violations.
import { createPhone } from '@cx/core';
import { createToneMicrophone, startSimulatedContactCenter } from '@cx/core/testing';
import '../index.js';
import type { CxBanner } from '../banner/banner.js';

/** What the page reports to the test. */
export interface CspPageReport {
  /** The ring countdown's bar ran its animation (its custom properties were applied). */
  countdownAnimated: boolean;
  /** States the banner went through, by what it showed. */
  seen: string[];
}

function* deep(root: Document | ShadowRoot | Element): Generator<Element> {
  for (const el of Array.from(root.querySelectorAll('*'))) {
    yield el;
    if (el.shadowRoot) yield* deep(el.shadowRoot);
  }
}

function find(selector: string): HTMLElement | undefined {
  return [...deep(document)].find((el) => el.matches(selector)) as HTMLElement | undefined;
}

function buttonNamed(name: string): HTMLButtonElement | undefined {
  return [...deep(document)].find(
    (el): el is HTMLButtonElement => el instanceof HTMLButtonElement && !el.disabled && el.textContent?.trim() === name,
  );
}

async function until<T>(get: () => T | undefined | false, what: string, timeout = 8000): Promise<T> {
  const end = performance.now() + timeout;
  for (;;) {
    const value = get();
    if (value) return value;
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const frame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));

async function run(): Promise<CspPageReport> {
  const seen: string[] = [];
  const cc = await startSimulatedContactCenter();
  const microphone = createToneMicrophone(1130);
  const phone = createPhone({ sip: { ...cc.sipOptions('1001'), keepAliveInterval: 0 }, media: { getStream: microphone.getStream } });
  const banner = document.createElement('cx-banner') as CxBanner;
  banner.phone = phone;
  document.querySelector('main')?.append(banner);
  try {
    await phone.connect();
    const bob = await cc.customer('2001', { displayName: 'Bob <i>Smith</i>' });
    await bob.dial(cc.address('1001'), { 'X-CX-Queue': 'Sales', 'X-CX-Ring-Timeout': '30' });
    const fill = await until(() => find('[part="bar-fill"]'), 'the ring countdown');
    await frame();
    const countdownAnimated =
      fill.style.getPropertyValue('--_from') !== '' && getComputedStyle(fill).animationDuration !== '0s';
    seen.push('ringing');
    (await until(() => buttonNamed('Accept'), 'Accept')).click();
    (await until(() => buttonNamed('Mute my mic'), 'the active call')).click();
    seen.push('active');
    (await until(() => buttonNamed('Place on hold'), 'Place on hold')).click();
    await until(() => buttonNamed('Exit the hold'), 'the hold');
    seen.push('held');
    (await until(() => buttonNamed('Hang up'), 'Hang up')).click();
    await until(() => phone.$calls.get()[0]?.ended, 'the end of the call');
    seen.push('ended');
    // The finished call in Recent calls (a lazy chunk), opened, and shown in the panel again.
    (await until(() => buttonNamed('Recent calls (1)'), 'Recent calls')).click();
    await until(() => find('[part="list"]:not([hidden])'), 'the open list');
    (await until(() => buttonNamed('Show'), 'Show')).click();
    await until(() => find('cx-active-call'), 'the finished call in the panel');
    seen.push('history');
    await frame();
    return { countdownAnimated, seen };
  } finally {
    await phone.destroy();
    microphone.stop();
    await cc.stop();
  }
}

/** A deliberate inline style: proves to the test that the policy is in force. */
function violateOnPurpose(): void {
  const probe = document.createElement('p');
  probe.setAttribute('style', 'color: red');
  document.body.append(probe);
}

Object.assign(window, { cspPage: { run, violateOnPurpose } });
