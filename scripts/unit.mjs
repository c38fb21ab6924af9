// Unit tier: pure logic, no browser. Bundles every *.unit.test.ts with
// esbuild and runs the result with Node's own test runner.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outdir = join(root, '.cache/unit');

function find(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) find(path, out);
    else if (name.endsWith('.unit.test.ts')) out.push(path);
  }
  return out;
}

const only = process.argv.slice(2);
const entries = find(join(root, 'packages')).filter(
  (f) => only.length === 0 || only.some((o) => f.includes(o)),
);
if (entries.length === 0) {
  console.error('unit: no *.unit.test.ts files found');
  process.exit(1);
}
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: entries.map((f) => ({ in: f, out: relative(join(root, 'packages'), f).replace(/\.ts$/, '') })),
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'inline',
  packages: 'external',
  outExtension: { '.js': '.mjs' },
  logLevel: 'warning',
});
const files = entries.map((f) =>
  join(outdir, relative(join(root, 'packages'), f).replace(/\.ts$/, '.mjs')),
);
const result = spawnSync(process.execPath, ['--enable-source-maps', '--test', ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
