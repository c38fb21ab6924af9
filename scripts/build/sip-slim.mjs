// The script-tag build leaves out of sip.js what the phone never uses, or
// gives it a smaller equivalent:
//
// - MD5: our own (packages/core/src/sip/md5.ts, 1 KB) in place of sip.js's
//   (6 KB). sip.js uses it only as `Md5.hashStr(text)` for digest
//   authentication; a unit test (md5.unit.test.ts) checks both give the same
//   digests, UTF-8 included.
// - SUBSCRIBE: `UserAgentCore.subscribe()` is the only user of sip.js's
//   SUBSCRIBE client and subscription dialogs (4 KB with them), and only its
//   `Subscriber` API calls it, which the phone does not use. In this build it
//   throws. (REFER's NOTIFYs travel in the call's own dialog, not there.)
// - The SIP grammar's error messages: the generated parser (peg.js) builds a
//   `SyntaxError` with a readable message ("Expected ... but ... found.") and
//   a `format()` for it (2 KB). Its only caller, sip.js's `Grammar.parse`,
//   catches every error and returns -1, so no message is ever read; the
//   parser's own module is not part of sip.js's exports. Here the error is
//   thrown without the message, and the parser no longer describes what it
//   expected at each failure (152 descriptions, 4 KB, read only to write
//   that message). The parse itself, its result and -1 on failure are
//   untouched.
import { fileURLToPath } from 'node:url';
import { GRAMMAR_MODULE } from '../../packages/core/build/sip-grammar-once.mjs';

const ourMd5 = fileURLToPath(new URL('../../packages/core/lib/sip/md5.js', import.meta.url));
const MD5 = '\0cx-sip-md5';
const NO_SUBSCRIBE = '\0cx-sip-no-subscribe';
const inSipJs = (importer, folder) => Boolean(importer) && new RegExp(`[\\\\/]sip\\.js[\\\\/]lib[\\\\/]core[\\\\/]${folder}[\\\\/]`).test(importer);

export function sipSlim() {
  return {
    name: 'cx-sip-slim',
    resolveId(source, importer) {
      if (source === './md5.js' && inSipJs(importer, 'messages')) return MD5;
      if (source === '../user-agents/subscribe-user-agent-client.js' && inSipJs(importer, 'user-agent-core')) return NO_SUBSCRIBE;
      return null;
    },
    load(id) {
      if (id === MD5) return `import { md5 } from ${JSON.stringify(ourMd5)};\nexport const Md5 = { hashStr: (text) => md5(text) };\n`;
      if (id === NO_SUBSCRIBE) {
        return 'export class SubscribeUserAgentClient {\n  constructor() {\n    throw new Error("SUBSCRIBE is not part of the cx-banner.js build of sip.js");\n  }\n}\n';
      }
      return null;
    },
    transform(code, id) {
      if (!GRAMMAR_MODULE.test(id)) return null;
      return { code: slimGrammar(code), map: null };
    },
  };
}

/** Replaces `what` (exactly once) in the grammar, or fails the build: a sip.js that generates it differently needs a look. */
function replaceOnce(code, what, by) {
  const at = code.indexOf(what);
  if (at < 0 || code.indexOf(what, at + 1) >= 0) throw new Error(`cx-sip-slim: sip.js's grammar changed (${JSON.stringify(what.slice(0, 40))}); check the slimming`);
  return code.slice(0, at) + by + code.slice(at + what.length);
}

/** The grammar without its error messages (see above). */
function slimGrammar(code) {
  const start = code.indexOf('function peg$padEnd(');
  const end = code.indexOf('function peg$parse(input, options) {');
  if (start < 0 || end < start || !/^export class SyntaxError extends Error \{$/m.test(code.slice(start, end))) {
    throw new Error("cx-sip-slim: sip.js's grammar changed (SyntaxError); check the slimming");
  }
  // Blank lines in place of what goes, so that the lines that stay keep their numbers (and the source map holds).
  const gone = code.slice(start, end).split('\n').length - 1;
  code = code.slice(0, start) + 'export class SyntaxError extends Error {}' + '\n'.repeat(gone) + code.slice(end);
  code = replaceOnce(code, 'new SyntaxError(SyntaxError.buildMessage(expected1, found), expected1, found, location1)', 'new SyntaxError()');
  code = replaceOnce(code, 'new SyntaxError(message, [], "", location1)', 'new SyntaxError(message)');
  // What was expected where a parse failed: kept only for the message, now gone. In the table of constants
  // each description becomes a hole (read as undefined), so every other constant keeps its index.
  const from = code.indexOf('const peg$consts = [');
  const to = code.indexOf('const peg$bytecode = [');
  if (from < 0 || to < from) throw new Error("cx-sip-slim: sip.js's grammar changed (peg$consts); check the slimming");
  let holes = 0;
  const consts = code.slice(from, to).replace(/^( +)peg\$(?:literal|class|any|other)Expectation\([^\n]*\)(,?)$/gm, (_, indent, comma) => {
    holes += 1;
    return indent + comma;
  });
  if (holes < 100 || /Expectation\(/.test(consts)) throw new Error("cx-sip-slim: sip.js's grammar changed (peg$consts); check the slimming");
  code = code.slice(0, from) + consts + code.slice(to);
  for (const kind of ['literal', 'class', 'any', 'end', 'other']) {
    const definition = new RegExp(`function peg\\$${kind}Expectation\\(([\\w, ]*)\\) \\{\\n +return \\{ type: "${kind}"[^\\n]*\\n +\\}`);
    if (!definition.test(code)) throw new Error(`cx-sip-slim: sip.js's grammar changed (peg$${kind}Expectation); check the slimming`);
    code = code.replace(definition, (_, params) => `function peg$${kind}Expectation(${params}) {\n        return undefined;\n    }`);
  }
  if (/SyntaxError\.|peg\$padEnd/.test(code)) throw new Error("cx-sip-slim: sip.js's grammar changed (SyntaxError); check the slimming");
  return code;
}
