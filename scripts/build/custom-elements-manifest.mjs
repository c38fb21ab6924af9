// Writes packages/elements/custom-elements.json (the Custom Elements Manifest
// that @cx/elements' package.json names in `customElements`) with the
// analyzer and packages/elements/custom-elements-manifest.config.mjs.
// A rollup plugin (the build writes it next to the bundles), or alone:
// `node scripts/build/custom-elements-manifest.mjs`.
import { cli } from '@custom-elements-manifest/analyzer/cli.js';
import { fileURLToPath } from 'node:url';

export const elementsDir = fileURLToPath(new URL('../../packages/elements/', import.meta.url));

/** Analyses the elements' sources and writes the manifest; returns it. */
export async function writeCustomElementsManifest() {
  return cli({ argv: ['analyze'], cwd: elementsDir });
}

/** @returns {import('rollup').Plugin} */
export function customElementsManifest() {
  return {
    name: 'cx-custom-elements-manifest',
    async writeBundle() {
      await writeCustomElementsManifest();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await writeCustomElementsManifest();
