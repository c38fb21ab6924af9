import { WebSocketInterceptor } from '@mswjs/interceptors/WebSocket';
import { defineNetwork, InterceptorSource } from 'msw/experimental';
import type { PhoneOptions } from '../phone/phone-options.js';
import { SimulatedCustomer, type SimulatedCustomerOptions } from './simulated-customer.js';
import { createSipSwitch, type SipSwitch } from './sip-switch.js';

export interface SimulatedContactCenterOptions {
  /** WebSocket URL the simulated SIP server answers on (default `wss://sim.cx.invalid/ws`). */
  url?: string;
  /** SIP domain (default `sim.cx.invalid`). */
  domain?: string;
  /** Accounts: user -> password. Without it, anyone may register without a password. */
  users?: Readonly<Record<string, string>>;
  /** Longest registration the switch grants, in seconds (a short one makes phones refresh soon). */
  maxExpires?: number;
  /** One-way network latency of the switch, ms (default 0: the next task). */
  latency?: number;
}

/**
 * A contact center that lives in the page: a SIP switch behind msw's
 * WebSocket interception (no server, no service worker) and customers that
 * call the agent. Sockets to any other URL still reach the real network.
 *
 * ```js
 * const cc = await startSimulatedContactCenter();
 * const phone = createPhone({ sip: cc.sipOptions('1001') });
 * await phone.connect();
 * const bob = await cc.customer('2001', { displayName: 'Bob' });
 * await bob.dial(cc.address('1001'), { 'X-CX-Queue': 'Sales' });
 * ```
 */
export interface SimulatedContactCenter {
  readonly switch: SipSwitch;
  readonly url: string;
  readonly domain: string;
  /** `sip:<user>@<domain>`. */
  address(user: string): string;
  /** The `sip` options of `createPhone` for this user. */
  sipOptions(user: string): PhoneOptions['sip'];
  /** A registered customer (a real SIP user agent whose voice is a tone). */
  customer(user: string, options?: Partial<SimulatedCustomerOptions>): Promise<SimulatedCustomer>;
  /** Hang up every customer, stop intercepting, forget everything. */
  stop(): Promise<void>;
}

type Interceptors = ConstructorParameters<typeof InterceptorSource>[0]['interceptors'];
type Handlers = Parameters<typeof defineNetwork>[0]['handlers'];

function createInterception(handlers: Handlers) {
  // msw's typings carry their own copy of the interceptor class; it is the same object.
  const interceptors = [new WebSocketInterceptor()] as unknown as Interceptors;
  return defineNetwork({
    sources: [new InterceptorSource({ interceptors })],
    handlers,
    onUnhandledFrame: 'bypass',
    context: { quiet: true },
  });
}

/** msw's network interception: `use()`, `resetHandlers()`, `disable()`. */
export type WebSocketInterception = ReturnType<typeof createInterception>;

/**
 * Routes the page's WebSockets to msw `ws` handlers (no service worker
 * needed); sockets no handler matches reach the real network.
 */
export async function interceptWebSockets(handlers: Handlers): Promise<WebSocketInterception> {
  const network = createInterception(handlers);
  await network.enable();
  return network;
}

/** Starts a {@link SimulatedContactCenter}. */
export async function startSimulatedContactCenter(options: SimulatedContactCenterOptions = {}): Promise<SimulatedContactCenter> {
  const sw = createSipSwitch({
    ...(options.url === undefined ? {} : { url: options.url }),
    ...(options.domain === undefined ? {} : { domain: options.domain }),
    ...(options.users === undefined ? {} : { users: options.users }),
    ...(options.maxExpires === undefined ? {} : { maxExpires: options.maxExpires }),
    ...(options.latency === undefined ? {} : { latency: options.latency }),
  });
  const network = await interceptWebSockets([sw.handler]);
  const customers: SimulatedCustomer[] = [];
  const address = (user: string): string => `sip:${user}@${sw.domain}`;
  return {
    switch: sw,
    url: sw.url,
    domain: sw.domain,
    address,
    sipOptions: (user) => ({
      server: sw.url,
      aor: address(user),
      ...(options.users?.[user] === undefined ? {} : { password: options.users[user] }),
    }),
    async customer(user, extra = {}) {
      const customer = new SimulatedCustomer({
        server: sw.url,
        aor: address(user),
        ...(options.users?.[user] === undefined ? {} : { password: options.users[user] }),
        ...extra,
      });
      customers.push(customer);
      await customer.connect();
      return customer;
    },
    async stop() {
      await Promise.all(customers.map((c) => c.dispose()));
      network.disable();
      sw.dispose();
    },
  };
}
