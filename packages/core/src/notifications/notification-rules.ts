// Pure rules of notifications: which kind an event is, what a mode means,
// how the agent's choices are stored. No DOM, no audio: unit tested in Node.
import type { CallSnapshot } from '../call/call.js';
import type { CallInfo } from '../call/call-info.js';
import type { DesktopText, NotificationKind, NotificationMode, NotificationSettings } from './notification-settings.js';
import { savedObject } from '../rules/saved-object.js';

export const NOTIFICATION_KINDS: readonly NotificationKind[] = ['ringing', 'missed', 'transferRequested', 'ended'];
export const NOTIFICATION_MODES: readonly NotificationMode[] = ['off', 'sound', 'desktop', 'both'];

/** The localStorage key of an agent's choices: one per AOR, so the agent's tabs share them and another agent on the same browser has their own. */
export function notificationStorageKey(aor: string): string {
  return `cx-banner.notifications:${aor.trim().toLowerCase()}`;
}

/** Why `setNotification(kind, mode)` cannot be done, or undefined when it can. */
export function settingProblem(kind: unknown, mode: unknown): string | undefined {
  if (!NOTIFICATION_KINDS.includes(kind as NotificationKind)) return `"${String(kind)}" is not a kind of notification: use ${NOTIFICATION_KINDS.join(', ')}.`;
  if (!NOTIFICATION_MODES.includes(mode as NotificationMode)) return `"${String(mode)}" is not a notification mode: use ${NOTIFICATION_MODES.join(', ')}.`;
  return undefined;
}

/**
 * Saved choices (a JSON text from localStorage, or the platform's object)
 * over `base`: unknown kinds and modes are ignored, so a damaged or older
 * entry never breaks the phone.
 */
export function mergeSettings(base: NotificationSettings, saved: unknown): NotificationSettings {
  const value = savedObject(saved);
  if (!value) return base;
  const merged = { ...base };
  for (const kind of NOTIFICATION_KINDS) {
    const mode = value[kind];
    if (settingProblem(kind, mode) === undefined) merged[kind] = mode as NotificationMode;
  }
  return Object.freeze(merged);
}

/** Whether two settings say the same. */
export function sameSettings(a: NotificationSettings, b: NotificationSettings): boolean {
  return NOTIFICATION_KINDS.every((kind) => a[kind] === b[kind]);
}

export const playsSound = (mode: NotificationMode): boolean => mode === 'sound' || mode === 'both';
export const showsDesktop = (mode: NotificationMode): boolean => mode === 'desktop' || mode === 'both';

/**
 * The kinds an offer is: every offer rings; one that another agent
 * transferred to this one (`X-CX-Transfer` or `Referred-By`) is also a
 * transfer request.
 */
export function kindsOfOffer(info: Pick<CallInfo, 'transfer'>): NotificationKind[] {
  return info.transfer ? ['ringing', 'transferRequested'] : ['ringing'];
}

/**
 * The kind a call that ended is: `missed` when an offer rang out or the
 * caller gave up (not when the agent declined: they know), `ended` when an
 * answered call was ended by the other side or failed (not when the agent
 * hung up or transferred it).
 */
export function kindOfEnd(snapshot: Pick<CallSnapshot, 'direction' | 'state' | 'endReason' | 'answeredAt'>): NotificationKind | undefined {
  if (snapshot.state !== 'ended') return undefined;
  if (snapshot.answeredAt === undefined) {
    const missed = snapshot.direction === 'inbound' && (snapshot.endReason === 'ring-timeout' || snapshot.endReason === 'caller-cancelled');
    return missed ? 'missed' : undefined;
  }
  return snapshot.endReason === 'remote-hangup' || snapshot.endReason === 'failed' ? 'ended' : undefined;
}

/** Who a notification names: the CRM contact, the caller's display name, the number. */
export function callerOf(snapshot: Pick<CallSnapshot, 'contactName' | 'info'>): string {
  const remote = snapshot.info.remote;
  return snapshot.contactName || remote.displayName || remote.number || 'Unknown caller';
}

/**
 * The desktop text of `translate` (the page's, under `DESKTOP_TEXTS`) when
 * it answers one, else English: a translator that throws or answers
 * something else is passed over.
 */
export function localDesktopText(kind: NotificationKind, snapshot: Pick<CallSnapshot, 'contactName' | 'info'>, translate: unknown): DesktopText {
  try {
    const text = typeof translate === 'function' ? (translate(kind, snapshot) as Partial<DesktopText> | undefined) : undefined;
    if (typeof text?.title === 'string' && typeof text.body === 'string') return { title: text.title, body: text.body };
  } catch {
    // The translator broke: the English text below says it.
  }
  return desktopText(kind, snapshot);
}

/** The English title and text of a desktop notification. */
export function desktopText(kind: NotificationKind, snapshot: Pick<CallSnapshot, 'contactName' | 'info'>): DesktopText {
  const caller = callerOf(snapshot);
  const queue = snapshot.info.queue?.name;
  switch (kind) {
    case 'ringing':
      return { title: 'Incoming call', body: queue ? `${caller} (${queue})` : caller };
    case 'transferRequested': {
      const by = snapshot.info.transfer?.by;
      return { title: 'Transfer requested', body: by ? `${caller}, transferred by ${by}` : caller };
    }
    case 'missed':
      return { title: 'Missed call', body: caller };
    default:
      return { title: 'Call ended', body: caller };
  }
}
