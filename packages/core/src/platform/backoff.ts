/**
 * Exponential backoff with jitter: the wait before attempt `attempt + 1`
 * (attempt 0 is the first retry). The delay doubles from `min` up to `max`,
 * then a random part of up to half of it is taken off, so that many clients
 * dropped at once do not come back at once.
 *
 * @example backoff(0, 500, 30_000) // 250..500 ms; backoff(10, 500, 30_000) // 15..30 s
 */
export function backoff(attempt: number, min: number, max: number, random: () => number = Math.random): number {
  const ceiling = Math.min(max, min * 2 ** Math.max(0, attempt));
  return Math.round(ceiling * (1 - random() / 2));
}

/** Waits `ms`; resolves early (without error) when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
