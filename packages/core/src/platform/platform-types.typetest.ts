// Type tests: the run-time schemas (platform-schemas.ts) and the types
// generated from docs/platform-api.yaml (generated/platform-api.ts) describe
// the same values. Each pair must be assignable both ways, so neither the
// schemas nor the document can change alone.
import type { components } from './generated/platform-api.js';
import type { RecordingAnswer } from './recording-schema.js';
import type {
  Caller,
  DirectoryEntry,
  PlatformContact,
  FormField,
  Interaction,
  Me,
  MissedCall,
  PlatformErrorBody,
  PlatformNotificationSettings,
  PlatformUser,
  PoolEntry,
  Queue,
  QueueForm,
  StatusAnswer,
  StatusRequest,
  Voicemail,
  WrapUpEvent,
  WrapUpRequest,
  WrapUpTime,
} from './platform-schemas.js';
import type * as v from 'valibot';
import type {
  TakeAnswerSchema,
  WrapUpExtendRequestSchema,
  WrapUpInvalidSchema,
  WrapUpSavedSchema,
} from './platform-schemas.js';

type Schemas = components['schemas'];

/** Every property made required, deeply: an optional field present on one side only then shows. */
type Exact<T> = T extends readonly (infer U)[] ? Exact<U>[] : T extends object ? { [K in keyof T]-?: Exact<T[K]> } : T;
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Resolves to `true` only when A and B are assignable to each other and have the same fields. */
type Same<A, B> = Mutual<A, B> extends true ? Mutual<Exact<A>, Exact<B>> : false;
function same<A, B>(proof: Same<A, B>): void {
  void proof;
}

same<Me, Schemas['Me']>(true);
same<Queue, Schemas['Queue']>(true);
same<StatusRequest, Schemas['StatusRequest']>(true);
same<StatusAnswer, Schemas['StatusAnswer']>(true);
same<PoolEntry, Schemas['PoolEntry']>(true);
same<PoolEntry[], Schemas['Pool']>(true);
same<Caller, Schemas['Caller']>(true);
same<Interaction, Schemas['Interaction']>(true);
same<QueueForm, Schemas['QueueForm']>(true);
same<FormField, Schemas['FormField']>(true);
same<WrapUpRequest, Schemas['WrapUpRequest']>(true);
same<WrapUpTime, Schemas['WrapUpTime']>(true);
same<WrapUpEvent, Schemas['WrapUpEvent']>(true);
same<MissedCall, Schemas['MissedCall']>(true);
same<Voicemail, Schemas['Voicemail']>(true);
same<DirectoryEntry, Schemas['DirectoryEntry']>(true);
same<PlatformContact, Schemas['Contact']>(true);
same<PlatformUser, Schemas['PlatformUser']>(true);
same<PlatformErrorBody, Schemas['Error']>(true);
same<v.InferOutput<typeof TakeAnswerSchema>, Schemas['TakeAnswer']>(true);
same<v.InferOutput<typeof WrapUpSavedSchema>, Schemas['WrapUpSaved']>(true);
same<v.InferOutput<typeof WrapUpInvalidSchema>, Schemas['WrapUpInvalid']>(true);
same<v.InferOutput<typeof WrapUpExtendRequestSchema>, Schemas['WrapUpExtendRequest']>(true);
same<RecordingAnswer, Schemas['Recording']>(true);
same<PlatformNotificationSettings, Schemas['NotificationSettings']>(true);

// The check itself can fail: a field of the wrong type is caught.
// @ts-expect-error a number is not an id
same<{ id: number }, { id: Schemas['Id'] }>(true);
// @ts-expect-error a missing required field is caught
same<{ id: string }, { id: string; name: string }>(true);
// @ts-expect-error a missing optional field is caught, also deep down
same<{ a: { id: string }[] }, { a: { id: string; name?: string }[] }>(true);
// @ts-expect-error an optional field that should be required is caught
same<{ id?: string }, { id: string }>(true);
