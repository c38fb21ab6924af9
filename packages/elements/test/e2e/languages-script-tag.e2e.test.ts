// End to end, the built script tag: a translation is a chunk of its own,
// downloaded only when its language is chosen (with lit-localize's runtime,
// which an English page never downloads), and the lazy panels (chunks
// too) speak it: they share cx-banner.js's localisation state through its
// runtime (scripts/build/lazy-chunks.mjs), they do not carry their own.
import { expect } from '@esm-bundle/chai';
import type { Phone } from '@cx/core';
import { env, loadScriptTag, type CX } from './support.js';

/** The script-tag files the page downloaded whose name ends with `suffix`. */
const downloaded = (suffix: string): string[] =>
  performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => path.endsWith(suffix));

/** The accessible name of "My status" (`<cx-agent-status>`, a lazy chunk) inside the banner, once it is there. */
async function myStatusName(banner: Element): Promise<string | null> {
  const end = performance.now() + 5000;
  for (;;) {
    const select = banner.shadowRoot?.querySelector('cx-agent-status')?.shadowRoot?.querySelector('select');
    if (select) return select.getAttribute('aria-label');
    if (performance.now() > end) throw new Error('cx-agent-status did not load');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('cx-banner.js in another language', () => {
  let CX: CX;
  let phone: Phone | undefined;

  before(async () => {
    CX = await loadScriptTag('/packages/elements/dist/cx-banner.js');
  });

  after(() => {
    phone?.destroy();
    document.querySelectorAll('cx-banner').forEach((banner) => banner.remove());
  });

  it('loads French only when chosen, and the lazy panels speak it', async () => {
    const banner = document.createElement('cx-banner') as HTMLElement & { phone: Phone | undefined };
    document.body.append(banner);
    phone = CX.createPhone({ sip: { server: env.wsUrl, aor: 'sip:1009@example.test', password: 'x' } });
    banner.phone = phone;
    expect(await myStatusName(banner)).to.equal('My status');
    expect(downloaded('cx-banner.fr.js'), 'no translation before one is chosen').to.deep.equal([]);
    expect(downloaded('cx-banner.locale-runtime.js'), 'in English, no localisation runtime either').to.deep.equal([]);

    await CX.setLocale('fr');
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(downloaded('cx-banner.fr.js')).to.have.length(1);
    expect(downloaded('cx-banner.de.js')).to.deep.equal([]);
    expect(downloaded('cx-banner.locale-runtime.js')).to.have.length(1);
    expect(await myStatusName(banner), 'a lazy chunk shares the locale').to.equal('Mon statut');
    expect(banner.shadowRoot?.querySelector('[part="new-call-button"]')?.textContent?.trim()).to.equal('Nouvel appel');

    await CX.setLocale('en');
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(await myStatusName(banner)).to.equal('My status');
  });
});
