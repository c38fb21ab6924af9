// Part of the contacts chunk.
import type { Contact, ContactSourceKind } from './contact-options.js';

/**
 * One place a caller's contact may be found: the CRM hook, the platform's
 * contact search, the local folders. `find` answers the card, or
 * `undefined` when the number is unknown there; it may reject, and should
 * stop when `signal` is aborted.
 */
export interface ContactSource {
  readonly kind: ContactSourceKind;
  find(number: string, signal: AbortSignal): Promise<Contact | undefined> | Contact | undefined;
}

/** How one source did, in the order they were asked. */
export type ContactSourceOutcome =
  | { readonly kind: ContactSourceKind; readonly status: 'found' | 'unknown' | 'timed-out' }
  | { readonly kind: ContactSourceKind; readonly status: 'failed'; readonly error: unknown };

/** What {@link findContact} found, and how each source asked did. */
export interface ContactSearch {
  readonly contact: Contact | undefined;
  readonly tried: readonly ContactSourceOutcome[];
}

/**
 * Asks the sources one after the other, in the order given (the phone's
 * order: the CRM hook, then the platform, then the local folders), and
 * stops at the first that answers a contact with a name: the first name
 * found wins. A source that fails, or does not answer within `timeout` ms
 * (its signal is then aborted), is passed over. Never rejects. An empty
 * number is looked up nowhere.
 *
 * @param sources the sources, best first
 * @param number the other party's number
 * @param options `timeout`: most ms for each source; `signal`: stops the search (the result is then what was found so far: nothing)
 */
export async function findContact(
  sources: readonly ContactSource[],
  number: string,
  options: { readonly timeout: number; readonly signal?: AbortSignal },
): Promise<ContactSearch> {
  const tried: ContactSourceOutcome[] = [];
  if (number === '') return { contact: undefined, tried };
  for (const source of sources) {
    if (options.signal?.aborted) break;
    const outcome = await ask(source, number, options.timeout, options.signal);
    if ('contact' in outcome) {
      tried.push({ kind: source.kind, status: 'found' });
      return { contact: outcome.contact, tried };
    }
    tried.push(outcome.status === 'failed' ? { kind: source.kind, status: 'failed', error: outcome.error } : { kind: source.kind, status: outcome.status });
  }
  return { contact: undefined, tried };
}

type Asked = { contact: Contact } | { status: 'unknown' | 'timed-out' } | { status: 'failed'; error: unknown };

function ask(source: ContactSource, number: string, timeout: number, outer: AbortSignal | undefined): Promise<Asked> {
  const controller = new AbortController();
  return new Promise<Asked>((resolve) => {
    let settled = false;
    const finish = (asked: Asked): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
      if (!('contact' in asked) && asked.status === 'timed-out') controller.abort();
      resolve(asked);
    };
    const onAbort = (): void => {
      controller.abort();
      finish({ status: 'unknown' });
    };
    const timer = setTimeout(() => finish({ status: 'timed-out' }), Math.max(0, timeout));
    outer?.addEventListener('abort', onAbort, { once: true });
    let answer: Promise<Contact | undefined>;
    try {
      answer = Promise.resolve(source.find(number, controller.signal));
    } catch (error) {
      answer = Promise.reject(error);
    }
    answer.then(
      (contact) => finish(contact && typeof contact.name === 'string' && contact.name !== '' ? { contact } : { status: 'unknown' }),
      (error: unknown) => finish({ status: 'failed', error }),
    );
  });
}
