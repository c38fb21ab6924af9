// Bundles what `tsc -b` emitted (packages/*/lib) into the shipped files:
// ESM builds of @cx/core and @cx/elements (dependencies left external) and
// the self-contained, minified script-tag build cx-banner.js (global `CX`).
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';

const production = replace({
  preventAssignment: true,
  values: { 'process.env.NODE_ENV': JSON.stringify('production') },
});
const external = (id) => /^(sip\.js|nanostores|lit|msw|@cx\/core)(\/|$)/.test(id);
const banner = '/*! CX Banner 0.1.0 | MIT */';

export default [
  {
    input: {
      'cx-core': 'packages/core/lib/index.js',
      'cx-core-testing': 'packages/core/lib/testing/index.js',
    },
    external,
    output: { dir: 'packages/core/dist', format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js' },
  },
  {
    input: { 'cx-elements': 'packages/elements/lib/index.js' },
    external,
    output: { dir: 'packages/elements/dist', format: 'es', sourcemap: true },
  },
  {
    input: 'packages/elements/lib/cx-banner.js',
    plugins: [nodeResolve({ browser: true }), production, terser({ format: { comments: /^!/ } })],
    output: {
      file: 'packages/elements/dist/cx-banner.js',
      format: 'iife',
      name: 'CX',
      banner,
      sourcemap: true,
    },
  },
  {
    // The demo page's script: the simulated contact center and the panel.
    input: 'packages/demo/src/demo.js',
    plugins: [nodeResolve({ browser: true, exportConditions: ['browser'] }), production],
    output: { file: 'packages/demo/dist/demo.js', format: 'es', sourcemap: true },
  },
];
