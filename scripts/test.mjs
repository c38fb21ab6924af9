// `npm test`: prerequisites, type check, then the three tiers (unit,
// component, end to end) and packaging (the build, and what npm would
// publish: scripts/packaging). Every tier runs even if an earlier one failed;
// the last line printed is the total: "N passed, N failed".
//
// The build and the packaging tier need no browser: they run in the
// background while the unit tiers run, their output held until they end.
//
//   npm test                      everything
//   npm test -- --group e2e       only the named tiers (unit, component, e2e, packaging)
//   npm test -- --group component --files packages/elements/src/x.test.ts
//                                 other arguments go to web-test-runner
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkPrereqs } from './prereqs.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const TIERS = ['unit', 'component', 'e2e', 'packaging'];

function parseArgs(argv) {
  const tiers = new Set();
  const passThrough = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    let value;
    if (arg === '--group' || arg === '--tier') value = argv[(i += 1)];
    else if (arg.startsWith('--group=') || arg.startsWith('--tier=')) value = arg.slice(arg.indexOf('=') + 1);
    else {
      passThrough.push(arg);
      continue;
    }
    if (!TIERS.includes(value)) {
      console.error(`test: unknown tier "${value}" (known: ${TIERS.join(', ')})`);
      process.exit(2);
    }
    tiers.add(value);
  }
  return { tiers: tiers.size > 0 ? tiers : new Set(TIERS), passThrough };
}

/** Files under `dir` (relative to the root, with / separators), skipping build output. */
function listFiles(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name === 'lib' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) listFiles(path, out);
    else out.push(relative(root, path).split(sep).join('/'));
  }
  return out;
}

/** A glob as web-test-runner writes them (`*`, `**`, `?`, leading `!`) to a RegExp. */
function globToRegExp(glob) {
  let source = '';
  for (let i = 0; i < glob.length; i += 1) {
    const char = glob[i];
    if (char === '*' && glob[i + 1] === '*') {
      i += 1;
      if (glob[i + 1] === '/') {
        i += 1;
        source += '(?:.*/)?';
      } else source += '.*';
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

function matchGroup(files, patterns) {
  const include = patterns.filter((p) => !p.startsWith('!')).map(globToRegExp);
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => globToRegExp(p.slice(1)));
  return files.filter((f) => include.some((r) => r.test(f)) && !exclude.some((r) => r.test(f)));
}

/**
 * Runs a command; with `capture`, tees its output and returns it as well;
 * with `quiet` too, only returns it.
 * @returns {Promise<{ code: number, output: string }>}
 */
function run(command, args, { env = {}, capture = false, quiet = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: capture ? ['inherit', 'pipe', 'pipe'] : 'inherit',
    });
    let output = '';
    if (capture) {
      child.stdout.on('data', (chunk) => {
        output += chunk;
        if (!quiet) process.stdout.write(chunk);
      });
      child.stderr.on('data', (chunk) => {
        output += chunk;
        if (!quiet) process.stderr.write(chunk);
      });
    }
    child.once('error', (error) => {
      console.error(`test: cannot run ${command}: ${error.message}`);
      resolve({ code: 127, output });
    });
    child.once('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

/** Totals from node:test's TAP summary ("# pass N", "# fail N", "# cancelled N"). */
function nodeTestTotals(output) {
  const sum = (label) =>
    [...output.matchAll(new RegExp(`^# ${label} (\\d+)$`, 'gm'))].reduce((n, m) => n + Number(m[1]), 0);
  return { passed: sum('pass'), failed: sum('fail') + sum('cancelled') };
}

/** @type {Array<{ name: string, passed: number, failed: number, note: string, ms: number }>} */
const results = [];

async function tier(name, body) {
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  let outcome;
  try {
    outcome = await body();
  } catch (error) {
    console.error(`test: ${name} could not run: ${error instanceof Error ? error.stack : error}`);
    outcome = { passed: 0, failed: 1, note: 'crashed' };
  }
  results.push({ name, ...outcome, ms: Date.now() - started });
}

/** A tier that exits non-zero without a failing test still counts as one failure. */
function settle({ code, passed, failed }, note = '') {
  if (code !== 0 && failed === 0) return { passed, failed: 1, note: note || `exit code ${code}` };
  return { passed, failed, note };
}

async function nodeTests(args, env) {
  const { code, output } = await run(process.execPath, args, { capture: true, env });
  return settle({ code, ...nodeTestTotals(output) });
}

/**
 * Starts a tier in the background (once `after` has settled) with its output
 * held (`body` gets a `run` that captures quietly); `flush()` waits for it,
 * prints its output and records its result, in the order tiers are flushed.
 */
function backgroundTier(name, body, after = Promise.resolve()) {
  let started = Date.now();
  let output = '';
  const quietRun = async (command, args, options = {}) => {
    const result = await run(command, args, { ...options, capture: true, quiet: true });
    output += result.output;
    return result;
  };
  const outcome = after
    .then(() => {
      started = Date.now();
      return body(quietRun);
    })
    .then(
      (result) => ({ ...result, ms: Date.now() - started }),
      (error) => {
        output += `test: ${name} could not run: ${error instanceof Error ? error.stack : error}\n`;
        return { passed: 0, failed: 1, note: 'crashed', ms: Date.now() - started };
      },
    );
  return {
    outcome,
    async flush() {
      const result = await outcome;
      console.log(`\n=== ${name} ===`);
      if (output) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
      results.push({ name, ...result });
      return result;
    },
  };
}

async function wtrGroup(group, files, passThrough, env = {}) {
  if (files.length === 0) {
    console.log(`no test files in group ${group} yet: 0 tests`);
    return { passed: 0, failed: 0, note: 'no test files' };
  }
  const resultsFile = join(root, '.cache', 'wtr-results', `${group}.json`);
  rmSync(resultsFile, { force: true });
  const { code } = await run(bin('wtr'), ['--group', group, ...passThrough], {
    env: { ...env, CX_WTR_RESULTS: resultsFile },
  });
  if (!existsSync(resultsFile)) return settle({ code: code || 1, passed: 0, failed: 0 }, 'no results written');
  const totals = JSON.parse(readFileSync(resultsFile, 'utf8'));
  return settle({ code, passed: totals.passed, failed: totals.failed });
}

const { tiers, passThrough } = parseArgs(process.argv.slice(2));

const prereqs = checkPrereqs();
if (!prereqs.ok) process.exit(1);

const config = (await import(pathToFileURL(join(root, 'web-test-runner.config.mjs')).href)).default;
const groupFiles = (name) => {
  const group = (config.groups ?? []).find((g) => g.name === name);
  return group ? matchGroup(listFiles(join(root, 'packages')), group.files) : [];
};

await tier('type check (tsc -b, then the tests)', async () => {
  const { code } = await run(bin('tsc'), ['-b']);
  const { code: testsCode } = code === 0 ? await run(bin('tsc'), ['-p', 'tsconfig.tests.json']) : { code: 1 };
  return code === 0 && testsCode === 0
    ? { passed: 0, failed: 0, note: 'no type errors' }
    : { passed: 0, failed: 1, note: 'type errors' };
});

// The script-tag tests and the packaging tier need the build (`rollup -c`,
// which also writes packages/elements/custom-elements.json).
const build =
  tiers.has('e2e') || tiers.has('packaging')
    ? backgroundTier('build (rollup: ESM packages, cx-banner.js, custom-elements.json)', async (quietRun) => {
        const { code } = await quietRun(bin('rollup'), ['-c', '--silent']);
        return code === 0 ? { passed: 0, failed: 0, note: 'built' } : { passed: 0, failed: 1, note: 'build failed' };
      })
    : undefined;

// What npm would publish: publint, Are the Types Wrong?, the custom elements
// manifest complete, and the tarballs installed offline into an empty project;
// and how React, Vue and Angular compile code that uses the elements.
const packaging = tiers.has('packaging')
  ? backgroundTier(
      'packaging (publint, attw, custom-elements.json, npm pack + install, frameworks)',
      async (quietRun) => {
        const built = await build.outcome;
        if (built.failed > 0) return { passed: 0, failed: 1, note: 'not built' };
        const { code, output } = await quietRun(process.execPath, [
          '--test',
          join(root, 'scripts', 'packaging', 'custom-elements-manifest.test.mjs'),
          join(root, 'scripts', 'packaging', 'packaging.test.mjs'),
          // React, Vue and Angular: @cx/elements/react, the React example and the guide's snippets, compiled.
          join(root, 'scripts', 'frameworks', 'frameworks.test.mjs'),
        ]);
        return settle({ code, ...nodeTestTotals(output) });
      },
      build.outcome,
    )
  : undefined;

if (tiers.has('unit')) {
  await tier('unit', async () => {
    const files = listFiles(join(root, 'packages')).filter((f) => f.endsWith('.unit.test.ts'));
    if (files.length === 0) {
      console.log('no *.unit.test.ts files yet: 0 tests');
      return { passed: 0, failed: 0, note: 'no test files' };
    }
    return nodeTests([join(root, 'scripts', 'unit.mjs')]);
  });
}

if (tiers.has('unit')) {
  // The platform contract: the OpenAPI document lints clean, the types
  // generated from it are up to date, and the contract check passes on a
  // conforming platform (the simulated one among them) and catches broken ones.
  await tier('platform contract (lint, generated types, contract check)', async () => {
    const lint = await run(bin('redocly'), ['lint', 'docs/platform-api.yaml', '--format=stylish'], {
      env: { REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    const types = await run(process.execPath, [join(root, 'scripts', 'platform', 'generate-types.mjs'), '--check']);
    const checks = await nodeTests([
      '--test',
      join(root, 'scripts', 'platform', 'check-platform.test.mjs'),
      join(root, 'scripts', 'platform', 'check-simulated-platform.test.mjs'),
    ]);
    const own = [lint.code, types.code].filter((code) => code !== 0).length;
    return { passed: checks.passed + 2 - own, failed: checks.failed + own, note: checks.note };
  });
}

// Done before the browsers start: they would compete for the same cores.
await build?.flush();
await packaging?.flush();

if (tiers.has('component')) {
  await tier('component', () => wtrGroup('component', groupFiles('component'), passThrough));
}

if (tiers.has('e2e')) {
  // The script-tag test loads the real build (made above), as a CRM page would.
  await tier('e2e: the demo page (npm start), driven in Chromium', () =>
    nodeTests(['--test', join(root, 'scripts', 'demo', 'demo.test.mjs')]),
  );
  await tier('e2e: SIP test bed', () =>
    nodeTests(['--test', join(root, 'scripts', 'sip-server', 'kamailio.test.mjs')]),
  );
  await tier('e2e', () => wtrGroup('e2e', groupFiles('e2e'), passThrough, { CX_E2E: '1' }));
}

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log('\n=== summary ===');
const width = Math.max(...results.map((r) => r.name.length));
for (const r of results) {
  const counts = `${r.passed} passed, ${r.failed} failed`;
  const status = r.failed > 0 ? 'FAIL' : 'ok  ';
  console.log(`${status} ${r.name.padEnd(width)}  ${counts}${r.note ? ` (${r.note})` : ''}  ${(r.ms / 1000).toFixed(1)}s`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
