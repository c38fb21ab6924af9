import type { CxError, CxErrorCode } from '@cx/core';
import { msg } from '@lit/localize';

/**
 * What the elements say when a command fails, by error code: one table, so
 * that what the agent reads never depends on core's English `message` (for
 * programs and logs), and so that it can be translated as a whole. Built on
 * each call: the sentences are in the locale of the moment.
 */
const messages = (): Readonly<Record<CxErrorCode, string>> => ({
  'invalid-options': msg('The phone is not set up correctly.'),
  'invalid-state': msg('That cannot be done on this call now.'),
  'call-ended': msg('The call is over.'),
  'invalid-dtmf': msg('Only the keys 0 to 9, * and # can be sent.'),
  'invalid-target': msg('This is not a number, an extension or a SIP address.'),
  'not-connected': msg('The phone is not connected to the SIP server.'),
  'media-failed': msg('The microphone could not be opened: allow it for this page and check that it is plugged in.'),
  'microphone-denied': msg('The microphone is blocked for this page: allow it in the browser site settings (the icon in the address bar), then try again.'),
  'device-not-found': msg('That device is no longer available: choose another one.'),
  'sip-failure': msg('The phone system refused the request.'),
  'connection-failed': msg('The SIP server cannot be reached.'),
  'registration-failed': msg('The SIP server refused the registration.'),
  destroyed: msg('This phone was shut down.'),
  'feature-unavailable': msg('This part of the phone could not be loaded: check the network and try again.'),
  'platform-unavailable': msg('The contact center cannot be reached: try again in a moment.'),
  'platform-unauthorized': msg('The contact center refused: your session may have expired, or you lack the right.'),
  'platform-invalid-response': msg('The contact center sent an answer that could not be read: nothing was changed.'),
  'platform-refused': msg('The contact center refused the request.'),
  'already-taken': msg('Another agent took this call first.'),
  'no-platform': msg('This needs the contact center, which is not set up.'),
  'invalid-wrap-up': msg('Some fields need attention.'),
  'contact-file-unreadable': msg('This file could not be imported: use a vCard or CSV file.'),
  'contact-folder-not-found': msg('This contact folder no longer exists.'),
  'dial-cancelled': msg('The call was not placed.'),
  'hook-timeout': msg('The call was not placed: the page did not answer in time.'),
});

/** The sentence the agent reads for a failed command. */
export function errorMessage(error: Pick<CxError, 'code' | 'statusCode'>): string {
  const text = (messages() as Readonly<Record<string, string>>)[error.code] ?? msg('Something went wrong.');
  return error.code === 'sip-failure' && error.statusCode ? `${text} (SIP ${error.statusCode})` : text;
}
