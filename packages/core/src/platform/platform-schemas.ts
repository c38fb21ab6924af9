import * as v from 'valibot';

// The platform's answers and requests (DESIGN section 7, docs/platform-api.yaml),
// as schemas checked at run time: a wrongly shaped answer never reaches a store.
// Extra fields are allowed (a platform may add to the contract) and dropped.
// `platform-types.typetest.ts` proves these match the types generated from
// the OpenAPI document.

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const Text = v.pipe(v.string(), v.maxLength(1000));
const IsoTime = v.pipe(v.string(), v.isoTimestamp());
const Seconds = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(86_400));

export const ErrorSchema = v.object({ code: Id, message: Text });

export const QueueSchema = v.object({
  id: Id,
  name: Text,
  smallBanner: v.boolean(),
  recording: v.picklist(['off', 'allowed', 'auto']),
  wrapUpSeconds: v.optional(Seconds),
  callerId: v.optional(Text),
});

/** How the agent is told of each kind of event (`PUT /me/notifications`, `/me` `notifications`). */
const NotificationMode = v.picklist(['off', 'sound', 'desktop', 'both']);
export const NotificationSettingsSchema = v.object({
  ringing: NotificationMode,
  missed: NotificationMode,
  transferRequested: NotificationMode,
  ended: NotificationMode,
});

/** A company a multi-company desk answers for (`/me` `hotline`). */
export const HotlineEntitySchema = v.object({
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  numbers: v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(64))), v.minLength(1)),
  greeting: v.optional(Text),
  template: v.optional(Text),
});

export const MeSchema = v.object({
  id: Id,
  name: Text,
  extension: Id,
  role: v.picklist(['agent', 'supervisor', 'admin']),
  permissions: v.array(Id),
  pauseReasons: v.array(Text),
  profile: v.object({
    ringTimeout: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(600)),
    autoAnswer: v.boolean(),
    wrapUpSeconds: Seconds,
    callerId: v.optional(Text),
    ringDuringWrapUp: v.optional(v.boolean()),
  }),
  queues: v.array(QueueSchema),
  voicemail: v.optional(v.object({ emailNotification: v.boolean(), email: v.optional(v.pipe(v.string(), v.maxLength(320))) })),
  notifications: v.optional(NotificationSettingsSchema),
  /** The companies this desk answers for (docs/hotline.md): wins over the `hotline` option. */
  hotline: v.optional(v.array(HotlineEntitySchema)),
});

export const PlatformStatus = v.picklist(['available', 'paused', 'post-interaction', 'offline']);

export const StatusRequestSchema = v.object({
  status: PlatformStatus,
  reason: v.optional(Text),
  interactionId: v.optional(Id),
});

export const StatusAnswerSchema = v.object({
  status: PlatformStatus,
  reason: v.optional(Text),
  since: IsoTime,
});

export const CallerSchema = v.object({ number: Text, name: v.optional(Text) });

export const PoolEntrySchema = v.object({
  interactionId: Id,
  queue: v.object({ id: Id, name: Text }),
  caller: CallerSchema,
  waitingSince: IsoTime,
  state: v.picklist(['waiting', 'offered', 'handling']),
  agent: v.optional(v.object({ id: Id, name: Text })),
});

export const PoolSchema = v.array(PoolEntrySchema);

export const TakeAnswerSchema = v.object({ interactionId: Id });

export const InteractionSchema = v.object({
  id: Id,
  queue: v.optional(v.object({ id: Id, name: Text })),
  caller: CallerSchema,
  route: v.array(Text),
  data: v.record(v.string(), Text),
  agent: v.optional(v.object({ id: Id, extension: Id })),
});

export const FormFieldSchema = v.object({
  name: Id,
  label: Text,
  type: v.picklist(['text', 'textarea', 'select', 'checkbox']),
  options: v.optional(v.array(Text)),
  required: v.optional(v.boolean()),
});

export const QueueFormSchema = v.object({ fields: v.array(FormFieldSchema), tags: v.array(Text) });

export const WrapUpRequestSchema = v.object({
  values: v.record(v.string(), v.union([v.string(), v.boolean()])),
  tags: v.array(Text),
  contactId: v.optional(Id),
  caseId: v.optional(Id),
});

export const WrapUpSavedSchema = v.object({ saved: v.literal(true) });

export const WrapUpInvalidSchema = v.object({ code: v.literal('invalid'), message: Text, fields: v.record(v.string(), Text) });

export const WrapUpExtendRequestSchema = v.object({ seconds: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(3600)) });

export const WrapUpTimeSchema = v.object({ endsAt: IsoTime, totalSeconds: Seconds });

export const WrapUpEventSchema = v.object({ interactionId: Id, endsAt: IsoTime, totalSeconds: Seconds });

export const MissedCallSchema = v.object({
  id: Id,
  at: IsoTime,
  caller: CallerSchema,
  reason: v.picklist(['no-answer', 'declined', 'caller-hung-up']),
  processed: v.boolean(),
});

export const VoicemailSchema = v.object({
  id: Id,
  at: IsoTime,
  caller: CallerSchema,
  duration: v.pipe(v.number(), v.minValue(0)),
  transcription: v.optional(v.pipe(v.string(), v.maxLength(20_000))),
  heard: v.boolean(),
  audioUrl: v.pipe(v.string(), v.minLength(1), v.maxLength(2000)),
});

export const DirectoryEntrySchema = v.object({
  kind: v.picklist(['user', 'queue', 'routing', 'contact']),
  id: Id,
  name: Text,
  target: Text,
});

/** A caller's card from the platform's contact search (`GET /contacts?number=`). */
export const ContactSchema = v.object({
  id: v.optional(Id),
  name: Text,
  email: v.optional(v.pipe(v.string(), v.maxLength(320))),
  organization: v.optional(Text),
  numbers: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(50))),
});

export const PlatformUserSchema = v.object({
  id: Id,
  name: Text,
  role: v.picklist(['agent', 'supervisor', 'admin']),
  permissions: v.array(Id),
});

export type Queue = v.InferOutput<typeof QueueSchema>;
export type Me = v.InferOutput<typeof MeSchema>;
export type PlatformNotificationSettings = v.InferOutput<typeof NotificationSettingsSchema>;
export type PlatformStatus = v.InferOutput<typeof PlatformStatus>;
export type StatusRequest = v.InferOutput<typeof StatusRequestSchema>;
export type StatusAnswer = v.InferOutput<typeof StatusAnswerSchema>;
export type Caller = v.InferOutput<typeof CallerSchema>;
export type PoolEntry = v.InferOutput<typeof PoolEntrySchema>;
export type Interaction = v.InferOutput<typeof InteractionSchema>;
export type FormField = v.InferOutput<typeof FormFieldSchema>;
export type QueueForm = v.InferOutput<typeof QueueFormSchema>;
export type WrapUpRequest = v.InferOutput<typeof WrapUpRequestSchema>;
export type WrapUpTime = v.InferOutput<typeof WrapUpTimeSchema>;
export type WrapUpEvent = v.InferOutput<typeof WrapUpEventSchema>;
export type MissedCall = v.InferOutput<typeof MissedCallSchema>;
export type Voicemail = v.InferOutput<typeof VoicemailSchema>;
export type DirectoryEntry = v.InferOutput<typeof DirectoryEntrySchema>;
export type PlatformContact = v.InferOutput<typeof ContactSchema>;
export type PlatformUser = v.InferOutput<typeof PlatformUserSchema>;
export type PlatformErrorBody = v.InferOutput<typeof ErrorSchema>;

/** Server-sent events of `GET /events`: the event name and its JSON data. */
export const PlatformEventSchemas = {
  pool: PoolSchema,
  status: StatusAnswerSchema,
  'wrap-up': WrapUpEventSchema,
  'missed-call': MissedCallSchema,
  voicemail: VoicemailSchema,
} as const;

export type PlatformEvent =
  | { type: 'pool'; data: PoolEntry[] }
  | { type: 'status'; data: StatusAnswer }
  | { type: 'wrap-up'; data: WrapUpEvent }
  | { type: 'missed-call'; data: MissedCall }
  | { type: 'voicemail'; data: Voicemail };
