// The Custom Elements Manifest of @cx/elements is complete: every element the
// package defines (the lazily loaded panels too) and every event the elements
// dispatch is in it, each event with its class and that class's detail type,
// and every part an element renders is documented. What the manifest says
// comes from the elements' JSDoc headers: when a test here fails, the header
// of the element it names is missing a line.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { before, describe, test } from 'node:test';
import { cli } from '@custom-elements-manifest/analyzer/cli.js';
import { elementsDir } from '../build/custom-elements-manifest.mjs';

/** The elements' source files, as the manifest names them (`src/...`), with their text. */
function sources(dir = join(elementsDir, 'src'), out = new Map()) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'testing' && name !== 'locales') sources(path, out);
    } else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) {
      out.set(relative(elementsDir, path).split(sep).join('/'), readFileSync(path, 'utf8'));
    }
  }
  return out;
}

/** Tags given to `customElements.define` (literally, or in a table of tag and class it loops over). */
function definedTags(files) {
  const tags = new Map();
  for (const [path, text] of files) {
    if (!/\b(customElements|registry)\.define\(/.test(text)) continue;
    const found = [
      ...text.matchAll(/\.define\(\s*'(cx-[a-z-]+)'/g),
      ...text.matchAll(/'(cx-[a-z-]+)'\s*[,:]\s*Cx[A-Z]\w*\s*[\],]/g),
    ];
    for (const [, tag] of found) tags.set(tag, path);
  }
  return tags;
}

/** The type argument after `open` (`CxEvent<` ... `>`), brackets balanced. */
function typeArgument(text, open) {
  let depth = 1;
  for (let i = open; i < text.length; i += 1) {
    if (text[i] === '<') depth += 1;
    else if (text[i] === '>' && text[i - 1] !== '=') depth -= 1;
    if (depth === 0) return text.slice(open, i);
  }
  throw new Error('unbalanced type argument');
}

const squash = (type) => type.replace(/\s+/g, ' ').replace(/;\s*}/g, ' }').trim();

/** Every `class X extends CxEvent<Detail>` with its `static readonly type`. */
function eventClasses(files) {
  const events = [];
  for (const [path, text] of files) {
    for (const match of text.matchAll(/class (\w+) extends CxEvent</g)) {
      const detail = typeArgument(text, match.index + match[0].length);
      const type = /static readonly type = '(cx-[a-z-]+)'/.exec(text.slice(match.index));
      assert.ok(type, `${match[1]} (${path}) has no static type`);
      events.push({ name: match[1], tag: type[1], detail: squash(detail), module: path });
    }
  }
  return events;
}

describe('custom-elements.json', () => {
  const files = sources();
  const tags = definedTags(files);
  const events = eventClasses(files);
  /** @type {any} */
  let manifest;
  /** @type {any[]} */
  let elements;
  /** @type {Map<string, any>} */
  let declarations;

  before(async () => {
    manifest = await cli({ argv: ['analyze'], cwd: elementsDir, noWrite: true });
    declarations = new Map();
    elements = [];
    for (const module of manifest.modules) {
      for (const declaration of module.declarations ?? []) {
        declarations.set(`${module.path}#${declaration.name}`, declaration);
        if (declaration.tagName) elements.push({ ...declaration, module: module.path });
      }
    }
  });

  test('is the one @cx/elements ships: named by package.json and up to date with the sources', () => {
    const pkg = JSON.parse(readFileSync(join(elementsDir, 'package.json'), 'utf8'));
    assert.equal(pkg.customElements, 'custom-elements.json');
    assert.ok(pkg.files.includes('custom-elements.json'), 'custom-elements.json is in "files"');
    let built;
    try {
      built = JSON.parse(readFileSync(join(elementsDir, 'custom-elements.json'), 'utf8'));
    } catch {
      assert.fail('packages/elements/custom-elements.json is missing: run `npm run build`');
    }
    assert.deepEqual(built, manifest, 'custom-elements.json is older than the sources: run `npm run build`');
  });

  test('finds the elements and the events in the sources (the test can see what it checks)', () => {
    assert.ok(tags.size >= 20, `only ${tags.size} defined tags found`);
    for (const tag of ['cx-banner', 'cx-small-banner', 'cx-call-popup', 'cx-settings', 'cx-transfer-picker', 'cx-wrap-up']) {
      assert.ok(tags.has(tag), `${tag} not found among the defined tags`);
    }
    assert.ok(events.length >= 40, `only ${events.length} event classes found`);
  });

  test('has every element defined in packages/elements/src, lazily loaded ones too, with a summary', () => {
    for (const [tag, path] of tags) {
      const element = elements.find((e) => e.tagName === tag);
      assert.ok(element, `<${tag}> (defined in ${path}) is not in the manifest: give its class a JSDoc header with @tagname ${tag}`);
      assert.ok(element.customElement, `<${tag}> is not marked as a custom element`);
      assert.ok(element.summary || element.description, `<${tag}> has no @summary`);
    }
    const extra = elements.filter((e) => !tags.has(e.tagName)).map((e) => e.tagName);
    assert.deepEqual(extra, [], 'the manifest names elements that are never defined');
  });

  test('has every event the elements dispatch, with its class and detail type', () => {
    const listed = new Map();
    for (const element of elements) {
      for (const event of element.events ?? []) {
        assert.ok(event.name, `<${element.tagName}> has an event without a name`);
        listed.set(event.name, [...(listed.get(event.name) ?? []), { element, event }]);
      }
    }
    for (const event of events) {
      const where = listed.get(event.tag);
      assert.ok(where, `${event.tag} (${event.name}, ${event.module}) is in no element's @event lines`);
      const byClass = where.find(({ event: e }) => e.type?.text === event.name);
      const classes = events.filter((e) => e.tag === event.tag).map((e) => e.name);
      for (const { element, event: e } of where) {
        assert.ok(classes.includes(e.type?.text), `<${element.tagName}>'s ${event.tag} has type ${e.type?.text}, not ${classes.join(' or ')}`);
      }
      // Two panels may dispatch one tag with classes of their own: each class is some element's.
      assert.ok(byClass || classes.length > 1, `no element's ${event.tag} has the type ${event.name}`);
      const declaration = declarations.get(`${event.module}#${event.name}`);
      assert.ok(declaration, `${event.name} is not declared in the manifest's module ${event.module}`);
      const detail = declaration.members?.find((m) => m.name === 'detail');
      assert.equal(squash(detail?.type?.text ?? ''), event.detail, `${event.name}.detail`);
    }
    for (const [tag] of listed) {
      assert.ok(events.some((e) => e.tag === tag), `an element lists ${tag}, which no event class has`);
    }
  });

  test('lists for each element the events its module constructs', () => {
    const byClass = new Map(events.map((e) => [e.name, e]));
    for (const [path, text] of files) {
      const own = elements.filter((e) => e.module === path);
      if (own.length === 0) continue;
      const listed = new Set(own.flatMap((e) => (e.events ?? []).map((event) => event.name)));
      for (const [, name] of text.matchAll(/new (Cx\w+Event)\(/g)) {
        const event = byClass.get(name);
        if (!event) continue;
        assert.ok(
          listed.has(event.tag),
          `${path} dispatches ${event.tag} but no @event line of ${own.map((e) => `<${e.tagName}>`).join(', ')} says so`,
        );
      }
    }
  });

  test('documents every CSS custom property the elements read (--cx-*)', () => {
    const documented = new Set();
    for (const element of elements) {
      for (const property of element.cssProperties ?? []) {
        documented.add(property.name);
        // A family said in words: "`--cx-on-accent` its text".
        for (const [name] of (property.description ?? '').matchAll(/--cx-[a-z0-9-]+/g)) documented.add(name);
      }
    }
    for (const [path, text] of files) {
      for (const [, name] of text.matchAll(/var\((--cx-[a-z0-9-]+)/g)) {
        assert.ok(documented.has(name), `${path} reads ${name}: add an @cssproperty line to the element it styles`);
      }
    }
  });

  test('documents every part, slot, attribute and public property of each element', () => {
    for (const [path, text] of files) {
      const own = elements.filter((e) => e.module === path);
      if (own.length === 0) continue;
      const parts = new Set(own.flatMap((e) => (e.cssParts ?? []).map((p) => p.name)));
      for (const [, value] of text.matchAll(/\bpart="([^"$]+)"/g)) {
        for (const part of value.split(/\s+/)) {
          assert.ok(parts.has(part), `${path} renders part "${part}": add an @csspart line`);
        }
      }
      const slots = new Set(own.flatMap((e) => (e.slots ?? []).map((slot) => slot.name)));
      for (const [, name] of text.matchAll(/<slot(?:\s+name="([^"]*)")?/g)) {
        assert.ok(slots.has(name ?? ''), `${path} renders the ${name ? `slot "${name}"` : 'default slot'}: add an @slot line`);
      }
      for (const element of own) {
        for (const attribute of element.attributes ?? []) {
          if (attribute.inheritedFrom || attribute.name === 'lang') continue;
          assert.ok(attribute.description, `<${element.tagName}>'s attribute ${attribute.name} has no description`);
        }
        for (const member of element.members ?? []) {
          if (member.kind !== 'field' || member.static || member.inheritedFrom) continue;
          if ((member.privacy ?? 'public') !== 'public') continue;
          const attribute = element.attributes?.find((a) => a.fieldName === member.name);
          assert.ok(
            member.description || attribute?.description,
            `<${element.tagName}>'s property ${member.name} has no JSDoc comment`,
          );
        }
      }
    }
  });
});
