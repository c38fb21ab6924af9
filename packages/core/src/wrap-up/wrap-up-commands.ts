import type { WrapUpCommands } from './wrap-up-types.js';

/**
 * `phone.wrapUp`: the commands of the post-interaction, run by the wrap-up
 * feature once loaded (the phone loads it when it connects).
 */
export function wrapUpCommands(load: () => Promise<WrapUpCommands>): WrapUpCommands {
  return {
    update: (patch) => void load().then((api) => api.update(patch)),
    save: async (input) => (await load()).save(input),
    extend: async (seconds) => (await load()).extend(seconds),
    end: async () => (await load()).end(),
    pickContact: async () => (await load()).pickContact(),
    pickCase: async () => (await load()).pickCase(),
  };
}
