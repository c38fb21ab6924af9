// Loaded when the phone connects (or when the agent first changes a
// setting): what to play and show for an offer, a missed call, a transfer
// request and a call that ended.
import type { ReadableAtom, WritableAtom } from 'nanostores';
import { CxError, CxErrorCode, DESKTOP_TEXTS, type Call, type Me } from '../index.js';
import { keptOnPlatform } from '../platform/kept-on-platform.js';
import type { Feature } from '../features/feature.js';
import type { Ringer } from '../media/ringer.js';
import {
  kindOfEnd,
  kindsOfOffer,
  localDesktopText,
  mergeSettings,
  notificationStorageKey,
  playsSound,
  sameSettings,
  settingProblem,
  showsDesktop,
} from './notification-rules.js';
import type { NotificationKind, NotificationMode, NotificationSettings } from './notification-settings.js';
import { playSound, type Playing } from './sound-player.js';
import { SOUNDS } from './sounds.js';

/** Where the feature keeps the settings, and where the platform's come from. */
export interface NotificationSinks {
  readonly $settings: WritableAtom<NotificationSettings>;
  /** The agent's profile from the platform: its `notifications` win over the saved ones. */
  readonly $me: ReadableAtom<Me | undefined>;
}

export interface NotificationsApi {
  /** Loads the agent's settings and starts notifying (once). */
  start(sinks: NotificationSinks): void;
  /** Changes one setting: saved for this AOR, and on the platform when there is one. */
  set(kind: NotificationKind, mode: NotificationMode): Promise<void>;
}

/** An offer being notified: its desktop notification, and what stops watching it. */
interface Ringing {
  desktop: Notification | undefined;
  off: () => void;
}

/**
 * Notifications of the tab that holds the registration (the phone that is
 * connected): the ringtone while an offer rings (stopped the moment it
 * stops ringing), short sounds for the other kinds, all on the media
 * graph's ringer output; desktop notifications through the Web
 * Notifications API once the agent allowed them (the page asks, from a
 * click: docs/notifications.md). Clicking one focuses the page and emits
 * `notification:clicked` so the Banner brings the call forward.
 *
 * Settings: the `notifications` option, then what this agent saved in
 * localStorage (one key per AOR, shared by the agent's tabs), then the
 * platform's (`GET /me` `notifications`; saved with `PUT /me/notifications`).
 * A platform without that endpoint (404) leaves them in localStorage only.
 */
export const notificationsFeature: Feature<NotificationsApi> = {
  name: 'notifications',
  install(context) {
    const { logger, options } = context;
    const key = notificationStorageKey(options.sip.aor);
    const stops: (() => void)[] = [];
    const ringing = new Map<Call, Ringing>();
    /** Offers whose ringtone is wanted: it plays while there is one. */
    const ringtoneCalls = new Set<Call>();
    let ringtone: Playing | undefined;
    let ringer: Ringer | undefined;
    let store: WritableAtom<NotificationSettings> | undefined;
    const keep = keptOnPlatform<NotificationSettings>(context, 'notification settings', 'PUT /me/notifications', (client, settings) =>
      client.setNotifications(settings),
    );
    let toldNoPermission = false;

    const loadRinger = (): Promise<Ringer> => context.media.ringer().then((loaded) => (ringer = loaded));

    // ---- settings ----

    const saved = (): NotificationSettings => {
      try {
        return mergeSettings(options.notifications, globalThis.localStorage?.getItem(key) ?? undefined);
      } catch {
        return options.notifications;
      }
    };
    const save = (settings: NotificationSettings): void => {
      try {
        globalThis.localStorage?.setItem(key, JSON.stringify(settings));
      } catch (error) {
        logger.warn('The notification settings could not be saved in this browser', error);
      }
    };
    const apply = (settings: NotificationSettings): void => {
      if (!store || sameSettings(store.get(), settings)) return;
      store.set(settings);
      save(settings);
    };
    const settings = (): NotificationSettings => store?.get() ?? options.notifications;

    // ---- sound ----

    const syncRingtone = (): void => {
      if (ringtoneCalls.size === 0) {
        ringtone?.stop();
        ringtone = undefined;
      } else if (!ringtone && ringer) {
        ringtone = playSound(ringer, SOUNDS.ringing);
      } else if (!ringer) {
        loadRinger().then(syncRingtone, (error: unknown) => logger.warn('The ringer could not be loaded', error));
      }
    };
    const chime = (kind: NotificationKind): void => {
      loadRinger().then(
        (loaded) => void playSound(loaded, SOUNDS[kind]),
        (error: unknown) => logger.warn('The ringer could not be loaded', error),
      );
    };

    // ---- desktop ----

    const desktop = (kind: NotificationKind, call: Call, ringingNow: boolean): Notification | undefined => {
      const Desktop = globalThis.Notification;
      if (!Desktop || Desktop.permission !== 'granted') {
        if (!toldNoPermission) logger.info(`No desktop notification: the permission is ${Desktop ? Desktop.permission : 'unsupported'} (docs/notifications.md)`);
        toldNoPermission = true;
        return undefined;
      }
      const { title, body } = localDesktopText(kind, call.snapshot, (globalThis as Record<symbol, unknown>)[DESKTOP_TEXTS]);
      try {
        // Silent: the ringer plays our own sound, as the agent chose.
        const notification = new Desktop(title, { body, tag: `cx-${kind}-${call.id}`, requireInteraction: ringingNow, silent: true });
        notification.onclick = () => {
          globalThis.focus?.();
          context.emit('notification:clicked', call, kind);
          notification.close();
        };
        return notification;
      } catch (error) {
        // Some browsers (Chrome on Android) only show them from a service worker.
        logger.warn('A desktop notification could not be shown', error);
        return undefined;
      }
    };

    // ---- calls ----

    const stopRinging = (call: Call): void => {
      const entry = ringing.get(call);
      if (!entry) return;
      ringing.delete(call);
      entry.off();
      entry.desktop?.close();
      ringtoneCalls.delete(call);
      syncRingtone();
    };

    const onOffer = (call: Call): void => {
      if (call.state !== 'ringing' || ringing.has(call)) return;
      const now = settings();
      const transfer = kindsOfOffer(call.info).includes('transferRequested');
      // One desktop notification per offer: the transfer request's when it is one (and wanted), else the incoming call's.
      const shown = transfer && showsDesktop(now.transferRequested) ? 'transferRequested' : showsDesktop(now.ringing) ? 'ringing' : undefined;
      const entry: Ringing = { desktop: shown && desktop(shown, call, true), off: () => undefined };
      ringing.set(call, entry);
      entry.off = call.$snapshot.listen((snapshot) => {
        if (snapshot.state !== 'ringing') stopRinging(call);
      });
      if (transfer && playsSound(now.transferRequested)) chime('transferRequested');
      if (playsSound(now.ringing)) {
        ringtoneCalls.add(call);
        // In the next task: the popup is painted first (the audio graph takes a millisecond to set up).
        setTimeout(syncRingtone, 0);
      }
      // Answered at once (auto-answer, taken from the pool) before we listened.
      if (call.state !== 'ringing') stopRinging(call);
    };

    const onEnded = (call: Call): void => {
      stopRinging(call);
      const kind = kindOfEnd(call.snapshot);
      if (!kind) return;
      const mode = settings()[kind];
      if (playsSound(mode)) chime(kind);
      if (showsDesktop(mode)) desktop(kind, call, false);
    };

    return {
      api: {
        start(sinks) {
          if (store) return;
          store = sinks.$settings;
          store.set(saved());
          stops.push(context.on('call:incoming', onOffer), context.on('call:ended', onEnded));
          // An offer that came while this feature was loading (the first INVITE can arrive with the registration).
          for (const call of context.$calls.get()) if (call.state === 'ringing') onOffer(call);
          // Ready before the first offer, and listening for the first gesture (autoplay).
          loadRinger().catch((error: unknown) => logger.warn('The ringer could not be loaded', error));
          // The agent's other tabs (with tabs: 'independent') or windows changed them.
          const onStorage = (event: StorageEvent): void => {
            if (event.key === key) apply(saved());
          };
          globalThis.addEventListener?.('storage', onStorage);
          stops.push(() => globalThis.removeEventListener?.('storage', onStorage));
          if (options.platform) {
            stops.push(
              sinks.$me.subscribe((me) => {
                if (me?.notifications) apply(mergeSettings(options.notifications, me.notifications));
              }),
            );
          }
        },
        async set(kind, mode) {
          const problem = settingProblem(kind, mode);
          if (problem) {
            throw new CxError(CxErrorCode.InvalidOptions, problem, { solutions: ["phone.setNotification('ringing', 'both'): kinds ringing, missed, transferRequested, ended; modes off, sound, desktop, both."] });
          }
          if (!store) throw new CxError(CxErrorCode.InvalidState, 'Notifications are not started.');
          const next = Object.freeze({ ...store.get(), [kind]: mode });
          apply(next);
          await keep(next);
        },
      },
      dispose() {
        for (const stop of stops.splice(0)) stop();
        for (const call of [...ringing.keys()]) stopRinging(call);
        ringtone?.stop();
        store = undefined;
      },
    };
  },
};
