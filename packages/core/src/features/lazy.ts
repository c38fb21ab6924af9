import { CxError, CxErrorCode } from '../errors/cx-error.js';
import type { Feature } from './feature.js';

/**
 * A feature loaded on first use, once: its module (a chunk of its own in
 * the script-tag build) is fetched the first time something needs it. A
 * load that fails (network) rejects with `feature-unavailable` and is tried
 * again next time.
 */
export function lazyFeature<Api>(name: string, load: () => Promise<Feature<Api>>): () => Promise<Feature<Api>> {
  let loading: Promise<Feature<Api>> | undefined;
  return () => {
    loading ??= load().catch((cause: unknown) => {
      loading = undefined;
      throw new CxError(CxErrorCode.FeatureUnavailable, `The ${name} feature could not be loaded.`, {
        cause,
        solutions: ['Check the network, and that the cx-banner.*.js files sit next to cx-banner.js.'],
      });
    });
    return loading;
  };
}
