// Puts the loopback Kamailio at the disposal of browser tests run by
// @web/test-runner: a virtual module with its address and accounts, server
// commands to crash, restart and read it, and its log when a test fails.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { startSipServer } from './kamailio.mjs';

export const SIP_ENV_PATH = '/__cx/sip-env.js';

/**
 * @typedef {object} SipServerPluginOptions
 * @property {boolean} [eager] start in serverStart instead of on first use
 * @property {string} [logFile] where the Kamailio log is written when the runner stops
 * @property {number} [tailLines] lines of log printed when a test failed
 * @property {import('./kamailio.mjs').SipServerOptions} [server]
 */

/**
 * Returns `{ plugin, reporter }`: add the plugin to `plugins` and the reporter
 * after the default reporter in `reporters`.
 *
 * Browser side:
 * ```js
 * import env from '/__cx/sip-env.js'; // { wsUrl, domain, udpPort, users }
 * import { executeServerCommand } from '@web/test-runner-commands';
 * await executeServerCommand('sip-server:kill');    // SIGKILL, as a crash
 * await executeServerCommand('sip-server:restart'); // same ports, same accounts
 * const log = await executeServerCommand('sip-server:log');
 * const contacts = await executeServerCommand('sip-server:contacts', { aor }); // registered contacts
 * await executeServerCommand('sip-server:freeze-page', { url, ms: 4000, restart: true }); // a tab frozen, the server restarted meanwhile
 * ```
 *
 * @param {SipServerPluginOptions} [options]
 */
export function sipServer(options = {}) {
  const logFile = resolve(options.logFile ?? '.cache/sip-server.log');
  const tailLines = options.tailLines ?? 80;
  /** @type {Promise<import('./kamailio.mjs').SipServer> | undefined} */
  let starting;
  /** @type {import('./kamailio.mjs').SipServer | undefined} */
  let server;
  let failed = false;

  const ensure = () => {
    starting ??= startSipServer(options.server).then((started) => {
      server = started;
      return started;
    });
    return starting;
  };

  const writeLog = () => {
    if (!server) return;
    mkdirSync(dirname(logFile), { recursive: true });
    writeFileSync(logFile, server.log());
  };

  /** Where the part of the log written during the current test file starts. */
  let fileStart = 0;

  const where = () => relative(process.cwd(), logFile) || logFile;

  const tail = (text) => text.split('\n').slice(-tailLines - 1).join('\n');

  /** @type {import('@web/test-runner').TestRunnerPlugin} */
  const plugin = {
    name: 'cx-sip-server',
    async serverStart() {
      if (options.eager) await ensure();
    },
    async serverStop() {
      if (!server) return;
      writeLog();
      await server.stop();
    },
    async serve(context) {
      if (context.path !== SIP_ENV_PATH) return undefined;
      const { wsUrl, domain, udpPort, users } = await ensure();
      const env = JSON.stringify({ wsUrl, domain, udpPort, users }, null, 2);
      return {
        type: 'js',
        headers: { 'cache-control': 'no-store' },
        body:
          `const env = ${env};\nexport default env;\n` +
          'export const { wsUrl, domain, udpPort, users } = env;\n',
      };
    },
    async executeCommand({ command, payload, session }) {
      if (!command.startsWith('sip-server:')) return undefined;
      const sip = await ensure();
      switch (command) {
        case 'sip-server:kill':
          await sip.kill();
          return true;
        case 'sip-server:restart':
          await sip.restart();
          return true;
        case 'sip-server:log':
          return sip.log();
        case 'sip-server:contacts':
          return sip.contacts(String(payload?.aor ?? ''));
        case 'sip-server:freeze-page': {
          // A page of the test's browser whose URL contains `url` (a tab the
          // test opened) frozen as Chrome freezes a background tab (its tasks
          // stop; timers and socket events wait), for `ms`; with `restart`,
          // Kamailio restarts meanwhile, so the page wakes with a dead
          // connection and a registration the server forgot.
          const pages = await session.browser.getPage(session.id).browser().pages();
          const page = pages.find((p) => p.url().includes(String(payload?.url ?? '\0')));
          if (!page) throw new Error(`sip-server:freeze-page: no page at ${payload?.url}`);
          const cdp = await page.createCDPSession();
          try {
            await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
            const started = Date.now();
            if (payload?.restart) await sip.restart();
            await new Promise((r) => setTimeout(r, Math.max(0, Number(payload?.ms ?? 3000) - (Date.now() - started))));
            await cdp.send('Page.setWebLifecycleState', { state: 'active' });
          } finally {
            await cdp.detach().catch(() => undefined);
          }
          return true;
        }
        default:
          throw new Error(
            `unknown command ${command} (known: sip-server:kill, sip-server:restart, sip-server:log, sip-server:contacts, sip-server:freeze-page)`,
          );
      }
    },
  };

  /** @type {import('@web/test-runner').Reporter} */
  const reporter = {
    reportTestFileResults({ logger, sessionsForTestFile, testFile }) {
      if (!server) return;
      const log = server.log();
      const section = log.slice(Math.min(fileStart, log.length));
      fileStart = log.length;
      if (sessionsForTestFile.every((session) => session.passed)) return;
      failed = true;
      logger.log(
        `\n----- Kamailio log while ${relative(process.cwd(), testFile)} ran (last ${tailLines} lines; whole log: ${where()}) -----\n` +
          `${tail(section)}\n----- end of Kamailio log -----\n`,
      );
    },
    stop({ sessions }) {
      if (!server) return;
      writeLog();
      if (failed || sessions.some((session) => !session.passed)) {
        console.error(`Kamailio log of this run: ${where()}`);
      }
    },
  };

  return { plugin, reporter };
}
