// Loaded with the contacts feature (a chunk of its own in the script-tag
// build): what it shares with the rest comes through the package index.
import { sanitizeText } from '../index.js';
import type { ContactLookup, ContactLookupCall } from './contact-options.js';

/** How a lookup ended. Only `found` carries a name to show. */
export const ContactLookupStatus = {
  /** The hook answered a name (now plain, bounded text). */
  Found: 'found',
  /** The hook answered nothing (`undefined`, `null`, or text that is empty once cleaned). */
  Unknown: 'unknown',
  /** The hook threw, rejected, or answered something that is not text. */
  Failed: 'failed',
  /** The hook did not answer within the timeout. */
  TimedOut: 'timed-out',
  /** The caller's `signal` was aborted before the hook answered. */
  Aborted: 'aborted',
} as const;
export type ContactLookupStatus = (typeof ContactLookupStatus)[keyof typeof ContactLookupStatus];

export type ContactLookupOutcome =
  | { readonly status: typeof ContactLookupStatus.Found; readonly name: string }
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
 * is not a string, or is too slow gives an outcome instead of an error;
 * the hook's `signal` is aborted when the runner stops waiting (timeout or
 * the request's own signal), so it can cancel its work. A name is returned
 * through {@link sanitizeText}: plain text, no control or bidi characters,
 * at most 256 code points.
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
  if (value === undefined || value === null) return { status: ContactLookupStatus.Unknown };
  if (typeof value !== 'string') {
    return {
      status: ContactLookupStatus.Failed,
      error: new TypeError(`The contact lookup answered a ${typeof value}, not a string.`),
    };
  }
  const name = sanitizeText(value);
  return name === '' ? { status: ContactLookupStatus.Unknown } : { status: ContactLookupStatus.Found, name };
}
