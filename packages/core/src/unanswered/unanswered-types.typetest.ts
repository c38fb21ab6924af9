// Type tests: the unanswered-call schemas and the types generated from
// docs/platform-api.yaml describe the same values (both ways).
import type * as v from 'valibot';
import type { components } from '../platform/generated/platform-api.js';
import type { UnansweredEmail } from '../rules/unanswered-email.js';
import type { UnansweredSms } from '../rules/unanswered-sms.js';
import type { UnansweredSettings } from '../rules/unanswered.js';
import type { EmailMessageSchema, NotificationRequestSchema, SmsMessageSchema, UnansweredSettingsSchema } from './unanswered-schemas.js';

type Schemas = components['schemas'];
type Exact<T> = T extends readonly (infer U)[] ? Exact<U>[] : T extends object ? { [K in keyof T]-?: Exact<T[K]> } : T;
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Same<A, B> = Mutual<A, B> extends true ? Mutual<Exact<A>, Exact<B>> : false;
function same<A, B>(proof: Same<A, B>): void {
  void proof;
}

same<v.InferOutput<typeof UnansweredSettingsSchema>, Schemas['UnansweredSettings']>(true);
same<v.InferOutput<typeof EmailMessageSchema>, Schemas['EmailMessage']>(true);
same<v.InferOutput<typeof SmsMessageSchema>, Schemas['SmsMessage']>(true);
same<v.InferOutput<typeof NotificationRequestSchema>, Schemas['NotificationRequest']>(true);

// What the rules produce is what the platform takes.
const settings: UnansweredSettings = {} as v.InferOutput<typeof UnansweredSettingsSchema>;
const composed = {} as UnansweredEmail;
// Only the attachments' array is readonly in ours.
const email: v.InferOutput<typeof EmailMessageSchema> = { ...composed, attachments: [...composed.attachments] };
const sms: v.InferOutput<typeof SmsMessageSchema> = {} as UnansweredSms;
void settings;
void email;
void sms;
