/**
 * Test support: a caller name written to hurt, and the check that every
 * element shows it as harmless text.
 */
import { expect } from '@esm-bundle/chai';
import { queryAll, deepText } from './simulated-center.js';

const MARKUP = '<img src=x onerror=window.cxPwned=1>';
/** Markup, a right-to-left override and 10,000 characters in all. */
export const HOSTILE_NAME = `${MARKUP}\u202Egnp.exe ${'A'.repeat(10_000 - MARKUP.length - 9)}`;

declare global {
  interface Window {
    cxPwned?: number;
  }
}

/** Asserts `root` shows the hostile name as text: no element made of it, no script run, no bidi override left. */
export function expectHarmless(root: Element): void {
  expect(queryAll(root, 'img'), 'no <img> element was created').to.have.length(0);
  expect(window.cxPwned, 'no handler ran').to.equal(undefined);
  const text = deepText(root);
  expect(text).to.contain(MARKUP);
  expect(text).to.contain('gnp.exe');
  expect(text).not.to.contain('\u202E');
  // Bounded: the name is cut (with an ellipsis), not 10,000 characters of layout.
  expect(text.length).to.be.below(2_000);
  expect(text).to.contain('\u2026');
}
