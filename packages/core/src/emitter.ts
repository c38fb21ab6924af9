/** A tiny typed event emitter: `on` returns its own unsubscribe function. */
export type Listener<A extends unknown[]> = (...args: A) => void;

export class Emitter<Events extends { [K in keyof Events]: unknown[] }> {
  private readonly listeners = new Map<keyof Events, Set<unknown>>();

  on<K extends keyof Events>(name: K, fn: Listener<Events[K]>): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    set.add(fn);
    return () => {
      set.delete(fn);
    };
  }

  /** Calls every listener; one that throws does not stop the others. */
  emit<K extends keyof Events>(name: K, ...args: Events[K]): void {
    this.tap?.(name, args);
    const set = this.listeners.get(name);
    if (!set) return;
    for (const fn of [...set]) {
      try {
        (fn as Listener<Events[K]>)(...args);
      } catch (error) {
        this.onListenerError?.(error);
      }
    }
  }

  /** Hears every emission first (a phone's wrapper re-emits them). */
  tap: (<K extends keyof Events>(name: K, args: Events[K]) => void) | undefined;

  /** Where listener exceptions go (the phone's logger). */
  onListenerError: ((error: unknown) => void) | undefined;

  clear(): void {
    this.listeners.clear();
  }
}
