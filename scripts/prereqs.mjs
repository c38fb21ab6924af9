// Checks what the three test tiers need before anything runs: Node 20+, the
// npm dependencies (installed here with `npm ci` when absent), Chromium, and
// Kamailio with its WebSocket module. Stops at once, naming what is missing.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findKamailio } from './sip-server/kamailio.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

export const APT_INSTALL =
  'sudo apt-get install -y --no-install-recommends chromium kamailio kamailio-websocket-modules sip-tester';

/** Packages whose presence shows that `npm ci` has run. */
const REQUIRED_MODULES = [
  '@web/test-runner',
  '@web/test-runner-chrome',
  '@web/test-runner-commands',
  '@web/dev-server-esbuild',
  'esbuild',
  'typescript',
  'sip.js',
];

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function missingModules() {
  return REQUIRED_MODULES.filter((name) => !existsSync(join(root, 'node_modules', name, 'package.json')));
}

/** Kamailio's module directories: the compiled-in path (`kamailio -I`), then the usual ones. */
function kamailioModuleDirs(kamailio) {
  const dirs = [];
  const info = spawnSync(kamailio, ['-I'], { encoding: 'utf8', timeout: 2000 });
  const match = /Default paths to modules:\s*(.+)/.exec(`${info.stdout ?? ''}${info.stderr ?? ''}`);
  if (match) dirs.push(...match[1].trim().split(':'));
  for (const lib of ['/usr/lib', '/usr/lib64', '/usr/local/lib', '/usr/local/lib64']) {
    dirs.push(join(lib, 'kamailio/modules'));
    try {
      for (const entry of readdirSync(lib)) {
        if (entry.endsWith('-linux-gnu')) dirs.push(join(lib, entry, 'kamailio/modules'));
      }
    } catch {
      // no such directory
    }
  }
  return [...new Set(dirs)];
}

/**
 * @param {{ install?: boolean, log?: (line: string) => void }} [options]
 * @returns {{ ok: boolean, problems: string[] }}
 */
export function checkPrereqs(options = {}) {
  const install = options.install ?? true;
  const log = options.log ?? ((line) => console.error(line));
  /** @type {string[]} */
  const problems = [];
  let needApt = false;

  const major = Number(process.versions.node.split('.')[0]);
  if (major < 20) {
    problems.push(`Node.js ${process.versions.node} is too old: Node 20 or newer is required (https://nodejs.org).`);
  }

  let absent = missingModules();
  if (absent.length > 0 && install && major >= 20) {
    log(`prereqs: npm dependencies missing (${absent.join(', ')}); running npm ci`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) problems.push(`npm ci failed (exit ${result.status ?? result.signal}); run it by hand in ${root}.`);
    absent = missingModules();
  }
  if (absent.length > 0 && problems.length === 0) {
    problems.push(`npm dependencies missing: ${absent.join(', ')}. Run: npm ci`);
  }

  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!executable(chromium)) {
    problems.push(
      process.env.CHROMIUM_PATH
        ? `Chromium not found at CHROMIUM_PATH=${chromium}.`
        : 'Chromium not found at /usr/bin/chromium (set CHROMIUM_PATH to use another one).',
    );
    if (!process.env.CHROMIUM_PATH) needApt = true;
  }

  const kamailio = findKamailio();
  if (!kamailio || !executable(kamailio)) {
    problems.push(
      process.env.KAMAILIO
        ? `kamailio not found at KAMAILIO=${process.env.KAMAILIO}.`
        : 'kamailio not found on PATH (nor in /usr/sbin): the e2e tier needs Kamailio 5.x.',
    );
    needApt = true;
  } else {
    const dirs = kamailioModuleDirs(kamailio);
    if (!dirs.some((dir) => existsSync(join(dir, 'websocket.so')))) {
      problems.push(
        `Kamailio's websocket.so module not found (looked in ${dirs.join(', ')}): package kamailio-websocket-modules.`,
      );
      needApt = true;
    }
  }

  if (problems.length > 0) {
    log('Cannot run the tests, missing:');
    for (const problem of problems) log(`  - ${problem}`);
    if (needApt) log(`Install the system packages with:\n  ${APT_INSTALL}`);
  }
  return { ok: problems.length === 0, problems };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { ok } = checkPrereqs();
  if (!ok) process.exit(1);
  console.log('prereqs: node, npm dependencies, Chromium and Kamailio (with websocket.so) are present');
}
