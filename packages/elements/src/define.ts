import { CxBanner } from './banner/banner.js';
import { CxCallPopup } from './call-popup/call-popup.js';
import { CxCallTimer } from './call-timer/call-timer.js';
import { CxRingCountdown } from './ring-countdown/ring-countdown.js';
import { CxSmallBanner } from './small-banner/small-banner.js';

/**
 * Every element of CX Banner defined at once, by tag (the panels of lazy-panels.ts are defined when they load).
 */
export const cxElements = {
  'cx-banner': CxBanner,
  'cx-small-banner': CxSmallBanner,
  'cx-call-popup': CxCallPopup,
  'cx-call-timer': CxCallTimer,
  'cx-ring-countdown': CxRingCountdown,
} as const;

/**
 * Registers every element in `registry` (the page's by default), skipping
 * tags that are already defined, so loading the script twice is harmless.
 * Does nothing where there is no custom element registry (server rendering).
 */
export function defineElements(registry: CustomElementRegistry | undefined = globalThis.customElements): void {
  if (!registry) return;
  for (const [tag, element] of Object.entries(cxElements)) {
    if (!registry.get(tag)) registry.define(tag, element);
  }
}
