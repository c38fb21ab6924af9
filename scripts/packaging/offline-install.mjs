// Packs the workspace packages and installs the tarballs into an empty
// project with no network: what a developer gets from `npm install
// @cx/core @cx/elements`, minus the registry.
//
// `npm install <tarball> --offline` cannot resolve the tarballs' dependencies
// from the cache alone (`npm ci` caches package tarballs, not the registry's
// version lists), so the empty project gets a lockfile: the tarballs, and the
// entries of the repository's own lockfile that they need (the same versions
// the tests run with). `npm ci --offline` then takes everything from the cache
// and fails if anything is missing.
import { execFile } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const exec = promisify(execFile);
export const root = fileURLToPath(new URL('../../', import.meta.url));
export const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The published packages: workspace folder, name. */
export const PACKAGES = [
  { dir: 'packages/core', name: '@cx/core' },
  { dir: 'packages/elements', name: '@cx/elements' },
];

/**
 * `npm pack` of each package into `destination`, from a copy of the package
 * taken first (a build started meanwhile empties dist/ while it runs).
 * @returns {Promise<Array<{ name: string, dir: string, copy: string, tarball: string, files: string[], integrity: string }>>}
 */
export async function packAll(destination) {
  const copies = PACKAGES.map((p) => {
    const copy = join(destination, 'src', p.dir);
    cpSync(join(root, p.dir), copy, { recursive: true, filter: (from) => !/[\\/]node_modules$/.test(from) });
    return copy;
  });
  const { stdout } = await exec(npm, ['pack', ...copies, '--json', '--pack-destination', destination], {
    cwd: destination,
    maxBuffer: 64 * 1024 * 1024,
  });
  const packed = JSON.parse(stdout);
  return PACKAGES.map((p, i) => {
    const info = packed.find((entry) => entry.name === p.name);
    if (!info) throw new Error(`npm pack did not pack ${p.name}`);
    return {
      ...p,
      copy: copies[i],
      tarball: join(destination, info.filename),
      files: info.files.map((f) => f.path),
      integrity: info.integrity,
    };
  });
}

/** The lockfile entry of `dep` as seen from the lockfile path `from` (nested first, then each parent). */
function resolveEntry(lock, from, dep) {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${dep}`;
    if (lock.packages[candidate]) return candidate;
    if (!base) return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
}

/**
 * A lockfile (v3) for an empty project that depends on `packed` only: the
 * tarballs, and the entries of the repository's lockfile they pull in.
 */
export function lockfileFor(packed) {
  const rootLock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const workspaceAt = new Map(PACKAGES.map((p) => [`node_modules/${p.name}`, p.dir]));
  const tarballOf = new Map(packed.map((p) => [p.name, p]));
  /** @type {Record<string, object>} */
  const packages = {
    '': { name: 'cx-packaging-check', dependencies: Object.fromEntries(packed.map((p) => [p.name, `file:${p.tarball}`])) },
  };
  const seen = new Set();
  const visit = (installedAt, sourceAt) => {
    if (seen.has(installedAt)) return;
    seen.add(installedAt);
    const source = rootLock.packages[sourceAt];
    const name = installedAt.slice(installedAt.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const own = tarballOf.get(name);
    const entry = { ...source };
    for (const flag of ['dev', 'devOptional', 'peer', 'link', 'extraneous']) delete entry[flag];
    if (own) {
      Object.assign(entry, { resolved: `file:${own.tarball}`, integrity: own.integrity });
      delete entry.name;
      delete entry.devDependencies;
    }
    packages[installedAt] = entry;
    const optionalPeers = Object.keys(source.peerDependenciesMeta ?? {}).filter(
      (peer) => source.peerDependenciesMeta[peer].optional,
    );
    const deps = [
      ...Object.keys(source.dependencies ?? {}),
      ...Object.keys(source.optionalDependencies ?? {}),
      ...Object.keys(source.peerDependencies ?? {}).filter((peer) => !optionalPeers.includes(peer)),
    ];
    for (const dep of deps) {
      const found = resolveEntry(rootLock, sourceAt, dep);
      if (!found) {
        if (source.optionalDependencies?.[dep]) continue;
        throw new Error(`package-lock.json has no entry for ${dep} (needed by ${name})`);
      }
      // A workspace's own nested node_modules move under its installed folder.
      const target = found.startsWith(`${sourceAt}/`) ? `${installedAt}${found.slice(sourceAt.length)}` : found;
      const from = workspaceAt.get(found) ?? found;
      visit(target, from);
    }
  };
  for (const p of packed) visit(`node_modules/${p.name}`, p.dir);
  return { name: 'cx-packaging-check', lockfileVersion: 3, requires: true, packages };
}

/** Installs `packed` into the empty project `dir`, from the npm cache only. */
export async function installOffline(dir, packed) {
  const pkg = packagesJson(packed);
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  writeFileSync(join(dir, 'package-lock.json'), `${JSON.stringify(lockfileFor(packed), null, 2)}\n`);
  return exec(npm, ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], {
    cwd: dir,
    maxBuffer: 16 * 1024 * 1024,
  });
}

function packagesJson(packed) {
  return {
    name: 'cx-packaging-check',
    private: true,
    type: 'module',
    dependencies: Object.fromEntries(packed.map((p) => [p.name, `file:${p.tarball}`])),
  };
}
