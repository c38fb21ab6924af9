// What a developer gets from npm: each package packed as `npm publish` would,
// linted (publint: exports, types, sideEffects, files) and its types checked
// for every resolution an ES module consumer uses (Are the Types Wrong?, ESM
// only); the built ES modules need no `process` global; and the tarballs
// install into an empty project with no network, where Node imports them and
// TypeScript type-checks code written against them.
//
// Needs a build (`npm run build`); `npm test` builds first.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { installOffline, packAll, PACKAGES, root } from './offline-install.mjs';

const exec = promisify(execFile);
const bin = (name) => join(root, 'node_modules', '.bin', name);

/** Every file that `exports` names (but the TypeScript sources of the `cx-source` condition). */
function exportedFiles(exports) {
  if (typeof exports === 'string') return [exports];
  return Object.entries(exports)
    .filter(([condition]) => condition !== 'cx-source')
    .flatMap(([, value]) => exportedFiles(value));
}

/** Each package's package.json. */
const packageJsons = new Map(
  PACKAGES.map((p) => [p.name, JSON.parse(readFileSync(join(root, p.dir, 'package.json'), 'utf8'))]),
);

/** The built JavaScript of a package (dist, chunks included). */
function builtFiles(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) builtFiles(path, out);
    else if (name.endsWith('.js')) out.push(path);
  }
  return out;
}

/** Runs `attw` on a tarball; resolves to its report when it finds a problem, to '' when none. */
async function attw(tarball, cwd) {
  try {
    await exec(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'ascii', '--no-color', '--no-emoji'], { cwd });
    return '';
  } catch (error) {
    return `${error.stdout}${error.stderr}` || String(error);
  }
}

/** The publint problems of a tarball (strict: warnings are errors), as text. */
async function lint(tarball) {
  const bytes = readFileSync(tarball);
  const { messages, pkg } = await publint({
    pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
    level: 'suggestion',
    strict: true,
  });
  return messages.map((m) => `${m.type}: ${formatMessage(m, pkg, { color: false })}`);
}

/**
 * Bundles a small app of the installed project (`app.js`: the phone and the
 * elements) as a CRM vendor's build would, with each bundler's defaults for
 * the browser; resolves to the JavaScript it wrote.
 */
async function bundle(bundler, project, outDir) {
  writeFileSync(join(project, 'app.js'), "import { createPhone } from '@cx/core';\nimport '@cx/elements';\nglobalThis.cxApp = { createPhone };\n");
  if (bundler === 'vite build') {
    writeFileSync(join(project, 'index.html'), '<!doctype html><title>App</title><script type="module" src="./app.js"></script>');
    const { build } = await import('vite');
    // As docs/elements.md has it: sip.js's grammar decoded once, the plugin from the installed @cx/core.
    const { sipGrammarOnce } = await import(pathToFileURL(join(project, 'node_modules/@cx/core/build/sip-grammar-once.mjs')).href);
    await build({ root: project, configFile: false, logLevel: 'silent', plugins: [sipGrammarOnce()], build: { outDir, emptyOutDir: true, minify: false } });
  } else {
    const { default: webpack } = await import('webpack');
    const mode = bundler.split(' ')[1];
    const stats = await new Promise((resolve, reject) =>
      webpack({ mode, context: project, entry: './app.js', target: 'web', devtool: false, output: { path: outDir, filename: 'app.js' } }, (error, result) =>
        error ? reject(error) : resolve(result),
      ),
    );
    if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true, errorDetails: false }));
  }
  return builtFiles(outDir).map((file) => readFileSync(file, 'utf8')).join('\n');
}

/** A promise whose rejection is reported by the test that awaits it, not as unhandled. */
const settled = (promise) => {
  promise.catch(() => {});
  return promise;
};

describe('packaging', () => {
  const work = mkdtempSync(join(tmpdir(), 'cx-packaging-'));
  const project = join(work, 'project');
  /** @type {Awaited<ReturnType<typeof packAll>>} */
  let packed;
  /** The slow checks (attw, npm ci, tsc are processes of their own), started at once by `before`. */
  const pending = {};

  before(async () => {
    packed = await packAll(work);
    for (const p of packed) {
      pending[`publint ${p.name}`] = settled(lint(p.tarball));
      pending[`attw ${p.name}`] = settled(attw(p.tarball, work));
    }
    mkdirSync(project);
    pending.install = settled(installOffline(project, packed));
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  for (const p of PACKAGES) {
    test(`${p.name} passes publint (strict: warnings are errors), on the tarball`, async () => {
      assert.deepEqual(await pending[`publint ${p.name}`], []);
    });

    test(`${p.name} passes Are the Types Wrong? (ESM only)`, async () => {
      const report = await pending[`attw ${p.name}`];
      assert.equal(report, '', `attw found problems in ${p.name}:\n${report}`);
    });

    test(`${p.name} ships its exports, its types and (elements) the custom elements manifest, not its tests`, () => {
      const { files, copy } = packed.find((x) => x.name === p.name);
      const pkg = packageJsons.get(p.name);
      for (const file of exportedFiles(pkg.exports)) {
        assert.ok(existsSync(join(copy, file)), `${file} does not exist (not built? \`npm run build\`)`);
        assert.ok(files.includes(file.replace(/^\.\//, '')), `${file} is not packed`);
      }
      if (pkg.types) assert.ok(files.includes(pkg.types.replace(/^\.\//, '')), `${pkg.types} is not packed`);
      if (pkg.customElements) assert.ok(files.includes(pkg.customElements), `${pkg.customElements} is not packed`);
      assert.deepEqual(files.filter((f) => /\.test\.[jt]s$/.test(f)), [], 'test files are packed');
    });
  }

  test('the built ES modules use `process` only behind a `typeof process` check', () => {
    const found = [];
    const files = packed.flatMap((p) => builtFiles(join(p.copy, 'dist')));
    assert.ok(files.length > 10, 'no built files');
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/(?<![\w$."'`])process\s*(\?\.|\.|\[)/g)) {
        const before = text.slice(Math.max(0, match.index - 160), match.index);
        if (/typeof\s+process\b/.test(before)) continue;
        found.push(`${relative(work, file)}: …${text.slice(Math.max(0, match.index - 40), match.index + 40)}…`);
      }
      for (const match of text.matchAll(/globalThis\.process\.(?!\?)/g)) {
        found.push(`${relative(work, file)}: …${text.slice(Math.max(0, match.index - 40), match.index + 40)}…`);
      }
    }
    assert.deepEqual(found, []);
  });

  describe('installed from the tarballs into an empty project, offline', () => {
    const installed = async () => {
      try {
        await pending.install;
      } catch (error) {
        assert.fail(`npm ci --offline failed:\n${error.stderr ?? error}`);
      }
    };

    test('Node imports @cx/core, @cx/core/unanswered, @cx/core/platform, @cx/core/sip-grammar-once and @cx/elements', async () => {
      await installed();
      const script = `
        const core = await import('@cx/core');
        const unanswered = await import('@cx/core/unanswered');
        const platform = await import('@cx/core/platform');
        const grammar = await import('@cx/core/sip-grammar-once');
        const elements = await import('@cx/elements');
        console.log(JSON.stringify({
          createPhone: typeof core.createPhone,
          evaluateUnanswered: typeof unanswered.evaluateUnanswered,
          platform: Object.keys(platform).length,
          sipGrammarOnce: typeof grammar.sipGrammarOnce,
          CxBanner: typeof elements.CxBanner,
          from: import.meta.resolve('@cx/core'),
        }));`;
      const { stdout } = await exec(process.execPath, ['--input-type=module', '-e', script], { cwd: project });
      const result = JSON.parse(stdout);
      assert.equal(result.createPhone, 'function');
      assert.equal(result.evaluateUnanswered, 'function');
      assert.equal(result.sipGrammarOnce, 'function');
      assert.ok(result.platform > 0);
      assert.equal(result.CxBanner, 'function');
      assert.ok(result.from.includes('/project/node_modules/@cx/core/dist/'), `resolved to ${result.from}`);
    });

    for (const bundler of ['vite build', 'webpack production', 'webpack development']) {
      test(`${bundler} bundles an app that imports @cx/core and @cx/elements, with no \`process\` left`, async () => {
        await installed();
        const out = await bundle(bundler, project, join(work, bundler.replace(' ', '-')));
        assert.match(out, /customElements\.define/, 'the elements are in the bundle');
        assert.match(out, /createPhone|cx-banner/, 'the phone is in the bundle');
        if (bundler === 'vite build') assert.match(out, /peg\$decodedOnce \?\?= \[/, "sip.js's grammar decoded once (@cx/core/sip-grammar-once)");
        const bare = [...out.matchAll(/(?<![\w$."'`])process(?:\??\.[A-Za-z_$]|\[)/g)].filter((m) => !/typeof\s+process\b/.test(out.slice(Math.max(0, m.index - 160), m.index)));
        assert.deepEqual(bare.map((m) => out.slice(Math.max(0, m.index - 40), m.index + 40)), [], 'a bare `process` would throw in a browser');
      });
    }

    test('TypeScript type-checks code written against @cx/core and @cx/elements (nodenext, no skipLibCheck)', async () => {
      await installed();
      writeFileSync(
        join(project, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            module: 'nodenext',
            moduleResolution: 'nodenext',
            target: 'es2022',
            lib: ['es2022', 'dom', 'dom.iterable'],
            strict: true,
            noEmit: true,
            skipLibCheck: false,
            types: [],
          },
          files: ['integration.ts'],
        }),
      );
      writeFileSync(
        join(project, 'integration.ts'),
        `import { createPhone, CxError, type CallHandle, type PhoneApi } from '@cx/core';
import { evaluateUnanswered } from '@cx/core/unanswered';
import { CxBanner, CxCallEndedEvent, type CallEndedEventDetail } from '@cx/elements';

const phone: PhoneApi = createPhone({
  sip: { server: 'wss://pbx.example/ws', aor: 'sip:1001@example', username: '1001', password: 'secret' },
});
const banner: CxBanner = document.createElement('cx-banner');
banner.phone = phone;
banner.addEventListener('cx-call-ended', (event: CxCallEndedEvent) => {
  const detail: CallEndedEventDetail = event.detail;
  const call: CallHandle = detail.call;
  void call;
});
// The types are real, not \`any\`: these must not compile.
// @ts-expect-error a phone is not a number
banner.phone = 42;
// @ts-expect-error no such event detail
banner.addEventListener('cx-call-ended', (event) => event.detail.nothing);
void CxError;
void evaluateUnanswered;
`,
      );
      try {
        await exec(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], {
          cwd: project,
        });
      } catch (error) {
        assert.fail(`tsc found errors:\n${error.stdout}${error.stderr}`);
      }
    });
  });
});
