// The budgets of DESIGN section 6, in one place. `npm run bench` fails when
// one is exceeded. Each can be overridden from the environment to check
// that the gate works, e.g. CX_BUDGET_ACCEPT_TO_AUDIO_MS=10 npm run bench.

/**
 * @typedef {object} Budget
 * @property {string} key environment override: CX_BUDGET_<key>
 * @property {string} what what is measured, in words
 * @property {number} limit the most allowed
 * @property {string} unit
 */

/** @type {Record<string, Budget>} */
const DEFAULTS = {
  sizeRatio: { key: 'SIZE_RATIO', what: 'cx-banner.js / sip.js alone, min+gzip', limit: 1.5, unit: 'x' },
  popupP95: { key: 'POPUP_P95_MS', what: 'INVITE received -> popup painted, p95', limit: 16, unit: 'ms' },
  acceptToAudio: { key: 'ACCEPT_TO_AUDIO_MS', what: 'accept -> first remote audio, median', limit: 150, unit: 'ms' },
  peerConnectionGrowth: { key: 'PEER_CONNECTION_GROWTH', what: 'live RTCPeerConnections after the call churn - before', limit: 0, unit: '' },
  audioContextGrowth: { key: 'AUDIO_CONTEXT_GROWTH', what: 'AudioContexts after the call churn - before', limit: 0, unit: '' },
  heapGrowth: { key: 'HEAP_GROWTH_MB', what: 'heap after GC, after the call churn - before', limit: 2, unit: 'MB' },
  poolUpdate: { key: 'POOL_UPDATE_MS', what: 'pool of 10,000 calls: one update rendered, median', limit: 16, unit: 'ms' },
  handOver: { key: 'HAND_OVER_MS', what: 'holding tab closed -> another tab registered, median', limit: 2000, unit: 'ms' },
};

/** The budgets in force (defaults, or CX_BUDGET_* overrides). */
export function budgets(env = process.env) {
  return Object.fromEntries(
    Object.entries(DEFAULTS).map(([name, budget]) => {
      const override = env[`CX_BUDGET_${budget.key}`];
      const limit = override === undefined || override === '' ? budget.limit : Number(override);
      if (!Number.isFinite(limit)) throw new Error(`CX_BUDGET_${budget.key} must be a number, not "${override}"`);
      return [name, { ...budget, limit }];
    }),
  );
}

/**
 * Compares measures with budgets.
 * @param {Record<string, number | undefined>} measured by budget name
 * @returns {Array<{ name: string, what: string, value: number | undefined, limit: number, unit: string, ok: boolean }>}
 */
export function judge(measured, env = process.env) {
  return Object.entries(budgets(env)).map(([name, budget]) => {
    const value = measured[name];
    const ok = typeof value === 'number' && Number.isFinite(value) && value <= budget.limit;
    return { name, what: budget.what, value, limit: budget.limit, unit: budget.unit, ok };
  });
}
