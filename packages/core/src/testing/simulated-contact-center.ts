import { interceptInPage, type PageHandlers, type PageInterception } from './page-network.js';
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

/** The page's interception of the switch's WebSocket: `use()` and `disable()`. */
export type WebSocketInterception = PageInterception;

/**
 * Routes the page's WebSockets to msw `ws` handlers (no service worker
 * needed); sockets no handler matches reach the real network. Shares the
 * page's one interception with the simulated platform.
 */
export async function interceptWebSockets(handlers: PageHandlers): Promise<WebSocketInterception> {
  return interceptInPage(handlers);
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
      await network.disable();
      sw.dispose();
    },
  };
}
