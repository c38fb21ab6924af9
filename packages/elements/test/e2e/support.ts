// Helpers of the end-to-end tests that drive the built script tag as a CRM
// page would: the SIP environment, the script itself, and buttons found by
// their accessible names (in the DOM and in Chrome's accessibility tree).
import { expect } from '@esm-bundle/chai';
import { a11ySnapshot, findAccessibilityNode } from '@web/test-runner-commands';

export interface SipEnv {
  wsUrl: string;
  domain: string;
  users: Array<{ user: string; password: string; aor: string }>;
}
export type CX = typeof import('@cx/core') & typeof import('@cx/elements');

const envUrl = '/__cx/sip-env.js';
export const env = (await import(/* @vite-ignore */ envUrl)).default as SipEnv;
export const account = (user: string) => env.users.find((u) => u.user === user)!;

export const AGENT_HZ = 1130;
export const CUSTOMER_HZ = 470;
export const HEARD = -55;
export const SILENT = -75;

export function loadScriptTag(src: string): Promise<CX> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve((window as unknown as { CX: CX }).CX);
    script.onerror = () => reject(new Error(`${src} did not load: run \`npm run build\` first`));
    document.head.append(script);
  });
}

/** Every element of the page, shadow roots included. */
export function* deep(root: Document | ShadowRoot | Element): Generator<Element> {
  for (const el of Array.from(root.querySelectorAll('*'))) {
    yield el;
    if (el.shadowRoot) yield* deep(el.shadowRoot);
  }
}

/** A button's accessible name as the DOM gives it (aria-label, else its visible text). */
export function nameOf(el: Element): string {
  const label = el.getAttribute('aria-label');
  if (label) return label.trim();
  const clone = el.cloneNode(true) as Element;
  for (const hidden of Array.from(clone.querySelectorAll('[aria-hidden="true"]'))) hidden.remove();
  return (clone.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function isShown(el: Element): boolean {
  return (el as HTMLElement).offsetParent !== null || (el as HTMLElement).getClientRects().length > 0;
}

/** The visible button named `name`, waiting for it to appear. */
export async function button(name: string, timeout = 8000): Promise<HTMLButtonElement> {
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
export async function inAccessibilityTree(name: string): Promise<boolean> {
  const snapshot = await a11ySnapshot({});
  return Boolean(findAccessibilityNode(snapshot as never, (node: { role?: string; name?: string }) => node.role === 'button' && node.name === name));
}

export async function click(name: string): Promise<void> {
  const target = await button(name);
  expect(await inAccessibilityTree(name)).to.equal(true, `"${name}" in the accessibility tree`);
  target.click();
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export async function until(check: () => boolean, what: string, timeout = 8000): Promise<void> {
  const end = performance.now() + timeout;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Waits until `hz` is (not) heard by `measure`, returning the last level. */
export async function settle(measure: () => Promise<number>, heard: boolean, timeout = 6000): Promise<number> {
  const end = performance.now() + timeout;
  let level = -Infinity;
  do {
    level = await measure();
    if (heard ? level >= HEARD : level <= SILENT) return level;
  } while (performance.now() < end);
  return level;
}


/** A control's label text (its `<label>`s, else `aria-label`), without what is hidden from assistive technology. */
function labelOf(el: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement): string {
  const label = el.getAttribute('aria-label');
  if (label) return label.trim();
  return Array.from(el.labels ?? [])
    .map((l) => nameOf(l))
    .join(' ')
    .replace(/\s*\*\s*$/, '')
    .trim();
}

/** The visible form control labelled `name` (a field of a form), waiting for it to appear. */
export async function field<T extends HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(name: string, timeout = 8000): Promise<T> {
  const end = performance.now() + timeout;
  for (;;) {
    const found = [...deep(document)].find(
      (el) => (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) && isShown(el) && labelOf(el) === name,
    );
    if (found) return found as T;
    if (performance.now() > end) throw new Error(`no field labelled "${name}"`);
    await sleep(25);
  }
}

/** The region named `name` is shown (a section with that aria-label, or labelled by a heading that starts with it). */
export async function region(name: string, timeout = 8000): Promise<Element> {
  const end = performance.now() + timeout;
  for (;;) {
    const found = [...deep(document)].find((el) => {
      if (!isShown(el)) return false;
      if (el.getAttribute('aria-label') === name && (el.tagName === 'SECTION' || el.getAttribute('role') === 'region')) return true;
      const by = el.getAttribute('aria-labelledby');
      const root = el.getRootNode() as Document | ShadowRoot;
      return el.tagName === 'SECTION' && by !== null && (root.getElementById(by)?.textContent ?? '').trim().startsWith(name);
    });
    if (found) return found;
    if (performance.now() > end) throw new Error(`no region "${name}"`);
    await sleep(25);
  }
}
