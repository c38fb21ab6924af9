// @cx/elements in React, Vue and Angular, as their own compilers see it:
// - React: the example of the demo (packages/demo/react) type-checks; the
//   components of @cx/elements/react are typed (wrong handlers and props do
//   not compile), there is one per element of custom-elements.json with
//   exactly its events, and nothing of React reaches the script tag;
// - Vue: the snippet of the guide (docs/snippets/vue) compiles with
//   @vue/compiler-sfc, `cx-*` tags as custom elements, and type-checks;
// - Angular: the snippet (docs/snippets/angular), a standalone component with
//   CUSTOM_ELEMENTS_SCHEMA, compiles with the Angular compiler (strict
//   templates) and fails without the schema;
// - the guide (docs/integrating.md) shows each snippet verbatim.
//
// Needs a build (`npm run build`): the types in packages/*/lib, the bundles
// and custom-elements.json. `npm test` builds first (packaging tier).
//   node --test scripts/frameworks/frameworks.test.mjs
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { register } from 'node:module';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
/** Scratch files, inside the repository so that they resolve packages from its node_modules. */
const work = join(root, '.cache', 'frameworks');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const read = (path) => readFileSync(join(root, path), 'utf8');

const SNIPPETS = {
  react: 'packages/demo/react/src/crm.tsx',
  vue: 'docs/snippets/vue/CallBanner.vue',
  angular: 'docs/snippets/angular/call-banner.component.ts',
};

/** `cx-call-accepted` -> `CxCallAccepted`. */
const pascal = (name) => name.replace(/(?:^|-)([a-z])/g, (_, letter) => letter.toUpperCase());

/** Elements of custom-elements.json by tag: their events and their public properties and attributes. */
function manifestElements() {
  const file = join(root, 'packages/elements/custom-elements.json');
  assert.ok(existsSync(file), 'packages/elements/custom-elements.json is missing: run `npm run build`');
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  const elements = new Map();
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      if (!declaration.tagName) continue;
      elements.set(declaration.tagName, {
        events: new Map((declaration.events ?? []).map((e) => [e.name, e.type?.text])),
        members: new Set([
          ...(declaration.members ?? []).filter((m) => m.kind === 'field' && m.privacy !== 'private' && m.privacy !== 'protected').map((m) => m.name),
          ...(declaration.attributes ?? []).map((a) => a.name),
        ]),
      });
    }
  }
  return elements;
}

/** Runs `tsc` with `args`; resolves to its report ('' when clean). */
async function typeCheck(args) {
  try {
    await exec(process.execPath, [tsc, ...args], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    return '';
  } catch (error) {
    return `${error.stdout ?? ''}${error.stderr ?? ''}` || String(error);
  }
}

/** A scratch project of its own: a tsconfig and its files (written fresh). */
function scratch(name, compilerOptions, files) {
  const dir = join(work, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  const options = {
    target: 'es2022',
    module: 'esnext',
    moduleResolution: 'bundler',
    lib: ['es2022', 'dom', 'dom.iterable'],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    ...compilerOptions,
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: options, files: Object.keys(files) }, null, 2));
  return dir;
}

describe('React: @cx/elements/react and the example', () => {
  test('the example (packages/demo/react, TSX with jsx: react-jsx) type-checks', async () => {
    assert.equal(await typeCheck(['-b', 'packages/demo/react']), '');
  });

  test('the components are typed: event props take the event classes, props the element properties', async () => {
    const dir = scratch('react-types', { jsx: 'react-jsx' }, {
      'types.tsx': `import type { PhoneApi } from '@cx/core';
import type { CxCallAcceptedEvent, CxCallEndedEvent } from '@cx/elements';
import { CxBanner, CxCallPopup, CxPoolPanel, CxSmallBanner } from '@cx/elements/react';

declare const phone: PhoneApi;
export const fine = [
  <CxBanner phone={phone} theme="dark" noShortcuts onCxCallAccepted={(event: CxCallAcceptedEvent) => event.detail.call.id} />,
  <CxSmallBanner phone={phone} onCxHangUpRequest={(event) => event.preventDefault()} />,
  <CxPoolPanel onCxMonitorRequest={(event) => event.detail.mode satisfies 'silent'} />,
];
// @ts-expect-error cx-call-accepted is a CxCallAcceptedEvent, not a CxCallEndedEvent
export const wrongEvent = <CxBanner onCxCallAccepted={(event: CxCallEndedEvent) => event.detail.reason} />;
// @ts-expect-error a phone is not a number
export const wrongPhone = <CxBanner phone={42} />;
// @ts-expect-error <cx-call-popup> dispatches no cx-call-ended
export const noSuchEvent = <CxCallPopup onCxCallEnded={() => undefined} />;
`,
    });
    assert.equal(await typeCheck(['-p', relative(root, dir)]), '');
  });

  test('one component per element of custom-elements.json, listening to exactly its events', async () => {
    const elements = manifestElements();
    const { ELEMENT_EVENTS } = await import(pathToFileURL(join(root, 'packages/elements/lib/react/element-events.js')).href);
    assert.deepEqual(Object.keys(ELEMENT_EVENTS).sort(), [...elements.keys()].sort(), 'the elements with a React component');
    for (const [tag, { events }] of elements) {
      assert.deepEqual([...ELEMENT_EVENTS[tag]].sort(), [...events.keys()].sort(), `the events of <${tag}>`);
    }
    const declarations = read('packages/elements/lib/react/index.d.ts');
    const components = [...declarations.matchAll(/^export declare const (\w+): ReactWebComponent</gm)].map((m) => m[1]);
    assert.deepEqual(components.sort(), [...elements.keys()].map(pascal).sort(), 'the components of @cx/elements/react');
  });

  test('nothing of React reaches the script tag (cx-banner.js and its chunks)', () => {
    // What React (react-dom) and @lit/react bring into a bundle, checked on the example's bundle first.
    const markers = [/Symbol\.for\(["']react\./, /suppressHydrationWarning/, /__reactFiber/];
    const found = (text) => markers.filter((marker) => marker.test(text)).map(String);
    const example = read('packages/demo/dist/react/react-crm.js');
    assert.equal(found(example).length, markers.length, 'the markers find React in the React example bundle');
    const dist = join(root, 'packages/elements/dist');
    const scriptTag = readdirSync(dist).filter((f) => /^cx-banner(\..+)?\.js$/.test(f));
    assert.ok(scriptTag.includes('cx-banner.js') && scriptTag.length > 5, 'cx-banner.js and its chunks are built');
    for (const file of scriptTag) assert.deepEqual(found(readFileSync(join(dist, file), 'utf8')), [], file);
    // The ESM build of "." neither: React is imported by the ./react entry only.
    assert.doesNotMatch(read('packages/elements/dist/cx-elements.js'), /from ['"](react|@lit\/react)['"]/);
    assert.match(read('packages/elements/dist/cx-elements-react.js'), /from ['"]@lit\/react['"]/);
  });

  test('react and @lit/react are optional peer dependencies of @cx/elements, for its ./react export', () => {
    const pkg = JSON.parse(read('packages/elements/package.json'));
    assert.deepEqual(Object.keys(pkg.exports['./react']), ['types', 'cx-source', 'default']);
    for (const name of ['react', '@lit/react']) {
      assert.ok(pkg.peerDependencies?.[name], `${name} is a peer dependency`);
      assert.equal(pkg.peerDependenciesMeta?.[name]?.optional, true, `${name} is optional`);
      assert.equal(pkg.dependencies?.[name], undefined, `${name} is not a dependency`);
    }
  });
});

describe('Vue: the snippet compiles with @vue/compiler-sfc', () => {
  const isCustomElement = (tag) => tag.startsWith('cx-');

  async function compileVue(options) {
    const { parse, compileScript } = await import('@vue/compiler-sfc');
    const { descriptor, errors } = parse(read(SNIPPETS.vue), { filename: 'CallBanner.vue', templateParseOptions: options });
    assert.deepEqual(errors, [], 'parse errors');
    return compileScript(descriptor, { id: 'call-banner', inlineTemplate: true, templateOptions: { compilerOptions: options } }).content;
  }

  test('cx-* tags are custom elements: rendered as elements, properties and events bound as the manifest has them', async () => {
    const code = await compileVue({ isCustomElement });
    assert.match(code, /_createElementVNode\("cx-banner"/);
    assert.doesNotMatch(code, /resolveComponent/);
    const banner = manifestElements().get('cx-banner');
    const props = code.slice(code.indexOf('_createElementVNode("cx-banner"'));
    const listeners = [...props.matchAll(/\bon(Cx\w+):/g)].map((m) => m[1]);
    assert.ok(listeners.length >= 2, 'the snippet listens to events');
    for (const listener of listeners) {
      const event = [...banner.events.keys()].find((name) => pascal(name) === listener);
      assert.ok(event, `on${listener} is an event of <cx-banner>`);
    }
    for (const [, name] of props.matchAll(/"\.(\w+)":/g)) assert.ok(banner.members.has(name), `.${name} is a property of <cx-banner>`);
  });

  test('without isCustomElement, Vue would look for a component (the check above can fail)', async () => {
    assert.match(await compileVue({}), /_resolveComponent\("cx-banner"\)/);
  });

  test('the compiled component type-checks against vue, @cx/core and @cx/elements', async () => {
    const dir = scratch('vue', {}, { 'call-banner.vue.ts': await compileVue({ isCustomElement }) });
    assert.equal(await typeCheck(['-p', relative(root, dir)]), '');
  });
});

describe('Angular: the snippet compiles with the Angular compiler', () => {
  test('a standalone component with CUSTOM_ELEMENTS_SCHEMA, strict templates; without the schema, or with a wrong event type, it fails', async () => {
    // The Angular compiler needs TypeScript's compiler API (TypeScript 5 here).
    register('./typescript5-hook.mjs', import.meta.url);
    const ng = await import('@angular/compiler-cli');
    const source = read(SNIPPETS.angular);
    const variants = {
      'call-banner.component.ts': source,
      'without-schema.component.ts': source.replace(/^\s*schemas: \[CUSTOM_ELEMENTS_SCHEMA\],\n/m, '').replace('CUSTOM_ELEMENTS_SCHEMA, ', ''),
      // $event of (cx-call-accepted) is typed by @cx/elements (HTMLElementEventMap): another event class is refused.
      'wrong-event.component.ts': source.replace('accepted(event: CxCallAcceptedEvent)', 'accepted(event: CxCallEndedEvent)'),
    };
    for (const [file, text] of Object.entries(variants)) {
      if (file !== 'call-banner.component.ts') assert.notEqual(text, source, `${file} differs from the snippet`);
    }
    const dir = join(work, 'angular');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const [file, text] of Object.entries(variants)) writeFileSync(join(dir, file), text);
    const options = {
      target: 99 /* ESNext */,
      module: 99 /* ESNext */,
      moduleResolution: 100 /* Bundler */,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
      strict: true,
      skipLibCheck: true,
      types: [],
      outDir: join(dir, 'out'),
      rootDir: dir,
      strictTemplates: true,
      strictInjectionParameters: true,
    };
    const compile = (files) => {
      const { diagnostics } = ng.performCompilation({ rootNames: files.map((f) => join(dir, f)), options });
      return (file) => ng.formatDiagnostics(diagnostics.filter((d) => !d.file || d.file.fileName === join(dir, file)));
    };
    // The snippet alone (it is emitted only when nothing fails), then the two that must fail, together.
    assert.equal(compile(['call-banner.component.ts'])('call-banner.component.ts'), '', 'Angular compiler errors');
    const failing = compile(['without-schema.component.ts', 'wrong-event.component.ts']);
    assert.match(failing('without-schema.component.ts'), /'cx-banner' is not a known element/);
    assert.match(failing('wrong-event.component.ts'), /'CxCallAcceptedEvent' is not assignable to parameter of type 'CxCallEndedEvent'/);

    const js = readFileSync(join(dir, 'out', 'call-banner.component.js'), 'utf8');
    assert.match(js, /ɵɵdefineComponent/);
    const banner = manifestElements().get('cx-banner');
    const listened = [...js.matchAll(/\("([\w-]+)", function \w+_listener\(/g)].map((m) => m[1]);
    assert.ok(listened.length >= 2, 'the snippet listens to events');
    for (const event of listened) assert.ok(banner.events.has(event), `${event} is an event of <cx-banner>`);
    const properties = [...js.matchAll(/ɵɵdomProperty\("(\w+)"/g)].map((m) => m[1]);
    assert.ok(properties.includes('phone'), 'the snippet sets the phone property');
    for (const name of properties) assert.ok(banner.members.has(name), `${name} is a property of <cx-banner>`);
  });
});

describe('the guide shows the snippets verbatim', () => {
  test('docs/integrating.md has each compiled snippet as a code block, unchanged', () => {
    const guide = read('docs/integrating.md');
    const blocks = [...guide.matchAll(/^```[\w-]*\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
    for (const [framework, path] of Object.entries(SNIPPETS)) {
      assert.ok(blocks.includes(read(path)), `${framework}: ${path} is not shown verbatim in docs/integrating.md`);
    }
  });
});
