/**
 * Test support (not part of the published API): an agent phone and
 * customers on the simulated contact center of @cx/core/testing, in the
 * test page, plus helpers to reach into shadow roots and check
 * accessibility.
 */
import { sendKeys } from '@web/test-runner-commands';
import { createPhone, type CallHandle, type Phone, type PhoneOptions } from '@cx/core';
import {
  createToneMicrophone,
  startSimulatedContactCenter,
  startSimulatedPlatform,
  type SimulatedContactCenter,
  type SimulatedCustomer,
  type SimulatedPlatformOptions,
  type StartedSimulatedPlatform,
} from '@cx/core/testing';

export const AGENT_HZ = 1130;
export const CUSTOMER_HZ = 470;
/** A tone at this level (dBFS) or above is heard; at SILENT or below it is not. */
export const HEARD = -55;
export const SILENT = -75;

// "ResizeObserver loop completed with undelivered notifications" is the
// browser saying that it moved a resize notification to the next frame (the
// virtual list of "Calls in pool" follows the Banner's height as regions come
// and go). The HTML standard reports it as an error event that no page code
// threw; the test runner would count it as a failure of whichever test runs.
window.addEventListener(
  'error',
  (event) => {
    if (event.message.startsWith('ResizeObserver loop')) event.stopImmediatePropagation();
  },
  true,
);

let center: Promise<SimulatedContactCenter> | undefined;
let nextCustomer = 2001;
const cleanup: Array<() => Promise<void> | void> = [];

/** The simulated contact center of the page, started once. */
export function contactCenter(): Promise<SimulatedContactCenter> {
  center ??= startSimulatedContactCenter();
  return center;
}

/** An agent phone (user 1001 unless said) registered on the simulated center, its mic a tone, DTMF sent as SIP INFO. */
export async function agentPhone(options: Partial<PhoneOptions> = {}, connect = true, user = '1001'): Promise<Phone> {
  const cc = await contactCenter();
  const microphone = createToneMicrophone(AGENT_HZ);
  const phone = createPhone({
    ...options,
    sip: { ...cc.sipOptions(user), dtmf: 'info', keepAliveInterval: 0, ...options.sip },
    media: { getStream: microphone.getStream },
  });
  cleanup.push(async () => {
    await phone.disconnect().catch(() => undefined);
    microphone.stop();
  });
  if (connect) await phone.connect();
  return phone;
}

export interface CustomerOptions {
  displayName?: string;
  /** The customer's number (the user part of their address); a new extension by default. */
  user?: string;
  /** Answer calls at once (default true); false leaves them ringing for the test to handle. */
  autoAnswer?: boolean;
}

/** A customer registered on the simulated center, whose voice is a tone. */
export async function customer(options: CustomerOptions = {}): Promise<SimulatedCustomer> {
  const cc = await contactCenter();
  const simulated = await cc.customer(options.user ?? String(nextCustomer++), {
    frequency: CUSTOMER_HZ,
    ...(options.displayName === undefined ? {} : { displayName: options.displayName }),
    ...(options.autoAnswer === undefined ? {} : { autoAnswer: options.autoAnswer }),
  });
  cleanup.push(() => simulated.dispose());
  return simulated;
}

/** The customer calls the agent with these INVITE headers; resolves with the agent's ringing call. */
export async function ring(
  phone: Phone,
  from: SimulatedCustomer,
  headers: Readonly<Record<string, string>> = {},
): Promise<CallHandle> {
  const incoming = new Promise<CallHandle>((resolve) => {
    const off = phone.on('call:incoming', (call) => {
      off();
      resolve(call);
    });
  });
  // The phone's own user (1001 unless the test chose another, e.g. to keep its saved contacts apart).
  await from.dial((await contactCenter()).address(/^sips?:([^@]+)@/.exec(phone.options.sip.aor)?.[1] ?? '1001'), headers);
  return incoming;
}

/** How loud `hz` is in what `who` hears (median dBFS), waiting up to `timeout` ms for it to be heard (or not). */
export async function hearing(who: SimulatedCustomer, hz: number, heard: boolean, timeout = 6000): Promise<number> {
  const end = performance.now() + timeout;
  let level = -Infinity;
  do {
    level = await who.hears(hz, 400);
    if (heard ? level >= HEARD : level <= SILENT) return level;
  } while (performance.now() < end);
  return level;
}

/** A call from a new customer that the agent has answered, both sides active. */
export async function answeredCall(
  phone: Phone,
  options: CustomerOptions = {},
  headers: Readonly<Record<string, string>> = {},
): Promise<{ call: CallHandle; from: SimulatedCustomer }> {
  const from = await customer(options);
  const call = await ring(phone, from, headers);
  await call.accept();
  await from.waitFor('active');
  return { call, from };
}

/**
 * The simulated platform of the page for this test (stopped by `disposeAll`).
 * A call it dispatches (or that an agent takes) is dialled by a customer
 * whose user is the caller's number.
 */
export async function simulatedPlatform(options: Omit<SimulatedPlatformOptions, 'dial'> = {}): Promise<StartedSimulatedPlatform> {
  const cc = await contactCenter();
  // As an ACD would: the interaction is handled once the agent answers, and over when the call ends.
  const platform: StartedSimulatedPlatform = await startSimulatedPlatform({
    ...options,
    dial: async ({ interactionId, caller, extension, headers }) => {
      const from = await customer({ user: caller.number, ...(caller.name === undefined ? {} : { displayName: caller.name }) });
      await from.dial(cc.address(extension), headers);
      void from.waitFor('active').then(
        () => platform.handling(interactionId, extension),
        () => undefined,
      );
      void from.waitFor('ended').then(
        () => platform.endInteraction(interactionId),
        () => undefined,
      );
    },
  });
  cleanup.push(() => platform.stop());
  return platform;
}

/** The `platform` option of an agent phone on `platform`, as `user`. */
export function platformOption(platform: StartedSimulatedPlatform, user = '1001'): PhoneOptions['platform'] {
  return { baseUrl: platform.baseUrl, token: platform.tokenFor(user) };
}

/** Ends every phone and customer made since the last call, and empties the page. */
export async function disposeAll(): Promise<void> {
  const tasks = cleanup.splice(0);
  await Promise.all(tasks.map(async (task) => task()));
  document.querySelector('main')?.replaceChildren();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it is true; fails with `what` after `timeout` ms. */
export async function until(check: () => boolean, what: string, timeout = 5000): Promise<void> {
  const end = performance.now() + timeout;
  while (!check()) {
    if (performance.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Resolves with the next event `type` that reaches `target`. */
export function nextEvent<K extends keyof HTMLElementEventMap>(
  target: HTMLElement,
  type: K,
  timeout = 5000,
): Promise<HTMLElementEventMap[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No ${type} within ${timeout} ms`)), timeout);
    target.addEventListener(
      type,
      (event) => {
        clearTimeout(timer);
        resolve(event);
      },
      { once: true },
    );
  });
}

/** Puts `element` in the page (inside a `<main>` landmark) and waits for its first render. */
export async function mount<T extends HTMLElement>(element: T): Promise<T> {
  let main = document.querySelector('main');
  if (!main) {
    main = document.createElement('main');
    document.body.append(main);
  }
  main.append(element);
  await settle(element);
  return element;
}

interface Updatable {
  updateComplete: Promise<boolean>;
}

function isUpdatable(node: Element): node is Element & Updatable {
  return 'updateComplete' in node;
}

/**
 * Waits until `root` and every element inside its shadow trees have
 * rendered, the lazily loaded ones among them: a shown `<cx-active-call>`
 * is in the tree before its chunk has loaded and defined it (up to 1 s; a
 * hidden one, such as the keypad before it is opened, loads on demand).
 */
export async function settle(root: Element): Promise<void> {
  const loading = new Set(
    allElements(root)
      .filter((el) => el.localName.startsWith('cx-') && !customElements.get(el.localName) && el.checkVisibility())
      .map((el) => el.localName),
  );
  await Promise.all([...loading].map((tag) => Promise.race([customElements.whenDefined(tag), new Promise((resolve) => setTimeout(resolve, 1000))])));
  for (let round = 0; round < 5; round += 1) {
    const pending = allElements(root).filter(isUpdatable);
    const clean = await Promise.all(pending.map((el) => el.updateComplete));
    if (clean.every(Boolean)) return;
  }
}

/** `root` and every element below it, through open shadow roots. */
export function allElements(root: Element | ShadowRoot): Element[] {
  const found: Element[] = [];
  const visit = (node: Element | ShadowRoot): void => {
    for (const child of Array.from(node.children)) {
      found.push(child);
      if (child.shadowRoot) visit(child.shadowRoot);
      visit(child);
    }
  };
  if (root instanceof Element) {
    found.push(root);
    if (root.shadowRoot) visit(root.shadowRoot);
  }
  visit(root);
  return found;
}

/** Every element matching `selector` under `root`, through shadow roots. */
export function queryAll<T extends Element = Element>(root: Element, selector: string): T[] {
  return allElements(root).filter((el): el is T => el.matches(selector));
}

/** The text a reader gets from `root`, through shadow roots (light DOM and shadow text together). */
export function deepText(root: Element): string {
  const parts: string[] = [];
  const visit = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    if (node instanceof Element && node.shadowRoot) visit(node.shadowRoot);
    for (const child of Array.from(node.childNodes)) visit(child);
  };
  visit(root);
  return parts.join(' ').replace(/\s+/g, ' ');
}

/** The text of `node` a screen reader reads: without what is `aria-hidden`. */
function spokenText(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (node instanceof Element && node.getAttribute('aria-hidden') === 'true') return '';
  return Array.from(node.childNodes, spokenText).join('');
}

/** The accessible name of a button as the elements give it: its aria-label, else its spoken text. */
export function nameOf(element: Element): string {
  return (element.getAttribute('aria-label') ?? spokenText(element)).replace(/\s+/g, ' ').trim();
}

/** The visible, enabled-or-not buttons under `root` named `name`. */
export function buttons(root: Element, name: string): HTMLButtonElement[] {
  return queryAll<HTMLButtonElement>(root, 'button').filter(
    (button) => nameOf(button) === name && button.getClientRects().length > 0,
  );
}

/** The one visible button named `name` under `root`; fails when there is none or more than one. */
export function button(root: Element, name: string): HTMLButtonElement {
  const found = buttons(root, name);
  if (found.length !== 1) throw new Error(`Expected one "${name}" button, found ${found.length}`);
  return found[0] as HTMLButtonElement;
}

/** The focused element, through shadow roots. */
export function deepActiveElement(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Presses Alt+Shift+`letter` as a person would (real key events). */
export async function pressShortcut(letter: string): Promise<void> {
  await sendKeys({ down: 'Alt' });
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: `Key${letter.toUpperCase()}` });
  await sendKeys({ up: 'Shift' });
  await sendKeys({ up: 'Alt' });
}

/** Presses Shift+Tab. */
export async function shiftTab(): Promise<void> {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ up: 'Shift' });
}
