// The desktop notifications' texts in the elements' language. Core shows
// the notifications (docs/notifications.md) and says them in English
// unless the page gives it texts under DESKTOP_TEXTS: the elements do,
// with the first language other than English (locale.ts loads this with
// lit-localize's runtime).
import { DESKTOP_TEXTS, type CallSnapshot, type DesktopText, type NotificationKind } from '@cx/core';
import { msg, str } from '@lit/localize';
import { callerLabel } from '../index.js';

/** The title and text of a desktop notification, in the language of the moment (plain text). */
export function desktopTexts(kind: NotificationKind, snapshot: Pick<CallSnapshot, 'contactName' | 'info'>): DesktopText {
  const caller = callerLabel(snapshot);
  switch (kind) {
    case 'ringing': {
      const queue = snapshot.info.queue?.name;
      return { title: msg('Incoming call'), body: queue ? `${caller} (${queue})` : caller };
    }
    case 'transferRequested': {
      const by = snapshot.info.transfer?.by;
      return { title: msg('Transfer requested'), body: by ? msg(str`${caller}, transferred by ${by}`) : caller };
    }
    case 'missed':
      return { title: msg('Missed call'), body: caller };
    default:
      return { title: msg('Call ended'), body: caller };
  }
}

/** Gives core the translated texts, for every phone of the page. */
export function installDesktopTexts(): void {
  (globalThis as Record<symbol, unknown>)[DESKTOP_TEXTS] = desktopTexts;
}
