import { createStore, del, entries, set, type UseStore } from 'idb-keyval';
import type { WrapUpDraft } from './wrap-up-types.js';

/** A post-interaction's entries kept on this device until the platform has them. */
export interface StoredWrapUp {
  readonly interactionId: string;
  readonly draft: WrapUpDraft;
  /** The agent asked for it to be sent (Save, End, or the time ran out) and the platform does not have it yet. */
  readonly pending: boolean;
  /** Why the platform refused it, if it did (kept, never retried). */
  readonly refused?: string;
  /** ms since the epoch. */
  readonly updatedAt: number;
}

/** Drafts of one agent on one platform. */
export interface DraftStore {
  put(record: StoredWrapUp): Promise<void>;
  remove(interactionId: string): Promise<void>;
  /** Every record of this agent on this platform. */
  list(): Promise<StoredWrapUp[]>;
}

/** The IndexedDB database and object store drafts live in (one per origin). */
export const DRAFT_DATABASE = 'cx-banner';
export const DRAFT_STORE = 'wrap-up-drafts';

let database: UseStore | undefined;

/**
 * Drafts kept in IndexedDB under `scope` (the platform and the agent), so
 * that they survive a reload and a crash; in memory where the browser has
 * no IndexedDB (Node) or refuses it (some private modes).
 */
export function draftStore(scope: string): DraftStore {
  const key = (interactionId: string): string => `${scope}\n${interactionId}`;
  const memory = new Map<string, StoredWrapUp>();
  let usable = typeof indexedDB !== 'undefined';
  const idb = (): UseStore => (database ??= createStore(DRAFT_DATABASE, DRAFT_STORE));
  /** Runs on IndexedDB; falls back to memory for good if it fails. */
  const attempt = async <T>(run: (store: UseStore) => Promise<T>, fallback: () => T): Promise<T> => {
    if (usable) {
      try {
        return await run(idb());
      } catch {
        usable = false;
      }
    }
    return fallback();
  };
  return {
    put: (record) => {
      memory.set(key(record.interactionId), record);
      return attempt((store) => set(key(record.interactionId), record, store), () => undefined);
    },
    remove: (interactionId) => {
      memory.delete(key(interactionId));
      return attempt((store) => del(key(interactionId), store), () => undefined);
    },
    list: () =>
      attempt(
        async (store) =>
          (await entries<string, StoredWrapUp>(store)).filter(([k]) => typeof k === 'string' && k.startsWith(`${scope}\n`)).map(([, record]) => record),
        () => [...memory.values()],
      ),
  };
}
