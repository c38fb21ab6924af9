import type { WritableAtom } from 'nanostores';
import type { AgentReport } from '../agent/agent-controller.js';
import { CxError, CxErrorCode, isCxError } from '../index.js';
import type { Feature } from '../features/feature.js';
import { createPlatformClient, type PlatformClient, type PlatformOptions } from './platform-client.js';
import type { CallInfo } from '../call/call-info.js';
import { needsPlatformDatas, withPlatformDatas } from './interaction-datas.js';
import type { Interaction, Me, PlatformEvent, PoolEntry, StatusAnswer } from './platform-schemas.js';

/** The permission that lets a user monitor any agent's calls (DESIGN section 3). */
export const MONITOR_ANY_CALL = 'monitor-any-call';

/** Where the platform feature puts what it learns: the phone's stores and status machine. */
export interface PlatformSinks {
  readonly $me: WritableAtom<Me | undefined>;
  readonly $pool: WritableAtom<readonly PoolEntry[]>;
  /** The platform's word on the agent's status (a supervisor, a rule). */
  status(answer: StatusAnswer): void;
}

export interface PlatformApi {
  readonly client: PlatformClient;
  /** Loads `/me` and the pool, and opens the event stream (once, until `stop()`). */
  start(sinks: PlatformSinks): Promise<Me>;
  /** Closes the event stream (the phone disconnected); `start()` opens it again. */
  stop(): void;
  /** Tells the platform about the agent's status (`PUT /me/status`), in order; failures are logged. */
  report(report: AgentReport): Promise<void>;
  /** `POST /pool/{id}/take`; `already-taken` when another agent got it. */
  take(interactionId: string): Promise<void>;
  interaction(id: string): Promise<Interaction>;
  /**
   * Whether the user with this extension may monitor the agent's calls: an
   * administrator, or a user with the `monitor-any-call` permission
   * (`GET /users/{extension}`). No answer means no.
   */
  maySupervise(extension: string): Promise<boolean>;
  /** The extension of the agent handling an interaction (`GET /interactions/{id}`), if any. */
  agentOf(interactionId: string): Promise<string | undefined>;
  /** Listens to the platform's events (once the stream is open); returns the function that stops. */
  onEvent(listener: (event: PlatformEvent) => void): () => void;
  /** The call's information with the Datas of its interaction, when the INVITE carried none (else undefined). */
  datas(info: CallInfo): Promise<CallInfo | undefined>;
}

/**
 * The contact-center platform (DESIGN section 7), loaded when the phone has
 * a `platform` option: the agent's profile, status both ways, the pool.
 */
export const platformFeature: Feature<PlatformApi> = {
  name: 'platform',
  install(context) {
    const options = context.options.platform as PlatformOptions | undefined;
    if (!options) throw new CxError(CxErrorCode.NoPlatform, 'The phone has no platform option.');
    const client = createPlatformClient(options, context.logger);
    let stream: { close(): void } | undefined;
    let started: Promise<Me> | undefined;
    let reporting: Promise<unknown> = Promise.resolve();
    let sinks: PlatformSinks | undefined;

    /** Counts pool events: a `GET /pool` answer older than one of them is stale. */
    let poolEvents = 0;
    const listeners = new Set<(event: PlatformEvent) => void>();
    const onEvent = (event: PlatformEvent): void => {
      for (const listener of listeners) listener(event);
      if (!sinks) return;
      if (event.type === 'pool') {
        poolEvents += 1;
        sinks.$pool.set(event.data);
      } else if (event.type === 'status') sinks.status(event.data);
    };

    const api: PlatformApi = {
      client,
      start(into) {
        sinks = into;
        started ??= (async () => {
          const me = await client.me();
          into.$me.set(me);
          stream = client.events({ onEvent });
          // The pool also arrives with the stream; read it now so the list
          // shows at once, unless the stream was faster (its pool is newer).
          const before = poolEvents;
          client.pool().then(
            (pool) => {
              if (poolEvents === before) into.$pool.set(pool);
            },
            (error: unknown) => context.logger.warn('The pool could not be read', error),
          );
          return me;
        })().catch((error: unknown) => {
          started = undefined;
          throw error;
        });
        return started;
      },
      stop() {
        stream?.close();
        stream = undefined;
        started = undefined;
      },
      report(report) {
        const run = reporting.then(async () => {
          try {
            const answer = await client.setStatus(report);
            sinks?.status(answer);
          } catch (error) {
            context.logger.warn(`The platform did not take the status ${report.status}`, error);
          }
        });
        reporting = run;
        return run;
      },
      async take(interactionId) {
        context.expectTaken(interactionId);
        try {
          await client.take(interactionId);
        } catch (error) {
          context.expectTaken(interactionId, 0);
          if (isCxError(error)) throw error;
          throw new CxError(CxErrorCode.PlatformUnavailable, 'The call could not be taken.', { cause: error });
        }
      },
      interaction: (id) => client.interaction(id),
      onEvent(listener) {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
      async maySupervise(extension) {
        try {
          const user = await client.user(extension);
          return user.role === 'admin' || user.permissions.includes(MONITOR_ANY_CALL);
        } catch (error) {
          context.logger.warn(`The rights of ${extension} could not be read: monitoring refused`, error);
          return false;
        }
      },
      async agentOf(interactionId) {
        return (await client.interaction(interactionId)).agent?.extension;
      },
      async datas(info) {
        if (!needsPlatformDatas(info) || info.interactionId === undefined) return undefined;
        return withPlatformDatas(info, await client.interaction(info.interactionId));
      },
    };
    // An INVITE with only an interaction id: its Datas come from GET /interactions/{id}.
    const offIncoming = context.on('call:incoming', (call) => {
      void api
        .datas(call.info)
        .then((info) => {
          if (info && !call.ended) context.annotate(call, { info });
        })
        .catch((error: unknown) => context.logger.warn('The Datas of the interaction could not be read', error));
    });
    return {
      api,
      dispose() {
        offIncoming();
        stream?.close();
        stream = undefined;
        sinks = undefined;
      },
    };
  },
};
