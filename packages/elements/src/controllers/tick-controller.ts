import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Tick = () => void;

/** Every ticking host in the page, woken by one timer on each whole second. */
const listeners = new Set<Tick>();
let timer: ReturnType<typeof setTimeout> | undefined;

function schedule(): void {
  // Aim just past the next whole second so every clock flips together.
  timer = setTimeout(fire, 1000 - (Date.now() % 1000) + 5);
}

function fire(): void {
  timer = undefined;
  for (const listener of [...listeners]) listener();
  if (listeners.size > 0) schedule();
}

function start(listener: Tick): void {
  listeners.add(listener);
  if (timer === undefined) schedule();
}

function stop(listener: Tick): void {
  listeners.delete(listener);
  if (listeners.size === 0 && timer !== undefined) {
    clearTimeout(timer);
    timer = undefined;
  }
}

/**
 * Updates its host once a second, on the second, while the host is connected
 * and `running` is true. Every ticking element of the page shares one timer,
 * and only the ticking hosts update: a clock re-renders its own text, not
 * the list it is in.
 *
 * @example
 * class Clock extends LitElement {
 *   private readonly tick = new TickController(this);
 *   render() {
 *     return html`${new Date().toLocaleTimeString()}`;
 *   }
 * }
 */
export class TickController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly tick: Tick;
  private connected = false;
  private on = true;

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    this.tick = () => this.host.requestUpdate();
    host.addController(this);
  }

  /** Whether the host ticks (while connected). Default true. */
  get running(): boolean {
    return this.on;
  }

  set running(value: boolean) {
    if (value === this.on) return;
    this.on = value;
    this.sync();
  }

  hostConnected(): void {
    this.connected = true;
    this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.sync();
  }

  private sync(): void {
    if (this.connected && this.on) start(this.tick);
    else stop(this.tick);
  }
}
