import type { CallDirection } from '../call/call.js';
import type { EndReason } from '../call/call-state.js';
import type { CallType, QueueInfo } from '../call/call-info.js';
import type { Contact } from '../contacts/contact-options.js';
import type { CallOutcome, LoggedRecording, LoggedTransfer } from '../crm/crm-types.js';
import type { QueueForm } from '../platform/platform-schemas.js';

/** A value of a wrap-up form field: text (text, textarea, select) or a checkbox. */
export type WrapUpValue = string | boolean;

/** What the agent has typed and chosen in the post-interaction so far. */
export interface WrapUpDraft {
  /** By field name (`form.fields[].name`). */
  readonly values: Readonly<Record<string, WrapUpValue>>;
  readonly tags: readonly string[];
  /** The CRM contact card the interaction is linked to (`hooks.pickContact()`). */
  readonly contactId?: string;
  readonly contactName?: string;
  /** The CRM case the interaction is linked to (`hooks.pickCase()`). */
  readonly caseId?: string;
  readonly caseName?: string;
}

/** Where the agent's entries are on their way to the platform. */
export type WrapUpSaveState =
  /** Nothing sent yet (or typed again since the last save). */
  | 'idle'
  | 'saving'
  /** The platform has exactly what the agent typed. */
  | 'saved'
  /** The platform could not be reached (or answered 5xx): kept on this device, retried with backoff. */
  | 'queued'
  /** The platform refused it (422: see `errors`; another 4xx: see `message`); not retried. */
  | 'refused';

export interface WrapUpSaveStatus {
  readonly state: WrapUpSaveState;
  /** For people: why it is queued or refused. */
  readonly message?: string;
  /** `queued`: when the next attempt goes (ms since the epoch). */
  readonly retryAt?: number;
}

/**
 * The post-interaction in progress (`phone.$wrapUp`): the interaction that
 * ended, its time, the queue's form and what the agent typed.
 */
export interface WrapUp {
  readonly interactionId: string;
  /** The call that ended (`call.id`), when it was this phone's. */
  readonly callId: string | undefined;
  readonly caller: { readonly number: string; readonly name?: string } | undefined;
  readonly queue: QueueInfo | undefined;
  /** ms since the epoch. */
  readonly startedAt: number;
  /** When the agent becomes available by themselves (ms since the epoch); undefined when it has no set time. */
  readonly endsAt: number | undefined;
  /** The whole post-interaction time in seconds; it grows when extended. */
  readonly totalSeconds: number;
  /** The queue's qualification form; undefined without a platform, a queue, or until loaded. */
  readonly form: QueueForm | undefined;
  /** `loading`, `ready`, `none` (no form to fill) or `failed` (`formError` says why). */
  readonly formState: 'loading' | 'ready' | 'none' | 'failed';
  readonly formError?: string;
  readonly draft: WrapUpDraft;
  /** Typed since the last save. */
  readonly dirty: boolean;
  /** What is wrong with each field, by field name (`tags` for the tags), from the last check or the platform's 422. */
  readonly errors: Readonly<Record<string, string>>;
  readonly save: WrapUpSaveStatus;
  /** Which commands make sense now. */
  readonly can: { readonly save: boolean; readonly extend: boolean; readonly pickContact: boolean; readonly pickCase: boolean };
}

/** `phone.wrapUp.save()`'s input: the whole draft or a part of it (merged into the draft). */
export interface WrapUpInput {
  values?: Readonly<Record<string, WrapUpValue>>;
  tags?: readonly string[];
  contactId?: string;
  caseId?: string;
}

/** The commands of the post-interaction (`phone.wrapUp`). Each rejects with `invalid-state` when there is none. */
export interface WrapUpCommands {
  /** Changes the draft (kept on this device at once, IndexedDB). */
  update(patch: Partial<WrapUpDraft>): void;
  /**
   * Checks the required fields, then sends the draft (`POST
   * /interactions/{id}/wrap-up`). Resolves `saved`, or `queued` when the
   * platform cannot be reached (it is retried, across reloads). Rejects with
   * a `WrapUpRefusedError` (code `invalid-wrap-up` before sending,
   * `platform-refused` with status 422 from the platform) whose `fields`
   * says what is wrong, or a `CxError` `platform-refused` for another 4xx.
   */
  save(input?: WrapUpInput): Promise<'saved' | 'queued'>;
  /** Adds time (`POST .../wrap-up/extend`; default 30 s). */
  extend(seconds?: number): Promise<void>;
  /**
   * Ends the post-interaction now: the agent becomes available (or goes
   * back to paused). Entries typed and not yet saved are sent first; if
   * the platform refuses them, it rejects and the post-interaction goes on.
   */
  end(): Promise<void>;
  /** Links a CRM contact card through `hooks.pickContact()`. */
  pickContact(): Promise<void>;
  /** Links (or creates) a CRM case through `hooks.pickCase()`. */
  pickCase(): Promise<void>;
}

/** A CRM record the CRM page picked: a contact card or a case. */
export interface CrmLink {
  readonly id: string;
  /** Shown to the agent (plain text). */
  readonly name?: string;
}

/** What `hooks.pickContact()` and `hooks.pickCase()` are told. */
export interface WrapUpHookContext {
  readonly interactionId: string;
  readonly caller: WrapUp['caller'];
  readonly queue: QueueInfo | undefined;
  /** What the agent typed so far (a case created here can take the outcome and notes). */
  readonly draft: WrapUpDraft;
}

/** A CRM hook that picks (or creates) a record; `undefined` when the agent cancelled. */
export type CrmPicker = (context: WrapUpHookContext) => Promise<CrmLink | undefined> | CrmLink | undefined;

/**
 * The call record of `call:logged`: one per call (answered, missed,
 * declined, failed or transferred), once the call, its recordings and its
 * post-interaction (if any) are over. Plain data (a recording's `blob`
 * aside): store it as a CRM activity (docs/integrating.md "Call logging").
 */
export interface CallRecord {
  readonly callId: string;
  readonly direction: CallDirection;
  readonly interactionId: string | undefined;
  readonly queue: QueueInfo | undefined;
  /** `smart`, `campaign`, `preview` or `direct` (`X-CX-Call-Type`). */
  readonly callType: CallType;
  /**
   * The other party: number (or extension; '' when withheld), the number in
   * E.164 when it is a phone number, and the best name known (contact, else
   * display name).
   */
  readonly remote: { readonly number: string; readonly e164: string | undefined; readonly name: string | undefined; readonly internal: boolean };
  /** The other party's contact card, when a contact source found one (`id` is the CRM's when the `contacts.lookup` hook gave one). */
  readonly contact: Contact | undefined;
  /** How it turned out: `answered`, `no-answer`, `caller-hung-up`, `declined`, `cancelled`, `busy`, `not-found` or `failed`. */
  readonly outcome: CallOutcome;
  /** The final SIP status when the other side refused or failed the call. */
  readonly statusCode: number | undefined;
  /** ms since the epoch. */
  readonly startedAt: number;
  readonly answeredAt: number | undefined;
  readonly endedAt: number;
  /** From answer to hang-up, whole seconds (0 when never answered). */
  readonly talkSeconds: number;
  readonly endReason: EndReason;
  /** An inbound offer nobody answered. */
  readonly missed: boolean;
  /** Every transfer tried on the call, in order, each in its last state (`completed`, `failed`, `cancelled`). */
  readonly transfers: readonly LoggedTransfer[];
  /** The recordings made on the call (the files of `recording:ready`), in order. */
  readonly recordings: readonly LoggedRecording[];
  /** The post-interaction's outcome, when there was one. */
  readonly wrapUp: LoggedWrapUp | undefined;
}

export interface LoggedWrapUp {
  readonly values: Readonly<Record<string, WrapUpValue>>;
  readonly tags: readonly string[];
  readonly contactId: string | undefined;
  readonly caseId: string | undefined;
  /** Seconds the post-interaction lasted. */
  readonly seconds: number;
  /** `saved`; `queued` (on its way: kept on this device and retried); `refused`; `unsent` (nothing typed). */
  readonly delivery: 'saved' | 'queued' | 'refused' | 'unsent';
}
