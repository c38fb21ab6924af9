// Lazy chunks for the script-tag build. `cx-banner.js` is a classic script
// (an IIFE that defines `window.CX` at once), and rollup cannot split an
// IIFE. So the build runs in two passes:
//
// 1. `splitLazy()` builds cx-banner.js and leaves each dynamic `import()` of
//    the sources out of it: the call becomes `import(<url of
//    cx-banner.<name>.js next to the script>)`, and the module is noted.
// 2. `lazyChunks()` builds those modules as ES modules. What they share with
//    cx-banner.js (lit, nanostores, the public API of @cx/core and
//    @cx/elements) is not bundled again: it is read from the runtime that
//    cx-banner.js registers (see packages/elements/src/cx-banner.ts), so a
//    chunk uses the very classes the page already has. A chunk that would
//    copy a module of cx-banner.js fails the build: share it through a
//    package index instead.
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The version of the build (@cx/elements'), which cx-banner.ts reads from `version` of its index. */
export const VERSION = JSON.parse(readFileSync(resolve(root, 'packages/elements/package.json'), 'utf8')).version;

/**
 * Where the runtime lives on the page (registered by cx-banner.ts): one per
 * version, so that two versions of the script on one page each give their
 * chunks their own classes; a second copy of the same version leaves the
 * first one's in place (and its chunks use it).
 */
export const RUNTIME_KEY = `Symbol.for(${JSON.stringify(`cx-banner.runtime@${VERSION}`)})`;

/**
 * What cx-banner.ts registers of lit and nanostores for the chunks: a chunk
 * may import only these names (the build fails otherwise). Keep in step with
 * the runtime in packages/elements/src/cx-banner.ts (a chunk checks when it loads).
 */
export const RUNTIME_EXPORTS = {
  lit: ['LitElement', 'html', 'css', 'nothing', 'noChange'],
  // For directives of the chunks (the virtualiser's): the directive base
  // classes are in cx-banner.js already, for lit's own directives.
  'lit/directive.js': ['directive', 'Directive', 'PartType'],
  'lit-html/directive.js': ['directive', 'Directive', 'PartType'],
  'lit-html/directive-helpers.js': ['isSingleExpression'],
  'lit/directives/if-defined.js': ['ifDefined'],
  'lit/directives/repeat.js': ['repeat'],
  nanostores: ['atom', 'computed'],
  // One localisation state (the locale, its translations) for cx-banner.js and its chunks.
  '@lit/localize': ['msg', 'str', 'updateWhenLocaleChanges'],
  // For lit-localize's runtime, a chunk of its own (i18n/locale-runtime.ts): what it shares with
  // the eager part of lit-localize, above all the `msg` it installs.
  '@lit/localize/init/install.js': ['_installMsgImplementation'],
  '@lit/localize/internal/default-msg.js': ['defaultMsg'],
  '@lit/localize/internal/locale-status-event.js': ['LOCALE_STATUS_EVENT'],
  '@lit/localize/internal/str-tag.js': ['joinStringsAndValues'],
};
/** The public API of the packages: every export, from `window.CX`. */
const API = new Set(['@cx/core', '@cx/elements']);
const SHARED_FILES = new Map([
  [resolve(root, 'packages/core/lib/index.js'), '@cx/core'],
  [resolve(root, 'packages/elements/lib/index.js'), '@cx/elements'],
]);

/** State handed from the first pass to the second. */
export function createLazyState() {
  return { chunks: new Map(), eagerModules: new Set() };
}

/** The chunk name of a lazy module: its file name, e.g. `transfer-feature`. */
function chunkName(id) {
  return basename(id).replace(/\.js$/, '');
}

/**
 * For the IIFE build: leaves dynamic imports out, as `cx-banner.<name>.js`
 * next to the script, and records them (and every module it bundles) in `state`.
 */
export function splitLazy(state) {
  return {
    name: 'cx-split-lazy',
    async resolveDynamicImport(specifier, importer) {
      if (typeof specifier !== 'string') return null;
      const resolved = await this.resolve(specifier, importer, { skipSelf: true });
      if (!resolved) return null;
      const name = chunkName(resolved.id);
      state.chunks.set(name, resolved.id);
      return { id: `cx-lazy:${name}`, external: true };
    },
    buildStart() {
      // cx-banner.ts keys the runtime with `version` of the elements' index: the chunks with VERSION.
      const index = readFileSync(resolve(root, 'packages/elements/lib/index.js'), 'utf8');
      if (!index.includes(`export const version = '${VERSION}';`)) {
        this.error(`packages/elements/src/index.ts must export version = '${VERSION}' (packages/elements/package.json).`);
      }
    },
    renderDynamicImport({ targetModuleId }) {
      if (!targetModuleId?.startsWith('cx-lazy:')) return null;
      return { left: 'import(__cxLazyUrl(', right: '))' };
    },
    generateBundle(_options, bundle) {
      // What cx-banner.js really has: a module tree-shaken away entirely (lit-localize's
      // runtime, re-exported by its index) may go into a chunk.
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        for (const [id, module] of Object.entries(output.modules)) if (module.renderedLength > 0) state.eagerModules.add(id);
      }
    },
    outputOptions(options) {
      // Where the chunks are: next to the script, wherever the page loads it from.
      const intro =
        'var __cxBase = typeof document !== "undefined" && document.currentScript ? document.currentScript.src : "";\n' +
        'function __cxLazyUrl(id) { return new URL("cx-banner." + id.slice("cx-lazy:".length) + ".js", __cxBase || location.href).href; }';
      return { ...options, intro: options.intro ? `${options.intro}\n${intro}` : intro };
    },
  };
}

/** For the ES build of the lazy modules: inputs from `state`, shared modules from the runtime. */
export function lazyChunks(state) {
  return {
    name: 'cx-lazy-chunks',
    options(options) {
      if (state.chunks.size === 0) return { ...options, input: [] };
      return { ...options, input: Object.fromEntries([...state.chunks].map(([name, id]) => [`cx-banner.${name}`, id])) };
    },
    async resolveId(source, importer) {
      if (API.has(source)) return { id: `\0cx-runtime:${source}`, syntheticNamedExports: true };
      if (source in RUNTIME_EXPORTS) return { id: `\0cx-runtime:${source}` };
      if (source === 'lit' || source.startsWith('lit/') || source === 'nanostores') {
        // A module of lit that cx-banner.js does not have (lit/async-directive.js)
        // is bundled into the chunk; one it has must come from the runtime.
        const resolved = await this.resolve(source, importer, { skipSelf: true });
        const inner = resolved && (await this.load(resolved));
        const eager = resolved && (state.eagerModules.has(resolved.id) || inner?.importedIds.some((id) => state.eagerModules.has(id) && !/[\\/]lit-html[\\/]/.test(id)));
        if (!resolved || source === 'lit' || source === 'nanostores' || eager) {
          this.error(`A lazy chunk imports ${source}, which the runtime of cx-banner.js does not share: add it to RUNTIME_EXPORTS and cx-banner.ts.`);
        }
        return resolved;
      }
      if (!importer || !source.startsWith('.')) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      // A module of lit-html or lit-localize that a chunk's library imports by a relative path.
      const litHtml =
        resolved && /[\\/]node_modules[\\/]((?:lit-html|@lit[\\/]localize[\\/]\w+)[\\/][^\\/]+\.js)$/.exec(resolved.id)?.[1]?.replace(/\\/g, '/');
      if (litHtml && litHtml in RUNTIME_EXPORTS) return { id: `\0cx-runtime:${litHtml}` };
      const shared = resolved && SHARED_FILES.get(resolved.id);
      return shared ? { id: `\0cx-runtime:${shared}`, syntheticNamedExports: true } : null;
    },
    load(id) {
      if (id.startsWith('\0cx-runtime:')) {
        const key = id.slice('\0cx-runtime:'.length);
        const names = RUNTIME_EXPORTS[key] ?? [];
        const missing = `cx-banner: load cx-banner.js ${VERSION} (the version of this chunk) before its chunks: ${key} is missing from its runtime`;
        return (
          `const module = globalThis[${RUNTIME_KEY}]?.[${JSON.stringify(key)}];\n` +
          `if (!module${names.map((n) => ` || !(${JSON.stringify(n)} in module)`).join('')}) throw new Error(${JSON.stringify(missing)});\n` +
          (API.has(key) ? 'export default module;\n' : names.map((n) => `export const ${n} = module.${n};\n`).join(''))
        );
      }
      if (state.eagerModules.has(id) && !state.chunks.has(chunkName(id))) {
        this.error(
          `${id.slice(root.length + 1)} is in cx-banner.js and would be copied into a lazy chunk: import it through its package index (or lit/nanostores) instead.`,
        );
      }
      return null;
    },
  };
}
