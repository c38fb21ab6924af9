/**
 * A new random identifier, e.g. for a call: unique across phones, tabs and
 * page loads (a module counter is not), so another tab can refer to a call
 * by it.
 */
export function newId(prefix: string): string {
  const crypto = globalThis.crypto;
  if (typeof crypto?.randomUUID === 'function') return `${prefix}-${crypto.randomUUID()}`;
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
