// The build's transform of sip.js's SIP grammar (@cx/core/sip-grammar-once):
// the rule table is decoded at the first parse only, and every parse gives
// what sip.js's own module gives, as shipped and as the test runner's esbuild
// reformats it.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { transform } from 'esbuild';
import { decodeGrammarOnce, GRAMMAR_MODULE } from '../../build/sip-grammar-once.mjs';

type Parse = (input: string, options: { startRule: string; data?: unknown }) => void;

const grammarPath = join(dirname(createRequire(import.meta.url).resolve('sip.js')), 'grammar', 'pegjs', 'dist', 'grammar.js');
const shipped = readFileSync(grammarPath, 'utf8');
const folder = mkdtempSync(join(tmpdir(), 'cx-grammar-'));
after(() => rmSync(folder, { recursive: true, force: true }));

let loaded = 0;
/** The module as a file of its own: its imports point at sip.js's, and each decoded rule is counted. */
async function load(code: string): Promise<{ parse: Parse; decoded: () => number }> {
  const counter = `__cxDecoded${++loaded}`;
  const counted = code
    .replace(/from ["'](\.\.?\/[^"']+)["']/g, (_, path: string) => `from ${JSON.stringify(pathToFileURL(join(dirname(grammarPath), path)).href)}`)
    .replace(/function peg\$decode\(s\) \{/, `function peg$decode(s) { globalThis.${counter} = (globalThis.${counter} ?? 0) + 1;`);
  assert.notEqual(counted, code, 'the module was rewritten for the test');
  const file = join(folder, `grammar-${loaded}.mjs`);
  writeFileSync(file, counted);
  const module = (await import(pathToFileURL(file).href)) as { parse: Parse };
  return { parse: module.parse, decoded: () => ((globalThis as Record<string, unknown>)[counter] as number | undefined) ?? 0 };
}

/** What sip.js's `Grammar.parse` returns: the parse's data, or -1. */
function parsed(parse: Parse, input: string, startRule: string): string {
  const options: { startRule: string; data?: unknown } = { startRule };
  try {
    parse(input, options);
  } catch {
    options.data = -1;
  }
  return JSON.stringify(options.data);
}

const HEADERS: readonly [string, string][] = [
  ['"Ada Lovelace" <sip:+33612345678@cx.test;user=phone>;tag=a1b2', 'From'],
  ['<sip:1001@cx.test>', 'To'],
  ['SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK776asdhds;rport', 'Via'],
  ['<sip:abc@abc.invalid;transport=ws>;expires=600, "Desk" <sip:1001@10.0.0.2:5060>;q=0.5', 'Contact'],
  ['314159 INVITE', 'CSeq'],
  ['a84b4c76e66710@pc33.cx.test', 'Call_ID'],
  ['<sip:1003@cx.test?Replaces=abc%40host%3Bto-tag%3D1%3Bfrom-tag%3D2>', 'Refer_To'],
  ['abc@host;to-tag=1;from-tag=2;early-only', 'Replaces'],
  ['Digest realm="cx.test", nonce="ea9c8e88df84f1cec4341ae6cbe5a359", algorithm=MD5, qop="auth"', 'WWW_Authenticate'],
  ['application/sdp', 'Content_Type'],
  ['70', 'Max_Forwards'],
  ['"<script>alert(1)</script>" <sip:evil@cx.test>;tag=x', 'From'],
  ['not a header <<', 'From'],
  ['', 'Via'],
  ['SIP/2.0 200 OK', 'sipfrag'],
];

describe('sip.js grammar, decoded once', () => {
  it('finds the grammar module by path, whatever the separator', () => {
    assert.ok(GRAMMAR_MODULE.test(grammarPath));
    assert.ok(GRAMMAR_MODULE.test('/__wds-outside-root__/1/node_modules/sip.js/lib/grammar/pegjs/dist/grammar.js'));
    assert.ok(!GRAMMAR_MODULE.test('/node_modules/sip.js/lib/grammar/grammar.js'));
  });

  it('parses every header as sip.js does, decoding its rules at the first parse only', async () => {
    const original = await load(shipped);
    const once = await load(decodeGrammarOnce(shipped));
    assert.equal(decodeGrammarOnce(shipped).split('\n').length, shipped.split('\n').length, 'same lines: the source map holds');
    for (const [input, rule] of HEADERS) assert.equal(parsed(once.parse, input, rule), parsed(original.parse, input, rule), `${rule}: ${input}`);
    const rules = original.decoded() / HEADERS.length;
    assert.ok(rules > 100, `sip.js decodes its whole table (${rules} rules) at each parse`);
    assert.equal(once.decoded(), rules, 'decoded once, at the first parse');
  });

  it('also transforms the module as esbuild reformats it (the test runner serves it so)', async () => {
    const { code } = await transform(shipped, { format: 'esm', target: 'es2022', loader: 'js' });
    assert.notEqual(code, shipped);
    const once = await load(decodeGrammarOnce(code));
    const original = await load(shipped);
    for (const [input, rule] of HEADERS) assert.equal(parsed(once.parse, input, rule), parsed(original.parse, input, rule), `${rule}: ${input}`);
    assert.ok(once.decoded() > 100 && once.decoded() < original.decoded());
  });

  it('fails the build when sip.js generates the module differently', () => {
    assert.throws(() => decodeGrammarOnce('export function parse() {}'), /sip\.js's grammar changed/);
    assert.throws(() => decodeGrammarOnce(shipped.replace('const peg$bytecode = [', 'const peg$bytecode = new Array(')), /sip\.js's grammar changed/);
    assert.throws(() => decodeGrammarOnce(`${shipped}\n${shipped}`), /sip\.js's grammar changed/);
  });
});
