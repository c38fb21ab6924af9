// From a call that ended unanswered to the messages to send: the call's
// facts, the verdict, then one email and/or one SMS as the settings say.
import type { CallSnapshot } from '../call/call.js';
import { composeUnansweredEmail, type UnansweredEmail } from '../rules/unanswered-email.js';
import { composeUnansweredSms, type UnansweredSms } from '../rules/unanswered-sms.js';
import { evaluateUnanswered, type UnansweredCall, type UnansweredHistory, type UnansweredSettings, type UnansweredVerdict } from '../rules/unanswered.js';

/** One message of `unanswered:notify`, as `POST /notifications` carries it. */
export type UnansweredNotice = { readonly channel: 'email'; readonly message: UnansweredEmail } | { readonly channel: 'sms'; readonly message: UnansweredSms };

/** The facts of an inbound call that ended unanswered (how long it rang: from the offer to its end). */
export function unansweredCallOf(snapshot: Pick<CallSnapshot, 'info' | 'contact' | 'createdAt' | 'endedAt'>): UnansweredCall {
  const { remote, called } = snapshot.info;
  const endedAt = snapshot.endedAt ?? snapshot.createdAt;
  return {
    number: remote.number,
    ...(remote.displayName ? { name: remote.displayName } : {}),
    withheld: remote.number === '',
    internal: remote.internal,
    ...(snapshot.contact ? { contact: snapshot.contact } : {}),
    rangMs: Math.max(0, endedAt - snapshot.createdAt),
    at: snapshot.createdAt,
    ...(called ? { called } : {}),
  };
}

/**
 * The verdict and the messages for an unanswered call: none when an
 * exception applies; otherwise an email when `email.enabled` and an
 * address is set, and an SMS when `sms.enabled` and a number is set.
 * `sender` is the email's sender when the caller's address is unknown.
 */
export function unansweredNotices(call: UnansweredCall, settings: UnansweredSettings, history: UnansweredHistory, sender: string): { verdict: UnansweredVerdict; notices: UnansweredNotice[] } {
  const verdict = evaluateUnanswered(call, settings, history);
  const notices: UnansweredNotice[] = [];
  if (!verdict.notify) return { verdict, notices };
  if (settings.email.enabled && settings.email.to !== '') notices.push({ channel: 'email', message: composeUnansweredEmail(call, settings, { sender }) });
  if (settings.sms.enabled && settings.sms.to !== '') notices.push({ channel: 'sms', message: composeUnansweredSms(call, settings) });
  return { verdict, notices };
}
