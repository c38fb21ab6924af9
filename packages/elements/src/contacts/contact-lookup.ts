import { sanitizeText, type Call } from '@cx/core';

/**
 * Finds the contact name of a caller in the CRM: given the caller's number
 * (and the call, for anything else it needs), resolves with a name, or
 * `undefined` when the caller is not a known contact.
 */
export type ContactLookup = (number: string, call: Call) => Promise<string | undefined> | string | undefined;

/** One answer per lookup function and call, shared by every element showing the call. */
const answers = new WeakMap<ContactLookup, WeakMap<Call, Promise<string>>>();

/**
 * The contact name of `call`'s caller by `lookup`, as plain text ('' when
 * unknown, when the lookup fails or when the caller has no number). The
 * lookup runs once per call, however many elements ask.
 */
export function lookUpContact(lookup: ContactLookup, call: Call): Promise<string> {
  let byCall = answers.get(lookup);
  if (!byCall) {
    byCall = new WeakMap();
    answers.set(lookup, byCall);
  }
  let answer = byCall.get(call);
  if (!answer) {
    const number = call.info.remote.number;
    answer =
      number === ''
        ? Promise.resolve('')
        : Promise.resolve()
            .then(() => lookup(number, call))
            .then((name) => (typeof name === 'string' ? sanitizeText(name) : ''))
            .catch(() => '');
    byCall.set(call, answer);
  }
  return answer;
}
