import type { Call } from '../call/call.js';
import type { FeatureContext } from '../features/feature.js';
import type { LoggedRecording, LoggedTransfer } from './crm-types.js';

/** Most ms the record of a call waits for a recording that is still being finished (its `recording:ready`). */
const RECORDING_WAIT = 10_000;

/** What happened during a call that its snapshot does not keep: every transfer and every recording. */
export interface CallHistory {
  readonly transfers: readonly LoggedTransfer[];
  readonly recordings: readonly LoggedRecording[];
}

interface Entry {
  transfers: Map<string, LoggedTransfer>;
  recordings: LoggedRecording[];
  /** Start times of recordings whose file has not come yet. */
  pending: number[];
  ready: (() => void)[];
}

export interface CallHistoryTracker {
  /** The call's history, once its recordings are finished (at most 10 s); forgotten after. */
  take(call: Call): Promise<CallHistory>;
  dispose(): void;
}

/**
 * Follows the phone's events and keeps, per call, its transfers (each in
 * its latest state) and its recordings (the files of `recording:ready`), so
 * that `call:logged` can hand over the whole story of a call.
 */
export function trackCallHistory(context: Pick<FeatureContext, 'on'>): CallHistoryTracker {
  const entries = new WeakMap<Call, Entry>();
  const entry = (call: Call): Entry => {
    let found = entries.get(call);
    if (!found) entries.set(call, (found = { transfers: new Map(), recordings: [], pending: [], ready: [] }));
    return found;
  };
  const offs = [
    context.on('transfer:changed', (call, transfer) => {
      const { id, mode, state, reason, targetName, targetUri } = transfer.snapshot;
      entry(call).transfers.set(id, { mode, state, reason, targetName, targetUri, at: Date.now() });
    }),
    context.on('recording:started', (call) => void entry(call).pending.push(Date.now())),
    context.on('recording:ready', (call, file) => {
      const target = entry(call);
      const startedAt = target.pending.shift() ?? Date.now() - file.duration * 1000;
      target.recordings.push({ blob: file.blob, mimeType: file.mimeType, duration: file.duration, startedAt });
      if (target.pending.length === 0) for (const done of target.ready.splice(0)) done();
    }),
  ];
  return {
    async take(call) {
      const target = entries.get(call);
      if (!target) return { transfers: [], recordings: [] };
      if (target.pending.length > 0) {
        await new Promise<void>((resolve) => {
          target.ready.push(resolve);
          setTimeout(resolve, RECORDING_WAIT);
        });
      }
      entries.delete(call);
      return { transfers: [...target.transfers.values()], recordings: [...target.recordings] };
    },
    dispose() {
      for (const off of offs) off();
    },
  };
}
