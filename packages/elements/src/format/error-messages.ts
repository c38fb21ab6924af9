import type { CxError, CxErrorCode } from '@cx/core';

/**
 * What the elements say when a command fails, by error code: one table, so
 * that what the agent reads never depends on core's English `message` (for
 * programs and logs), and so that it can be translated as a whole.
 */
const MESSAGES: Readonly<Record<CxErrorCode, string>> = {
  'invalid-options': 'The phone is not set up correctly.',
  'invalid-state': 'That cannot be done on this call now.',
  'call-ended': 'The call is over.',
  'invalid-dtmf': 'Only the keys 0 to 9, * and # can be sent.',
  'invalid-target': 'This is not a number, an extension or a SIP address.',
  'not-connected': 'The phone is not connected to the SIP server.',
  'media-failed': 'The microphone could not be opened: allow it for this page and check that it is plugged in.',
  'sip-failure': 'The phone system refused the request.',
  'connection-failed': 'The SIP server cannot be reached.',
  'registration-failed': 'The SIP server refused the registration.',
  destroyed: 'This phone was shut down.',
  'feature-unavailable': 'This part of the phone could not be loaded: check the network and try again.',
  'platform-unavailable': 'The contact center cannot be reached: try again in a moment.',
  'platform-unauthorized': 'The contact center refused: your session may have expired, or you lack the right.',
  'platform-invalid-response': 'The contact center sent an answer that could not be read: nothing was changed.',
  'platform-refused': 'The contact center refused the request.',
  'already-taken': 'Another agent took this call first.',
  'no-platform': 'This needs the contact center, which is not set up.',
  'invalid-wrap-up': 'Some fields need attention.',
};

/** The sentence the agent reads for a failed command. */
export function errorMessage(error: Pick<CxError, 'code' | 'statusCode'>): string {
  const text = (MESSAGES as Readonly<Record<string, string>>)[error.code] ?? 'Something went wrong.';
  return error.code === 'sip-failure' && error.statusCode ? `${text} (SIP ${error.statusCode})` : text;
}
