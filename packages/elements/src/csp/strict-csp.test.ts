// Component tier: the banner and the phone in a page served with a strict
// Content-Security-Policy (a response header of the test server; see
// scripts/csp/wtr-plugin.mjs): through a ringing, an active, a held and an
// ended call, and Recent calls, not one `securitypolicyviolation`.
import { expect } from '@esm-bundle/chai';
import type { CspPageReport } from '../testing/csp-page.js';

interface CspWindow extends Window {
  cspViolations: Array<{ directive: string; blocked: string; sample: string; source: string }>;
  cspPage?: { run(): Promise<CspPageReport>; violateOnPurpose(): void };
}

async function openPage(): Promise<CspWindow> {
  const frame = document.createElement('iframe');
  frame.title = 'A CRM page with a strict Content-Security-Policy';
  frame.src = '/__cx/strict-csp.html';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as CspWindow;
  const end = performance.now() + 10_000;
  while (!win.cspPage) {
    if (performance.now() > end) throw new Error(`the page script did not load: ${JSON.stringify(win.cspViolations)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return win;
}

describe('under a strict Content-Security-Policy', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

  it('the policy is in force: an inline style attribute is reported', async () => {
    const win = await openPage();
    win.cspPage?.violateOnPurpose();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(win.cspViolations.map((v) => v.directive)).to.deep.equal(['style-src-attr']);
  });

  it('a call rings (countdown bar running), is answered, muted, held, hung up and shown from Recent calls: zero violations', async () => {
    const win = await openPage();
    const report = await win.cspPage!.run();
    expect(report.seen).to.deep.equal(['ringing', 'active', 'held', 'ended', 'history']);
    expect(report.countdownAnimated, 'the countdown bar animates').to.equal(true);
    expect(win.cspViolations).to.deep.equal([]);
  });
});
