// `npm run bench`: the budgets of DESIGN section 6, measured. Machines are
// shared and noisy: read medians and ratios, not single runs.
//   npm run bench            full run (1,000 calls; several minutes)
//   npm run bench -- --quick a short run
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const quick = process.argv.includes('--quick');
const run = (cmd, args, env = {}) => spawnSync(cmd, args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });

if (!existsSync(join(root, 'packages/elements/dist/cx-banner.js')) || process.argv.includes('--build')) {
  const build = run('npm', ['run', 'build', '--silent']);
  if (build.status !== 0) {
    process.stderr.write(build.stdout + build.stderr);
    process.exit(1);
  }
}

console.log('== bundle size');
const size = run(process.execPath, [join(root, 'scripts/bench/size.mjs')]);
process.stdout.write(size.stdout + size.stderr);

console.log('\n== calls (simulated contact center, real WebRTC on loopback)');
const wtr = run(join(root, 'node_modules/.bin/wtr'), ['--group', 'bench'], { CX_BENCH_QUICK: quick ? '1' : '' });
const lines = (wtr.stdout + wtr.stderr).split('\n').filter((l) => l.includes('BENCH '));
if (lines.length === 0) {
  process.stdout.write(wtr.stdout + wtr.stderr);
  process.exit(1);
}
const results = Object.fromEntries(
  lines.map((l) => JSON.parse(l.slice(l.indexOf('BENCH ') + 6))).map((r) => [r.name, r]),
);
const popup = results['invite-to-call-incoming-ms'];
const setup = results['accept-to-first-remote-audio-ms'];
const churn = results['churn'];
console.log(`INVITE on the socket -> call:incoming   median ${popup.median} ms, p95 ${popup.p95} ms (n=${popup.n}; budget p95 16 ms)`);
console.log(`accept -> first remote audio           median ${setup.median} ms, p95 ${setup.p95} ms (n=${setup.n}; budget 150 ms)`);
console.log(
  `${churn.offers} offers (${churn.answered} answered): peer connections ${churn.peerConnectionsBefore} -> ${churn.peerConnectionsAfter}, ` +
    `AudioContexts ${churn.audioContextsBefore} -> ${churn.audioContextsAfter}, heap ${churn.heapBeforeMB} -> ${churn.heapAfterMB} MB ` +
    `(growth ${churn.heapGrowthMB} MB; budget 2 MB), calls kept ${churn.callsKept}, per call median ${churn.perCallMs.median} ms`,
);
process.exit(wtr.status ?? 1);
