// Starts Kamailio on loopback as the SIP server of the end-to-end tests:
// WebSocket (for sip.js in Chromium) and UDP (for SIPp) on free ports.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { buildKamailioConfig } from './kamailio-config.mjs';

/**
 * @typedef {{ user: string, password: string, aor: string }} SipUser
 *
 * @typedef {object} SipServer
 * @property {string} wsUrl `ws://127.0.0.1:<port>`, the WebSocket transport
 * @property {number} wsPort
 * @property {number} udpPort
 * @property {string} host address both transports listen on
 * @property {string} domain SIP domain of the users (`sip:1001@<domain>`)
 * @property {SipUser[]} users agents 1001..1010 and customers 2001..2010
 * @property {string} configPath the generated kamailio.cfg
 * @property {() => string} log everything Kamailio printed, across restarts
 * @property {(lines?: number) => string} logTail the last lines of the log
 * @property {() => boolean} running
 * @property {() => Promise<void>} kill SIGKILL, as a crash would
 * @property {() => Promise<void>} restart start again on the same ports and config
 * @property {(aor: string) => Promise<string[]>} contacts the contacts registered for an AOR now (its location entries, read with kamcmd)
 * @property {() => Promise<void>} stop graceful stop; removes the run directory
 *
 * @typedef {object} SipServerOptions
 * @property {string} [domain] default 'cx.test'
 * @property {string} [host] default '127.0.0.1'
 * @property {number} [wsPort] default: a free port
 * @property {number} [udpPort] default: a free port
 * @property {string[]} [agents] default 1001..1010
 * @property {string[]} [customers] default 2001..2010
 * @property {string} [kamailio] executable, default: see findKamailio()
 * @property {string} [modulesDir] default: Kamailio's compiled-in module path
 * @property {number} [debug] Kamailio log level, default 2
 * @property {number} [startTimeoutMs] default 10000
 */

const MAX_LOG_CHARS = 4_000_000;
const live = new Set();

process.once('exit', () => {
  for (const child of live) killGroup(child, 'SIGKILL');
});

/**
 * The Kamailio executable: $KAMAILIO, else `kamailio` on PATH or in the sbin
 * directories that PATH often lacks for non-root users.
 *
 * @returns {string | undefined}
 */
export function findKamailio() {
  if (process.env.KAMAILIO) return process.env.KAMAILIO;
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = join(dir, 'kamailio');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** @param {number} from @param {number} count */
function range(from, count) {
  return Array.from({ length: count }, (_, i) => String(from + i));
}

function password() {
  return randomBytes(12).toString('base64url');
}

/** @param {string} host */
function freeTcpPort(host) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** @param {string} host @param {number[]} avoid */
async function freeUdpPort(host, avoid) {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const port = await new Promise((resolve, reject) => {
      const socket = dgram.createSocket('udp4');
      socket.once('error', reject);
      socket.bind(0, host, () => {
        const { port } = socket.address();
        socket.close(() => resolve(port));
      });
    });
    if (!avoid.includes(port)) return port;
  }
  throw new Error('sip-server: no free UDP port found');
}

/** @param {import('node:child_process').ChildProcess} child @param {NodeJS.Signals} signal */
function killGroup(child, signal) {
  if (child.pid === undefined) return;
  try {
    // Kamailio forks workers that keep the sockets open: signal the whole group.
    process.kill(-child.pid, signal);
  } catch {
    // the group is gone already
  }
}

/** @param {string} host @param {number} port */
function canConnect(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(500, () => done(false));
  });
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts Kamailio with a generated configuration and resolves once its
 * WebSocket port accepts connections.
 *
 * @param {SipServerOptions} [options]
 * @returns {Promise<SipServer>}
 */
export async function startSipServer(options = {}) {
  const host = options.host ?? '127.0.0.1';
  const domain = options.domain ?? 'cx.test';
  const executable = options.kamailio ?? findKamailio() ?? 'kamailio';
  const startTimeoutMs = options.startTimeoutMs ?? 10_000;
  const wsPort = options.wsPort ?? (await freeTcpPort(host));
  const udpPort = options.udpPort ?? (await freeUdpPort(host, [wsPort]));
  const names = [...(options.agents ?? range(1001, 10)), ...(options.customers ?? range(2001, 10))];
  const users = names.map((user) => ({ user, password: password(), aor: `sip:${user}@${domain}` }));

  const runDir = mkdtempSync(join(tmpdir(), 'cx-kamailio-'));
  const configPath = join(runDir, 'kamailio.cfg');
  const pidFile = join(runDir, 'kamailio.pid');
  writeFileSync(
    configPath,
    buildKamailioConfig({
      host,
      wsPort,
      udpPort,
      domain,
      users,
      secret: randomBytes(16).toString('hex'),
      debug: options.debug ?? 2,
      modulesDir: options.modulesDir,
      runDir,
    }),
  );

  let logText = '';
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let child;
  /** @type {Promise<void> | undefined} */
  let exited;
  let removed = false;

  const append = (text) => {
    logText += text;
    if (logText.length > MAX_LOG_CHARS) logText = logText.slice(-MAX_LOG_CHARS / 2);
  };
  const logTail = (lines = 60) => logText.split('\n').slice(-lines - 1).join('\n');

  async function launch() {
    if (removed) throw new Error('sip-server: stopped, cannot start again');
    append(`--- ${new Date().toISOString()} starting ${executable} -f ${configPath}\n`);
    const proc = spawn(executable, ['-f', configPath, '-DD', '-E', '-Y', runDir, '-P', pidFile], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    live.add(proc);
    proc.stdout.setEncoding('utf8').on('data', append);
    proc.stderr.setEncoding('utf8').on('data', append);
    let spawnError;
    exited = new Promise((resolve) => {
      proc.once('error', (error) => {
        spawnError = error;
        live.delete(proc);
        resolve();
      });
      proc.once('exit', (code, signal) => {
        live.delete(proc);
        append(`--- kamailio exited (${signal ?? `code ${code}`})\n`);
        resolve();
      });
    });
    // Kamailio must not keep the test process alive; the exit hook kills it.
    proc.unref();
    proc.stdout.unref?.();
    proc.stderr.unref?.();

    const deadline = Date.now() + startTimeoutMs;
    for (;;) {
      if (spawnError) {
        const hint =
          spawnError.code === 'ENOENT'
            ? ` (not on PATH; install it: sudo apt-get install -y --no-install-recommends kamailio kamailio-websocket-modules)`
            : '';
        throw new Error(`sip-server: cannot run ${executable}${hint}: ${spawnError.message}`);
      }
      if (proc.exitCode !== null || proc.signalCode !== null) {
        throw new Error(`sip-server: kamailio exited during start-up. Log tail:\n${logTail(40)}`);
      }
      if (await canConnect(host, wsPort)) return;
      if (Date.now() > deadline) {
        killGroup(proc, 'SIGKILL');
        throw new Error(
          `sip-server: kamailio did not accept connections on ${host}:${wsPort} within ${startTimeoutMs} ms. Log tail:\n${logTail(40)}`,
        );
      }
      await delay(25);
    }
  }

  async function terminate(signal, graceMs) {
    const proc = child;
    if (!proc) return;
    killGroup(proc, signal);
    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(resolve, graceMs, 'timeout');
    });
    const outcome = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      killGroup(proc, 'SIGKILL');
      await exited;
    }
    // Give the workers of the group a moment to release the sockets.
    for (let i = 0; i < 40 && (await canConnect(host, wsPort)); i += 1) await delay(25);
  }

  await launch().catch((error) => {
    rmSync(runDir, { recursive: true, force: true });
    throw error;
  });

  return {
    wsUrl: `ws://${host}:${wsPort}`,
    wsPort,
    udpPort,
    host,
    domain,
    users,
    configPath,
    log: () => logText,
    logTail,
    running: () => child !== undefined && child.exitCode === null && child.signalCode === null,
    async kill() {
      await terminate('SIGKILL', 2000);
    },
    async restart() {
      await terminate('SIGTERM', 3000);
      await launch();
    },
    async contacts(aor) {
      const kamcmd = join(dirname(executable), 'kamcmd');
      const output = await new Promise((resolve, reject) => {
        execFile(kamcmd, ['-s', `unix:${join(runDir, 'kamailio_ctl')}`, 'ul.dump'], (error, stdout, stderr) => {
          if (error) reject(new Error(`kamcmd ul.dump failed: ${stderr || error.message}`));
          else resolve(String(stdout));
        });
      });
      // One "AoR:" block per address of record (its user alone, without use_domain).
      const user = aor.replace(/^sips?:/i, '').split('@')[0].toLowerCase();
      return output
        .split(/\bAoR:\s*/)
        .slice(1)
        .filter((block) => {
          const name = block.split(/\s/)[0].toLowerCase().replace(/^sips?:/, '');
          return name === user || name === aor.toLowerCase().replace(/^sips?:/, '');
        })
        .flatMap((block) => [...block.matchAll(/Address:\s*(\S+)/g)].map((m) => m[1]));
    },
    async stop() {
      if (removed) return;
      await terminate('SIGTERM', 3000);
      removed = true;
      rmSync(runDir, { recursive: true, force: true });
    },
  };
}
