// Shared set-up of the end-to-end tests: phones on the real Kamailio that the
// test runner started on loopback (see /__cx/sip-env.js).
import { createPhone, type CallHandle, type Phone, type PhoneOptions } from '../../src/index.js';
import { createToneMicrophone, FrequencyMeter, SimulatedCustomer } from '../../src/testing/index.js';

export interface SipEnv {
  wsUrl: string;
  domain: string;
  users: Array<{ user: string; password: string; aor: string }>;
}

const envUrl = '/__cx/sip-env.js';
export const env: SipEnv = (await import(/* @vite-ignore */ envUrl)).default as SipEnv;

/** The agent's voice and the customer's, far apart and not harmonics of each other. */
export const AGENT_HZ = 1130;
export const CUSTOMER_HZ = 470;
/** A tone at this level or above is heard; at SILENT or below it is not. */
export const HEARD = -55;
export const SILENT = -75;

export function account(user: string): { user: string; password: string; aor: string } {
  const found = env.users.find((u) => u.user === user);
  if (!found) throw new Error(`no test account ${user}`);
  return found;
}

const cleanup: Array<() => Promise<void>> = [];

export interface Agent {
  phone: Phone;
  user: string;
}

/** An agent phone whose microphone is a tone at AGENT_HZ. */
export async function agent(user: string, extra: Partial<PhoneOptions> = {}): Promise<Agent> {
  const { aor, password } = account(user);
  const microphone = createToneMicrophone(AGENT_HZ);
  const phone = createPhone({
    ...extra,
    sip: { server: env.wsUrl, aor, password, displayName: `Agent ${user}`, reconnect: { minDelay: 200, maxDelay: 1500 }, ...extra.sip },
    media: { getStream: microphone.getStream },
  });
  cleanup.push(async () => {
    await phone.disconnect().catch(() => undefined);
    microphone.stop();
  });
  await phone.connect();
  return { phone, user };
}

/** A simulated customer (tone at CUSTOMER_HZ) registered on the real server. */
export async function customer(
  user: string,
  options: { autoAnswer?: boolean; displayName?: string; frequency?: number; ringTimeout?: number } = {},
): Promise<SimulatedCustomer> {
  const { aor, password } = account(user);
  const c = new SimulatedCustomer({
    server: env.wsUrl,
    aor,
    password,
    frequency: options.frequency ?? CUSTOMER_HZ,
    displayName: options.displayName ?? `Customer ${user}`,
    autoAnswer: options.autoAnswer ?? true,
    ...(options.ringTimeout === undefined ? {} : { ringTimeout: options.ringTimeout }),
  });
  cleanup.push(() => c.dispose());
  await c.connect();
  return c;
}

export async function disposeAll(): Promise<void> {
  const tasks = cleanup.splice(0);
  await Promise.all(tasks.map((t) => t().catch(() => undefined)));
}

/** Resolves with the next emission of `phone.on(name)`. */
export function next<K extends Parameters<Phone['on']>[0]>(phone: Pick<Phone, 'on'>, name: K, timeout = 10_000): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${String(name)} within ${timeout} ms`));
    }, timeout);
    const off = phone.on(name, ((...args: unknown[]) => {
      clearTimeout(timer);
      off();
      resolve(args);
    }) as never);
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it is true or `timeout` ms pass. */
export async function until(check: () => boolean, timeout = 10_000, what = 'condition'): Promise<void> {
  const end = performance.now() + timeout;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const meters = new WeakMap<object, FrequencyMeter>();

/** How loud `hz` is in what `phone` hears on `call` (median dBFS over `duration` ms). */
export async function hears(phone: Phone, call: CallHandle, hz: number, duration = 600): Promise<number> {
  const stream = phone.mediaOf(call).remoteStream;
  if (!stream) return -Infinity;
  let meter = meters.get(call);
  if (!meter) {
    meter = new FrequencyMeter(stream);
    meters.set(call, meter);
  }
  return meter.median(hz, duration);
}

/** Waits until `hz` is heard (or not) on `call`, up to `timeout` ms; returns the last level. */
export async function settle(phone: Phone, call: CallHandle, hz: number, heard: boolean, timeout = 6000): Promise<number> {
  const end = performance.now() + timeout;
  let level = -Infinity;
  do {
    level = await hears(phone, call, hz, 400);
    if (heard ? level >= HEARD : level <= SILENT) return level;
  } while (performance.now() < end);
  return level;
}
