import { atom, type ReadableAtom, type WritableAtom } from 'nanostores';
import { CxError, CxErrorCode, parseDialTarget, type Call, type CallInfo, type MonitorMode } from '../index.js';
import type { CallLeg, CallLegListener } from '../call/call-leg.js';
import type { Feature, FeatureContext } from '../features/feature.js';
import type { Route } from '../media/routing.js';

/** Where a supervisor's monitoring stands. */
export type MonitorState = 'connecting' | 'active' | 'ended';

/** A supervisor's monitoring of an agent's call, from `phone.monitor()`. */
export interface MonitorSession {
  readonly mode: MonitorMode;
  readonly $mode: ReadableAtom<MonitorMode>;
  readonly state: MonitorState;
  readonly $state: ReadableAtom<MonitorState>;
  /** What the supervisor receives (the agent and the customer), for meters and tests. */
  readonly remoteStream: MediaStream | undefined;
  /** Silent (listen), whisper (talk to the agent only) or barge (join the call). */
  setMode(mode: MonitorMode): Promise<void>;
  /** Leaves: the agent and the customer go on. */
  stop(): Promise<void>;
}

export interface MonitorOptions {
  mode?: MonitorMode;
  /** The agent's extension or address (needed without a platform). */
  agent?: string;
}

/** What the phone asks of the monitoring feature. */
export interface MonitoringApi {
  /** Supervisor side: starts monitoring; resolves once the agent's phone (or the spy server) answered. */
  monitor(interactionId: string, options: MonitorOptions): Promise<MonitorSession>;
  /** Agent side: a supervisor's INVITE the phone already allowed. */
  accept(leg: CallLeg, info: CallInfo, from: string): void;
}

/** How a mode change travels in peer mode: an INFO with this body type, `mode=whisper`. */
export const MONITOR_INFO_TYPE = 'application/x-cx-monitor';
/** Asterisk ChanSpy with its `d` option: the digit that selects each mode. */
const SPY_DIGITS: Readonly<Record<MonitorMode, string>> = { silent: '4', whisper: '5', barge: '6' };
const MODES: ReadonlySet<string> = new Set<MonitorMode>(['silent', 'whisper', 'barge']);
const TOKEN = /^[A-Za-z0-9._~+-]{1,128}$/;

/**
 * Supervisor monitoring, both sides (Lead Center).
 *
 * Agent side: the phone answers a supervisor's INVITE (`X-CX-Monitor`) by
 * itself, never holding the customer, and mixes per mode in its media
 * graph: silent, the supervisor hears the agent and the customer; whisper,
 * the agent hears the supervisor too; barge, the customer too. Mode changes
 * arrive as INFO (`application/x-cx-monitor`, `mode=whisper`). The agent
 * is told (`monitor:changed`, `snapshot.monitor`) once the supervisor
 * whispers or barges in, never while it is silent.
 *
 * Supervisor side, peer mode: `phone.monitor()` INVITEs the agent's address
 * with `X-CX-Monitor: mode=...;target=<interaction id>`. Server mode: it
 * dials `monitoring.spyUri` (Asterisk ChanSpy) and selects modes with DTMF
 * 4 (silent), 5 (whisper) and 6 (barge).
 */
export const monitoringFeature: Feature<MonitoringApi> = {
  name: 'monitoring',
  install(context) {
    const listening = new Set<AgentSide>();
    const sessions = new Set<SupervisorSide>();
    context.setRoutes(() => [...listening].flatMap((side) => side.routes()).concat([...sessions].flatMap((s) => s.routes())));
    return {
      api: {
        async monitor(interactionId, options) {
          let agent = options.agent;
          if (agent === undefined && context.options.platform) {
            // The platform knows who handles the interaction.
            agent = await (await context.platform()).agentOf(interactionId);
            if (agent === undefined) throw new CxError(CxErrorCode.InvalidState, 'No agent is on this call now.');
          }
          const session = new SupervisorSide(context, interactionId, agent === undefined ? options : { ...options, agent }, () =>
            sessions.delete(session),
          );
          sessions.add(session);
          await session.start();
          return session;
        },
        accept(leg, info, from) {
          // With a platform its rights decide (the phone let the INVITE in);
          // without one, `monitoring.supervisors` already did.
          const allowed = context.options.platform ? context.platform().then((platform) => platform.maySupervise(from)) : Promise.resolve(true);
          void allowed.then(
            (ok) => {
              if (!ok) {
                context.logger.info(`Refused monitoring by ${from}: no right on the platform`);
                void leg.reject(403).catch(() => undefined);
                return;
              }
              const side = new AgentSide(context, leg, info, () => listening.delete(side));
              listening.add(side);
              side.start();
            },
            () => void leg.reject(500).catch(() => undefined),
          );
        },
      },
      dispose: () => {
        for (const side of listening) side.end();
        for (const session of sessions) void session.stop();
      },
    };
  },
};

/** The agent's phone, answering a supervisor. */
class AgentSide {
  readonly #context: FeatureContext;
  readonly #leg: CallLeg;
  readonly #info: CallInfo;
  readonly #done: () => void;
  #call: Call | undefined;
  #mode: MonitorMode;
  #told = false;
  #ended = false;
  #off: (() => void) | undefined;

  constructor(context: FeatureContext, leg: CallLeg, info: CallInfo, done: () => void) {
    this.#context = context;
    this.#leg = leg;
    this.#info = info;
    this.#done = done;
    this.#mode = info.monitor?.mode ?? 'silent';
  }

  start(): void {
    const target = this.#info.monitor?.target ?? '';
    const live = this.#context.$calls.get().filter((c) => !c.ended && (c.state === 'active' || c.state === 'held'));
    const call = live.find((c) => c.info.interactionId !== undefined && c.info.interactionId === target) ?? (live.length === 1 ? live[0] : undefined);
    if (!call) {
      void this.#leg.reject(404).catch(() => undefined);
      this.#finish();
      return;
    }
    this.#call = call;
    const listener: CallLegListener = {
      onAnswered: () => undefined,
      onRemoteRinging: () => undefined,
      onRemoteHold: () => undefined,
      onDtmf: () => undefined,
      onEnded: () => this.end(),
      onRemoteMedia: (stream) => this.#context.media.setRemote(this.#leg, stream),
      onInfo: (type, body) => this.#onInfo(type, body),
    };
    this.#leg.listen(listener);
    this.#context.media.addLeg(this.#leg);
    this.#off = this.#context.on('call:ended', (ended) => {
      if (ended === call) this.end();
    });
    this.#leg.accept().then(
      () => this.#apply(),
      (error: unknown) => {
        this.#context.logger.warn('Could not answer a supervisor', error);
        this.end();
      },
    );
  }

  /** Who hears whom, per mode (the customer's call's own routes come from the phone). */
  routes(): Route[] {
    const customer = this.#call ? this.#context.legOf(this.#call)?.id : undefined;
    if (this.#ended || !customer) return [];
    const supervisor = this.#leg.id;
    const routes: Route[] = [
      { from: 'mic', to: supervisor, gain: 1 },
      { from: customer, to: supervisor, gain: 1 },
    ];
    if (this.#mode !== 'silent') routes.push({ from: supervisor, to: 'speaker', gain: 1 });
    if (this.#mode === 'barge') routes.push({ from: supervisor, to: customer, gain: 1 });
    return routes;
  }

  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#off?.();
    void this.#leg.terminate().catch(() => undefined);
    this.#context.media.removeLeg(this.#leg);
    this.#leg.dispose();
    const call = this.#call;
    if (call && this.#told) {
      this.#context.annotate(call, { monitor: undefined });
      this.#context.emit('monitor:ended', call);
    }
    this.#finish();
  }

  #finish(): void {
    this.#done();
    this.#context.reroute();
  }

  #onInfo(type: string, body: string): boolean {
    if (!type.toLowerCase().startsWith(MONITOR_INFO_TYPE)) return false;
    const mode = /mode\s*=\s*([a-z]+)/i.exec(body)?.[1]?.toLowerCase();
    if (mode && MODES.has(mode)) {
      this.#mode = mode as MonitorMode;
      this.#apply();
    }
    return true;
  }

  /** Routes the audio for the mode, and tells the agent once the supervisor speaks up. */
  #apply(): void {
    this.#context.reroute();
    const call = this.#call;
    if (!call || this.#ended) return;
    if (this.#mode !== 'silent') this.#told = true;
    if (!this.#told) return;
    const supervisor = this.#info.remote.displayName || this.#info.remote.number;
    const notice = { mode: this.#mode, supervisor };
    this.#context.annotate(call, { monitor: notice });
    this.#context.emit('monitor:changed', call, notice);
  }
}

/** The supervisor's phone. */
class SupervisorSide implements MonitorSession {
  readonly #context: FeatureContext;
  readonly #done: () => void;
  readonly #leg: CallLeg;
  readonly #server: boolean;
  readonly #mode: WritableAtom<MonitorMode>;
  readonly #state = atom<MonitorState>('connecting');
  #answered: { resolve(): void; reject(error: CxError): void } | undefined;

  constructor(context: FeatureContext, interactionId: string, options: MonitorOptions, done: () => void) {
    this.#context = context;
    this.#done = done;
    const mode = options.mode ?? 'silent';
    if (!MODES.has(mode)) throw new CxError(CxErrorCode.InvalidOptions, `"${String(mode)}" is not a monitoring mode: silent, whisper or barge.`);
    this.#mode = atom(mode);
    const { mode: how, spyUri } = context.options.monitoring;
    if (!options.agent) {
      throw new CxError(CxErrorCode.InvalidOptions, "Say which agent to monitor: phone.monitor(id, { agent: '1001' }).");
    }
    const agent = parseDialTarget(options.agent, context.options.sip.domain);
    this.#server = how === 'server';
    if (this.#server) {
      const uri = parseDialTarget((spyUri ?? '').replace('{agent}', agent.number), context.options.sip.domain).uri;
      this.#leg = context.openLeg(uri, []);
    } else {
      if (!TOKEN.test(interactionId)) throw new CxError(CxErrorCode.InvalidOptions, 'The interaction id to monitor is not valid.');
      this.#leg = context.openLeg(agent.uri, [`X-CX-Monitor: mode=${mode};target=${interactionId}`]);
    }
    this.#context.media.addLeg(this.#leg);
    this.#leg.listen({
      onAnswered: () => {
        this.#state.set('active');
        this.#context.reroute();
        this.#answered?.resolve();
      },
      onRemoteRinging: () => undefined,
      onRemoteHold: () => undefined,
      onDtmf: () => undefined,
      onEnded: (end) => {
        const status = 'statusCode' in end ? end.statusCode : undefined;
        this.#answered?.reject(
          new CxError(CxErrorCode.SipFailure, status === 403 ? 'You may not monitor this call.' : 'The monitoring did not start.', {
            ...(status === undefined ? {} : { statusCode: status }),
          }),
        );
        this.#end();
      },
      onRemoteMedia: (stream) => this.#context.media.setRemote(this.#leg, stream),
    });
  }

  get mode(): MonitorMode {
    return this.#mode.get();
  }
  get $mode(): ReadableAtom<MonitorMode> {
    return this.#mode;
  }
  get state(): MonitorState {
    return this.#state.get();
  }
  get $state(): ReadableAtom<MonitorState> {
    return this.#state;
  }
  get remoteStream(): MediaStream | undefined {
    return this.state === 'ended' ? undefined : this.#leg.remoteStream;
  }

  start(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#answered = { resolve, reject };
    }).then(async () => {
      this.#answered = undefined;
      if (this.#server && this.mode !== 'silent') await this.#leg.sendDtmf(SPY_DIGITS[this.mode]);
    });
  }

  /** The supervisor hears the leg; the agent (and the customer) hear the supervisor's microphone unless silent. */
  routes(): Route[] {
    if (this.state === 'ended') return [];
    const routes: Route[] = [{ from: this.#leg.id, to: 'speaker', gain: 1 }];
    if (this.mode !== 'silent') routes.push({ from: 'mic', to: this.#leg.id, gain: 1 });
    return routes;
  }

  async setMode(mode: MonitorMode): Promise<void> {
    if (!MODES.has(mode)) throw new CxError(CxErrorCode.InvalidOptions, `"${String(mode)}" is not a monitoring mode.`);
    if (this.state !== 'active') throw new CxError(CxErrorCode.InvalidState, 'The monitoring is not active.');
    if (mode === this.mode) return;
    if (this.#server) await this.#leg.sendDtmf(SPY_DIGITS[mode]);
    else await this.#leg.sendInfo(MONITOR_INFO_TYPE, `mode=${mode}`);
    this.#mode.set(mode);
    this.#context.reroute();
  }

  async stop(): Promise<void> {
    if (this.state === 'ended') return;
    await this.#leg.terminate().catch(() => undefined);
    this.#end();
  }

  #end(): void {
    if (this.state === 'ended') return;
    this.#state.set('ended');
    this.#context.media.removeLeg(this.#leg);
    this.#leg.dispose();
    this.#done();
    this.#context.reroute();
  }
}
