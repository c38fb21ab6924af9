import { isCxError } from '../index.js';
import type { FeatureContext } from '../features/feature.js';
import type { PlatformClient } from './platform-client.js';

/**
 * Saves an agent's settings on the platform as well as in the browser. The
 * endpoint is optional (DESIGN section 7): a platform that answers 404 does
 * not keep them, so they are not sent again; another failure is logged and
 * the next change tries again. It never throws: the settings are already
 * saved in this browser when it is called.
 *
 *   const keep = keptOnPlatform(context, 'notification settings', 'PUT /me/notifications',
 *     (client, settings) => client.setNotifications(settings));
 *   await keep(next);
 */
export function keptOnPlatform<T>(
  context: Pick<FeatureContext, 'options' | 'logger' | 'platform'>,
  what: string,
  route: string,
  put: (client: PlatformClient, settings: T) => Promise<unknown>,
): (settings: T) => Promise<void> {
  let keeps = context.options.platform !== undefined;
  return async (settings) => {
    if (!keeps) return;
    try {
      await put((await context.platform()).client, settings);
    } catch (error) {
      if (isCxError(error) && error.statusCode === 404) {
        keeps = false;
        context.logger.info(`The platform does not keep ${what} (${route}: 404): they stay in this browser`);
      } else {
        context.logger.warn(`The ${what} could not be saved on the platform (they are saved in this browser)`, error);
      }
    }
  };
}
