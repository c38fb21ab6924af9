// The eager part of notifications: the option's types, defaults and check.
// What is played and shown is the lazy notifications feature.

/**
 * What the agent is told of: an offer ringing (`ringing`), an offer that
 * rang out or that the caller gave up on (`missed`), a call another agent
 * transfers to this one (`transferRequested`), an answered call that the
 * other side ended (`ended`).
 */
export type NotificationKind = 'ringing' | 'missed' | 'transferRequested' | 'ended';

/** How: not at all, a sound, a desktop notification, or both. */
export type NotificationMode = 'off' | 'sound' | 'desktop' | 'both';

/** The agent's choice for each kind (the `notifications` option; `phone.$notificationSettings`). */
export type NotificationSettings = Readonly<Record<NotificationKind, NotificationMode>>;

/**
 * Defaults: the ringtone and a desktop notification for an offer and for a
 * transfer (a call the agent does not hear is a call they miss), a desktop
 * notification for a missed call (to call back later), nothing when a call
 * ends (the agent is on it).
 */
export const DEFAULT_NOTIFICATIONS: NotificationSettings = Object.freeze({ ringing: 'both', missed: 'desktop', transferRequested: 'both', ended: 'off' });

const MODE = /^(off|sound|desktop|both)$/;

/**
 * The `notifications` option over the defaults; a problem goes in
 * `problems`. Kept small (it is in the script tag): one message names the
 * whole shape.
 */
export function readNotificationSettings(value: unknown, problems: string[]): NotificationSettings {
  const settings = { ...DEFAULT_NOTIFICATIONS, ...(value as object | undefined) };
  const modes: unknown[] = Object.values(settings);
  if ((value !== undefined && (typeof value !== 'object' || !value)) || modes.length > 4 || !modes.every((mode) => typeof mode === 'string' && MODE.test(mode))) {
    problems.push("notifications must be { ringing, missed, transferRequested, ended }, each 'off', 'sound', 'desktop' or 'both'");
    return DEFAULT_NOTIFICATIONS;
  }
  return Object.freeze(settings);
}

/** The title and text of a desktop notification (plain text: the browser renders it, never as markup). */
export interface DesktopText {
  readonly title: string;
  readonly body: string;
}

/**
 * Where a page gives the phone the words of its desktop notifications
 * (`globalThis[DESKTOP_TEXTS]`, for every phone of the page): a function
 * of the kind and the call (`{ contactName, info }`) that answers a
 * {@link DesktopText}; without one, or when it throws or answers something
 * else, they are in English. `@cx/elements` sets it with its first
 * language other than English (docs/notifications.md).
 */
export const DESKTOP_TEXTS = Symbol.for('cx-banner.desktop-texts');
