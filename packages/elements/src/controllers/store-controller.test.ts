import { expect } from '@esm-bundle/chai';
import { html, LitElement, type PropertyDeclarations } from 'lit';
import { mount, settle } from '../testing/simulated-center.js';
import { StoreController, type ReadableStore } from './store-controller.js';

/** A store that counts its listeners. */
class CountingStore<T> implements ReadableStore<T> {
  readonly listeners = new Set<() => void>();
  constructor(private value: T) {}
  get(): T {
    return this.value;
  }
  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
  set(value: T): void {
    this.value = value;
    for (const listener of this.listeners) listener();
  }
}

class StoreHost extends LitElement {
  static override properties: PropertyDeclarations = { store: { attribute: false } };
  store: ReadableStore<string> | undefined = undefined;
  renders = 0;
  readonly controller = new StoreController(this, () => this.store);
  protected override render(): unknown {
    this.renders += 1;
    return html`${this.controller.value ?? 'none'}`;
  }
}
customElements.define('test-store-host', StoreHost);

describe('StoreController', () => {
  it('renders the store and updates the host on each change', async () => {
    const store = new CountingStore('a');
    const host = new StoreHost();
    host.store = store;
    await mount(host);
    expect(host.shadowRoot?.textContent).to.equal('a');
    store.set('b');
    await settle(host);
    expect(host.shadowRoot?.textContent).to.equal('b');
  });

  it('moves its subscription when the getter gives another store', async () => {
    const first = new CountingStore('first');
    const second = new CountingStore('second');
    const host = new StoreHost();
    host.store = first;
    await mount(host);
    host.store = second;
    await settle(host);
    expect(host.shadowRoot?.textContent).to.equal('second');
    expect(first.listeners.size).to.equal(0);
    expect(second.listeners.size).to.equal(1);
    const renders = host.renders;
    first.set('stale');
    await settle(host);
    expect(host.renders, 'the old store no longer updates the host').to.equal(renders);
  });

  it('listens only while the host is connected', async () => {
    const store = new CountingStore('a');
    const host = new StoreHost();
    host.store = store;
    expect(store.listeners.size).to.equal(0);
    await mount(host);
    expect(store.listeners.size).to.equal(1);
    host.remove();
    expect(store.listeners.size).to.equal(0);
    host.store = new CountingStore('other');
    await settle(host);
    expect(store.listeners.size, 'an update while disconnected subscribes to nothing').to.equal(0);
    document.querySelector('main')?.append(host);
    await settle(host);
    expect(host.shadowRoot?.textContent).to.equal('other');
  });
});
