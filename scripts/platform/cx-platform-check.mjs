#!/usr/bin/env node
// cx-platform-check: checks that a platform answers as docs/platform-api.yaml
// says. Exit 0 when every check passes, 1 when one fails, 2 on a usage error.
import { parseArgs } from 'node:util';
import { checkPlatform, formatResult } from './check-platform.mjs';

const usage = `Usage: cx-platform-check <baseUrl> [--token <token>] [--events-seconds <n>]

Calls every read-only request of the platform API at <baseUrl> and checks
each answer against the CX Banner platform contract (docs/platform-api.yaml).

  --token <token>        bearer token (or the CX_PLATFORM_TOKEN environment variable)
  --events-seconds <n>   how long to listen to GET /events (default 2)
  --help                 this text

Exit status: 0 all checks passed, 1 a check failed, 2 usage error.`;

function fail(message) {
  process.stderr.write(`cx-platform-check: ${message}\n\n${usage}\n`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      token: { type: 'string' },
      'events-seconds': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (error) {
  fail(error.message);
}
if (parsed.values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const [baseUrl, ...extra] = parsed.positionals;
if (!baseUrl) fail('the platform base URL is missing.');
if (extra.length > 0) fail(`unexpected argument ${JSON.stringify(extra[0])}.`);
let url;
try {
  url = new URL(baseUrl);
} catch {
  fail(`${JSON.stringify(baseUrl)} is not a URL.`);
}
if (url.protocol !== 'http:' && url.protocol !== 'https:') fail('the base URL must be http: or https:.');
const token = parsed.values.token ?? process.env.CX_PLATFORM_TOKEN;
if (!token) fail('no token: give --token <token> or set CX_PLATFORM_TOKEN.');
const seconds = Number(parsed.values['events-seconds'] ?? 2);
if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) fail('--events-seconds must be a number of seconds (0 < n <= 600).');

try {
  const { ok, results } = await checkPlatform(baseUrl, token, {
    eventsMs: seconds * 1000,
    onResult: (result) => process.stdout.write(`${formatResult(result)}\n`),
  });
  const failed = results.filter((r) => r.status === 'fail').length;
  process.stdout.write(ok ? `\nAll ${results.length} checks passed.\n` : `\n${failed} of ${results.length} checks failed.\n`);
  process.exit(ok ? 0 : 1);
} catch (error) {
  process.stderr.write(`cx-platform-check: ${error?.message ?? error}\n`);
  process.exit(1);
}
