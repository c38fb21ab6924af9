// Run-time checks of the unanswered-call bodies of docs/platform-api.yaml
// (`/me/unanswered`, `POST /notifications`); unanswered-types.typetest.ts
// keeps them in step with the generated types.
import * as v from 'valibot';

const flag = v.boolean();

export const UnansweredSettingsSchema = v.object({
  email: v.object({
    enabled: flag,
    to: v.pipe(v.string(), v.maxLength(320)),
    attachVCard: flag,
    linkPrefix: v.pipe(v.string(), v.regex(/^([A-Za-z0-9+.-]{1,8}:)?$/)),
  }),
  sms: v.object({ enabled: flag, provider: v.pipe(v.string(), v.maxLength(100)), to: v.pipe(v.string(), v.maxLength(50)) }),
  exceptions: v.object({
    excluded: flag,
    internal: flag,
    withheld: flag,
    'short-ring': flag,
    'unknown-contact': flag,
    'same-day': flag,
    'not-logged-in': flag,
  }),
  exclusions: v.pipe(v.array(v.pipe(v.string(), v.maxLength(50))), v.maxLength(500)),
  timeZone: v.optional(v.string()),
  region: v.optional(v.string()),
});

export const EmailMessageSchema = v.object({
  to: v.string(),
  from: v.string(),
  subject: v.string(),
  text: v.string(),
  html: v.string(),
  attachments: v.array(v.object({ filename: v.string(), contentType: v.picklist(['text/vcard']), content: v.string() })),
});

export const SmsMessageSchema = v.object({ provider: v.string(), to: v.string(), from: v.string(), text: v.string() });

export const NotificationRequestSchema = v.object({
  channel: v.picklist(['email', 'sms']),
  callId: v.optional(v.string()),
  message: v.union([EmailMessageSchema, SmsMessageSchema]),
});

/** What `POST /notifications` carries: one email or one SMS of an unanswered call. */
export type NotificationRequest = v.InferOutput<typeof NotificationRequestSchema>;
