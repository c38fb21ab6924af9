/**
 * Test support: runs axe-core (loaded as a classic script, it defines
 * `window.axe`) on an element and its shadow trees.
 */
import 'axe-core';
import type * as Axe from 'axe-core';

declare global {
  interface Window {
    axe: typeof Axe;
  }
}

/** The accessibility violations axe finds in `element` (shadow content included), as readable lines. */
export async function axeViolations(element: Element): Promise<string[]> {
  // Colours are judged as painted: a panel still fading in (its arrival animation) would be
  // judged half transparent. Wait for the animations that end (a pulsing one never does).
  const ending = document.getAnimations().filter((animation) => Number.isFinite(Number(animation.effect?.getComputedTiming().endTime)));
  await Promise.all(ending.map((animation) => animation.finished.catch(() => undefined)));
  const results = await window.axe.run(element, { resultTypes: ['violations'] });
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id}: ${violation.help} at ${JSON.stringify(node.target)} (${node.failureSummary ?? ''})`),
  );
}
