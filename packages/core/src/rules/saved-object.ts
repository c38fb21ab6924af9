/**
 * A saved entry as an object: JSON text (from localStorage) or the
 * platform's object; `undefined` for anything else or damaged, so a bad
 * entry never breaks the phone (each reader then keeps its defaults).
 */
export function savedObject(saved: unknown): Record<string, unknown> | undefined {
  let value = saved;
  if (typeof saved === 'string') {
    try {
      value = JSON.parse(saved);
    } catch {
      return undefined;
    }
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
