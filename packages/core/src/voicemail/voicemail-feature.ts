import type { WritableAtom } from 'nanostores';
import { CxError, CxErrorCode } from '../index.js';
import type { Feature } from '../features/feature.js';
import type { Voicemail } from '../platform/platform-schemas.js';

export interface VoicemailApi {
  /** Starts filling the phone's store (once): `GET /voicemails`, then the `voicemail` events. */
  start($voicemails: WritableAtom<readonly Voicemail[]>): void;
  /** `POST /voicemails/{id}/heard`; the store says so at once. */
  markHeard(id: string): Promise<void>;
  /** The message's audio, fetched with the token. */
  audio(id: string): Promise<Blob>;
}

function upsert(list: readonly Voicemail[], item: Voicemail): Voicemail[] {
  return [item, ...list.filter((v) => v.id !== item.id)].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

/** Voicemail from the platform: the messages, their audio, heard or not. */
export const voicemailFeature: Feature<VoicemailApi> = {
  name: 'voicemail',
  install(context) {
    let store: WritableAtom<readonly Voicemail[]> | undefined;
    const stops: (() => void)[] = [];
    const find = (id: string): Voicemail => {
      const found = store?.get().find((v) => v.id === id);
      if (!found) throw new CxError(CxErrorCode.InvalidOptions, `No voicemail "${id}".`);
      return found;
    };
    return {
      api: {
        start($voicemails) {
          if (store) return;
          store = $voicemails;
          void context
            .platform()
            .then(async (platform) => {
              stops.push(
                platform.onEvent((event) => {
                  if (event.type === 'voicemail' && store) store.set(upsert(store.get(), event.data));
                }),
              );
              const list = await platform.client.voicemails();
              if (store) store.set(list.reduce((all, item) => upsert(all, item), store.get() as Voicemail[]));
            })
            .catch((error: unknown) => context.logger.warn('The voicemails could not be read from the platform', error));
        },
        async markHeard(id) {
          const voicemail = find(id);
          await (await context.platform()).client.markHeard(id);
          if (store) store.set(upsert(store.get(), { ...voicemail, heard: true }));
        },
        async audio(id) {
          return (await context.platform()).client.audio(find(id).audioUrl);
        },
      },
      dispose() {
        for (const stop of stops.splice(0)) stop();
        store = undefined;
      },
    };
  },
};
