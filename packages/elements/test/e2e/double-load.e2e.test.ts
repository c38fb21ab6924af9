// End to end, as a page that ends up with two copies of the script tag (a
// CRM and one of its plug-ins each add it): the built cx-banner.js loaded
// twice breaks neither copy. The elements are defined once, `window.CX` stays
// the first copy, every copy is listed under Symbol.for('cx-banner'), errors
// of one copy are CxErrors for the other, and both load their lazy panels.
import { expect } from '@esm-bundle/chai';
import type { Phone } from '@cx/core';
import { loadScriptTag, type CX } from './support.js';

const SCRIPT = '/packages/elements/dist/cx-banner.js';

/** What the page reports that it should not: uncaught errors and rejections. */
const pageErrors: string[] = [];
const onError = (event: ErrorEvent) => pageErrors.push(`${event.message} (${event.filename}:${event.lineno})`);
const onRejection = (event: PromiseRejectionEvent) => pageErrors.push(`unhandled rejection: ${String(event.reason)}`);

/** Every copy of CX Banner on the page, in load order. */
const copies = () => (window as unknown as Record<symbol, CX[] | undefined>)[Symbol.for('cx-banner')] ?? [];

describe('cx-banner.js loaded twice in one page', () => {
  let first: CX;
  let second: CX;
  const phones: Phone[] = [];

  before(async () => {
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    first = await loadScriptTag(SCRIPT);
    // Another URL, so that the browser runs the file again rather than reusing the first copy.
    const stillFirst = await loadScriptTag(`${SCRIPT}?copy=2`);
    expect(stillFirst).to.equal(first, 'window.CX after the second copy');
    second = copies()[1]!;
  });

  after(() => {
    for (const phone of phones) phone.destroy();
    document.querySelectorAll('cx-banner').forEach((banner) => banner.remove());
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  });

  it('both copies ran without an error; the first keeps window.CX, both are listed in load order', () => {
    expect(pageErrors).to.deep.equal([]);
    expect(copies()).to.have.length(2);
    expect(copies()[0]).to.equal(first);
    expect((window as unknown as { CX: CX }).CX).to.equal(first);
    expect(second).to.not.equal(first);
    expect(second.createPhone).to.be.a('function');
    expect(second.version).to.equal(first.version);
  });

  it('the elements are defined once, by the first copy', async () => {
    for (const tag of ['cx-banner', 'cx-small-banner', 'cx-call-popup']) {
      expect(customElements.get(tag), tag).to.be.a('function');
    }
    expect(customElements.get('cx-banner')).to.equal(first.CxBanner);
    expect(customElements.get('cx-banner')).to.not.equal(second.CxBanner);
    // The call panels are defined when their chunk loads (a banner loads it once its phone is registered), once for both copies.
    await first.loadCallPanels();
    await second.loadCallPanels();
    for (const tag of ['cx-active-call', 'cx-call-box']) expect(customElements.get(tag), tag).to.be.a('function');
    expect(pageErrors).to.deep.equal([]);
  });

  it("an error made by one copy is a CxError for the other (isCxError and instanceof), with its code", () => {
    const fromSecond = new second.CxError(second.CxErrorCode.InvalidState, 'Not now.');
    const fromFirst = new first.CxError(first.CxErrorCode.InvalidState, 'Not now.');
    expect(Object.getPrototypeOf(fromSecond)).to.not.equal(Object.getPrototypeOf(fromFirst), 'two classes');
    expect(first.isCxError(fromSecond)).to.equal(true);
    expect(first.isCxError(fromSecond, 'invalid-state')).to.equal(true);
    expect(first.isCxError(fromSecond, 'destroyed')).to.equal(false);
    expect(fromSecond instanceof first.CxError).to.equal(true);
    expect(second.isCxError(fromFirst, 'invalid-state')).to.equal(true);
    expect(fromFirst instanceof second.CxError).to.equal(true);
    expect(first.isCxError(new Error('plain'))).to.equal(false);
  });

  it('a phone of either copy still validates its options, with an error both copies recognise', () => {
    for (const [copy, other] of [[first, second], [second, first]] as const) {
      let thrown: unknown;
      try {
        copy.createPhone({ sip: { server: 'not a websocket url', aor: 'nobody' } } as never);
      } catch (error) {
        thrown = error;
      }
      expect(other.isCxError(thrown, 'invalid-options'), String(thrown)).to.equal(true);
      expect(copy.isCxError(thrown, 'invalid-options')).to.equal(true);
    }
  });

  it("a <cx-banner> renders a phone of the second copy, and both copies' lazy panels load", async () => {
    const phone = second.createPhone({ sip: { server: 'wss://pbx.invalid/ws', aor: 'sip:1001@pbx.invalid', password: 'x' } });
    phones.push(phone);
    const banner = document.createElement('cx-banner') as HTMLElement & { phone: Phone | undefined; updateComplete: Promise<boolean> };
    banner.phone = phone;
    document.body.append(banner);
    await banner.updateComplete;
    expect(banner).to.be.an.instanceOf(first.CxBanner);
    expect(banner.shadowRoot?.textContent?.trim()).to.not.equal('');

    await first.loadTransferPanels();
    await second.loadTransferPanels();
    await second.loadAgentStatus();
    expect(customElements.get('cx-transfer-picker')).to.be.a('function');
    expect(customElements.get('cx-agent-status')).to.be.a('function');
    expect(pageErrors).to.deep.equal([]);
  });
});
