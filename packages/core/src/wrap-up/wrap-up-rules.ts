import type { CallSnapshot } from '../call/call.js';
import type { CallHistory } from '../crm/call-history.js';
import { callOutcome } from '../crm/call-outcome.js';
import type { QueueForm, WrapUpRequest } from '../platform/platform-schemas.js';
import type { CallRecord, LoggedWrapUp, WrapUpDraft, WrapUpInput, WrapUpValue } from './wrap-up-types.js';

/** Most characters kept of one typed value (a long note is fine; a pasted book is not). */
export const MAX_VALUE_LENGTH = 10_000;

export const EMPTY_DRAFT: WrapUpDraft = Object.freeze({ values: Object.freeze({}), tags: Object.freeze([]) as readonly string[] });

/**
 * The draft with `patch` applied, cleaned: values are text (bounded) or
 * booleans, tags are distinct text, ids are text. Anything else is dropped.
 */
export function mergeDraft(draft: WrapUpDraft, patch: Partial<WrapUpDraft> | WrapUpInput): WrapUpDraft {
  const values: Record<string, WrapUpValue> = { ...draft.values };
  for (const [name, value] of Object.entries(patch.values ?? {})) {
    if (typeof value === 'boolean') values[name] = value;
    else if (typeof value === 'string') values[name] = value.slice(0, MAX_VALUE_LENGTH);
  }
  const tags = patch.tags === undefined ? draft.tags : [...new Set(patch.tags.filter((tag): tag is string => typeof tag === 'string'))];
  const next: { -readonly [K in keyof WrapUpDraft]: WrapUpDraft[K] } = { values, tags };
  for (const key of ['contactId', 'contactName', 'caseId', 'caseName'] as const) {
    const value = key in patch ? (patch as Partial<WrapUpDraft>)[key] : draft[key];
    if (typeof value === 'string' && value !== '') next[key] = value.slice(0, 500);
  }
  return next;
}

/** A value the agent left empty. */
function isEmpty(value: WrapUpValue | undefined): boolean {
  return value === undefined || value === false || (typeof value === 'string' && value.trim() === '');
}

/** Nothing typed or chosen at all. */
export function isBlank(draft: WrapUpDraft): boolean {
  return Object.values(draft.values).every(isEmpty) && draft.tags.length === 0 && draft.contactId === undefined && draft.caseId === undefined;
}

/**
 * What is wrong with a draft for this form, by field name (`tags` for the
 * tags), in the platform's words: a required field left empty, a choice
 * that is not one of the options, a tag the queue does not have. Empty when
 * it may be sent.
 */
export function checkDraft(form: QueueForm | undefined, draft: WrapUpDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!form) return errors;
  for (const field of form.fields) {
    const value = draft.values[field.name];
    if (field.required && isEmpty(value)) errors[field.name] = `${field.label} is required.`;
    else if (field.type === 'select' && typeof value === 'string' && value !== '' && !(field.options ?? []).includes(value)) {
      errors[field.name] = `Choose one of: ${(field.options ?? []).join(', ')}.`;
    }
  }
  const unknown = draft.tags.filter((tag) => !form.tags.includes(tag));
  if (unknown.length > 0) errors['tags'] = `Unknown tags: ${unknown.join(', ')}.`;
  return errors;
}

/** The body of `POST /interactions/{id}/wrap-up` for a draft. */
export function wrapUpRequestOf(draft: WrapUpDraft): WrapUpRequest {
  return {
    values: { ...draft.values },
    tags: [...draft.tags],
    ...(draft.contactId === undefined ? {} : { contactId: draft.contactId }),
    ...(draft.caseId === undefined ? {} : { caseId: draft.caseId }),
  };
}

/** The record of `call:logged` for a finished call, its transfers and recordings, and its post-interaction. */
export function callRecordOf(snapshot: CallSnapshot, wrapUp?: LoggedWrapUp, history: CallHistory = { transfers: [], recordings: [] }): CallRecord {
  const endedAt = snapshot.endedAt ?? Date.now();
  const remote = snapshot.info.remote;
  const name = snapshot.contactName ?? (remote.displayName === '' ? undefined : remote.displayName);
  return {
    callId: snapshot.id,
    direction: snapshot.direction,
    interactionId: snapshot.info.interactionId,
    queue: snapshot.info.queue,
    callType: snapshot.info.callType,
    remote: { number: remote.number, e164: remote.e164, name, internal: remote.internal },
    contact: snapshot.contact,
    outcome: callOutcome(snapshot),
    statusCode: snapshot.statusCode,
    startedAt: snapshot.createdAt,
    answeredAt: snapshot.answeredAt,
    endedAt,
    talkSeconds: snapshot.answeredAt === undefined ? 0 : Math.max(0, Math.round((endedAt - snapshot.answeredAt) / 1000)),
    endReason: snapshot.endReason ?? 'failed',
    missed: snapshot.direction === 'inbound' && snapshot.answeredAt === undefined,
    transfers: history.transfers,
    recordings: history.recordings,
    wrapUp,
  };
}
