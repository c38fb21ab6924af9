import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Keeps a subscription to a source (a phone, a call) open while the host is
 * connected, and moves it when the source changes: `getSource` is read
 * again before each update of the host.
 *
 * @example
 * new SubscriptionController(this, () => this.phone, (phone) =>
 *   phone.on('call:ended', (call) => this.dispatchEvent(new CxCallEndedEvent({ call }))),
 * );
 */
export class SubscriptionController<S> implements ReactiveController {
  private readonly getSource: () => S | undefined;
  private readonly subscribe: (source: S) => () => void;
  private source: S | undefined;
  private unsubscribe: (() => void) | undefined;
  private connected = false;

  constructor(host: ReactiveControllerHost, getSource: () => S | undefined, subscribe: (source: S) => () => void) {
    this.getSource = getSource;
    this.subscribe = subscribe;
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.follow(this.getSource());
  }

  hostUpdate(): void {
    const source = this.getSource();
    if (this.connected && source !== this.source) this.follow(source);
  }

  hostDisconnected(): void {
    this.connected = false;
    this.follow(undefined);
  }

  private follow(source: S | undefined): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.source = source;
    if (source !== undefined) this.unsubscribe = this.subscribe(source);
  }
}
