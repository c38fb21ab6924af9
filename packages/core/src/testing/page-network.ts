import { FetchInterceptor } from '@mswjs/interceptors/fetch';
import { WebSocketInterceptor } from '@mswjs/interceptors/WebSocket';
import { defineNetwork, InterceptorSource } from 'msw/experimental';

type Interceptors = ConstructorParameters<typeof InterceptorSource>[0]['interceptors'];
/** An msw request or WebSocket handler. */
export type PageHandler = Extract<NonNullable<Parameters<typeof defineNetwork>[0]['handlers']>, readonly unknown[]>[number];
export type PageHandlers = readonly PageHandler[];

function createNetwork() {
  // msw's typings carry their own copy of the interceptor classes; they are the same objects.
  const interceptors = [new WebSocketInterceptor(), new FetchInterceptor()] as unknown as Interceptors;
  return defineNetwork({
    sources: [new InterceptorSource({ interceptors })],
    handlers: [],
    onUnhandledFrame: 'bypass',
    context: { quiet: true },
  });
}

let network: ReturnType<typeof createNetwork> | undefined;
let enabling: Promise<void> | undefined;
const attached = new Set<readonly PageHandler[]>();

/** What one simulation added to the page's interception. */
export interface PageInterception {
  /** Adds handlers in front of this simulation's own (msw's `use`). */
  use(...handlers: PageHandler[]): void;
  /** Drops what `use()` added: back to the handlers this simulation started with. */
  resetHandlers(): void;
  /** Takes this simulation's handlers off; the page stops intercepting once none is left. */
  disable(): Promise<void>;
}

/**
 * The page's one msw interception of WebSockets and `fetch` (no service
 * worker). The simulated SIP switch and the simulated platform both attach
 * their handlers to it: msw's interceptors are global to the page, and two
 * interceptions of their own would not both work. Requests no handler
 * answers reach the real network.
 */
export async function interceptInPage(handlers: readonly PageHandler[]): Promise<PageInterception> {
  const own: PageHandler[] = [...handlers];
  attached.add(own);
  network ??= createNetwork();
  const current = network;
  current.resetHandlers(...[...attached].flat());
  if (current.readyState === 0) enabling ??= Promise.resolve(current.enable()).then(() => undefined);
  await enabling;
  let disabled = false;
  return {
    use(...more) {
      own.unshift(...more);
      current.resetHandlers(...[...attached].flat());
    },
    resetHandlers() {
      own.splice(0, own.length, ...handlers);
      current.resetHandlers(...[...attached].flat());
    },
    async disable() {
      if (disabled) return;
      disabled = true;
      attached.delete(own);
      if (attached.size > 0) {
        current.resetHandlers(...[...attached].flat());
        return;
      }
      enabling = undefined;
      network = undefined;
      await current.disable();
    },
  };
}
