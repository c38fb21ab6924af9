// `npm run bench`: the Voice module with 10,000 calls in the pool. One pool
// update (a call added, one taken, the others unchanged): the work from the
// store's change to the rows rendered and laid out, which must fit in a
// frame; and, apart, what the phone spends reading a 10,000-entry `pool`
// event (JSON and schema).
import type { Me, PhoneApi, PoolEntry } from '@cx/core';
import { parseEvent } from '@cx/core/platform';
import { ignoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { atom } from 'nanostores';
import '../src/index.js';
// The panel is a lazy chunk of its own: load it as the Banner would.
import { CxPoolPanel } from '../src/pool/pool-panel.js';
import { report, stats } from '../../core/bench/stats.js';

const quick = (globalThis as { cxBenchQuick?: boolean }).cxBenchQuick === true;
const SIZE = 10_000;
const RUNS = quick ? 15 : 60;
const WARM_UP = 5;

const queues = [
  { id: 'q-sales', name: 'Sales' },
  { id: 'q-support', name: 'Support' },
];

function entry(i: number): PoolEntry {
  return {
    interactionId: `i-${i}`,
    queue: queues[i % 2]!,
    caller: { number: `+3361234${String(i).padStart(4, '0')}`, ...(i % 3 === 0 ? { name: `Caller ${i}` } : {}) },
    waitingSince: new Date(Date.now() - (i % 600) * 1000).toISOString(),
    state: i % 7 === 0 ? 'offered' : 'waiting',
  };
}

const me: Me = {
  id: 'user-1001',
  name: 'Alice Martin',
  extension: '1001',
  role: 'agent',
  permissions: [],
  pauseReasons: ['Lunch'],
  profile: { ringTimeout: 20, autoAnswer: false, wrapUpSeconds: 30 },
  queues: queues.map((q) => ({ ...q, smallBanner: true, recording: 'allowed' as const })),
};

const frame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));

describe('bench', function () {
  this.timeout(10 * 60 * 1000);

  it('measures one update of a 10,000-call pool, rendered', async () => {
    // The virtualiser measures rows with a ResizeObserver; updates faster
    // than frames make the browser report a (harmless) observer loop.
    const stopIgnoring = ignoreWindowResizeObserverLoopErrors();
    const $pool = atom<readonly PoolEntry[]>(Array.from({ length: SIZE }, (_, i) => entry(i)));
    // The panel renders a phone's stores: these two are the ones it reads.
    const phone = { $pool, $me: atom<Me | undefined>(me) } as unknown as PhoneApi;
    const panel = new CxPoolPanel();
    panel.phone = phone;
    document.body.append(panel);
    await panel.updateComplete;
    await frame();
    await frame();
    // The row shows the number formatted (+33 6 12 34 ...): compare digits.
    const digits = (text: string): string => text.replace(/\D/g, '');
    const firstRowIs = (e: PoolEntry): boolean =>
      digits(panel.shadowRoot?.querySelector('[part~="row"] .caller')?.textContent ?? '').includes(digits(e.caller.number));
    const rowsShown = (): number => panel.shadowRoot?.querySelectorAll('[part~="row"]').length ?? 0;
    if (rowsShown() === 0) throw new Error('the pool panel shows no row');

    const rendered: number[] = [];
    let next = SIZE;
    for (let i = 0; i < WARM_UP + RUNS; i++) {
      const current = $pool.get();
      // One call arrives, the oldest offered one is taken: a new array, as each `pool` event gives.
      const updated = [...current.slice(1), entry(next++)];
      // From the store's change to the rows on screen showing it (the
      // virtualiser renders them in its own frame callback), laid out.
      const list = panel.shadowRoot!.querySelector('[part~="list"]')!;
      const shown = new Promise<number>((resolve) => {
        const observer = new MutationObserver(() => {
          if (!firstRowIs(updated[0]!)) return;
          observer.disconnect();
          panel.shadowRoot?.querySelector('[part~="row"]')?.getBoundingClientRect();
          resolve(performance.now());
        });
        observer.observe(list, { subtree: true, childList: true, characterData: true });
      });
      const started = performance.now();
      $pool.set(updated);
      const done = await shown;
      if (i >= WARM_UP) rendered.push(done - started);
      await frame();
      await frame();
    }
    report('pool-update-rendered-ms', { ...stats(rendered), rows: rowsShown(), size: SIZE });

    const text = JSON.stringify($pool.get());
    const parsed: number[] = [];
    for (let i = 0; i < Math.max(5, Math.floor(RUNS / 3)); i++) {
      const started = performance.now();
      const event = parseEvent('pool', text);
      parsed.push(performance.now() - started);
      if (event?.type !== 'pool' || event.data.length !== SIZE) throw new Error('the pool event did not parse');
    }
    report('pool-event-parsed-ms', { ...stats(parsed), size: SIZE, bytes: text.length });
    panel.remove();
    stopIgnoring();
  });
});
