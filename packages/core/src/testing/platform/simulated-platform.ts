import { http, HttpResponse, type HttpHandler } from 'msw';
import * as v from 'valibot';
import { Logger, type LogOptions } from '../../logger.js';
import {
  ContactSchema,
  DirectoryEntrySchema,
  ErrorSchema,
  InteractionSchema,
  MeSchema,
  NotificationSettingsSchema,
  MissedCallSchema,
  PlatformEventSchemas,
  PlatformUserSchema,
  PoolSchema,
  QueueFormSchema,
  StatusAnswerSchema,
  StatusRequestSchema,
  TakeAnswerSchema,
  VoicemailSchema,
  WrapUpExtendRequestSchema,
  WrapUpInvalidSchema,
  WrapUpRequestSchema,
  WrapUpSavedSchema,
  WrapUpTimeSchema,
  type Caller,
  type MissedCall,
  type PlatformEvent,
  type PlatformStatus,
  type PoolEntry,
  type Voicemail,
} from '../../platform/platform-schemas.js';
import type { HotlineEntity } from '../../rules/hotline-match.js';
import { NotificationRequestSchema, UnansweredSettingsSchema } from '../../unanswered/unanswered-schemas.js';
import {
  createModel,
  defaultSeed,
  toneWav,
  type SimulatedInteraction,
  type SimulatedPlatformModel,
  type SimulatedPlatformSeed,
  type SimulatedUser,
} from './simulated-platform-model.js';

/** Events the platform keeps for clients that resume with `Last-Event-ID`. */
const KEEP_EVENTS = 500;

/** Header by which a server in front of the handlers tells them the address clients see. */
export const PUBLIC_BASE_HEADER = 'x-cx-sim-public-base';

/** What the simulated platform hands to `dial`: a queue call dispatched to an agent. */
export interface SimulatedDispatch {
  interactionId: string;
  caller: { number: string; name?: string };
  /** The agent's extension. */
  extension: string;
  /** INVITE headers of DESIGN section 4 (`X-CX-Interaction-Id`, `X-CX-Queue`, ...). */
  headers: Record<string, string>;
}

export interface SimulatedPlatformOptions {
  /** Where the platform answers (default `https://platform.sim.cx.invalid/api`). */
  baseUrl?: string;
  /**
   * The first user's token (default `sim-token`, user 1001 in the default
   * seed); other users' tokens come from `tokenFor()`. Requests without a
   * known token get 401.
   */
  token?: string;
  /** Replaces parts of the default data. */
  seed?: Partial<SimulatedPlatformSeed>;
  /**
   * How a dispatched call reaches the agent over SIP: the test or demo makes
   * a simulated customer dial, e.g.
   * `dial: ({ extension, headers }) => customer.dial(cc.address(extension), headers)`.
   */
  dial?: (call: SimulatedDispatch) => Promise<unknown> | void;
  /** The clock (ms since the epoch), default `Date.now`. */
  now?: () => number;
  /** Where the platform logs what went wrong on its side (a failed `dial`). */
  log?: LogOptions;
}

/** A canned answer for {@link SimulatedPlatform.fail}. */
export interface SimulatedFailure {
  /** HTTP status (default 500, or 200 with `body` or `json`). */
  status?: number;
  /** Raw body, sent as is (e.g. broken JSON). */
  body?: string;
  /** JSON body (e.g. a wrongly shaped answer). */
  json?: unknown;
  /** Delay in ms before answering; with nothing else, the normal answer follows the delay. */
  delay?: number;
  /** No answer at all: the request fails as when the platform cannot be reached. */
  network?: boolean;
}

/** A request the platform received. */
export interface SimulatedRequest {
  method: string;
  /** Path below `baseUrl`, with the query, e.g. `/directory?q=al`. */
  path: string;
  /** The parsed JSON body (the raw text when it is not JSON), `undefined` without one. */
  body: unknown;
  /** Whether the request's body matched the contract. */
  valid: boolean;
  /** The status it was answered with (0 while a stream is open or before the answer). */
  status: number;
}

/** What {@link SimulatedPlatform.putInPool} takes. */
export interface PoolPlacement {
  queueId: string;
  caller: { number: string; name?: string };
  route?: string[];
  data?: Record<string, string>;
  /** Interaction id (default `interaction-<n>`). */
  interactionId?: string;
}

/** What {@link SimulatedPlatform.addMissedCall} takes. */
export interface MissedCallPlacement {
  caller: Caller;
  reason?: MissedCall['reason'];
  /** User id or extension (default: the first user). */
  user?: string;
  id?: string;
}

/** What {@link SimulatedPlatform.addVoicemail} takes. */
export interface VoicemailPlacement {
  caller: Caller;
  /** Seconds of the generated tone (default 1). */
  duration?: number;
  transcription?: string;
  /** User id or extension (default: the first user). */
  user?: string;
  id?: string;
  /** The message (default: a WAV tone of `duration` seconds). */
  audio?: Blob;
}

/**
 * A contact-center platform (DESIGN section 7) simulated in memory, served
 * through msw request handlers: in the page with {@link startSimulatedPlatform},
 * in Node with `servePlatform`, or with any msw setup.
 */
export interface SimulatedPlatform {
  readonly baseUrl: string;
  /** The first user's token. */
  readonly token: string;
  /** msw request handlers: give them to your msw setup, or call `startSimulatedPlatform`. */
  readonly handlers: ReadonlyArray<HttpHandler>;
  /** The in-memory state, for assertions. Change it through the methods below. */
  readonly model: SimulatedPlatformModel;
  /** The token of a user (by id or extension): two agents can race with two tokens. */
  tokenFor(user: string): string;
  /** A caller starts waiting in a queue; every user who sees that queue gets a `pool` event. */
  putInPool(entry: PoolPlacement): PoolEntry;
  /**
   * Offers a pool call to the agent with this extension (state `offered`),
   * then sends it over SIP through `options.dial` with the headers of DESIGN
   * section 4. Resolves when `dial` has.
   */
  dispatch(interactionId: string, extension: string): Promise<void>;
  /** Sets a user's status as a supervisor or a rule would; emits `status` to that user. */
  setStatus(user: string, status: PlatformStatus, reason?: string): void;
  /** Sets the companies a user's desk answers for (`/me` `hotline`, docs/hotline.md); `undefined` leaves the field out. */
  setHotline(user: string, entities: readonly HotlineEntity[] | undefined): void;
  /** The call connected: the agent (by extension) handles it. */
  handling(interactionId: string, agentExtension: string): void;
  /**
   * The interaction ended: it leaves the pool; if an agent was handling it,
   * that agent goes to `post-interaction` with a wrap-up of the queue's
   * `wrapUpSeconds` (events `status` and `wrap-up`).
   */
  endInteraction(interactionId: string): void;
  /** The same as {@link endInteraction}: what the phone side calls when the call hangs up. */
  interactionEnded(interactionId: string): void;
  /** Adds a missed call; emits `missed-call` to its user. */
  addMissedCall(entry: MissedCallPlacement): MissedCall;
  /** Adds a voicemail; emits `voicemail` to its user. */
  addVoicemail(entry: VoicemailPlacement): Voicemail;
  /**
   * Makes the next `times` (default 1) requests matching `route` fail, e.g.
   * `fail('GET /pool', { status: 500 })`, `fail('GET /pool', { body: '{"broken' })`,
   * `fail('POST /pool/{id}/take', { json: [] })`. Path segments may be `*`,
   * `:name` or `{name}`.
   */
  fail(route: string, answer: SimulatedFailure, times?: number): void;
  /** The platform is back: drops the failures still to come (those of `route`, or all). */
  recover(route?: string): void;
  /** What the platform received, oldest first. */
  requests(): ReadonlyArray<SimulatedRequest>;
  /** Closes every event stream. */
  dispose(): void;
}

interface Failure {
  method: string;
  path: RegExp;
  answer: SimulatedFailure;
  times: number;
}

interface Stream {
  userId: string;
  controller: ReadableStreamDefaultController<Uint8Array>;
}

interface LoggedEvent {
  id: number;
  userId: string;
  text: string;
}

interface Context {
  user: SimulatedUser;
  params: Record<string, string>;
  body: unknown;
  url: URL;
  request: Request;
  publicBase: string;
}

type Answer =
  | { status: number; schema: v.GenericSchema; json: unknown }
  | { status: number; response: Response };

interface Route {
  method: 'get' | 'put' | 'post';
  path: string;
  body?: v.GenericSchema;
  handle(context: Context): Answer | Promise<Answer>;
}

const encoder = new TextEncoder();

function error(status: number, code: string, message: string): Answer {
  return { status, schema: ErrorSchema, json: { code, message } };
}

function ok(schema: v.GenericSchema, json: unknown, status = 200): Answer {
  return { status, schema, json };
}

function noContent(): Answer {
  return { status: 204, response: new HttpResponse(null, { status: 204 }) };
}

/** Turns `GET /pool/{id}/take` into a method and a path pattern. */
function parseRoute(route: string): { method: string; path: RegExp } {
  const match = /^\s*([A-Za-z]+)\s+(\S+)\s*$/.exec(route);
  if (!match) throw new Error(`fail(): "${route}" is not "METHOD /path".`);
  const [, method = '', path = ''] = match;
  const segments = path
    .replace(/\/+$/, '')
    .split('/')
    .map((s) => (s === '*' || /^:\w+$/.test(s) || /^\{\w+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return { method: method.toUpperCase(), path: new RegExp(`^${segments.join('/')}/?$`) };
}

/** A header value safe to put on a SIP line: caller data is text, never structure. */
function headerValue(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, 500);
}

class Platform implements SimulatedPlatform {
  readonly baseUrl: string;
  readonly token: string;
  readonly handlers: ReadonlyArray<HttpHandler>;
  readonly model: SimulatedPlatformModel;
  private readonly basePath: string;
  private readonly now: () => number;
  private readonly dial: SimulatedPlatformOptions['dial'];
  private readonly logger: Logger;
  private readonly tokens = new Map<string, string>();
  private readonly failures: Failure[] = [];
  private readonly received: SimulatedRequest[] = [];
  private readonly streams = new Set<Stream>();
  private readonly events: LoggedEvent[] = [];
  private readonly lastPool = new Map<string, string>();
  private eventId = 0;
  private interactionCount = 0;
  private itemCount = 0;

  constructor(options: SimulatedPlatformOptions) {
    this.baseUrl = (options.baseUrl ?? 'https://platform.sim.cx.invalid/api').replace(/\/+$/, '');
    this.basePath = new URL(this.baseUrl).pathname.replace(/\/+$/, '');
    this.token = options.token ?? 'sim-token';
    this.now = options.now ?? Date.now;
    this.dial = options.dial;
    this.logger = new Logger(options.log);
    this.model = createModel({ ...defaultSeed(this.now()), ...options.seed });
    [...this.model.users.values()].forEach((user, i) => {
      this.tokens.set(i === 0 ? this.token : `${this.token}-${user.extension}`, user.id);
    });
    for (const user of this.model.users.values()) this.lastPool.set(user.id, JSON.stringify(this.poolFor(user)));
    this.handlers = this.createHandlers();
  }

  // ---- the platform side, as a test drives it ----

  tokenFor(user: string): string {
    const id = this.user(user).id;
    for (const [token, userId] of this.tokens) if (userId === id) return token;
    throw new Error(`No token for user ${user}.`);
  }

  putInPool(entry: PoolPlacement): PoolEntry {
    const queue = this.model.queues.get(entry.queueId);
    if (!queue) throw new Error(`No queue "${entry.queueId}".`);
    const id = entry.interactionId ?? `interaction-${++this.interactionCount}`;
    if (this.model.interactions.has(id)) throw new Error(`Interaction "${id}" exists already.`);
    const interaction: SimulatedInteraction = {
      id,
      queueId: queue.id,
      caller: { ...entry.caller },
      waitingSince: this.now(),
      state: 'waiting',
      taken: false,
      route: [...(entry.route ?? [])],
      data: { ...entry.data },
      inPool: true,
    };
    this.model.interactions.set(id, interaction);
    this.poolChanged();
    return this.entryOf(interaction);
  }

  async dispatch(interactionId: string, extension: string): Promise<void> {
    const interaction = this.pooled(interactionId);
    const agent = this.user(extension);
    interaction.state = 'offered';
    interaction.agentId = agent.id;
    this.poolChanged();
    await this.sendCall(interaction, agent);
  }

  /** Sets the companies a user's desk answers for (`/me` `hotline`), read at the Banner's next `/me`. */
  setHotline(user: string, entities: readonly HotlineEntity[] | undefined): void {
    this.user(user).hotline = entities?.map((entity) => ({ ...entity, numbers: [...entity.numbers] }));
  }

  setStatus(user: string, status: PlatformStatus, reason?: string): void {
    this.changeStatus(this.user(user), status, reason);
  }

  handling(interactionId: string, agentExtension: string): void {
    const interaction = this.pooled(interactionId);
    interaction.state = 'handling';
    interaction.agentId = this.user(agentExtension).id;
    interaction.taken = true;
    this.poolChanged();
  }

  endInteraction(interactionId: string): void {
    const interaction = this.model.interactions.get(interactionId);
    if (!interaction) throw new Error(`No interaction "${interactionId}".`);
    const wasHandled = interaction.inPool && interaction.state === 'handling' && interaction.agentId !== undefined;
    interaction.inPool = false;
    this.poolChanged();
    if (!wasHandled || interaction.agentId === undefined) return;
    const agent = this.user(interaction.agentId);
    this.startWrapUp(agent, interactionId, () => this.changeStatus(agent, 'post-interaction'));
  }

  /**
   * The agent's wrap-up of an interaction starts (once), with its queue's
   * time: `before()` (the status), then the `wrap-up` event. Nothing when it has no time.
   */
  private startWrapUp(agent: SimulatedUser, interactionId: string, before: () => void = () => undefined): void {
    const interaction = this.model.interactions.get(interactionId);
    if (!interaction || this.model.wrapUps.has(interactionId)) return;
    const seconds = this.model.queues.get(interaction.queueId)?.wrapUpSeconds ?? agent.profile.wrapUpSeconds;
    if (seconds <= 0) return;
    const wrapUp = { interactionId, userId: agent.id, endsAt: this.now() + seconds * 1000, totalSeconds: seconds };
    this.model.wrapUps.set(interactionId, wrapUp);
    before();
    this.emit(agent.id, { type: 'wrap-up', data: { interactionId, endsAt: new Date(wrapUp.endsAt).toISOString(), totalSeconds: seconds } });
  }

  interactionEnded(interactionId: string): void {
    this.endInteraction(interactionId);
  }

  addMissedCall(entry: MissedCallPlacement): MissedCall {
    const user = entry.user === undefined ? this.firstUser() : this.user(entry.user);
    const missed = {
      id: entry.id ?? `missed-sim-${++this.itemCount}`,
      userId: user.id,
      at: new Date(this.now()).toISOString(),
      caller: { ...entry.caller },
      reason: entry.reason ?? 'no-answer',
      processed: false,
    };
    this.model.missedCalls.push(missed);
    const answer = this.missedAnswer(missed);
    this.emit(user.id, { type: 'missed-call', data: answer });
    return answer;
  }

  addVoicemail(entry: VoicemailPlacement): Voicemail {
    const user = entry.user === undefined ? this.firstUser() : this.user(entry.user);
    const duration = entry.duration ?? 1;
    const voicemail = {
      id: entry.id ?? `voicemail-sim-${++this.itemCount}`,
      userId: user.id,
      at: new Date(this.now()).toISOString(),
      caller: { ...entry.caller },
      duration,
      ...(entry.transcription === undefined ? {} : { transcription: entry.transcription }),
      heard: false,
      audio: entry.audio ?? toneWav(duration),
    };
    this.model.voicemails.push(voicemail);
    const answer = this.voicemailAnswer(voicemail, this.baseUrl);
    this.emit(user.id, { type: 'voicemail', data: answer });
    return answer;
  }

  fail(route: string, answer: SimulatedFailure, times = 1): void {
    this.failures.push({ ...parseRoute(route), answer, times });
  }

  recover(route?: string): void {
    const match = route === undefined ? undefined : parseRoute(route);
    for (const failure of this.failures) {
      if (!match || (failure.method === match.method && failure.path.source === match.path.source)) failure.times = 0;
    }
  }

  requests(): ReadonlyArray<SimulatedRequest> {
    return this.received.map((r) => ({ ...r }));
  }

  dispose(): void {
    for (const stream of this.streams) {
      try {
        stream.controller.close();
      } catch {
        // Already closed by the reader.
      }
    }
    this.streams.clear();
  }

  // ---- the model ----

  private user(idOrExtension: string): SimulatedUser {
    const user =
      this.model.users.get(idOrExtension) ?? [...this.model.users.values()].find((u) => u.extension === idOrExtension);
    if (!user) throw new Error(`No user "${idOrExtension}".`);
    return user;
  }

  private firstUser(): SimulatedUser {
    const user = this.model.users.values().next().value;
    if (!user) throw new Error('The platform has no users.');
    return user;
  }

  private pooled(interactionId: string): SimulatedInteraction {
    const interaction = this.model.interactions.get(interactionId);
    if (!interaction?.inPool) throw new Error(`No interaction "${interactionId}" in the pool.`);
    return interaction;
  }

  private entryOf(interaction: SimulatedInteraction): PoolEntry {
    const queue = this.model.queues.get(interaction.queueId);
    const agent = interaction.agentId === undefined ? undefined : this.model.users.get(interaction.agentId);
    return {
      interactionId: interaction.id,
      queue: { id: interaction.queueId, name: queue?.name ?? interaction.queueId },
      caller: { ...interaction.caller },
      waitingSince: new Date(interaction.waitingSince).toISOString(),
      state: interaction.state,
      ...(agent === undefined ? {} : { agent: { id: agent.id, name: agent.name } }),
    };
  }

  /** The pool a user sees: queues they answer or supervise, and what they handle. */
  private poolFor(user: SimulatedUser): PoolEntry[] {
    return [...this.model.interactions.values()]
      .filter(
        (i) =>
          i.inPool &&
          (user.queueIds.includes(i.queueId) ||
            (this.model.queues.get(i.queueId)?.supervisors.includes(user.id) ?? false) ||
            i.agentId === user.id),
      )
      .sort((a, b) => a.waitingSince - b.waitingSince || (a.id < b.id ? -1 : 1))
      .map((i) => this.entryOf(i));
  }

  /** Sends `pool` to every user whose view changed. */
  private poolChanged(): void {
    for (const user of this.model.users.values()) {
      const pool = this.poolFor(user);
      const text = JSON.stringify(pool);
      if (this.lastPool.get(user.id) === text) continue;
      this.lastPool.set(user.id, text);
      this.emit(user.id, { type: 'pool', data: pool });
    }
  }

  private changeStatus(user: SimulatedUser, status: PlatformStatus, reason?: string): void {
    user.status = status;
    if (reason === undefined) delete user.reason;
    else user.reason = reason;
    user.since = this.now();
    this.emit(user.id, { type: 'status', data: this.statusOf(user) });
  }

  private statusOf(user: SimulatedUser): v.InferOutput<typeof StatusAnswerSchema> {
    return {
      status: user.status,
      ...(user.reason === undefined ? {} : { reason: user.reason }),
      since: new Date(user.since).toISOString(),
    };
  }

  private missedAnswer(m: SimulatedPlatformModel['missedCalls'][number]): MissedCall {
    return { id: m.id, at: m.at, caller: { ...m.caller }, reason: m.reason, processed: m.processed };
  }

  private voicemailAnswer(m: SimulatedPlatformModel['voicemails'][number], publicBase: string): Voicemail {
    return {
      id: m.id,
      at: m.at,
      caller: { ...m.caller },
      duration: m.duration,
      ...(m.transcription === undefined ? {} : { transcription: m.transcription }),
      heard: m.heard,
      audioUrl: `${publicBase}/voicemails/${encodeURIComponent(m.id)}/audio`,
    };
  }

  private async sendCall(interaction: SimulatedInteraction, agent: SimulatedUser): Promise<void> {
    if (!this.dial) return;
    const queue = this.model.queues.get(interaction.queueId);
    const headers: Record<string, string> = {
      'X-CX-Interaction-Id': interaction.id,
      'X-CX-Call-Type': 'smart',
      'X-CX-Queue': headerValue(queue?.name ?? interaction.queueId),
      'X-CX-Queue-Id': interaction.queueId,
      'X-CX-Wait-Time': String(Math.max(0, Math.floor((this.now() - interaction.waitingSince) / 1000))),
      'X-CX-Ring-Timeout': String(agent.profile.ringTimeout),
    };
    if (queue) {
      headers['X-CX-Recording'] = queue.recording;
      headers['X-CX-Small-Banner'] = queue.smallBanner ? 'allow' : 'deny';
    }
    if (interaction.route.length > 0) headers['X-CX-Route'] = headerValue(interaction.route.join(' > '));
    for (const [name, value] of Object.entries(interaction.data)) {
      if (/^[A-Za-z0-9-]{1,64}$/.test(name)) headers[`X-CX-Data-${name}`] = headerValue(value);
    }
    await this.dial({ interactionId: interaction.id, caller: { ...interaction.caller }, extension: agent.extension, headers });
  }

  // ---- events ----

  private emit(userId: string, event: PlatformEvent): void {
    const schema = PlatformEventSchemas[event.type];
    const checked = v.safeParse(schema, event.data);
    if (!checked.success) {
      throw new Error(`Simulated platform bug: its "${event.type}" event does not match the contract: ${v.summarize(checked.issues)}`);
    }
    const id = ++this.eventId;
    const logged = { id, userId, text: `id: ${id}\nevent: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n` };
    this.events.push(logged);
    if (this.events.length > KEEP_EVENTS) this.events.splice(0, this.events.length - KEEP_EVENTS);
    for (const stream of this.streams) if (stream.userId === userId) this.write(stream, logged.text);
  }

  private write(stream: Stream, text: string): void {
    try {
      stream.controller.enqueue(encoder.encode(text));
    } catch {
      this.streams.delete(stream);
    }
  }

  private openStream(user: SimulatedUser, request: Request): Response {
    const lastId = Number.parseInt(request.headers.get('last-event-id') ?? '', 10);
    let stream: Stream | undefined;
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        stream = { userId: user.id, controller };
        this.streams.add(stream);
        controller.enqueue(encoder.encode(': connected\nretry: 1000\n\n'));
        const oldest = this.events[0]?.id ?? this.eventId + 1;
        if (Number.isFinite(lastId) && lastId >= oldest - 1) {
          for (const e of this.events) if (e.id > lastId && e.userId === user.id) this.write(stream, e.text);
        } else {
          // A new client (or one that missed more than is kept) starts from the pool as it is.
          this.emit(user.id, { type: 'pool', data: this.poolFor(user) });
        }
      },
      cancel: () => {
        if (stream) this.streams.delete(stream);
      },
    });
    request.signal?.addEventListener('abort', () => {
      if (!stream || !this.streams.delete(stream)) return;
      try {
        stream.controller.close();
      } catch {
        // Already closed.
      }
    });
    return new HttpResponse(body, {
      status: 200,
      headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' },
    });
  }

  // ---- HTTP ----

  private routes(): Route[] {
    const m = this.model;
    return [
      {
        method: 'get',
        path: '/me',
        handle: ({ user }) => {
          const queues = [...m.queues.values()]
            .filter((q) => user.queueIds.includes(q.id) || q.supervisors.includes(user.id))
            .map(({ supervisors: _supervisors, ...queue }) => queue);
          return ok(MeSchema, {
            id: user.id,
            name: user.name,
            extension: user.extension,
            role: user.role,
            permissions: [...user.permissions],
            pauseReasons: [...user.pauseReasons],
            profile: { ...user.profile },
            queues,
            ...(user.voicemail === undefined ? {} : { voicemail: { ...user.voicemail } }),
            ...(user.notifications === undefined ? {} : { notifications: { ...user.notifications } }),
            ...(user.hotline === undefined ? {} : { hotline: user.hotline.map((entity) => ({ ...entity, numbers: [...entity.numbers] })) }),
          });
        },
      },
      {
        method: 'put',
        path: '/me/notifications',
        body: NotificationSettingsSchema,
        handle: ({ user, body }) => {
          user.notifications = { ...(body as v.InferOutput<typeof NotificationSettingsSchema>) };
          return ok(NotificationSettingsSchema, { ...user.notifications });
        },
      },
      {
        method: 'get',
        path: '/me/unanswered',
        handle: ({ user }) => (user.unanswered ? ok(UnansweredSettingsSchema, structuredClone(user.unanswered)) : error(404, 'not-found', 'No unanswered-call settings saved yet.')),
      },
      {
        method: 'put',
        path: '/me/unanswered',
        body: UnansweredSettingsSchema,
        handle: ({ user, body }) => {
          user.unanswered = structuredClone(body as v.InferOutput<typeof UnansweredSettingsSchema>);
          return ok(UnansweredSettingsSchema, structuredClone(user.unanswered));
        },
      },
      {
        method: 'post',
        path: '/notifications',
        body: NotificationRequestSchema,
        handle: ({ user, body }) => {
          const id = `n-${m.outbox.length + 1}`;
          m.outbox.push({ ...structuredClone(body as v.InferOutput<typeof NotificationRequestSchema>), id, userId: user.id, at: this.now() });
          return ok(v.object({ id: v.string() }), { id }, 202);
        },
      },
      {
        method: 'put',
        path: '/me/status',
        body: StatusRequestSchema,
        handle: ({ user, body }) => {
          const request = body as v.InferOutput<typeof StatusRequestSchema>;
          if (request.status === 'paused' && request.reason !== undefined && !user.pauseReasons.includes(request.reason)) {
            return error(400, 'invalid-request', `"${request.reason}" is not one of your pause reasons.`);
          }
          this.changeStatus(user, request.status, request.reason);
          if (request.status === 'post-interaction' && request.interactionId !== undefined) this.startWrapUp(user, request.interactionId);
          return ok(StatusAnswerSchema, this.statusOf(user));
        },
      },
      { method: 'get', path: '/pool', handle: ({ user }) => ok(PoolSchema, this.poolFor(user)) },
      {
        method: 'post',
        path: '/pool/:id/take',
        handle: ({ user, params }) => {
          const interaction = m.interactions.get(params['id'] ?? '');
          if (!interaction?.inPool || !this.poolFor(user).some((e) => e.interactionId === interaction.id)) {
            return error(404, 'not-found', 'This call is no longer in the pool.');
          }
          if (interaction.agentId !== undefined && interaction.agentId !== user.id) {
            const other = m.users.get(interaction.agentId);
            return error(409, 'already-taken', `${other?.name ?? 'Another agent'} took this call first.`);
          }
          // Decided without waiting: of two takes that arrive together, exactly one gets here first.
          interaction.agentId = user.id;
          interaction.taken = true;
          if (interaction.state === 'waiting') interaction.state = 'offered';
          this.poolChanged();
          this.sendCall(interaction, user).catch((e: unknown) => this.logger.error('The simulated platform could not dispatch a taken call.', e));
          return ok(TakeAnswerSchema, { interactionId: interaction.id }, 202);
        },
      },
      {
        method: 'get',
        path: '/interactions/:id',
        handle: ({ params }) => {
          const i = m.interactions.get(params['id'] ?? '');
          if (!i) return error(404, 'not-found', 'No such interaction.');
          const queue = m.queues.get(i.queueId);
          const agent = i.agentId === undefined ? undefined : m.users.get(i.agentId);
          return ok(InteractionSchema, {
            id: i.id,
            ...(queue === undefined ? {} : { queue: { id: queue.id, name: queue.name } }),
            caller: { ...i.caller },
            route: [...i.route],
            data: { ...i.data },
            ...(agent === undefined ? {} : { agent: { id: agent.id, extension: agent.extension } }),
          });
        },
      },
      {
        method: 'get',
        path: '/queues/:id/form',
        handle: ({ params }) => {
          const id = params['id'] ?? '';
          if (!m.queues.has(id)) return error(404, 'not-found', 'No such queue.');
          return ok(QueueFormSchema, m.forms.get(id) ?? m.defaultForm);
        },
      },
      {
        method: 'post',
        path: '/interactions/:id/wrap-up',
        body: WrapUpRequestSchema,
        handle: ({ user, params, body }) => {
          const request = body as v.InferOutput<typeof WrapUpRequestSchema>;
          const i = m.interactions.get(params['id'] ?? '');
          if (!i) return error(404, 'not-found', 'No such interaction.');
          if (i.agentId !== undefined && i.agentId !== user.id) return error(403, 'forbidden', 'Another agent handled this interaction.');
          const form = m.forms.get(i.queueId) ?? m.defaultForm;
          const fields: Record<string, string> = {};
          for (const field of form.fields) {
            const value = request.values[field.name];
            const empty = value === undefined || value === '' || value === false;
            if (field.required && empty) fields[field.name] = `${field.label} is required.`;
            else if (field.type === 'select' && typeof value === 'string' && value !== '' && !(field.options ?? []).includes(value)) {
              fields[field.name] = `Choose one of: ${(field.options ?? []).join(', ')}.`;
            }
          }
          const unknownTags = request.tags.filter((t) => !form.tags.includes(t));
          if (unknownTags.length > 0) fields['tags'] = `Unknown tags: ${unknownTags.join(', ')}.`;
          if (Object.keys(fields).length > 0) {
            return ok(WrapUpInvalidSchema, { code: 'invalid', message: 'Some fields need attention.', fields }, 422);
          }
          const wrapUp = m.wrapUps.get(i.id) ?? { interactionId: i.id, userId: user.id, endsAt: this.now(), totalSeconds: 0 };
          wrapUp.saved = {
            values: { ...request.values },
            tags: [...request.tags],
            ...(request.contactId === undefined ? {} : { contactId: request.contactId }),
            ...(request.caseId === undefined ? {} : { caseId: request.caseId }),
          };
          m.wrapUps.set(i.id, wrapUp);
          return ok(WrapUpSavedSchema, { saved: true });
        },
      },
      {
        method: 'post',
        path: '/interactions/:id/wrap-up/extend',
        body: WrapUpExtendRequestSchema,
        handle: ({ user, params, body }) => {
          const { seconds } = body as v.InferOutput<typeof WrapUpExtendRequestSchema>;
          const wrapUp = m.wrapUps.get(params['id'] ?? '');
          if (!wrapUp || wrapUp.userId !== user.id) return error(404, 'not-found', 'No wrap-up in progress for this interaction.');
          wrapUp.endsAt += seconds * 1000;
          wrapUp.totalSeconds = Math.min(86_400, wrapUp.totalSeconds + seconds);
          const time = { endsAt: new Date(wrapUp.endsAt).toISOString(), totalSeconds: wrapUp.totalSeconds };
          this.emit(user.id, { type: 'wrap-up', data: { interactionId: wrapUp.interactionId, ...time } });
          return ok(WrapUpTimeSchema, time);
        },
      },
      {
        method: 'get',
        path: '/missed-calls',
        handle: ({ user }) =>
          ok(
            v.array(MissedCallSchema),
            m.missedCalls.filter((c) => c.userId === user.id).sort((a, b) => (a.at < b.at ? 1 : -1)).map((c) => this.missedAnswer(c)),
          ),
      },
      {
        method: 'post',
        path: '/missed-calls/:id/processed',
        handle: ({ user, params }) => {
          const call = m.missedCalls.find((c) => c.id === params['id'] && c.userId === user.id);
          if (!call) return error(404, 'not-found', 'No such missed call.');
          call.processed = true;
          return noContent();
        },
      },
      {
        method: 'get',
        path: '/voicemails',
        handle: ({ user, publicBase }) =>
          ok(
            v.array(VoicemailSchema),
            m.voicemails.filter((x) => x.userId === user.id).sort((a, b) => (a.at < b.at ? 1 : -1)).map((x) => this.voicemailAnswer(x, publicBase)),
          ),
      },
      {
        method: 'post',
        path: '/voicemails/:id/heard',
        handle: ({ user, params }) => {
          const voicemail = m.voicemails.find((x) => x.id === params['id'] && x.userId === user.id);
          if (!voicemail) return error(404, 'not-found', 'No such voicemail.');
          voicemail.heard = true;
          return noContent();
        },
      },
      {
        method: 'get',
        path: '/voicemails/:id/audio',
        handle: ({ user, params }) => {
          const voicemail = m.voicemails.find((x) => x.id === params['id'] && x.userId === user.id);
          if (!voicemail) return error(404, 'not-found', 'No such voicemail.');
          return {
            status: 200,
            response: new HttpResponse(voicemail.audio, {
              status: 200,
              headers: { 'content-type': voicemail.audio.type || 'audio/wav', 'content-length': String(voicemail.audio.size) },
            }),
          };
        },
      },
      {
        method: 'get',
        path: '/directory',
        handle: ({ url }) => {
          const q = (url.searchParams.get('q') ?? '').trim().toLowerCase();
          const entries = q === '' ? m.directory : m.directory.filter((d) => d.name.toLowerCase().includes(q) || d.target.toLowerCase().includes(q));
          return ok(v.array(DirectoryEntrySchema), entries.map((d) => ({ ...d })));
        },
      },
      {
        method: 'get',
        path: '/contacts',
        handle: ({ url }) => {
          const digits = (text: string): string => text.replace(/[^\d+]/g, '');
          const number = digits(url.searchParams.get('number') ?? '');
          if (number === '') return error(400, 'invalid-request', 'The number is missing.');
          const found = m.contacts.filter((c) => (c.numbers ?? []).some((n) => digits(n) === number));
          return ok(v.array(ContactSchema), found.map((c) => structuredClone(c)));
        },
      },
      {
        method: 'get',
        path: '/users/:extension',
        handle: ({ params }) => {
          const user = [...m.users.values()].find((u) => u.extension === params['extension']);
          if (!user) return error(404, 'not-found', 'No such user.');
          return ok(PlatformUserSchema, { id: user.id, name: user.name, role: user.role, permissions: [...user.permissions] });
        },
      },
      {
        method: 'get',
        path: '/events',
        handle: ({ user, request }) => ({ status: 200, response: this.openStream(user, request) }),
      },
    ];
  }

  private createHandlers(): HttpHandler[] {
    const handlers = this.routes().map((route) =>
      http[route.method](`${this.baseUrl}${route.path}`, ({ request, params }) =>
        this.serve(request, route, Object.fromEntries(Object.entries(params).map(([k, value]) => [k, String(value)]))),
      ),
    );
    handlers.push(
      http.all(`${this.baseUrl}/*`, ({ request }) => this.serve(request, undefined, {})),
    );
    return handlers;
  }

  private async serve(request: Request, route: Route | undefined, params: Record<string, string>): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname.slice(this.basePath.length) || '/';
    const record: SimulatedRequest = { method: request.method, path: path + url.search, body: undefined, valid: true, status: 0 };
    this.received.push(record);
    const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    let parsed: unknown;
    let isJson = true;
    if (text !== '') {
      try {
        parsed = JSON.parse(text) as unknown;
      } catch {
        parsed = text;
        isJson = false;
      }
    }
    record.body = parsed;
    if (route?.body) record.valid = isJson && v.safeParse(route.body, parsed).success;
    const answer = await this.answer(request, route, params, url, path, parsed, isJson);
    record.status = answer.status;
    return answer;
  }

  private async answer(
    request: Request,
    route: Route | undefined,
    params: Record<string, string>,
    url: URL,
    path: string,
    body: unknown,
    isJson: boolean,
  ): Promise<Response> {
    const failure = this.failures.find((f) => f.times > 0 && f.method === request.method && f.path.test(path));
    if (failure) {
      failure.times -= 1;
      const { status, body: raw, json, delay, network } = failure.answer;
      if (delay !== undefined && delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      if (network) return HttpResponse.error();
      if (raw !== undefined) return new HttpResponse(raw, { status: status ?? 200, headers: { 'content-type': 'application/json' } });
      if (json !== undefined) return HttpResponse.json(json as never, { status: status ?? 200 });
      if (status !== undefined || delay === undefined) {
        const code = status ?? 500;
        return HttpResponse.json({ code: code === 401 ? 'unauthorized' : 'simulated-failure', message: 'Simulated failure.' }, { status: code });
      }
    }
    const auth = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
    const userId = auth?.[1] === undefined ? undefined : this.tokens.get(auth[1]);
    const user = userId === undefined ? undefined : this.model.users.get(userId);
    if (!user) return this.send(request, error(401, 'unauthorized', 'A valid bearer token is required.'));
    if (!route) return this.send(request, error(404, 'not-found', `No ${request.method} ${path} on this platform.`));
    let input = body;
    if (route.body) {
      const checked = isJson ? v.safeParse(route.body, body) : undefined;
      if (!checked?.success) {
        const why = checked ? v.summarize(checked.issues) : 'the body is not JSON';
        return this.send(request, error(400, 'invalid-request', `Invalid request: ${why}`.slice(0, 1000)));
      }
      input = checked.output;
    }
    const publicBase = (request.headers.get(PUBLIC_BASE_HEADER) ?? this.baseUrl).replace(/\/+$/, '');
    return this.send(request, await route.handle({ user, params, body: input, url, request, publicBase }));
  }

  /** Every answer is checked against the contract: a bug in the simulation fails loudly. */
  private send(request: Request, answer: Answer): Response {
    if ('response' in answer) return answer.response;
    const checked = v.safeParse(answer.schema, answer.json);
    if (!checked.success) {
      throw new Error(
        `Simulated platform bug: its answer to ${request.method} ${request.url} does not match the contract: ${v.summarize(checked.issues)}`,
      );
    }
    return HttpResponse.json(answer.json as never, { status: answer.status });
  }
}

/**
 * A simulated contact-center platform (DESIGN section 7) with default data:
 * queues Sales and Support, agents 1001 Alice Martin and 1002 Bruno Petit,
 * supervisor 1005 Dan Supervisor.
 *
 * @example
 * ```js
 * const platform = createSimulatedPlatform();
 * server.use(...platform.handlers);        // any msw setup
 * platform.putInPool({ queueId: 'sales', caller: { number: '+33123456789' } });
 * ```
 */
export function createSimulatedPlatform(options: SimulatedPlatformOptions = {}): SimulatedPlatform {
  return new Platform(options);
}
