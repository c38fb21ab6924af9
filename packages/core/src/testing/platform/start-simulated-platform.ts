import { interceptInPage } from '../page-network.js';
import { createSimulatedPlatform, type SimulatedPlatform, type SimulatedPlatformOptions } from './simulated-platform.js';


/** A simulated platform that answers the page's `fetch` calls; `stop()` ends the interception. */
export type StartedSimulatedPlatform = SimulatedPlatform & {
  /** Closes the event streams and stops intercepting `fetch`. */
  stop(): Promise<void>;
};

/**
 * Creates a simulated platform and intercepts `fetch` for it, in the page or
 * in Node (msw's interceptors, no service worker). Requests to any other
 * address reach the real network. It works beside the simulated contact
 * center's WebSocket interception.
 *
 * @example
 * ```js
 * const platform = await startSimulatedPlatform();
 * const phone = createPhone({ sip, platform: { baseUrl: platform.baseUrl, token: platform.token } });
 * // ...
 * await platform.stop();
 * ```
 */
export async function startSimulatedPlatform(options: SimulatedPlatformOptions = {}): Promise<StartedSimulatedPlatform> {
  const platform = createSimulatedPlatform(options);
  const network = await interceptInPage(platform.handlers);
  let stopped = false;
  return Object.assign(platform, {
    async stop(): Promise<void> {
      if (stopped) return;
      stopped = true;
      platform.dispose();
      await network.disable();
    },
  });
}
