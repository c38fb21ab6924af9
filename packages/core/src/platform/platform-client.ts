import * as v from 'valibot';
import { CxError, CxErrorCode } from '../index.js';
import type { Logger } from '../logger.js';
import { createPlatformHttp, describeIssue, segment, type PlatformOptions } from './platform-http.js';
import {
  DirectoryEntrySchema,
  ContactSchema,
  InteractionSchema,
  MeSchema,
  MissedCallSchema,
  NotificationSettingsSchema,
  PlatformEventSchemas,
  PlatformUserSchema,
  PoolSchema,
  QueueFormSchema,
  StatusAnswerSchema,
  TakeAnswerSchema,
  VoicemailSchema,
  WrapUpInvalidSchema,
  WrapUpSavedSchema,
  WrapUpTimeSchema,
  type DirectoryEntry,
  type PlatformContact,
  type Interaction,
  type Me,
  type MissedCall,
  type PlatformEvent,
  type PlatformNotificationSettings,
  type PlatformUser,
  type PoolEntry,
  type QueueForm,
  type StatusAnswer,
  type StatusRequest,
  type Voicemail,
  type WrapUpRequest,
  type WrapUpTime,
} from './platform-schemas.js';
import { RecordingAnswerSchema, type RecordingAnswer } from './recording-schema.js';
import { openSseStream, type SseState } from './sse-stream.js';
import { WrapUpRefusedError } from './wrap-up-refused-error.js';
import { UnansweredSettingsSchema } from '../unanswered/unanswered-schemas.js';
import type { UnansweredSettings } from '../rules/unanswered.js';
import type { UnansweredNotice } from '../unanswered/unanswered-messages.js';

export type { PlatformOptions } from './platform-http.js';
export type { SseState as PlatformStreamState } from './sse-stream.js';
export { WrapUpRefusedError } from './wrap-up-refused-error.js';

/** What `events()` calls. */
export interface PlatformEventListener {
  /** Each valid event, in order (invalid or unknown ones are logged and skipped). */
  onEvent(event: PlatformEvent): void;
  /** The stream's state: `connecting`, `open`, `retrying` (after a drop), `closed`. */
  onState?(state: SseState): void;
}

/**
 * The platform API (DESIGN section 7, docs/platform-api.yaml), typed and
 * checked: every answer is validated before it is returned.
 *
 * Each method rejects with a `CxError`: `platform-unavailable` (network,
 * timeout, 5xx after the retries), `platform-unauthorized` (401 after one
 * new token, 403), `platform-refused` (other 4xx, `statusCode` and the
 * platform's message), `platform-invalid-response` (not JSON, or not the
 * contract's shape; the message names the operation and the field).
 */
export interface PlatformClient {
  /** `GET /me`: the agent's profile, rights and queues. */
  me(): Promise<Me>;
  /** `PUT /me/status`. */
  setStatus(body: StatusRequest): Promise<StatusAnswer>;
  /** `PUT /me/notifications`: the agent's notification settings. A platform without it answers 404 (`platform-refused`, `statusCode` 404). */
  setNotifications(body: PlatformNotificationSettings): Promise<PlatformNotificationSettings>;
  /** `GET /pool`. */
  pool(): Promise<PoolEntry[]>;
  /** `POST /pool/{id}/take`; never repeated. Another agent was first: `already-taken` (409). */
  take(interactionId: string): Promise<void>;
  /** `GET /interactions/{id}`. */
  interaction(id: string): Promise<Interaction>;
  /** `GET /queues/{id}/form`. */
  form(queueId: string): Promise<QueueForm>;
  /** `POST /interactions/{id}/wrap-up`; never repeated. Refused values: a {@link WrapUpRefusedError} (422) with `fields`. */
  saveWrapUp(interactionId: string, body: WrapUpRequest): Promise<void>;
  /** `POST /interactions/{id}/wrap-up/extend`; never repeated. */
  extendWrapUp(interactionId: string, seconds: number): Promise<WrapUpTime>;
  /** `GET /missed-calls`. */
  missedCalls(): Promise<MissedCall[]>;
  /** `POST /missed-calls/{id}/processed` (idempotent). */
  markMissedProcessed(id: string): Promise<void>;
  /** `GET /voicemails`. */
  voicemails(): Promise<Voicemail[]>;
  /** `POST /voicemails/{id}/heard` (idempotent). */
  markHeard(id: string): Promise<void>;
  /** The audio of a voicemail (its `audioUrl`), fetched with the token. */
  audio(url: string): Promise<Blob>;
  /** `GET /directory?q=`. */
  directory(q: string): Promise<DirectoryEntry[]>;
  /** `GET /contacts?number=`: the contacts with this number, best first. */
  contacts(number: string): Promise<PlatformContact[]>;
  /** `GET /users/{extension}`: a user's role and permissions. */
  user(extension: string): Promise<PlatformUser>;
  /** `POST /interactions/{id}/recording` with the audio (Ogg or WebM); never repeated. */
  uploadRecording(interactionId: string, blob: Blob): Promise<RecordingAnswer>;
  /** `GET /me/unanswered`: the agent's unanswered-call settings; a platform that keeps none answers 404 (`platform-refused`, `statusCode` 404). */
  unansweredSettings(): Promise<UnansweredSettings>;
  /** `PUT /me/unanswered`. */
  setUnansweredSettings(body: UnansweredSettings): Promise<UnansweredSettings>;
  /** `POST /notifications`: an unanswered call's email or SMS for the platform to send; never repeated. */
  sendNotification(body: UnansweredNotice & { readonly callId?: string }): Promise<void>;
  /**
   * Opens `GET /events`; calls `onEvent` for each valid event (invalid ones
   * are logged and skipped), reconnects with backoff, resumes with
   * `Last-Event-ID`. `close()` stops it.
   */
  events(listener: PlatformEventListener): { close(): void };
}

const MissedCallsSchema = v.array(MissedCallSchema);
const VoicemailsSchema = v.array(VoicemailSchema);
const DirectorySchema = v.array(DirectoryEntrySchema);
const ContactsSchema = v.pipe(v.array(ContactSchema), v.maxLength(50));

/**
 * A client of the platform at `options.baseUrl`.
 *
 * @example
 * const platform = createPlatformClient({ baseUrl: 'https://cx.example/api', getToken: () => auth.token() });
 * const me = await platform.me();
 * const stream = platform.events({ onEvent: (event) => render(event) });
 */
export function createPlatformClient(options: PlatformOptions, logger?: Logger): PlatformClient {
  const http = createPlatformHttp(options, logger);
  const get = <T>(path: string, schema: v.GenericSchema<unknown, T>): Promise<T> =>
    http.send({ method: 'GET', path, idempotent: true, schema });

  return {
    me: () => get('/me', MeSchema),
    setStatus: (body) => http.send({ method: 'PUT', path: '/me/status', body, idempotent: true, schema: StatusAnswerSchema }),
    setNotifications: (body) => http.send({ method: 'PUT', path: '/me/notifications', body, idempotent: true, schema: NotificationSettingsSchema }),
    pool: () => get('/pool', PoolSchema),
    async take(interactionId) {
      await http.send({
        method: 'POST',
        path: `/pool/${segment(interactionId)}/take`,
        idempotent: false,
        schema: TakeAnswerSchema,
        refusal: (status, body) => {
          if (status !== 409) return undefined;
          const error = v.safeParse(v.object({ message: v.string() }), body);
          const message = error.success ? error.output.message.slice(0, 1000) : 'Another agent took this call first.';
          return new CxError(CxErrorCode.AlreadyTaken, message, { statusCode: 409 });
        },
      });
    },
    interaction: (id) => get(`/interactions/${segment(id)}`, InteractionSchema),
    form: (queueId) => get(`/queues/${segment(queueId)}/form`, QueueFormSchema),
    async saveWrapUp(interactionId, body) {
      await http.send({
        method: 'POST',
        path: `/interactions/${segment(interactionId)}/wrap-up`,
        body,
        idempotent: false,
        schema: WrapUpSavedSchema,
        refusal: (status, answer) => {
          if (status !== 422) return undefined;
          const invalid = v.safeParse(WrapUpInvalidSchema, answer);
          return invalid.success
            ? new WrapUpRefusedError(invalid.output.message, invalid.output.fields)
            : new WrapUpRefusedError('The platform refused the wrap-up.', {});
        },
      });
    },
    extendWrapUp: (interactionId, seconds) =>
      http.send({
        method: 'POST',
        path: `/interactions/${segment(interactionId)}/wrap-up/extend`,
        body: { seconds },
        idempotent: false,
        schema: WrapUpTimeSchema,
      }),
    missedCalls: () => get('/missed-calls', MissedCallsSchema),
    markMissedProcessed: (id) => http.send({ method: 'POST', path: `/missed-calls/${segment(id)}/processed`, idempotent: true }),
    voicemails: () => get('/voicemails', VoicemailsSchema),
    markHeard: (id) => http.send({ method: 'POST', path: `/voicemails/${segment(id)}/heard`, idempotent: true }),
    async audio(url) {
      // The message's audio is fetched with the token (a 401 gets one new token).
      const timeout = options.timeout ?? 10_000;
      for (let attempt = 0; ; attempt++) {
        const token = await http.token();
        let response: Response;
        try {
          response = await http.fetch(new URL(url, http.url('/')).href, {
            headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
            signal: AbortSignal.timeout(timeout),
          });
        } catch (cause) {
          throw new CxError(CxErrorCode.PlatformUnavailable, 'The voicemail could not be fetched.', { cause });
        }
        if (response.status === 401 && attempt === 0 && (await http.refreshToken(token))) continue;
        if (!response.ok) {
          throw new CxError(response.status === 401 || response.status === 403 ? CxErrorCode.PlatformUnauthorized : CxErrorCode.PlatformRefused, `The voicemail could not be fetched (${response.status}).`, { statusCode: response.status });
        }
        const type = response.headers.get('content-type') ?? '';
        if (!type.startsWith('audio/')) throw new CxError(CxErrorCode.PlatformInvalidResponse, `The voicemail is not audio (${type || 'no type'}).`);
        return response.blob();
      }
    },
    directory: (q) => get(`/directory?q=${encodeURIComponent(q)}`, DirectorySchema),
    contacts: (number) => get(`/contacts?number=${encodeURIComponent(number)}`, ContactsSchema),
    unansweredSettings: () => get('/me/unanswered', UnansweredSettingsSchema),
    setUnansweredSettings: (body) => http.send({ method: 'PUT', path: '/me/unanswered', body, idempotent: true, schema: UnansweredSettingsSchema }),
    sendNotification: (body) => http.send({ method: 'POST', path: '/notifications', body, idempotent: false }),
    user: (extension) => get(`/users/${segment(extension)}`, PlatformUserSchema),
    uploadRecording: (interactionId, blob) =>
      http.send({
        method: 'POST',
        path: `/interactions/${segment(interactionId)}/recording`,
        body: blob,
        idempotent: false,
        schema: RecordingAnswerSchema,
      }),
    events(listener) {
      return openSseStream({
        url: http.url('/events'),
        fetch: http.fetch,
        token: http.token,
        refreshToken: http.refreshToken,
        logger,
        onState: listener.onState?.bind(listener),
        onMessage(message) {
          const event = parseEvent(message.event, message.data, logger);
          if (event) listener.onEvent(event);
        },
      });
    },
  };
}

function isEventType(type: string): type is keyof typeof PlatformEventSchemas {
  return Object.hasOwn(PlatformEventSchemas, type);
}

/** One event of the stream, checked; undefined (and logged) when unknown or invalid. */
export function parseEvent(type: string | undefined, data: string, logger?: Logger): PlatformEvent | undefined {
  if (type === undefined || !isEventType(type)) {
    logger?.debug(`GET /events: skipped an event of unknown type ${JSON.stringify((type ?? 'message').slice(0, 50))}`);
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    logger?.warn(`GET /events: skipped a "${type}" event whose data is not JSON`);
    return undefined;
  }
  const result = v.safeParse(PlatformEventSchemas[type], json);
  if (!result.success) {
    logger?.warn(`GET /events: skipped a "${type}" event: ${describeIssue(result.issues[0])}`);
    return undefined;
  }
  // The schema for `type` gave this output, so the pair is one of PlatformEvent's members.
  return { type, data: result.output } as PlatformEvent;
}
