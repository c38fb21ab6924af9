// Part of the contacts chunk: the local folders, kept in IndexedDB as the
// post-interaction drafts are (src/wrap-up/draft-store.ts).
import { createStore, del, entries, set, type UseStore } from 'idb-keyval';
import type { ContactAnswer, ContactFolder } from './contact-options.js';

/** A folder with its contacts, as kept. */
export interface StoredFolder extends ContactFolder {
  readonly contacts: readonly ContactAnswer[];
}

/** The folders of one agent. */
export interface FolderStore {
  list(): Promise<StoredFolder[]>;
  put(folder: StoredFolder): Promise<void>;
  remove(id: string): Promise<void>;
}

/**
 * The IndexedDB database and object store of the folders (one per origin).
 * A database of its own: idb-keyval opens one object store per database.
 */
export const FOLDER_DATABASE = 'cx-banner-contacts';
export const FOLDER_STORE = 'folders';

let database: UseStore | undefined;
/** Where IndexedDB is missing or refused: the folders live as long as the page, for every phone of it. */
const memory = new Map<string, StoredFolder>();

/**
 * The folders kept in IndexedDB under `scope` (the agent's AOR), so that
 * they survive a reload and serve every phone of that agent on this
 * browser; in memory where the browser has no IndexedDB (Node) or refuses
 * it (some private modes).
 */
export function folderStore(scope: string): FolderStore {
  const prefix = `${scope}\n`;
  let usable = typeof indexedDB !== 'undefined';
  const idb = (): UseStore => (database ??= createStore(FOLDER_DATABASE, FOLDER_STORE));
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
    list: async () => {
      const found = await attempt(
        async (store) => (await entries<string, StoredFolder>(store)).filter(([key]) => typeof key === 'string' && key.startsWith(prefix)).map(([, folder]) => folder),
        () => [...memory].filter(([key]) => key.startsWith(prefix)).map(([, folder]) => folder),
      );
      return found.sort((a, b) => a.importedAt - b.importedAt);
    },
    put: (folder) => {
      memory.set(prefix + folder.id, folder);
      return attempt((store) => set(prefix + folder.id, folder, store), () => undefined);
    },
    remove: (id) => {
      memory.delete(prefix + id);
      return attempt((store) => del(prefix + id, store), () => undefined);
    },
  };
}

/**
 * The contacts of the folders by number, compared as `normalise` makes
 * them (E.164 where they parse): the folder imported first wins a number
 * two folders share.
 */
export function folderIndex(folders: readonly StoredFolder[], normalise: (number: string) => string): Map<string, { contact: ContactAnswer; folder: string }> {
  const index = new Map<string, { contact: ContactAnswer; folder: string }>();
  for (const folder of folders) {
    for (const contact of folder.contacts) {
      for (const number of contact.numbers ?? []) {
        const key = normalise(number);
        if (key !== '' && !index.has(key)) index.set(key, { contact, folder: folder.id });
      }
    }
  }
  return index;
}
