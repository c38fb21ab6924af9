// The text message of an unanswered call: one SMS (160 characters) whenever
// the facts allow, the caller's number as sender so the recipient can call back.
import { factsOf } from './unanswered-email.js';
import type { UnansweredCall, UnansweredSettings } from './unanswered.js';

/** One SMS segment. */
export const SMS_LENGTH = 160;

/** A text message for the platform's SMS provider (`POST /notifications`). */
export interface UnansweredSms {
  readonly provider: string;
  readonly to: string;
  /** The caller's number (`''` when withheld: the provider then uses its own). */
  readonly from: string;
  readonly text: string;
}

/**
 * The SMS for an unanswered call: who called and when. When it would pass
 * 160 characters the caller's name is shortened first, then dropped.
 */
export function composeUnansweredSms(call: UnansweredCall, settings: UnansweredSettings, options: { readonly locale?: string } = {}): UnansweredSms {
  const facts = factsOf(call, settings, options.locale);
  const tail = ` ${facts.number}, ${facts.when}`;
  let text = `Unanswered call:${facts.name ? ` ${facts.name},` : ''}${tail}`;
  if (text.length > SMS_LENGTH && facts.name) {
    const room = SMS_LENGTH - `Unanswered call: …,${tail}`.length;
    text = room >= 3 ? `Unanswered call: ${cut(facts.name, room)}…,${tail}` : `Unanswered call:${tail}`;
  }
  return {
    provider: settings.sms.provider,
    to: settings.sms.to,
    from: facts.withheld ? '' : call.number.replace(/[^\d+]/g, ''),
    text,
  };
}

/** At most `units` UTF-16 code units of `text`, never half a surrogate pair (an SMS in UCS-2 counts units). */
function cut(text: string, units: number): string {
  let out = '';
  for (const char of text) {
    if (out.length + char.length > units) break;
    out += char;
  }
  return out;
}
