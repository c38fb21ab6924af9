import type { WritableAtom } from 'nanostores';
import type { Call } from '../call/call.js';
import type { Contact } from '../contacts/contact-options.js';
import type { Feature } from '../features/feature.js';
import { mergeMissed, missedEntryFromPlatform, missedEntryOf, unprocessedFor, type MissedCallEntry } from './missed-calls.js';

export interface MissedApi {
  /** Starts filling the phone's store (once): the calls it missed, and the platform's. */
  start($missedCalls: WritableAtom<readonly MissedCallEntry[]>): void;
}

/**
 * Missed calls: the inbound calls this phone did not answer (the ring ran
 * out, the agent declined, the caller hung up first) and, with a platform,
 * `GET /missed-calls` and its `missed-call` events. A later connected call
 * with the same number, either way, or with the same contact (any number
 * of the card the contact sources found), marks them processed (and tells
 * the platform: `POST /missed-calls/{id}/processed`).
 */
export const missedFeature: Feature<MissedApi> = {
  name: 'missed',
  install(context) {
    const region = context.options.region;
    const stops: (() => void)[] = [];
    let store: WritableAtom<readonly MissedCallEntry[]> | undefined;
    // Each call's contact when it was last looked at: a connected call is
    // checked, and a missed one written, again when its contact arrives (a
    // lookup may answer after the call connected or ended).
    const seen = new WeakMap<Call, Contact | undefined>();

    const add = (entries: readonly MissedCallEntry[]): void => {
      if (store && entries.length > 0) store.set(mergeMissed(store.get(), entries));
    };

    const onCalls = (calls: readonly Call[]): void => {
      for (const call of calls) {
        const snapshot = call.snapshot;
        if (snapshot.answeredAt === undefined && !call.ended) continue;
        if (seen.has(call) && seen.get(call) === snapshot.contact) continue;
        seen.set(call, snapshot.contact);
        if (snapshot.answeredAt !== undefined) {
          processed(snapshot.info.remote.number, snapshot.contact?.numbers);
          continue;
        }
        const entry = missedEntryOf(snapshot);
        const kept = entry && store?.get().find((e) => e.id === entry.id);
        if (entry) add([kept ? { ...entry, processed: kept.processed } : entry]);
      }
    };

    const processed = (number: string, contactNumbers?: readonly string[]): void => {
      if (!store) return;
      const done = unprocessedFor(store.get(), number, region, contactNumbers);
      if (done.length === 0) return;
      add(done.map((entry) => ({ ...entry, processed: true })));
      const remote = done.filter((entry) => entry.source === 'platform');
      if (remote.length === 0 || !context.options.platform) return;
      void context
        .platform()
        .then((platform) => Promise.all(remote.map((entry) => platform.client.markMissedProcessed(entry.id))))
        .catch((error: unknown) => context.logger.warn('The platform could not be told of a missed call called back', error));
    };

    return {
      api: {
        start($missedCalls) {
          if (store) return;
          store = $missedCalls;
          stops.push(context.$calls.subscribe(onCalls));
          if (!context.options.platform) return;
          void context
            .platform()
            .then(async (platform) => {
              stops.push(
                platform.onEvent((event) => {
                  if (event.type === 'missed-call') add([missedEntryFromPlatform(event.data)]);
                }),
              );
              add((await platform.client.missedCalls()).map(missedEntryFromPlatform));
            })
            .catch((error: unknown) => context.logger.warn('The missed calls could not be read from the platform', error));
        },
      },
      dispose() {
        for (const stop of stops.splice(0)) stop();
        store = undefined;
      },
    };
  },
};
