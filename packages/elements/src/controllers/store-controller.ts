import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * The part of a store that a {@link StoreController} uses: nanostores atoms
 * and computed stores fit it, and so does anything with the same shape.
 */
export interface ReadableStore<T> {
  get(): T;
  /** Calls `listener` on every later change; returns the function that stops listening. */
  listen(listener: () => void): () => void;
}

/**
 * Renders a store: the host updates whenever the store changes.
 *
 * The store is read through a getter, so it may change with the host's
 * properties (a new `phone`, another `call`): the getter is read again
 * before each update, and the controller moves its subscription when it
 * returns another store.
 *
 * Lifecycle:
 * - `hostConnected`: listens to the current store.
 * - `hostUpdate`: follows the getter to a new store, if any.
 * - `hostDisconnected`: stops listening, so a removed element holds nothing.
 *
 * @example
 * class CallerName extends LitElement {
 *   call: CallHandle | undefined = undefined;
 *   private readonly snapshot = new StoreController(this, () => this.call?.$snapshot);
 *   render() {
 *     return html`${this.snapshot.value?.info.remote.displayName}`;
 *   }
 * }
 */
export class StoreController<T> implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly getStore: () => ReadableStore<T> | undefined;
  private store: ReadableStore<T> | undefined;
  private unlisten: (() => void) | undefined;
  private connected = false;

  constructor(host: ReactiveControllerHost, getStore: () => ReadableStore<T> | undefined) {
    this.host = host;
    this.getStore = getStore;
    host.addController(this);
  }

  /** The store's current value; `undefined` while there is no store. */
  get value(): T | undefined {
    return (this.connected ? this.store : this.getStore())?.get();
  }

  hostConnected(): void {
    this.connected = true;
    this.follow(this.getStore());
  }

  hostUpdate(): void {
    const store = this.getStore();
    if (this.connected && store !== this.store) this.follow(store);
  }

  hostDisconnected(): void {
    this.connected = false;
    this.follow(undefined);
  }

  private follow(store: ReadableStore<T> | undefined): void {
    this.unlisten?.();
    this.unlisten = undefined;
    this.store = store;
    if (store) this.unlisten = store.listen(() => this.host.requestUpdate());
  }
}
