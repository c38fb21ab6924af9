import type { DirectoryEntry } from './transfer-types.js';

/** Letters without accents, lower case: `Hélène` and `helene` match. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/**
 * The directory entries whose name, target or id contains every word of
 * `text` (case and accents ignored); all of them for an empty text. At most
 * `limit` entries, in the directory's order.
 */
export function searchDirectory(entries: readonly DirectoryEntry[], text: string, limit = 50): DirectoryEntry[] {
  const words = fold(String(text ?? '')).split(/\s+/).filter((w) => w !== '');
  const found: DirectoryEntry[] = [];
  for (const entry of entries) {
    const haystack = fold(`${entry.name} ${entry.target} ${entry.id}`);
    if (words.every((word) => haystack.includes(word))) found.push(entry);
    if (found.length >= limit) break;
  }
  return found;
}
