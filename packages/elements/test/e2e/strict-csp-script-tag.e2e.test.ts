// End to end, as a CRM with a strict Content-Security-Policy and Trusted
// Types enforced embeds the Banner: the built cx-banner.js in a page served
// with that policy (scripts/csp/wtr-plugin.mjs), a <cx-banner> with a phone,
// and every lazy chunk of the script tag loaded (the panels, and features of
// the phone): not one `securitypolicyviolation`. Then the same page with the
// script loaded twice.
import { expect } from '@esm-bundle/chai';
import type { Phone } from '@cx/core';
import type { CX } from './support.js';

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  source: string;
}

interface CspWindow extends Window {
  CX?: CX;
  cspViolations: Violation[];
}

const PAGE = '/__cx/strict-csp-script-tag.html';

async function openPage(query = ''): Promise<CspWindow> {
  const frame = document.createElement('iframe');
  frame.title = 'A CRM page with a strict Content-Security-Policy and the script tag';
  frame.src = `${PAGE}${query}`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as CspWindow;
  if (!win.CX) throw new Error(`cx-banner.js did not run: ${JSON.stringify(win.cspViolations)}`);
  return win;
}

/** The script tag's chunks the page fetched, by name (`transfer-panels`, ...). */
function chunksLoaded(win: CspWindow): string[] {
  return win.performance
    .getEntriesByType('resource')
    .map((entry) => /\/cx-banner\.([\w-]+)\.js(?:$|\?)/.exec(entry.name)?.[1])
    .filter((name): name is string => name !== undefined && !name.startsWith('shared-'))
    .sort();
}

/** Lets the page settle (chunks evaluated, elements rendered, reports delivered). */
const settle = (win: Window) => new Promise((resolve) => win.setTimeout(resolve, 150));

/**
 * In the page: a banner with a phone, every lazy panel loaded and rendered,
 * and features of the phone loaded (the contact lookup, monitoring).
 */
async function loadEverything(win: CspWindow, phones: Phone[]): Promise<void> {
  const CX = win.CX!;
  const phone = CX.createPhone({
    sip: { server: 'wss://pbx.invalid/ws', aor: 'sip:1001@pbx.invalid', password: 'secret' },
    // A contact lookup loads the contacts feature at once.
    contacts: { lookup: async () => undefined },
  });
  phones.push(phone);
  const banner = win.document.createElement('cx-banner') as HTMLElement & { phone: Phone | undefined; updateComplete: Promise<boolean> };
  banner.phone = phone;
  win.document.querySelector('main')!.append(banner);
  await banner.updateComplete;
  expect(banner.shadowRoot?.textContent?.trim()).to.not.equal('');

  const panels = [
    CX.loadAgentStatus,
    CX.loadCallHistory,
    CX.loadMissedCalls,
    CX.loadMonitorPanel,
    CX.loadPoolPanel,
    CX.loadTransferPanels,
    CX.loadVoicemail,
    CX.loadWrapUp,
  ];
  await Promise.all(panels.map((load) => load()));
  // The monitoring feature loads, then refuses: this phone is not connected.
  const refused = await phone.monitor('interaction-1', { mode: 'silent', agent: '1002' }).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(CX.isCxError(refused), String(refused)).to.equal(true);
  // Each panel, rendered once in the page.
  for (const tag of ['cx-agent-status', 'cx-call-history', 'cx-missed-calls', 'cx-pool-panel', 'cx-voicemail', 'cx-transfer-picker']) {
    win.document.querySelector('main')!.append(win.document.createElement(tag));
  }
  await settle(win);

  expect(chunksLoaded(win)).to.include.members([
    'agent-status-control',
    'call-history',
    'contacts-feature',
    'missed-calls-panel',
    'monitor-panel',
    'monitoring-feature',
    'pool-panel',
    'transfer-panels',
    'voicemail-panel',
    'wrap-up-panel',
  ]);
  for (const tag of ['cx-agent-status', 'cx-call-history', 'cx-missed-calls', 'cx-monitor-panel', 'cx-pool-panel', 'cx-voicemail', 'cx-wrap-up', 'cx-transfer-picker']) {
    expect(win.customElements.get(tag), tag).to.be.a('function');
  }
}

describe('cx-banner.js under a strict Content-Security-Policy with Trusted Types', () => {
  const phones: Phone[] = [];
  afterEach(() => {
    for (const phone of phones.splice(0)) phone.destroy();
    document.querySelectorAll('iframe').forEach((frame) => frame.remove());
  });

  it('the policy is in force: a script URL assigned without a Trusted Types policy is refused and reported', async () => {
    const win = await openPage();
    const script = win.document.createElement('script');
    expect(() => {
      script.src = '/packages/elements/dist/cx-banner.js';
    }).to.throw(/TrustedScriptURL/);
    await settle(win);
    expect(win.cspViolations.map((v) => v.directive)).to.deep.equal(['require-trusted-types-for']);
  });

  for (const [policy, query] of [
    ["scripts allowed by origin ('self')", ''],
    ['scripts allowed by a nonce only', '?nonce=1'],
  ] as const) {
    it(`${policy}: a banner with a phone renders, and every lazy panel and feature loads: zero violations`, async () => {
      const served = (await fetch(`${PAGE}${query}`)).headers.get('content-security-policy') ?? '';
      expect(served).to.match(query ? /script-src 'nonce-[^' ]+';/ : /script-src 'self';/);
      expect(served).to.contain("require-trusted-types-for 'script'; trusted-types lit-html");
      const win = await openPage(query);
      await loadEverything(win, phones);
      expect(win.cspViolations).to.deep.equal([]);
    });
  }

  it("loaded twice, with the policy allowing Lit's policy twice ('allow-duplicates'): both copies run, zero violations", async () => {
    const win = await openPage('?copies=2');
    const copies = (win as unknown as Record<symbol, CX[] | undefined>)[Symbol.for('cx-banner')] ?? [];
    expect(copies).to.have.length(2);
    expect(win.CX).to.equal(copies[0]);
    await copies[1]!.loadTransferPanels();
    await settle(win);
    expect(win.cspViolations).to.deep.equal([]);
  });

  it("loaded twice without 'allow-duplicates': the second copy cannot create Lit's policy, and the first keeps working", async () => {
    const win = await openPage('?copies=2&duplicates=no');
    await settle(win);
    const copies = (win as unknown as Record<symbol, CX[] | undefined>)[Symbol.for('cx-banner')] ?? [];
    expect(copies, 'only the first copy ran').to.have.length(1);
    expect(win.cspViolations.map((v) => v.directive)).to.deep.equal(['trusted-types']);
    await win.CX!.loadTransferPanels();
    expect(win.customElements.get('cx-transfer-picker')).to.be.a('function');
  });
});
