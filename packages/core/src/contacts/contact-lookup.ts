// Loaded with the contacts feature (a chunk of its own in the script-tag
// build): what it shares with the rest comes through the package index.
import { contactCard } from './contact-card.js';
import type { Contact, ContactLookup, ContactLookupCall } from './contact-options.js';

/** How a lookup ended. Only `found` carries a name to show. */
export const ContactLookupStatus = {
  /** The hook answered a name or a card (now plain, bounded text). */
  Found: 'found',
  /** The hook answered nothing (`undefined`, `null`, or text that is empty once cleaned). */
  Unknown: 'unknown',
  /** The hook threw, rejected, or answered something that is neither text nor a `{ name }` object. */
  Failed: 'failed',
  /** The hook did not answer within the timeout. */
  TimedOut: 'timed-out',
  /** The caller's `signal` was aborted before the hook answered. */
  Aborted: 'aborted',
} as const;
export type ContactLookupStatus = (typeof ContactLookupStatus)[keyof typeof ContactLookupStatus];

export type ContactLookupOutcome =
  | { readonly status: typeof ContactLookupStatus.Found; readonly name: string; readonly contact: Contact }
  | { readonly status: typeof ContactLookupStatus.Unknown }
  | { readonly status: typeof ContactLookupStatus.Failed; readonly error: unknown }
  | { readonly status: typeof ContactLookupStatus.TimedOut }
  | { readonly status: typeof ContactLookupStatus.Aborted };

/** What {@link runContactLookup} needs. */
export interface ContactLookupRequest {
  /** The number to look up; an empty number is not looked up (`unknown` at once). */
  readonly number: string;
  /** The call, as the hook sees it (without its signal: the runner makes one). */
  readonly call: Omit<ContactLookupCall, 'signal'>;
  /** Most milliseconds to wait for the hook. */
  readonly timeout: number;
  /** Stops waiting early (the outcome is then `aborted`). */
  readonly signal?: AbortSignal;
}

/**
 * Runs a contact lookup hook once, safely: the returned promise always
 * resolves (never rejects), within `timeout` ms at the latest, with what
 * happened. A hook that throws synchronously, rejects, answers a value that
 * is neither a string nor a `{ name }` object, or is too slow gives an
 * outcome instead of an error; the hook's `signal` is aborted when the
 * runner stops waiting (timeout or the request's own signal), so it can
 * cancel its work. The answer is returned as a card through
 * {@link contactCard}: plain text, no control or bidi characters, bounded.
 *
 * @param lookup the integrator's hook
 * @param request the number, the call and the bounds
 * @returns how the lookup ended, with the cleaned name when one was found
 */
export function runContactLookup(lookup: ContactLookup, request: ContactLookupRequest): Promise<ContactLookupOutcome> {
  const outer = request.signal;
  if (request.number === '') return Promise.resolve({ status: ContactLookupStatus.Unknown });
  if (outer?.aborted) return Promise.resolve({ status: ContactLookupStatus.Aborted });

  const controller = new AbortController();
  return new Promise<ContactLookupOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: ContactLookupOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
      if (outcome.status === ContactLookupStatus.TimedOut || outcome.status === ContactLookupStatus.Aborted) {
        controller.abort();
      }
      resolve(outcome);
    };
    const onAbort = (): void => finish({ status: ContactLookupStatus.Aborted });
    const timer = setTimeout(() => finish({ status: ContactLookupStatus.TimedOut }), Math.max(0, request.timeout));
    outer?.addEventListener('abort', onAbort, { once: true });

    let answer: Promise<unknown>;
    try {
      answer = Promise.resolve(lookup(request.number, { ...request.call, signal: controller.signal }));
    } catch (error) {
      answer = Promise.reject(error);
    }
    answer.then(
      (value) => finish(readAnswer(value)),
      (error: unknown) => finish({ status: ContactLookupStatus.Failed, error }),
    );
  });
}

function readAnswer(value: unknown): ContactLookupOutcome {
  let contact: Contact | undefined;
  try {
    contact = contactCard(value, 'crm');
  } catch (error) {
    return { status: ContactLookupStatus.Failed, error };
  }
  return contact ? { status: ContactLookupStatus.Found, name: contact.name, contact } : { status: ContactLookupStatus.Unknown };
}
