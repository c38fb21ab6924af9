/**
 * Where the banner keeps the agent's preferences: `localStorage` by default.
 * Any object with these two methods will do (a test's Map, a store of the
 * CRM's own).
 */
export interface PreferenceStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Preferences that last only as long as the page. */
export function memoryStorage(): PreferenceStorage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
  };
}

/**
 * The page's `localStorage`, or a memory store when the page may not use it
 * (a sandboxed frame, storage turned off). Writes that fail (quota) are
 * dropped: a preference is not worth breaking the banner for.
 */
export function browserStorage(): PreferenceStorage {
  try {
    const storage = globalThis.localStorage;
    if (!storage) return memoryStorage();
    return {
      getItem: (key) => {
        try {
          return storage.getItem(key);
        } catch {
          return null;
        }
      },
      setItem: (key, value) => {
        try {
          storage.setItem(key, value);
        } catch {
          // Full or forbidden: keep going without remembering.
        }
      },
    };
  } catch {
    return memoryStorage();
  }
}
