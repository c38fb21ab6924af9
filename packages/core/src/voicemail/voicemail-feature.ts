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
  /** Plays the message to the agent through the media graph (one at a time); resolves once it plays. */
  play(id: string): Promise<VoicemailPlayback>;
}

/** A voicemail playing to the agent. */
export interface VoicemailPlayback {
  readonly id: string;
  /** The element it plays in (the phone's, never in the page): for meters and tests. */
  readonly audio: HTMLAudioElement;
  /** Resolves when it ends or is stopped. */
  readonly ended: Promise<void>;
  stop(): void;
}

function upsert(list: readonly Voicemail[], item: Voicemail): Voicemail[] {
  return [item, ...list.filter((v) => v.id !== item.id)].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

/** Voicemail from the platform: the messages, their audio, heard or not. */
export const voicemailFeature: Feature<VoicemailApi> = {
  name: 'voicemail',
  install(context) {
    let store: WritableAtom<readonly Voicemail[]> | undefined;
    let playing: VoicemailPlayback | undefined;
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
        async play(id) {
          const blob = await (await context.platform()).client.audio(find(id).audioUrl);
          playing?.stop();
          const url = URL.createObjectURL(blob);
          const audio = new Audio(url);
          const remove = context.media.addPlayback(audio);
          let finish = (): void => undefined;
          const ended = new Promise<void>((resolve) => (finish = resolve));
          const playback: VoicemailPlayback = {
            id,
            audio,
            ended,
            stop() {
              audio.pause();
              remove();
              URL.revokeObjectURL(url);
              if (playing === playback) playing = undefined;
              finish();
            },
          };
          audio.addEventListener('ended', () => playback.stop(), { once: true });
          playing = playback;
          try {
            await audio.play();
          } catch (cause) {
            playback.stop();
            throw new CxError(CxErrorCode.MediaFailed, 'The message could not be played.', { cause });
          }
          return playback;
        },
      },
      dispose() {
        playing?.stop();
        for (const stop of stops.splice(0)) stop();
        store = undefined;
      },
    };
  },
};
