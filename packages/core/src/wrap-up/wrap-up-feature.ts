import type { ReadableAtom, WritableAtom } from 'nanostores';
import type { AgentState, WrapUpTime } from '../agent/agent-status.js';
import type { Call } from '../call/call.js';
import { CxError, CxErrorCode, isCxError } from '../index.js';
import { WrapUpRefusedError } from '../platform/wrap-up-refused-error.js';
import type { Feature } from '../features/feature.js';
import { backoff } from '../platform/backoff.js';
import type { PlatformApi } from '../platform/platform-feature.js';
import type { QueueForm } from '../platform/platform-schemas.js';
import { draftStore, type DraftStore, type StoredWrapUp } from './draft-store.js';
import { trackCallHistory } from '../crm/call-history.js';
import { callRecordOf, checkDraft, EMPTY_DRAFT, isBlank, mergeDraft, wrapUpRequestOf } from './wrap-up-rules.js';
import type { CrmPicker, LoggedWrapUp, WrapUp, WrapUpCommands, WrapUpDraft } from './wrap-up-types.js';

/** Seconds added by Extend when the caller does not say. */
export const DEFAULT_EXTEND_SECONDS = 30;
/** Backoff of queued saves, ms. */
const RETRY_MIN = 1000;
const RETRY_MAX = 60_000;

/** The agent status machine, as the wrap-up drives it. */
export interface WrapUpAgent {
  readonly $state: ReadableAtom<AgentState>;
  setWrapUpTime(interactionId: string, totalSeconds: number): void;
  platform(input: { type: 'wrap-up-time'; interactionId: string; totalSeconds: number; startedAt?: number }): void;
  endWrapUp(): void;
}

export interface WrapUpApi extends WrapUpCommands {
  /** Follows the agent's post-interactions into `$wrapUp` (once), and delivers entries an earlier page left queued. */
  start($wrapUp: WritableAtom<WrapUp | undefined>, agent: WrapUpAgent): void;
}

/** The post-interaction in progress, as the feature keeps it. */
interface Current {
  time: WrapUpTime;
  readonly call: Call | undefined;
  /** Saves go to the platform: there is one and this is one of its interactions. */
  remote: boolean;
  /** Counts the agent's changes, so a save answered late knows whether it is still the latest. */
  version: number;
  value: WrapUp;
}

/** One queued save: the latest draft of an interaction, retried until the platform has it. */
interface Queued {
  draft: WrapUpDraft;
  attempts: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Post-interaction (wrap-up): when a call with an interaction ends and the
 * queue gives time for it, the agent qualifies it with the queue's form
 * (`GET /queues/{id}/form`), tags and CRM links, and saves it (`POST
 * /interactions/{id}/wrap-up`) before the next call.
 *
 * Nothing typed is lost: each change is kept in IndexedDB at once; a save
 * the platform cannot take (unreachable, 5xx) is queued there and retried
 * with backoff, also after a reload; when the time runs out or the agent
 * ends early, what was typed and not saved is sent. `call:logged` follows
 * once the call and its post-interaction are over: for every call, with its
 * transfers and recordings (crm/call-history.ts).
 */
export const wrapUpFeature: Feature<WrapUpApi> = {
  name: 'wrap-up',
  install(context) {
    const hooks = context.options.hooks;
    const platformOptions = context.options.platform;
    const store: DraftStore = draftStore(`${platformOptions?.baseUrl ?? 'local'}\n${context.options.sip.aor}`);
    const queued = new Map<string, Queued>();
    const history = trackCallHistory(context);
    const stops: (() => void)[] = [() => history.dispose()];
    let $wrapUp: WritableAtom<WrapUp | undefined> | undefined;
    let agent: WrapUpAgent | undefined;
    let current: Current | undefined;
    let disposed = false;

    const platform = (): Promise<PlatformApi> => context.platform();

    const publish = (): void => {
      if (!current) return $wrapUp?.set(undefined);
      const time = current.time;
      const value = current.value;
      current.value = {
        ...value,
        interactionId: time.interactionId,
        startedAt: time.startedAt,
        totalSeconds: time.totalSeconds,
        endsAt: wrapUpEndsAt(time),
        can: {
          save: current.remote && value.formState !== 'loading',
          extend: time.totalSeconds > 0,
          pickContact: hooks.pickContact !== undefined,
          pickCase: hooks.pickCase !== undefined,
        },
      };
      $wrapUp?.set(current.value);
    };

    const patch = (target: Current, change: Partial<WrapUp>): void => {
      target.value = { ...target.value, ...change };
      if (target === current) publish();
    };

    const keep = (interactionId: string, draft: WrapUpDraft, pending: boolean): void => {
      store.put({ interactionId, draft, pending, updatedAt: Date.now() }).catch((error: unknown) => context.logger.warn('A wrap-up draft could not be kept', error));
    };

    // ---- delivery ---------------------------------------------------------

    /**
     * One attempt to hand a draft to the platform. `saved`, or `queued`
     * (unreachable: retried later); a refusal rejects (422 with `fields`).
     */
    const deliver = async (interactionId: string, draft: WrapUpDraft): Promise<'saved' | 'queued'> => {
      try {
        await (await platform()).client.saveWrapUp(interactionId, wrapUpRequestOf(draft));
      } catch (error) {
        if (isRetryable(error)) {
          enqueue(interactionId, draft, error);
          return 'queued';
        }
        const pending = queued.get(interactionId);
        if (pending) clearTimeout(pending.timer);
        queued.delete(interactionId);
        const message = error instanceof Error ? error.message : 'The platform refused the wrap-up.';
        store.put({ interactionId, draft, pending: false, refused: message, updatedAt: Date.now() }).catch(() => undefined);
        throw error;
      }
      const pending = queued.get(interactionId);
      if (pending) clearTimeout(pending.timer);
      queued.delete(interactionId);
      // The agent may have typed on while it was being sent: keep that, unsent.
      const latest = current?.time.interactionId === interactionId ? current.value.draft : draft;
      if (latest === draft) await store.remove(interactionId).catch(() => undefined);
      else keep(interactionId, latest, false);
      return 'saved';
    };

    /** Keeps a draft the platform could not take, and tries again later (backoff). */
    const enqueue = (interactionId: string, draft: WrapUpDraft, cause: unknown): void => {
      const entry = queued.get(interactionId) ?? { draft, attempts: 0, timer: undefined };
      entry.draft = draft;
      clearTimeout(entry.timer);
      const wait = backoff(entry.attempts, RETRY_MIN, RETRY_MAX);
      entry.attempts += 1;
      entry.timer = setTimeout(() => void retry(interactionId), wait);
      queued.set(interactionId, entry);
      keep(interactionId, draft, true);
      const message = `The platform cannot be reached (${cause instanceof Error ? cause.message : 'no answer'}). Your entries are kept on this device and will be sent when it is back.`;
      if (current?.time.interactionId === interactionId) patch(current, { save: { state: 'queued', message, retryAt: Date.now() + wait } });
      context.logger.warn(`The wrap-up of ${interactionId} is queued; next attempt in ${wait} ms`, cause);
    };

    const retry = async (interactionId: string): Promise<void> => {
      const entry = queued.get(interactionId);
      if (!entry || disposed) return;
      const target = current?.time.interactionId === interactionId ? current : undefined;
      const version = target?.version;
      try {
        if (target) patch(target, { save: { state: 'saving' } });
        if ((await deliver(interactionId, entry.draft)) === 'saved' && target) {
          patch(target, target.version === version ? { save: { state: 'saved' }, dirty: false } : { save: { state: 'idle' } });
        }
      } catch (error) {
        if (target) refusedInto(target, error);
        context.logger.error(`The platform refused the queued wrap-up of ${interactionId}`, error);
      }
    };

    /** Tries every queued save now (the network is back). */
    const retryAll = (): void => {
      for (const [interactionId, entry] of queued) {
        clearTimeout(entry.timer);
        void retry(interactionId);
      }
    };

    const refusedInto = (target: Current, error: unknown): void => {
      if (error instanceof WrapUpRefusedError) {
        patch(target, { save: { state: 'refused', message: error.message }, errors: error.fields });
      } else {
        patch(target, { save: { state: 'refused', message: error instanceof Error ? error.message : 'The platform refused the wrap-up.' } });
      }
    };

    // ---- the post-interaction in progress ----------------------------------------

    const begin = (time: WrapUpTime): void => {
      const call = time.callId === undefined ? undefined : context.$calls.get().find((c) => c.id === time.callId);
      const info = call?.info;
      const remote = platformOptions !== undefined && time.interactionId !== '' && (call === undefined || info?.interactionId === time.interactionId);
      const caller = info ? { number: info.remote.number, ...((call?.snapshot.contactName ?? info.remote.displayName) ? { name: call?.snapshot.contactName ?? info.remote.displayName } : {}) } : undefined;
      const target: Current = {
        time,
        call,
        remote,
        version: 0,
        value: {
          interactionId: time.interactionId,
          callId: time.callId,
          caller,
          queue: info?.queue,
          startedAt: time.startedAt,
          endsAt: wrapUpEndsAt(time),
          totalSeconds: time.totalSeconds,
          form: undefined,
          formState: remote ? 'loading' : 'none',
          draft: EMPTY_DRAFT,
          dirty: false,
          errors: {},
          save: { state: 'idle' },
          can: { save: false, extend: false, pickContact: false, pickCase: false },
        },
      };
      current = target;
      publish();
      if (remote) void loadForm(target);
    };

    /** The queue's form, and what the agent had typed before a reload (if anything). */
    const loadForm = async (target: Current): Promise<void> => {
      const id = target.time.interactionId;
      try {
        const api = await platform();
        const stored = (await store.list()).find((record) => record.interactionId === id && !record.pending && record.refused === undefined);
        if (stored && target.version === 0) patch(target, { draft: mergeDraft(EMPTY_DRAFT, stored.draft), dirty: !isBlank(stored.draft) });
        const queueId = target.value.queue?.id || (await api.interaction(id)).queue?.id;
        if (queueId === undefined || queueId === '') return patch(target, { formState: 'none' });
        const form: QueueForm = await api.client.form(queueId);
        patch(target, { form, formState: form.fields.length > 0 || form.tags.length > 0 ? 'ready' : 'none' });
      } catch (error) {
        if (isCxError(error, CxErrorCode.PlatformRefused) && error.statusCode === 404) {
          // Not one of the platform's interactions (a call it did not route): nothing to fill or send.
          target.remote = false;
          return patch(target, { formState: 'none' });
        }
        context.logger.warn(`The wrap-up form of ${id} could not be loaded`, error);
        patch(target, { formState: 'failed', formError: error instanceof Error ? error.message : 'The form could not be loaded.' });
      }
    };

    /** The post-interaction is over (time ran out, ended, or replaced): send what is left, then log the call. */
    const finish = async (target: Current, endedAt: number): Promise<void> => {
      const { value } = target;
      let delivery: LoggedWrapUp['delivery'] = value.save.state === 'saved' && !value.dirty ? 'saved' : 'unsent';
      if (value.save.state === 'queued') delivery = 'queued';
      if (target.remote && value.dirty && !isBlank(value.draft)) {
        try {
          delivery = await deliver(target.time.interactionId, value.draft);
        } catch (error) {
          delivery = 'refused';
          context.logger.error(`The platform refused the wrap-up of ${target.time.interactionId}, sent when it ended`, error);
        }
      } else if (value.save.state === 'refused') delivery = 'refused';
      const call = target.call;
      if (!call) return;
      const { draft } = value;
      const story = await history.take(call);
      if (disposed) return;
      context.emit(
        'call:logged',
        call,
        callRecordOf(
          call.snapshot,
          {
            values: draft.values,
            tags: draft.tags,
            contactId: draft.contactId,
            caseId: draft.caseId,
            seconds: Math.max(0, Math.round((endedAt - target.time.startedAt) / 1000)),
            delivery,
          },
          story,
        ),
      );
    };

    const onAgent = (state: AgentState): void => {
      const time = state.wrapUp;
      if (current && time && (current.time.interactionId === time.interactionId || current.time.interactionId === '')) {
        // The same post-interaction: its time changed (extended), or the platform named it.
        const named = current.time.interactionId !== time.interactionId;
        current.time = time;
        if (named) {
          current.remote = platformOptions !== undefined;
          patch(current, { formState: 'loading' });
          void loadForm(current);
        }
        return publish();
      }
      const previous = current;
      current = undefined;
      if (time) begin(time);
      else publish();
      if (previous) void finish(previous, Date.now());
    };

    /** Calls that end with no post-interaction are logged at once; the others when it is over. */
    const logged = new WeakSet<Call>();
    const onCalls = (calls: readonly Call[]): void => {
      for (const call of calls) {
        if (!call.ended || logged.has(call)) continue;
        logged.add(call);
        // The status machine heard of the end first (it subscribed first): its wrap-up names the call.
        if (current?.call === call || agent?.$state.get().wrapUp?.callId === call.id) continue;
        // Once its recordings are finished (their files come after the end).
        void history.take(call).then((story) => disposed || context.emit('call:logged', call, callRecordOf(call.snapshot, undefined, story)));
      }
    };

    const require = (): Current => {
      if (!current) throw new CxError(CxErrorCode.InvalidState, 'There is no post-interaction in progress.');
      return current;
    };

    const update = (change: Partial<WrapUpDraft>): void => {
      const target = require();
      const draft = mergeDraft(target.value.draft, change);
      const errors = { ...target.value.errors };
      for (const name of Object.keys(change.values ?? {})) delete errors[name];
      if (change.tags) delete errors['tags'];
      target.version += 1;
      const state = target.value.save.state === 'queued' || target.value.save.state === 'saving' ? target.value.save : { state: 'idle' as const };
      patch(target, { draft, errors, dirty: true, save: state });
      if (target.remote) keep(target.time.interactionId, draft, queued.has(target.time.interactionId));
    };

    const pick = async (hook: CrmPicker | undefined, name: 'contact' | 'case'): Promise<void> => {
      const target = require();
      if (!hook) throw new CxError(CxErrorCode.InvalidOptions, `There is no hooks.pick${name === 'contact' ? 'Contact' : 'Case'} to pick a ${name} with.`);
      const { interactionId, caller, queue, draft } = target.value;
      const link = await hook({ interactionId, caller, queue, draft });
      if (!link || typeof link.id !== 'string' || link.id === '' || target !== current) return;
      const label = typeof link.name === 'string' ? link.name : undefined;
      update(name === 'contact' ? { contactId: link.id, contactName: label ?? '' } : { caseId: link.id, caseName: label ?? '' });
    };

    const api: WrapUpApi = {
      start(into, controller) {
        if ($wrapUp) return;
        $wrapUp = into;
        agent = controller;
        stops.push(context.$calls.subscribe(onCalls), controller.$state.subscribe(onAgent));
        const online = (): void => retryAll();
        globalThis.addEventListener?.('online', online);
        stops.push(() => globalThis.removeEventListener?.('online', online));
        if (!platformOptions) return;
        void platform()
          .then(async (api) => {
            stops.push(api.onEvent((event) => {
              if (event.type !== 'wrap-up') return;
              const { interactionId, totalSeconds } = event.data;
              const unnamed = controller.$state.get().wrapUp?.interactionId === '';
              const startedAt = Date.parse(event.data.endsAt) - totalSeconds * 1000;
              controller.platform(unnamed ? { type: 'wrap-up-time', interactionId, totalSeconds, startedAt } : { type: 'wrap-up-time', interactionId, totalSeconds });
            }));
            // Entries an earlier page kept: what was queued, and what was typed and never sent.
            for (const record of await store.list()) {
              if (record.refused !== undefined || record.interactionId === current?.time.interactionId) continue;
              if (record.pending || !isBlank(record.draft)) enqueueNow(record);
            }
          })
          .catch((error: unknown) => context.logger.warn('Queued wrap-ups could not be read', error));
      },
      update,
      async save(input) {
        const target = require();
        if (input) update(input);
        if (!target.remote) {
          throw new CxError(CxErrorCode.NoPlatform, 'Saving a post-interaction needs the platform option and an interaction of the platform.');
        }
        const errors = checkDraft(target.value.form, target.value.draft);
        if (Object.keys(errors).length > 0) {
          patch(target, { errors, save: { state: 'refused', message: 'Some fields need attention.' } });
          throw new WrapUpRefusedError('Some fields need attention.', errors, { code: CxErrorCode.InvalidWrapUp });
        }
        const version = target.version;
        patch(target, { save: { state: 'saving' }, errors: {} });
        try {
          const outcome = await deliver(target.time.interactionId, target.value.draft);
          if (outcome === 'saved') patch(target, target.version === version ? { save: { state: 'saved' }, dirty: false } : { save: { state: 'idle' } });
          return outcome;
        } catch (error) {
          refusedInto(target, error);
          throw error;
        }
      },
      async extend(seconds = DEFAULT_EXTEND_SECONDS) {
        const target = require();
        if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600) {
          throw new CxError(CxErrorCode.InvalidOptions, 'Extend by a whole number of seconds from 1 to 3600.');
        }
        if (target.time.totalSeconds <= 0) throw new CxError(CxErrorCode.InvalidState, 'This post-interaction has no set time to extend.');
        const id = target.time.interactionId;
        const total = target.remote ? (await (await platform()).client.extendWrapUp(id, seconds)).totalSeconds : target.time.totalSeconds + seconds;
        if (target === current) agent?.setWrapUpTime(id, total);
      },
      async end() {
        const target = require();
        const { value } = target;
        if (target.remote && value.dirty && !isBlank(value.draft) && value.save.state !== 'queued') await api.save();
        if (target === current) agent?.endWrapUp();
      },
      pickContact: () => pick(hooks.pickContact, 'contact'),
      pickCase: () => pick(hooks.pickCase, 'case'),
    };

    /** A draft left by an earlier page: send it now (and retry if need be). */
    const enqueueNow = (record: StoredWrapUp): void => {
      queued.set(record.interactionId, { draft: record.draft, attempts: 0, timer: undefined });
      void retry(record.interactionId);
    };

    return {
      api,
      dispose() {
        disposed = true;
        for (const stop of stops.splice(0)) stop();
        for (const entry of queued.values()) clearTimeout(entry.timer);
        queued.clear();
        current = undefined;
        $wrapUp = undefined;
      },
    };
  },
};

/** As the status machine's `wrapUpEndsAt` (kept out of this chunk's imports: the machine is in the script tag). */
function wrapUpEndsAt(time: WrapUpTime): number | undefined {
  return time.totalSeconds > 0 ? time.startedAt + time.totalSeconds * 1000 : undefined;
}

/** Worth trying again later: the platform was unreachable, failed (5xx), or the token lapsed. */
function isRetryable(error: unknown): boolean {
  if (!isCxError(error)) return true;
  return error.code === CxErrorCode.PlatformUnavailable || (error.code === CxErrorCode.PlatformUnauthorized && error.statusCode !== 403);
}

