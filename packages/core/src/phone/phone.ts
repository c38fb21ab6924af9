import { atom, computed, type ReadableAtom } from 'nanostores';
import { deriveAgentStatus, type AgentStatus } from '../agent/agent-status.js';
import { Call } from '../call/call.js';
import type { CallControl } from '../call/call-control.js';
import type { EndReason } from '../call/call-state.js';
import { parseOffer } from '../call/parse-offer.js';
import { Emitter } from '../emitter.js';
import { CxError, CxErrorCode } from '../errors/cx-error.js';
import { Logger } from '../logger.js';
import { smallBannerAllows } from '../rules/small-banner-access.js';
import { SipAgent, type ConnectionStatus, type IncomingOffer } from '../sip/sip-agent.js';
import type { SessionEnd, SipSession, SipSessionListener } from '../sip/sip-session.js';
import { runContactLookup } from './contact-lookup.js';
import { parseDialTarget } from './dial-target.js';
import type { PhoneEventMap } from './phone-events.js';
import { resolvePhoneOptions, type PhoneOptions, type ResolvedPhoneOptions } from './phone-options.js';

/** Options of `phone.call()`. */
export interface CallOptions {
  /** Extra SIP headers for the INVITE, e.g. `{ 'X-CX-Queue': 'Sales' }`. */
  headers?: Readonly<Record<string, string>>;
}

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]{1,64}$/;
/** Ended calls kept in `$calls` (for the call boxes' history). */
const KEEP_ENDED = 20;

let nextId = 0;

/**
 * The agent's phone: one SIP registration, its calls and the stores that
 * describe them. Create it with {@link createPhone}.
 */
export class Phone {
  /** The link to the SIP server. */
  readonly $connection: ReadableAtom<ConnectionStatus>;
  /** Live calls first (newest first), then recently ended ones. */
  readonly $calls: ReadableAtom<readonly Call[]>;
  /** The call the agent is talking on (or dialing, or last held), if any. */
  readonly $activeCall: ReadableAtom<Call | undefined>;
  /** What the agent is doing. */
  readonly $agent: ReadableAtom<AgentStatus>;
  readonly options: ResolvedPhoneOptions;

  private readonly logger: Logger;
  private readonly events = new Emitter<PhoneEventMap>();
  private readonly connection = atom<ConnectionStatus>({ state: 'disconnected' });
  private readonly calls = atom<readonly Call[]>([]);
  private readonly agentChoice = atom({ paused: false, wrappingUp: false });
  private readonly sessions = new Map<Call, SipSession>();
  private readonly timers = new Map<Call, ReturnType<typeof setTimeout>>();
  private readonly agent: SipAgent;

  constructor(options: PhoneOptions) {
    this.options = resolvePhoneOptions(options);
    this.logger = new Logger(this.options.log);
    this.events.onListenerError = (error) => this.logger.error('A phone event listener threw', error);
    this.$connection = this.connection;
    this.$calls = this.calls;
    this.$activeCall = computed(this.calls, (calls) => pickActive(calls));
    this.$agent = computed([this.connection, this.calls, this.agentChoice], (connection, calls, choice) =>
      deriveAgentStatus(connection, calls.map((c) => c.snapshot), choice),
    );
    let lastAgent: AgentStatus | undefined;
    this.$agent.subscribe((status) => {
      if (lastAgent !== undefined && status !== lastAgent) this.events.emit('agent:changed', status);
      lastAgent = status;
    });
    this.agent = new SipAgent(this.options, this.logger, {
      onStatus: (status) => {
        this.connection.set(status);
        this.events.emit('connection:changed', status);
      },
      onOffer: (offer) => this.handleOffer(offer),
    });
  }

  /** Subscribe to an event; returns the function that unsubscribes. */
  on<K extends keyof PhoneEventMap>(name: K, fn: (...args: PhoneEventMap[K]) => void): () => void {
    return this.events.on(name, fn);
  }

  /** Connect to the SIP server and register. Resolves once registered. */
  connect(): Promise<void> {
    return this.agent.connect();
  }

  /** Hang up every call, unregister and close the connection. */
  async disconnect(): Promise<void> {
    await Promise.all(this.live().map((call) => call.hangup().catch(() => undefined)));
    await this.agent.disconnect();
  }

  /** Pause or resume taking calls (the agent status becomes `paused`). */
  setPaused(paused: boolean): void {
    this.agentChoice.set({ ...this.agentChoice.get(), paused });
  }

  /**
   * Place a call to a number (`+33 1 23 45 67 89`), an extension (`1002`) or
   * a SIP URI. Holds the active call first.
   */
  async call(target: string, options: CallOptions = {}): Promise<Call> {
    const dial = parseDialTarget(target, this.options.sip.domain);
    const headers = formatHeaders(options.headers);
    const state = this.connection.get().state;
    if (state !== 'registered' && state !== 'connected') {
      throw new CxError(CxErrorCode.NotConnected, 'The phone is not connected to the SIP server.', {
        solutions: ['Call phone.connect() and wait for it to resolve.'],
      });
    }
    const active = this.live().find((c) => c.state === 'active');
    if (active) await active.hold(true);
    const info = parseOffer(
      { headers: [], from: { displayName: '', user: dial.number, host: dial.host }, to: { user: dial.number, host: dial.host } },
      this.options.internal,
    );
    let session: SipSession | undefined;
    const call = this.createCall('outbound', 'dialing', info, sessionControl(() => session));
    session = this.agent.invite(dial.uri, headers, this.listenerFor(call));
    this.sessions.set(call, session);
    this.addCall(call);
    this.events.emit('call:outgoing', call);
    this.lookUpContact(call);
    return call;
  }

  /**
   * Whether `call` may be shown and handled from `<cx-small-banner>`: the
   * INVITE's `X-CX-Small-Banner` header when it has one, else the profile's
   * `smallBanner` rule (every call by default; see `smallBannerAllows`).
   */
  allowsSmallBanner(call: Call): boolean {
    return smallBannerAllows(call.info, this.options.profile.smallBanner);
  }

  /** The SIP session behind a call: its peer connection and remote stream, for meters and tests. */
  mediaOf(call: Call): { peerConnection: RTCPeerConnection | undefined; remoteStream: MediaStream | undefined } {
    const session = this.sessions.get(call);
    return { peerConnection: session?.peerConnection, remoteStream: session?.remoteStream };
  }

  // ---- inbound --------------------------------------------------------------

  private handleOffer(offer: IncomingOffer): void {
    const info = parseOffer(offer.input, this.options.internal);
    const seconds = info.ringTimeout ?? this.options.profile.ringTimeout;
    const now = Date.now();
    let session: SipSession | undefined;
    const call = this.createCall('inbound', 'ringing', info, sessionControl(() => session), now + seconds * 1000);
    session = offer.open(this.listenerFor(call));
    this.sessions.set(call, session);
    offer.prepareMedia();
    this.timers.set(
      call,
      setTimeout(() => void this.expire(call), seconds * 1000),
    );
    this.addCall(call);
    this.logger.info(`Incoming call ${call.id}`);
    this.events.emit('call:incoming', call);
    if (!call.ended && (info.autoAnswer || this.options.profile.autoAnswer)) {
      call.accept().catch((error: unknown) => this.logger.error('Auto-answer failed', error));
    }
    this.lookUpContact(call);
  }

  /** The countdown ran out: decline with 480 so the ACD redistributes. */
  private async expire(call: Call): Promise<void> {
    if (call.state !== 'ringing') return;
    await call.endWith('ring-timeout', this.sessions.get(call)?.reject(480) ?? Promise.resolve());
  }

  // ---- shared -------------------------------------------------------------

  /**
   * Asks the `contacts.lookup` hook for the other party's name, once per
   * call, without holding anything up: the name lands in
   * `call.snapshot.contactName` (a `call:changed`) whenever it comes, even
   * after the call ended (the missed call notice and the call box still show
   * it). A failing or slow hook is logged and otherwise ignored.
   */
  private lookUpContact(call: Call): void {
    const { lookup, timeout } = this.options.contacts;
    if (!lookup) return;
    const number = call.info.remote.number;
    void runContactLookup(lookup, {
      number,
      call: { id: call.id, direction: call.direction, info: call.info },
      timeout,
    }).then((outcome) => {
      switch (outcome.status) {
        case 'found':
          call.commit({ contactName: outcome.name });
          break;
        case 'failed':
          this.logger.warn(`The contact lookup failed for call ${call.id}`, outcome.error);
          break;
        case 'timed-out':
          this.logger.warn(`The contact lookup gave no answer within ${timeout} ms for call ${call.id}`);
          break;
        default:
          this.logger.debug(`No contact found for call ${call.id}`);
      }
    });
  }

  private createCall(
    direction: 'inbound' | 'outbound',
    state: 'ringing' | 'dialing',
    info: Call['info'],
    control: CallControl,
    ringDeadline?: number,
  ): Call {
    const call = new Call({
      id: `call-${++nextId}`,
      direction,
      state,
      info,
      control,
      onChange: (changed, previous) => this.handleChange(changed, previous),
      ...(ringDeadline === undefined ? {} : { ringDeadline }),
    });
    call.beforeActivate = (target) => this.holdOthers(target);
    return call;
  }

  private listenerFor(call: Call): SipSessionListener {
    return {
      onAnswered: () => call.markAnswered(),
      onRemoteRinging: () => call.commit({ remoteRinging: true }),
      onEnded: (end: SessionEnd) => call.end(endReasonOf(call, end), 'statusCode' in end ? end.statusCode : undefined),
      onRemoteHold: (held) => call.commit({ remoteHeld: held }),
      onDtmf: (digit) => this.events.emit('call:dtmf', call, digit),
    };
  }

  /** At most one active call: hold every other active one. */
  private async holdOthers(target: Call): Promise<void> {
    for (const other of this.live()) {
      if (other !== target && other.state === 'active') await other.hold(true);
    }
  }

  private handleChange(call: Call, previous: Call['snapshot']): void {
    const now = call.snapshot;
    // Re-publish the list so subscribers of $calls see the change.
    this.calls.set([...this.calls.get()]);
    this.events.emit('call:changed', call, previous);
    if (now.muted !== previous.muted) this.events.emit('call:muted', call, now.muted);
    if (now.state === previous.state) return;
    if (now.state === 'active' && previous.answeredAt === undefined) this.events.emit('call:accepted', call);
    else if (now.state === 'held') this.events.emit('call:held', call);
    else if (now.state === 'active' && previous.state === 'held') this.events.emit('call:resumed', call);
    if (now.state === 'ended') {
      clearTimeout(this.timers.get(call));
      this.timers.delete(call);
      this.sessions.delete(call);
      this.trimEnded();
      this.events.emit('call:ended', call);
      if (now.endReason === 'ring-timeout' || now.endReason === 'caller-cancelled') this.events.emit('call:missed', call);
    }
  }

  private addCall(call: Call): void {
    this.calls.set([call, ...this.calls.get()]);
  }

  private trimEnded(): void {
    const calls = this.calls.get();
    const live = calls.filter((c) => !c.ended);
    const ended = calls.filter((c) => c.ended).slice(0, KEEP_ENDED);
    this.calls.set([...live, ...ended]);
  }

  private live(): Call[] {
    return this.calls.get().filter((c) => !c.ended);
  }
}

/** Creates a phone (see DESIGN: `CX.createPhone({ sip, platform })`). */
export function createPhone(options: PhoneOptions): Phone {
  return new Phone(options);
}

/**
 * A call's control, forwarded to its SIP session. The call exists before its
 * session (the session reports to the call), hence the getter.
 */
function sessionControl(session: () => SipSession | undefined): CallControl {
  return {
    accept: () => session()?.accept() ?? Promise.resolve(),
    reject: (code) => session()?.reject(code) ?? Promise.resolve(),
    terminate: () => session()?.terminate() ?? Promise.resolve(),
    setHold: (on) => session()?.setHold(on) ?? Promise.resolve(),
    setSending: (on) => session()?.setSending(on),
    sendDtmf: (digit) => session()?.sendDtmf(digit) ?? Promise.resolve(),
    dispose: () => session()?.dispose(),
  };
}

function pickActive(calls: readonly Call[]): Call | undefined {
  return (
    calls.find((c) => c.state === 'active' || c.state === 'connecting' || c.state === 'dialing') ??
    calls.find((c) => c.state === 'held')
  );
}

function endReasonOf(call: Call, end: SessionEnd): EndReason {
  switch (end.kind) {
    case 'caller-cancelled':
      return call.state === 'ringing' ? 'caller-cancelled' : 'remote-hangup';
    case 'rejected':
      return 'rejected';
    case 'failed':
      return 'failed';
    default:
      return call.state === 'dialing' ? 'rejected' : 'remote-hangup';
  }
}

function formatHeaders(headers: Readonly<Record<string, string>> | undefined): string[] {
  if (!headers) return [];
  return Object.entries(headers).map(([name, value]) => {
    if (!HEADER_NAME.test(name) || typeof value !== 'string' || /[\r\n\0]/.test(value) || value.length > 4096) {
      throw new CxError(CxErrorCode.InvalidOptions, `The header "${name.slice(0, 64)}" is not a valid SIP header.`, {
        solutions: ['Header names are SIP tokens; values are one line of at most 4096 characters.'],
      });
    }
    return `${name}: ${value}`;
  });
}
