/**
 * @cx/core/platform: the typed client of the contact-center platform API
 * (docs/platform-api.yaml). The phone uses it when it has a `platform`
 * option; use it directly to talk to the platform from your own code.
 */
export {
  createPlatformClient,
  parseEvent,
  WrapUpRefusedError,
  type PlatformClient,
  type PlatformOptions,
  type PlatformEventListener,
  type PlatformStreamState,
} from './platform-client.js';
export * from './platform-schemas.js';
