import type { WritableAtom } from 'nanostores';
import type { Call } from '../call/call.js';
import type { Feature } from '../features/feature.js';
import { CxError, CxErrorCode, isCxError } from '../index.js';
import type { UnansweredHistory, UnansweredSettings } from '../rules/unanswered.js';
import { applyUnansweredChange, describeProblems, type UnansweredSettingsChange } from './unanswered-change.js';
import { unansweredCallOf, unansweredNotices } from './unanswered-messages.js';
import { keptOnPlatform } from '../platform/kept-on-platform.js';
import { UnansweredSettingsError } from './unanswered-settings-error.js';
import { loadUnansweredSettings, mergeUnansweredSettings, saveUnansweredSettings, unansweredStorageKey } from './unanswered-settings.js';

export interface UnansweredApi {
  /** Loads the agent's settings into `$settings` (once): this browser's, then the platform's. */
  start($settings: WritableAtom<UnansweredSettings | undefined>): void;
  /**
   * Changes the settings: checked (an `UnansweredSettingsError`, code
   * `invalid-options`, changes nothing), then saved for this AOR and on
   * the platform when it keeps them. Resolves to the whole new settings.
   */
  set(change: UnansweredSettingsChange): Promise<UnansweredSettings>;
  /** A call of this phone ended unanswered (`call:missed`): evaluate it with the settings in force, emit and deliver its messages. */
  missed(call: Call): Promise<void>;
}

/**
 * Unanswered-call notifications (docs/unanswered-calls.md), loaded when the
 * phone connects (for `$unansweredSettings`) or with the first missed call.
 * Settings: this agent's in localStorage (one key per AOR), then the
 * platform's (`GET /me/unanswered`; a 404 keeps the local ones); changed
 * with `set` (`PUT /me/unanswered`; a platform that answers 404 does not
 * keep them, they stay in the browser). For each message it emits
 * `unanswered:notify` (call, notice) and, with a platform, posts it
 * (`POST /notifications`): the platform sends it. The repeat rules look at
 * the calls this page missed.
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
    const key = unansweredStorageKey(aor);
    const earlier: { number: string; at: number }[] = [];
    const stops: (() => void)[] = [];
    let store: WritableAtom<UnansweredSettings | undefined> | undefined;
    /** The settings loaded (the platform asked); changes wait for it, so the platform's answer cannot undo one. */
    let loaded: Promise<void> | undefined;
    const keep = keptOnPlatform<UnansweredSettings>(context, 'unanswered-call settings', 'PUT /me/unanswered', (client, settings) =>
      client.setUnansweredSettings(settings),
    );

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

    const started = (): Promise<void> => {
      if (!store) throw new CxError(CxErrorCode.InvalidState, 'The unanswered-call settings are not started.');
      return (loaded ??= load().then((settings) => store?.set(settings)));
    };

    return {
      api: {
        start($settings) {
          if (store) return;
          store = $settings;
          store.set(loadUnansweredSettings(storage(), aor));
          void started();
          // The agent's other windows (or tabs with tabs: 'independent') changed them.
          const onStorage = (event: StorageEvent): void => {
            if (event.key === key) store?.set(loadUnansweredSettings(storage(), aor));
          };
          globalThis.addEventListener?.('storage', onStorage);
          stops.push(() => globalThis.removeEventListener?.('storage', onStorage));
        },
        async set(change) {
          await started();
          // Set on start (this browser's), then by the platform's.
          const current = store!.get()!;
          const outcome = applyUnansweredChange(current, change);
          if ('problems' in outcome) throw new UnansweredSettingsError(`The unanswered-call settings were not changed: ${describeProblems(outcome.problems)}`, outcome.problems);
          const next = outcome.settings;
          store!.set(next);
          if (!saveUnansweredSettings(storage(), aor, next)) logger.warn('The unanswered-call settings could not be saved in this browser');
          await keep(next);
          return next;
        },
        async missed(call) {
          const facts = unansweredCallOf(call.snapshot);
          const history: UnansweredHistory = { earlier: [...earlier], loggedIn: true };
          earlier.push({ number: facts.number, at: Number(facts.at) });
          // The settings in force now: a change applies to the next missed call.
          let chosen: UnansweredSettings;
          if (store) {
            await started();
            chosen = store.get()!;
          } else chosen = await load();
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
        for (const stop of stops.splice(0)) stop();
        store = undefined;
      },
    };
  },
};
