import type { Call } from '../call/call.js';
import { CxError, CxErrorCode } from '../errors/cx-error.js';
import { FrequencyMeter } from '../media/frequency-meter.js';
import { createToneMicrophone, type ToneMicrophone } from '../media/tone.js';
import { installFeature } from '../phone/phone.js';
import { LocalPhone } from '../phone/local-phone.js';
import { customerControls, followRefers, type CustomerControls } from './customer-controls.js';

/** Calls a customer remembers (a long demo or bench must not grow without end). */
const KEEP_CALLS = 20;

export interface SimulatedCustomerOptions {
  /** WebSocket URL of the SIP server (a real one, or a simulated switch). */
  server: string;
  /** The customer's address of record, e.g. `sip:2001@example.com`. */
  aor: string;
  username?: string;
  password?: string;
  /** The name the agent sees. */
  displayName?: string;
  /** The customer's "voice": a steady tone at this frequency (Hz, default 440). */
  frequency?: number;
  /** Answer calls from the agent by itself (default true). */
  autoAnswer?: boolean;
  /** How this customer sends DTMF (default 'info', which the agent's browser can see). */
  dtmf?: 'rfc4733' | 'info';
  /** Follow transfers (REFER) as a real phone does (default true). */
  followRefers?: boolean;
  /** Seconds an unanswered call to this customer rings before it is refused with 480 (default 120). */
  ringTimeout?: number;
}

/**
 * A customer for tests and the demo: a real SIP user agent in the page whose
 * voice is a tone. It calls the agent with any headers, answers, holds, keys
 * DTMF, hangs up, and records what it received (DTMF, final status codes,
 * which tones it hears).
 */
export class SimulatedCustomer {
  /** Its phone: a phone of its own, whatever tabs the agent has open. */
  readonly phone: LocalPhone;
  readonly frequency: number;
  /** DTMF digits received from the agent, in order. */
  readonly receivedDtmf: string[] = [];
  /** The calls this customer took part in (the last 20), newest last. */
  readonly calls: Call[] = [];
  private readonly microphone: ToneMicrophone;
  /** One meter per remote stream (a call's stream changes when its dialog is replaced). */
  private readonly meters = new Map<MediaStream, FrequencyMeter>();
  private readonly controls: CustomerControls;

  constructor(options: SimulatedCustomerOptions) {
    this.frequency = options.frequency ?? 440;
    this.microphone = createToneMicrophone(this.frequency);
    this.phone = new LocalPhone({
      sip: {
        server: options.server,
        aor: options.aor,
        ...(options.username === undefined ? {} : { username: options.username }),
        ...(options.password === undefined ? {} : { password: options.password }),
        ...(options.displayName === undefined ? {} : { displayName: options.displayName }),
        dtmf: options.dtmf ?? 'info',
        keepAliveInterval: 0,
        reconnect: { minDelay: 200, maxDelay: 2000 },
      },
      profile: { autoAnswer: options.autoAnswer ?? true, ringTimeout: options.ringTimeout ?? 120 },
      media: { getStream: this.microphone.getStream },
    });
    this.controls = installFeature(this.phone, customerControls);
    if (options.followRefers ?? true) installFeature(this.phone, followRefers);
    this.phone.on('call:dtmf', (_call, digit) => this.receivedDtmf.push(digit));
    const keep = (call: Call): void => {
      this.calls.push(call);
      if (this.calls.length > KEEP_CALLS) this.calls.splice(0, this.calls.length - KEEP_CALLS);
    };
    this.phone.on('call:incoming', keep);
    this.phone.on('call:outgoing', keep);
  }

  /** Register with the server. */
  connect(): Promise<void> {
    return this.phone.connect();
  }

  /** The latest call. */
  get call(): Call | undefined {
    return this.calls[this.calls.length - 1];
  }

  /** Call the agent (or anyone), with any INVITE headers (DESIGN section 4). */
  dial(target: string, headers: Readonly<Record<string, string>> = {}): Promise<Call> {
    return this.phone.call(target, { headers });
  }

  /** Resolves when the latest call reaches `state` (or rejects after `timeout` ms). */
  waitFor(state: Call['state'], timeout = 10_000): Promise<Call> {
    return waitForCall(() => this.call, state, timeout);
  }

  /**
   * How loud `frequency` is in what this customer hears now (median dBFS):
   * on its newest call still in progress (after a transfer, the new one),
   * else its latest call.
   */
  async hears(frequency: number, duration = 600): Promise<number> {
    const call = [...this.calls].reverse().find((c) => !c.ended) ?? this.call;
    const stream = call ? this.phone.mediaOf(call).remoteStream : undefined;
    if (!call || !stream) return -Infinity;
    let meter = this.meters.get(stream);
    if (!meter) {
      meter = new FrequencyMeter(stream);
      this.meters.set(stream, meter);
    }
    return meter.median(frequency, duration);
  }

  /**
   * Sends a REFER on the latest call asking the other side to call
   * `target` (a SIP URI), as a hostile caller might. Resolves if it is
   * accepted; rejects with the refusal's `statusCode`.
   */
  refer(target: string): Promise<void> {
    const call = this.call;
    if (!call) return Promise.reject(new CxError(CxErrorCode.InvalidState, 'No call to send a REFER on.'));
    return this.controls.refer(call, target);
  }

  /**
   * The `Replaces` header value (RFC 3891) that names the latest call's
   * dialog as the other side sees it: what a transferee sends to replace it.
   */
  replacesFor(): string {
    const dialog = this.call ? this.controls.dialogOf(this.call) : undefined;
    if (!dialog) throw new CxError(CxErrorCode.InvalidState, 'The latest call has no confirmed dialog.');
    return `${dialog.callId};to-tag=${dialog.remoteTag};from-tag=${dialog.localTag}`;
  }

  /** Hang up every call, unregister, stop the tones. */
  async dispose(): Promise<void> {
    await this.phone.disconnect().catch(() => undefined);
    for (const meter of this.meters.values()) meter.dispose();
    this.meters.clear();
    this.microphone.stop();
  }
}

/** Resolves when `get()` returns a call in `state`; rejects with the last state seen after `timeout`. */
export function waitForCall(get: () => Call | undefined, state: Call['state'], timeout = 10_000): Promise<Call> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const check = (): void => {
      const call = get();
      if (call && call.state === state) return resolve(call);
      if (performance.now() - started > timeout) {
        return reject(
          new CxError(CxErrorCode.InvalidState, `Waited ${timeout} ms for a call to be ${state}; it is ${call?.state ?? 'absent'}.`),
        );
      }
      setTimeout(check, 20);
    };
    check();
  });
}
