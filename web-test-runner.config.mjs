// Component and end-to-end tiers: real headless Chromium.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import { sipGrammarOnceServed } from './packages/core/build/sip-grammar-once.mjs';
import { strictCspPage } from './scripts/csp/wtr-plugin.mjs';
import { sipServer } from './scripts/sip-server/wtr-plugin.mjs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags measured to give working WebRTC on a loopback-only machine. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
  '--allow-loopback-in-peer-connection',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--js-flags=--expose-gc',
  '--enable-precise-memory-info',
];

/** The group named on the command line (`--group e2e` or `--group=e2e`), if any. */
function selectedGroup(argv = process.argv) {
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--group') return argv[i + 1];
    if (argv[i]?.startsWith('--group=')) return argv[i].slice('--group='.length);
  }
  return undefined;
}

const group = selectedGroup();

/** `CX_ONLY=path/to/file.test.ts` runs only that file of the selected group (for working on one test). */
const only = process.env.CX_ONLY;
const files = (patterns) => (only ? [only] : patterns);

/**
 * Kamailio on loopback for the e2e group: started with the runner when the
 * e2e group is selected (or CX_E2E=1), otherwise on the first request of
 * /__cx/sip-env.js or the first sip-server:* command.
 */
const sip = sipServer({ eager: process.env.CX_E2E === '1' || group === 'e2e' });

/**
 * Writes the totals of the run as JSON (to $CX_WTR_RESULTS, default
 * .cache/wtr-results/<group>.json) for scripts/test.mjs to add up. A test
 * file that failed without a failing test (load error, failing hook)
 * counts as one failure.
 */
function resultsReporter() {
  const file = resolve(process.env.CX_WTR_RESULTS ?? `.cache/wtr-results/${group ?? 'all'}.json`);
  const count = (suite, totals) => {
    if (!suite) return totals;
    for (const test of suite.tests) {
      if (test.skipped) totals.skipped += 1;
      else if (test.passed) totals.passed += 1;
      else totals.failed += 1;
    }
    for (const child of suite.suites) count(child, totals);
    return totals;
  };
  return {
    stop({ sessions }) {
      const results = { group: group ?? null, files: 0, passed: 0, failed: 0, skipped: 0, failedFiles: [] };
      for (const session of sessions) {
        const totals = count(session.testResults, { passed: 0, failed: 0, skipped: 0 });
        if (!session.passed && totals.failed === 0) totals.failed = 1;
        results.files += 1;
        results.passed += totals.passed;
        results.failed += totals.failed;
        results.skipped += totals.skipped;
        if (!session.passed) results.failedFiles.push(session.testFile);
      }
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    },
  };
}

export default {
  // cx-source: our packages' TypeScript sources; development: lit's development build (its warnings),
  // except in the bench, which measures what a page runs (lit's production build).
  nodeResolve: { exportConditions: ['browser', 'cx-source', ...(group === 'bench' ? [] : ['development'])] },
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.base.json' }),
    // sip.js's grammar decoded once, as in the script tag (@cx/core/sip-grammar-once).
    sipGrammarOnceServed(),
    sip.plugin,
    strictCspPage(),
    a11ySnapshotPlugin(),
  ],
  reporters: [defaultReporter(), resultsReporter(), sip.reporter],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: chromium, headless: true, args: chromiumArgs },
    }),
  ],
  concurrency: 1,
  // The bench places 1,000 calls in one page; test files finish far sooner.
  testsFinishTimeout: group === 'bench' ? 20 * 60 * 1000 : 180_000,
  // `CX_GREP=text` runs only the tests whose full title contains it.
  testFramework: { config: { timeout: 15000, ...(process.env.CX_GREP ? { grep: process.env.CX_GREP } : {}) } },
  testRunnerHtml: (testFramework) => `<!doctype html><html><body>
    <script>globalThis.process = { env: { NODE_ENV: 'development' } };</script>
    <script type="module" src="${testFramework}"></script>
  </body></html>`,
  groups: [
    { name: 'component', files: files(['packages/*/src/**/*.test.ts', '!packages/*/src/**/*.unit.test.ts']) },
    { name: 'e2e', files: files(['packages/*/test/e2e/**/*.e2e.test.ts']), testFramework: { config: { timeout: 60000, ...(process.env.CX_GREP ? { grep: process.env.CX_GREP } : {}) } } },
    // Not a test tier: `npm run bench` runs it (see scripts/bench/index.mjs).
    {
      name: 'bench',
      files: files(['packages/*/bench/**/*.bench.ts']),
      // Frames as fast as they can be made, not paced by a display: the
      // popup figure is then our own work, without the wait for the next
      // refresh of a 60 Hz screen (up to 16.7 ms, at random).
      browsers: [
        chromeLauncher({
          launchOptions: {
            executablePath: chromium,
            headless: true,
            args: [...chromiumArgs, '--disable-frame-rate-limit', '--disable-gpu-vsync'],
          },
        }),
      ],
      testRunnerHtml: (testFramework) => `<!doctype html><html><body>
        <script>globalThis.process = { env: { NODE_ENV: 'production' } };
        globalThis.cxBenchQuick = ${process.env.CX_BENCH_QUICK ? 'true' : 'false'};</script>
        <script type="module" src="${testFramework}"></script>
      </body></html>`,
    },
  ],
};
