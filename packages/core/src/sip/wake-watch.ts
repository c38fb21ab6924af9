/** How the page told us it had been asleep. */
export type WakeReason = 'resume' | 'visible' | 'drift';

/** Ticks of the drift check, ms. */
const TICK = 5000;
/** A gap this long between two ticks: the computer slept, or the page was frozen or throttled. */
const SLEPT = 20_000;

/**
 * Calls `onWake` when the page comes back from sleep: Page Lifecycle's
 * `resume` (a frozen page thawed), the page becoming visible again, or a
 * timer that fired far later than asked (the computer slept; a background
 * page was throttled). Returns the function that stops watching.
 */
export function watchWakes(onWake: (reason: WakeReason) => void, now: () => number = Date.now): () => void {
  let last = now();
  const timer = setInterval(() => {
    const at = now();
    if (at - last > SLEPT) onWake('drift');
    last = at;
  }, TICK);
  const doc = globalThis.document as Document | undefined;
  const resume = (): void => {
    last = now();
    onWake('resume');
  };
  const visible = (): void => {
    if (doc?.visibilityState === 'visible') onWake('visible');
  };
  doc?.addEventListener('resume', resume);
  doc?.addEventListener('visibilitychange', visible);
  return () => {
    clearInterval(timer);
    doc?.removeEventListener('resume', resume);
    doc?.removeEventListener('visibilitychange', visible);
  };
}
