// Bundles what `tsc -b` emitted (packages/*/lib) into the shipped files:
// ESM builds of @cx/core and @cx/elements (dependencies left external) and
// the self-contained, minified script-tag build cx-banner.js (global `CX`,
// set by the first copy loaded).
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import { rmSync } from 'node:fs';
import { createLazyState, lazyChunks, splitLazy } from './scripts/build/lazy-chunks.mjs';
import { minifyLitCss } from './scripts/build/minify-css.mjs';
import { sipSlim } from './scripts/build/sip-slim.mjs';
import { sipGrammarOnce } from './packages/core/build/sip-grammar-once.mjs';
import { customElementsManifest } from './scripts/build/custom-elements-manifest.mjs';
import { minifyOptions } from './scripts/build/minify-options.mjs';

// Every build starts clean: no chunk of an earlier build lingers in dist.
for (const dir of ['packages/core/dist', 'packages/elements/dist']) rmSync(dir, { recursive: true, force: true });

const production = replace({
  preventAssignment: true,
  values: { 'process.env.NODE_ENV': JSON.stringify('production') },
});
const external = (id) => /^(sip\.js|nanostores|lit|msw|valibot|eventsource-parser|node:.*|@cx\/core)(\/|$)/.test(id);
const banner = '/*! CX Banner 0.1.0 | MIT */';
const minify = minifyOptions;
/** What the script-tag build leaves out for its lazy chunks (first pass to second). */
const lazy = createLazyState();

/** The script tag is built from what tsc emitted (packages/core/lib), not from core's own bundle. */
const coreFromLib = {
  name: 'cx-core-from-lib',
  resolveId(source) {
    if (source === '@cx/core') return new URL('./packages/core/lib/index.js', import.meta.url).pathname;
    return null;
  },
};

export default [
  {
    input: {
      'cx-core': 'packages/core/lib/index.js',
      'cx-core-testing': 'packages/core/lib/testing/index.js',
      'cx-core-testing-node': 'packages/core/lib/testing/node.js',
      'cx-core-platform': 'packages/core/lib/platform/index.js',
      'cx-core-unanswered': 'packages/core/lib/unanswered/index.js',
    },
    external,
    output: { dir: 'packages/core/dist', format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js' },
  },
  {
    // @cx/elements/react (cx-elements-react.js): React and @lit/react are the application's own (optional peers).
    input: { 'cx-elements': 'packages/elements/lib/index.js', 'cx-elements-react': 'packages/elements/lib/react/index.js' },
    external: (id) => external(id) || /^(react|@lit\/react)(\/|$)/.test(id),
    // Also writes packages/elements/custom-elements.json (from the elements' JSDoc headers).
    plugins: [customElementsManifest()],
    output: { dir: 'packages/elements/dist', format: 'es', sourcemap: true },
  },
  {
    input: 'packages/elements/lib/cx-banner.js',
    // sipSlim before sipGrammarOnce: it finds the grammar's constants by the table that follows them.
    plugins: [splitLazy(lazy), coreFromLib, sipSlim(), sipGrammarOnce(), nodeResolve({ browser: true }), minifyLitCss(), production, terser(minify)],
    // lit-localize's index re-exports its runtime, whose top level only sets up its own state:
    // unused here (it is the chunk of i18n/locale-runtime.ts), it is left out whole.
    treeshake: { moduleSideEffects: (id) => !/[\\/]@lit[\\/]localize[\\/]init[\\/]runtime\.js$/.test(id) },
    output: {
      file: 'packages/elements/dist/cx-banner.js',
      // No exports: cx-banner.ts sets `window.CX` itself, unless a copy loaded before did.
      format: 'iife',
      banner,
      sourcemap: true,
    },
  },
  {
    // The script tag's lazy chunks: cx-banner.<name>.js, next to cx-banner.js.
    input: [],
    plugins: [lazyChunks(lazy), nodeResolve({ browser: true }), minifyLitCss(), production, terser(minify)],
    output: {
      dir: 'packages/elements/dist',
      format: 'es',
      banner,
      sourcemap: true,
      entryFileNames: '[name].js',
      chunkFileNames: 'cx-banner.shared-[hash].js',
    },
  },
  {
    // The demo page's script: the simulated contact center and the panel.
    input: 'packages/demo/src/demo.js',
    plugins: [nodeResolve({ browser: true, exportConditions: ['browser'] }), sipGrammarOnce(), production],
    output: { file: 'packages/demo/dist/demo.js', format: 'es', sourcemap: true, inlineDynamicImports: true },
  },
  {
    // The React example (packages/demo/react, compiled by tsc): its page, and the CRM screen alone for the e2e test.
    input: { 'react-demo': 'packages/demo/react/lib/main.js', 'react-crm': 'packages/demo/react/lib/mount.js' },
    // sip.js's grammar decoded once (@cx/core/sip-grammar-once), as docs/elements.md shows an application.
    plugins: [nodeResolve({ browser: true, exportConditions: ['browser'] }), commonjs(), sipGrammarOnce(), production],
    output: { dir: 'packages/demo/dist/react', format: 'es', sourcemap: true },
  },
];
