// Shared set-up of the core component tests: phones and customers on the
// simulated contact center, in real Chromium with real WebRTC.
import { createPhone, type CallHandle, type Phone, type PhoneOptions } from '../../src/index.js';
import {
  createToneMicrophone,
  FrequencyMeter,
  startSimulatedContactCenter,
  type SimulatedContactCenter,
  type SimulatedContactCenterOptions,
  type SimulatedCustomer,
} from '../../src/testing/index.js';

export const AGENT_HZ = 1130;
export const CUSTOMER_HZ = 470;
export const OTHER_HZ = 820;
/** A tone at this level (dBFS) or above is heard; at SILENT or below it is not. */
export const HEARD = -55;
export const SILENT = -75;
export const USERS = { '1001': 'agent-pw', '1002': 'agent2-pw', '1005': 'supervisor-pw', '2001': 'bob-pw', '2002': 'carol-pw', '2003': 'dave-pw', spy1001: 'spy-pw' };

export interface Kit {
  cc: SimulatedContactCenter;
  /** An agent phone (not connected), its microphone a tone at AGENT_HZ. */
  agent(user?: string, extra?: Partial<PhoneOptions>): Phone;
  /** Disconnects every phone and stops the center. */
  stop(): Promise<void>;
}

/** A simulated contact center with the test accounts, and a factory of agent phones on it. */
export async function startKit(options: SimulatedContactCenterOptions = {}): Promise<Kit> {
  const cc = await startSimulatedContactCenter({ users: USERS, ...options });
  const phones: Phone[] = [];
  const microphone = createToneMicrophone(AGENT_HZ);
  return {
    cc,
    agent(user = '1001', extra = {}) {
      const phone = createPhone({
        ...extra,
        sip: { ...cc.sipOptions(user), reconnect: { minDelay: 50, maxDelay: 400 }, ...extra.sip },
        media: { getStream: microphone.getStream, ...extra.media },
      });
      phones.push(phone);
      return phone;
    },
    async stop() {
      await Promise.all(phones.map((p) => p.destroy().catch(() => undefined)));
      microphone.stop();
      await cc.stop();
    },
  };
}

/** Resolves with the arguments of the next `name` event of `phone`. */
export function once<K extends Parameters<Phone['on']>[0]>(phone: Phone, name: K): Promise<unknown[]> {
  return new Promise((resolve) => {
    const off = phone.on(name, ((...args: unknown[]) => {
      off();
      resolve(args);
    }) as never);
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it is true; fails with `what` after `timeout` ms. */
export async function until(check: () => boolean, what: string, timeout = 8000): Promise<void> {
  const end = performance.now() + timeout;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** `from` calls agent 1001 with these headers; resolves with the agent's ringing call. */
export async function ring(
  cc: SimulatedContactCenter,
  phone: Phone,
  from: SimulatedCustomer,
  headers: Record<string, string> = {},
): Promise<CallHandle> {
  const incoming = once(phone, 'call:incoming');
  await from.dial(cc.address('1001'), headers);
  const [call] = (await incoming) as [CallHandle];
  return call;
}

/** How loud `hz` is in what `phone` hears on `call`, waiting up to 5 s for it to be heard. */
export async function level(phone: Phone, call: CallHandle, hz: number, heard = true): Promise<number> {
  const stream = phone.mediaOf(call).remoteStream;
  if (!stream) return -Infinity;
  const meter = new FrequencyMeter(stream);
  let last = -Infinity;
  const end = performance.now() + 5000;
  while (performance.now() < end) {
    last = await meter.median(hz, 300);
    if (heard ? last >= HEARD : last <= SILENT) break;
  }
  meter.dispose();
  return last;
}

/** The summaries of what went through the switch (`INVITE sip:...`, `603 REFER`, ...). */
export function wire(cc: SimulatedContactCenter): string[] {
  return cc.switch.messages().map((m) => m.summary);
}
