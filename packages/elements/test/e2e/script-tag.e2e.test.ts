// End to end, as a CRM vendor embeds it: a page loads the built script-tag
// file cx-banner.js, a <cx-banner> takes a real call through the real
// Kamailio, and the agent works it by clicking buttons found by their
// accessible names. Audio is checked by frequency in both directions.
import { expect } from '@esm-bundle/chai';
import { a11ySnapshot, findAccessibilityNode } from '@web/test-runner-commands';
import type { Call, Phone } from '@cx/core';
import { createToneMicrophone, FrequencyMeter, SimulatedCustomer } from '@cx/core/testing';

interface SipEnv {
  wsUrl: string;
  domain: string;
  users: Array<{ user: string; password: string; aor: string }>;
}
type CX = typeof import('@cx/core') & typeof import('@cx/elements');

const envUrl = '/__cx/sip-env.js';
const env = (await import(/* @vite-ignore */ envUrl)).default as SipEnv;
const account = (user: string) => env.users.find((u) => u.user === user)!;

const AGENT_HZ = 1130;
const CUSTOMER_HZ = 470;
const HEARD = -55;
const SILENT = -75;

function loadScriptTag(src: string): Promise<CX> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve((window as unknown as { CX: CX }).CX);
    script.onerror = () => reject(new Error(`${src} did not load: run \`npm run build\` first`));
    document.head.append(script);
  });
}

/** Every element of the page, shadow roots included. */
function* deep(root: Document | ShadowRoot | Element): Generator<Element> {
  for (const el of Array.from(root.querySelectorAll('*'))) {
    yield el;
    if (el.shadowRoot) yield* deep(el.shadowRoot);
  }
}

/** A button's accessible name as the DOM gives it (aria-label, else its visible text). */
function nameOf(el: Element): string {
  const label = el.getAttribute('aria-label');
  if (label) return label.trim();
  const clone = el.cloneNode(true) as Element;
  for (const hidden of Array.from(clone.querySelectorAll('[aria-hidden="true"]'))) hidden.remove();
  return (clone.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function isShown(el: Element): boolean {
  return (el as HTMLElement).offsetParent !== null || (el as HTMLElement).getClientRects().length > 0;
}

/** The visible button named `name`, waiting for it to appear. */
async function button(name: string, timeout = 8000): Promise<HTMLButtonElement> {
  const end = performance.now() + timeout;
  for (;;) {
    const found = [...deep(document)].find(
      (el) => el instanceof HTMLButtonElement && !el.disabled && isShown(el) && nameOf(el) === name,
    );
    if (found) return found as HTMLButtonElement;
    if (performance.now() > end) throw new Error(`no button named "${name}"`);
    await sleep(25);
  }
}

/** Chrome's own accessibility tree has a button with this name. */
async function inAccessibilityTree(name: string): Promise<boolean> {
  const snapshot = await a11ySnapshot({});
  return Boolean(findAccessibilityNode(snapshot as never, (node: { role?: string; name?: string }) => node.role === 'button' && node.name === name));
}

async function click(name: string): Promise<void> {
  const target = await button(name);
  expect(await inAccessibilityTree(name)).to.equal(true, `"${name}" in the accessibility tree`);
  target.click();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean, what: string, timeout = 8000): Promise<void> {
  const end = performance.now() + timeout;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Waits until `hz` is (not) heard by `measure`, returning the last level. */
async function settle(measure: () => Promise<number>, heard: boolean, timeout = 6000): Promise<number> {
  const end = performance.now() + timeout;
  let level = -Infinity;
  do {
    level = await measure();
    if (heard ? level >= HEARD : level <= SILENT) return level;
  } while (performance.now() < end);
  return level;
}

describe('cx-banner.js in a page, on a real SIP server', () => {
  let CX: CX;
  let phone: Phone;
  let bob: SimulatedCustomer;
  const microphone = createToneMicrophone(AGENT_HZ);

  before(async () => {
    CX = await loadScriptTag('/packages/elements/dist/cx-banner.js');
  });

  after(async () => {
    await phone?.disconnect();
    await bob?.dispose();
    microphone.stop();
  });

  it('defines the elements and exposes CX', () => {
    expect(customElements.get('cx-banner')).to.be.a('function');
    expect(customElements.get('cx-small-banner')).to.be.a('function');
    expect(customElements.get('cx-call-popup')).to.be.a('function');
    expect(CX.createPhone).to.be.a('function');
  });

  it('answers, mutes, holds, keys and hangs up a call by clicking the buttons', async () => {
    const banner = document.createElement('cx-banner') as HTMLElement & { phone: Phone | undefined };
    document.body.append(banner);
    const { aor, password } = account('1003');
    phone = CX.createPhone({
      sip: { server: env.wsUrl, aor, password, dtmf: 'info' },
      media: { getStream: microphone.getStream },
    });
    banner.phone = phone;
    await phone.connect();

    const customer = account('2003');
    bob = new SimulatedCustomer({ server: env.wsUrl, aor: customer.aor, password: customer.password, frequency: CUSTOMER_HZ, displayName: 'Bob Martin' });
    await bob.connect();
    await bob.dial(`sip:1003@${env.domain}`, { 'X-CX-Queue': 'Sales', 'X-CX-Call-Type': 'smart' });

    await click('Accept');
    await bob.waitFor('active');
    const call = phone.$activeCall.get() as Call;
    const meter = new FrequencyMeter(phone.mediaOf(call).remoteStream!);
    const agentHears = () => meter.median(CUSTOMER_HZ, 400);
    const customerHears = () => bob.hears(AGENT_HZ, 400);
    expect(await settle(agentHears, true)).to.be.at.least(HEARD, 'agent hears the customer');
    expect(await settle(customerHears, true)).to.be.at.least(HEARD, 'customer hears the agent');

    await click('Mute my mic');
    await button('Reactivate my mic');
    expect(await settle(customerHears, false)).to.be.at.most(SILENT, 'muted: the customer hears nothing');
    expect(await settle(agentHears, true)).to.be.at.least(HEARD, 'muted: the agent still hears');
    await click('Reactivate my mic');
    expect(await settle(customerHears, true)).to.be.at.least(HEARD, 'unmuted');

    await click('Place on hold');
    await button('Exit the hold');
    await until(() => bob.call?.snapshot.remoteHeld === true, 'the customer to be held');
    expect(await settle(customerHears, false)).to.be.at.most(SILENT, 'held: the customer hears nothing');
    await click('Exit the hold');
    await until(() => bob.call?.snapshot.remoteHeld === false, 'the customer to be resumed');
    expect(await settle(customerHears, true)).to.be.at.least(HEARD, 'resumed: the customer hears the agent');

    await click('Phone keypad');
    for (const key of ['4', '2', '#']) await click(key);
    await until(() => bob.receivedDtmf.length === 3, 'three digits at the customer');
    expect(bob.receivedDtmf).to.deep.equal(['4', '2', '#']);

    await click('Hang up');
    await bob.waitFor('ended');
    expect(call.snapshot.endReason).to.equal('local-hangup');
    meter.dispose();
  });
});
