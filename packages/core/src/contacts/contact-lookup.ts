import type { CallInfo } from '../call/call-info.js';
import { sanitizeText } from '../rules/sanitize-text.js';

/** What a contact lookup hook is told about the call whose caller it looks up. */
export interface ContactLookupCall {
  /** The phone's id of the call (`call.id`). */
  readonly id: string;
  /** `'inbound'` for an offer, `'outbound'` for a call the agent placed. */
  readonly direction: 'inbound' | 'outbound';
  /** Who and what, parsed from the INVITE (queue, IVR data, ...). */
  readonly info: CallInfo;
  /** Aborted when the phone stops waiting (the timeout ran out): stop any request in flight. */
  readonly signal: AbortSignal;
}

/**
 * Finds the contact name of the other party in the CRM: given their number
 * (`call.info.remote.number`) and the call, answers the name (or a promise
 * of it), or `undefined` when the number is not a known contact.
 *
 * @example
 * const lookup: ContactLookup = async (number, { signal }) => {
 *   const response = await fetch(`/crm/contacts?phone=${encodeURIComponent(number)}`, { signal });
 *   return response.ok ? ((await response.json()) as { name?: string }).name : undefined;
 * };
 */
export type ContactLookup = (
  number: string,
  call: ContactLookupCall,
) => Promise<string | undefined> | string | undefined;

/** The `contacts` option of `createPhone`. */
export interface ContactOptions {
  /** The hook: called once per call that has a number, inbound or outbound (none: no lookup). */
  lookup?: ContactLookup;
  /** Most milliseconds to wait for its answer (default 2000). */
  timeout?: number;
}

/** Default bound on one lookup, ms. */
export const DEFAULT_CONTACT_LOOKUP_TIMEOUT = 2000;

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
