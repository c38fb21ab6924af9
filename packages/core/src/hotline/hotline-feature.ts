import type { ReadableAtom } from 'nanostores';
import type { CallInfo } from '../call/call-info.js';
import type { Feature } from '../features/feature.js';
import type { Me } from '../platform/platform-schemas.js';
import { matchHotline } from '../rules/hotline-match.js';

export interface HotlineApi {
  /**
   * Starts with the platform's profile, whose `hotline` wins over the
   * option once loaded, and puts the match on the calls already ringing.
   * Once; later calls do nothing.
   */
  start($me: ReadableAtom<Me | undefined>): void;
  /** An offer's description with its match (`hotline`), as the phone creates the call; the same object without one. */
  match(info: CallInfo): CallInfo;
}

/**
 * Hotline (docs/hotline.md): an inbound call whose called number matches
 * an entity gets `info.hotline` (`{ entity, greeting, line }`) as it rings.
 * The platform's entities (`/me` `hotline`), once loaded, win over the
 * `hotline` option. A lazy chunk: a page without entities never loads it.
 */
export const hotlineFeature: Feature<HotlineApi> = {
  name: 'hotline',
  install(context) {
    let $me: ReadableAtom<Me | undefined> | undefined;
    const api: HotlineApi = {
      start(me) {
        if ($me) return;
        $me = me;
        for (const call of context.$calls.get()) {
          const { info } = call.snapshot;
          const matched = api.match(info);
          if (call.direction === 'inbound' && !call.ended && matched !== info) context.annotate(call, { info: matched });
        }
      },
      match(info) {
        if (info.hotline) return info;
        const hotline = matchHotline(
          $me?.get()?.hotline ?? context.options.hotline.entities,
          { called: info.called, caller: info.remote.displayName || info.remote.number, queue: info.queue?.name ?? '' },
          context.options.region,
        );
        return hotline ? Object.freeze({ ...info, hotline }) : info;
      },
    };
    return { api, dispose: () => undefined };
  },
};
