import type { Call } from '../call/call.js';
import type { Feature } from '../features/feature.js';
import { isCxError } from '../index.js';
import type { UnansweredHistory, UnansweredSettings } from '../rules/unanswered.js';
import { unansweredCallOf, unansweredNotices } from './unanswered-messages.js';
import { loadUnansweredSettings, mergeUnansweredSettings, saveUnansweredSettings } from './unanswered-settings.js';

export interface UnansweredApi {
  /** A call of this phone ended unanswered (`call:missed`): evaluate it, emit and deliver its messages. */
  missed(call: Call): Promise<void>;
}

/**
 * Unanswered-call notifications (docs/unanswered-calls.md), loaded with the
 * first missed call. Settings: this agent's in localStorage (one key per
 * AOR), then the platform's (`GET /me/unanswered`; a 404 keeps the local
 * ones). For each message it emits `unanswered:notify` (call, notice) and,
 * with a platform, posts it (`POST /notifications`): the platform sends it.
 * The repeat rules look at the calls this page missed.
 */
export const unansweredFeature: Feature<UnansweredApi> = {
  name: 'unanswered',
  install(context) {
    const { options, logger } = context;
    const aor = options.sip.aor;
    const storage = (): Storage | undefined => {
      try {
        return globalThis.localStorage;
      } catch {
        return undefined;
      }
    };
    const earlier: { number: string; at: number }[] = [];
    let settings: Promise<UnansweredSettings> | undefined;

    const load = (): Promise<UnansweredSettings> => {
      const local = loadUnansweredSettings(storage(), aor);
      if (!options.platform) return Promise.resolve(local);
      return context
        .platform()
        .then((platform) => platform.client.unansweredSettings())
        .then(
          (remote) => {
            const merged = mergeUnansweredSettings(local, remote);
            saveUnansweredSettings(storage(), aor, merged);
            return merged;
          },
          (error: unknown) => {
            if (!isCxError(error) || error.statusCode !== 404) logger.warn('The unanswered-call settings could not be read from the platform', error);
            return local;
          },
        );
    };

    return {
      api: {
        async missed(call) {
          const facts = unansweredCallOf(call.snapshot);
          const history: UnansweredHistory = { earlier: [...earlier], loggedIn: true };
          earlier.push({ number: facts.number, at: Number(facts.at) });
          const chosen = await (settings ??= load());
          // Without the caller's address the email comes from the agent's own: it reaches them and replies stay inside.
          const { verdict, notices } = unansweredNotices(facts, chosen, history, chosen.email.to);
          if (!verdict.notify) logger.debug(`Unanswered call ${call.id}: no notification (${verdict.exception ?? 'exception'})`);
          for (const notice of notices) {
            context.emit('unanswered:notify', call, notice);
            if (!options.platform) continue;
            void context
              .platform()
              .then((platform) => platform.client.sendNotification({ ...notice, callId: call.id }))
              .catch((error: unknown) => logger.warn(`The ${notice.channel} of unanswered call ${call.id} could not be handed to the platform`, error));
          }
        },
      },
      dispose() {
        earlier.length = 0;
      },
    };
  },
};
