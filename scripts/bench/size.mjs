// Bundle size budget: cx-banner.js against sip.js alone, built the same way
// (rollup + node-resolve + terser, IIFE), both min and min+gzip.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rollup } from 'rollup';
import { gzipSync } from 'node:zlib';
import { minifyOptions } from '../build/minify-options.mjs';

const root = new URL('../..', import.meta.url).pathname;
const banner = join(root, 'packages/elements/dist/cx-banner.js');
if (!existsSync(banner)) {
  console.error('size: packages/elements/dist/cx-banner.js is missing; run `npm run build` first.');
  process.exit(1);
}

async function buildSipJsAlone() {
  const dir = join(root, '.cache/bench');
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, 'sipjs-entry.js');
  writeFileSync(entry, "export * from 'sip.js';\n");
  const bundle = await rollup({
    input: entry,
    plugins: [
      nodeResolve({ browser: true, rootDir: root, modulePaths: [join(root, 'node_modules')] }),
      replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': '"production"' } }),
      terser(minifyOptions),
    ],
  });
  const { output } = await bundle.generate({ format: 'iife', name: 'SIP' });
  return output[0].code;
}

const measure = (code) => ({ min: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length });
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ours = measure(readFileSync(banner, 'utf8'));
const sip = measure(await buildSipJsAlone());
const ratio = ours.gzip / sip.gzip;
console.log('bundle                 min        min+gzip');
console.log(`cx-banner.js       ${kb(ours.min).padStart(10)} ${kb(ours.gzip).padStart(12)}`);
console.log(`sip.js alone       ${kb(sip.min).padStart(10)} ${kb(sip.gzip).padStart(12)}`);
console.log(`ratio (gzip)       ${ratio.toFixed(2)}x  (budget 1.50x)`);
export const result = { ours, sip, ratio };

