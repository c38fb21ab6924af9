#!/usr/bin/env node
// Generates packages/core/src/platform/generated/platform-api.ts from
// docs/platform-api.yaml with openapi-typescript.
//
//   node scripts/platform/generate-types.mjs          write the file
//   node scripts/platform/generate-types.mjs --check  exit 1 if it is out of date
//
// openapi-typescript 6.x is used on purpose: 7.x builds its output with the
// TypeScript 5 compiler API, which this project (on TypeScript 7) does not
// have; 6.x generates from templates and needs no compiler.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS from 'openapi-typescript';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../..', import.meta.url));
const source = `${root}docs/platform-api.yaml`;
const target = `${root}packages/core/src/platform/generated/platform-api.ts`;

const HEADER = `// Generated from docs/platform-api.yaml by scripts/platform/generate-types.mjs
// (openapi-typescript). Do not edit: change the YAML and run
// \`node scripts/platform/generate-types.mjs\`.
/* eslint-disable */

`;

/** The generated module's text, from the YAML on disk. */
export async function generate() {
  const document = parse(await readFile(source, 'utf8'));
  const body = await openapiTS(document, { alphabetize: false, exportType: false });
  // The library's own banner is replaced by ours (it names the generator only).
  const text = body.replace(/^\/\*\*[\s\S]*?\*\/\s*/, '');
  return HEADER + text.trimEnd() + '\n';
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const check = process.argv.includes('--check');
  const fresh = await generate();
  const name = relative(root, target);
  if (check) {
    const current = await readFile(target, 'utf8').catch(() => undefined);
    if (current !== fresh) {
      process.stderr.write(
        `${name} is out of date with docs/platform-api.yaml.\n` +
          `Run: node scripts/platform/generate-types.mjs\n`,
      );
      process.exit(1);
    }
    process.stdout.write(`${name} is up to date.\n`);
  } else {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, fresh);
    process.stdout.write(`wrote ${name}\n`);
  }
}
