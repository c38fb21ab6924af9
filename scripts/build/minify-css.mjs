// Shrinks the CSS of Lit `css` templates in our own stylesheets (the
// *.styles.js modules tsc emitted): comments removed, white space collapsed.
// The rules are unchanged; what ships is smaller.

/** @param {string} css */
export function minifyCss(css) {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .trim();
}

/**
 * A rollup plugin: minifies `css\`...\`` literals of the elements, their
 * static text around `${name}` interpolations (other interpolations leave
 * the literal as it is).
 */
export function minifyLitCss() {
  return {
    name: 'cx-minify-lit-css',
    transform(code, id) {
      if (!/packages\/elements\/lib\/.*\.js$/.test(id)) return null;
      const out = code.replace(/css ?`((?:[^`$]|\$\{[A-Za-z_$][\w$]*\})*)`/g, (_all, body) => {
        const parts = body.split(/(\$\{[A-Za-z_$][\w$]*\})/);
        return `css\`${parts.map((part) => (part.startsWith('${') ? ` ${part} ` : minifyCss(part))).join('')}\``;
      });
      return out === code ? null : { code: out, map: null };
    },
  };
}
