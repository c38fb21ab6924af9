// The Custom Elements Manifest of @cx/elements (custom-elements.json), read
// from the JSDoc headers of the elements by @custom-elements-manifest/analyzer.
// `npm run build` writes it (scripts/build/custom-elements-manifest.mjs); run
// alone: `cd packages/elements && npx cem analyze`.
//
// Two things the analyzer's Lit support does not know about our elements, set
// right by the plugin below:
// - `static properties` entries with `state: true` are internal state, not
//   attributes;
// - events are `CxEvent` subclasses with a static `type` and a typed
//   `detail`: each event of an element gets its class as its type (also when
//   the analyzer only saw `dispatchEvent(new CxSomethingEvent(...))`), and
//   the class's `detail` field its detail type.

/** @typedef {{ name: string, tag: string, detail: string, module: string }} EventClass */

/** @type {Map<string, EventClass>} event classes by `module#class` (a run again in one process overwrites them) */
const eventClasses = new Map();
/** @type {Map<string, Set<string>>} Lit state (not attribute) names by `module#class` */
const stateProperties = new Map();

/** @param {import('typescript').Node} node */
function staticInitializer(ts, node, name) {
  const member = node.members.find(
    (m) =>
      ts.isPropertyDeclaration(m) &&
      m.name.getText() === name &&
      m.modifiers?.some((mod) => mod.kind === ts.SyntaxKind.StaticKeyword),
  );
  return member?.initializer;
}

function cxEvents() {
  return {
    name: 'cx-events-and-state',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const className = node.name.getText();
      const base = node.heritageClauses
        ?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)
        ?.types.find((type) => type.expression.getText() === 'CxEvent');
      const type = staticInitializer(ts, node, 'type');
      if (base && type && ts.isStringLiteral(type)) {
        const event = {
          name: className,
          tag: type.text,
          detail: base.typeArguments?.[0]?.getText() ?? 'unknown',
          module: moduleDoc.path,
        };
        eventClasses.set(`${moduleDoc.path}#${className}`, event);
      }
      const properties = staticInitializer(ts, node, 'properties');
      if (properties && ts.isObjectLiteralExpression(properties)) {
        const state = new Set();
        for (const property of properties.properties) {
          if (!ts.isPropertyAssignment(property) || !ts.isObjectLiteralExpression(property.initializer)) continue;
          const isState = property.initializer.properties.some(
            (option) =>
              ts.isPropertyAssignment(option) &&
              option.name.getText() === 'state' &&
              option.initializer.kind === ts.SyntaxKind.TrueKeyword,
          );
          if (isState) state.add(property.name.getText());
        }
        stateProperties.set(`${moduleDoc.path}#${className}`, state);
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      // The analyzer reads the files in no fixed order: sort, so that every build writes the same manifest.
      const byText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
      customElementsManifest.modules.sort((a, b) => byText(a.path, b.path));
      const all = [...eventClasses.values()].sort((a, b) => byText(a.module, b.module) || byText(a.name, b.name));
      const byClass = new Map(all.map((event) => [event.name, event]));
      /** The class of `tag` that `module` dispatches: its own if it declares one (two panels may share a tag). */
      const classOf = (tag, module) => {
        const candidates = all.filter((event) => event.tag === tag);
        return candidates.find((event) => event.module === module) ?? candidates[0];
      };
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          const event = byClass.get(declaration.name);
          if (event && event.module === module.path) {
            const detail = {
              kind: 'field',
              name: 'detail',
              type: { text: event.detail },
              readonly: true,
              description: 'What the event is about.',
            };
            declaration.members = [...(declaration.members ?? []).filter((m) => m.name !== 'detail'), detail];
          }
          const state = stateProperties.get(`${module.path}#${declaration.name}`);
          if (state && declaration.attributes) {
            declaration.attributes = declaration.attributes.filter((a) => !state.has(a.fieldName ?? a.name));
            for (const member of declaration.members ?? []) {
              if (state.has(member.name)) delete member.attribute;
            }
          }
          if (!declaration.events) continue;
          /** @type {Map<string, object>} */
          const events = new Map();
          for (const entry of declaration.events) {
            const tag = entry.name ?? byClass.get(entry.type?.text ?? '')?.tag;
            if (!tag) continue;
            const known = byClass.get(entry.type?.text ?? '') ?? classOf(tag, module.path);
            const merged = { ...events.get(tag), ...entry, name: tag };
            if (!merged.description && events.get(tag)?.description) merged.description = events.get(tag).description;
            if (known) {
              merged.type = {
                text: known.name,
                references: [{ name: known.name, package: '@cx/elements', module: known.module }],
              };
            }
            events.set(tag, merged);
          }
          declaration.events = [...events.values()];
        }
      }
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/testing/**', 'src/locales/**'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  quiet: true,
  plugins: [cxEvents()],
};
