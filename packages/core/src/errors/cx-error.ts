/**
 * Every error that @cx/core rejects or throws with.
 *
 * The `code` is stable and meant for programs; the `message` is for people.
 * `solutions` lists what the caller can do about it, when we know.
 */
export const CxErrorCode = {
  /** `createPhone` was given options it cannot work with. */
  InvalidOptions: 'invalid-options',
  /** A command is not allowed in the call's (or phone's) current state. */
  InvalidState: 'invalid-state',
  /** `sendDtmf` got something other than 0-9, *, #, A-D. */
  InvalidDtmf: 'invalid-dtmf',
  /** `phone.call()` got a target that is neither a number, an extension nor a SIP URI. */
  InvalidTarget: 'invalid-target',
  /** The phone is not registered, so it cannot place or take calls. */
  NotConnected: 'not-connected',
  /** The microphone (or another media step) failed: missing, busy, unplugged. A refusal of the permission is `microphone-denied`. */
  MediaFailed: 'media-failed',
  /**
   * The agent (or a policy) refused this site the microphone: only the
   * browser's site settings can allow it again (docs/devices.md says how).
   * `phone.devices.$microphonePermission` is `denied` meanwhile.
   */
  MicrophoneDenied: 'microphone-denied',
  /** `phone.devices.setInput`/`setOutput`/`setRinger` got an id that is not in `$inputs`/`$outputs` (unplugged, or never there). */
  DeviceNotFound: 'device-not-found',
  /** The SIP server or the remote party refused or failed a request. */
  SipFailure: 'sip-failure',
  /** The call ended while the command was in flight. */
  CallEnded: 'call-ended',
  /** The SIP server could not be reached within `sip.connectTimeout`. */
  ConnectionFailed: 'connection-failed',
  /** The SIP server refused the registration (see `statusCode`), or did not answer it in time. */
  RegistrationFailed: 'registration-failed',
  /** The phone was destroyed (`phone.destroy()`): make a new one. */
  Destroyed: 'destroyed',
  /** A part of the phone loaded on first use (transfer, recording, ...) could not be loaded. */
  FeatureUnavailable: 'feature-unavailable',
  /** The platform could not be reached, timed out, or answered 5xx after the retries. */
  PlatformUnavailable: 'platform-unavailable',
  /** The platform refused the token (401 even after `getToken()`) or the right (403). */
  PlatformUnauthorized: 'platform-unauthorized',
  /** The platform's answer was not what docs/platform-api.yaml says (malformed or wrongly shaped): nothing was changed. */
  PlatformInvalidResponse: 'platform-invalid-response',
  /** The platform refused the request (4xx); `message` is the platform's, `statusCode` its HTTP status. */
  PlatformRefused: 'platform-refused',
  /** `phone.take()`: another agent took the call first (409). */
  AlreadyTaken: 'already-taken',
  /** A command needs the `platform` option. */
  NoPlatform: 'no-platform',
  /** A post-interaction form was not filled as the queue asks (see `fields` of the `WrapUpRefusedError`). */
  InvalidWrapUp: 'invalid-wrap-up',
  /** `phone.contacts.import()`: the file is neither a vCard nor a CSV file with a name and a phone column, or holds no contact. */
  ContactFileUnreadable: 'contact-file-unreadable',
  /** `phone.contacts.removeFolder()`: no local contact folder has this id. */
  ContactFolderNotFound: 'contact-folder-not-found',
  /** `hooks.beforeDial` answered `false` (or threw): nothing was dialled. */
  DialCancelled: 'dial-cancelled',
  /** A hook of the page (`hooks.beforeDial`) gave no answer within `hooks.timeout`: nothing was done. */
  HookTimeout: 'hook-timeout',
} as const;

export type CxErrorCode = (typeof CxErrorCode)[keyof typeof CxErrorCode];

export interface CxErrorOptions {
  cause?: unknown;
  /** What the caller can do about it. */
  solutions?: readonly string[];
  /** SIP status code, when the error comes from a SIP response; HTTP status for a platform error. */
  statusCode?: number;
}

/**
 * The brand every {@link CxError} carries, as an own property: a registered
 * symbol, so it is the same in every copy of CX Banner on a page (the script
 * tag loaded twice, or two versions), where the `CxError` classes differ.
 */
const brand = Symbol.for('cx-banner.error');

/**
 * A typed error of CX Banner: a stable `code`, a human `message`, and the
 * `solutions` we know of.
 *
 * `instanceof CxError` and {@link isCxError} are true for a `CxError` made by
 * any copy of CX Banner on the page (they check the brand); `instanceof` a
 * subclass (`WrapUpRefusedError`) is the ordinary prototype check.
 */
export class CxError extends Error {
  /** True for every `CxError` of every copy on the page, false for anything else (see {@link isCxError}). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return this === CxError ? hasBrand(value) : Function.prototype[Symbol.hasInstance].call(this, value);
  }

  override readonly name = 'CxError';
  readonly code: CxErrorCode;
  readonly solutions: readonly string[];
  readonly statusCode: number | undefined;

  constructor(code: CxErrorCode, message: string, options: CxErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    Object.defineProperty(this, brand, { value: true });
    this.code = code;
    this.solutions = options.solutions ?? [];
    this.statusCode = options.statusCode;
  }
}

function hasBrand(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, brand);
}

/**
 * True when `value` is a {@link CxError}, optionally with the given code.
 * It checks the brand, not the class, so an error made by another copy of
 * CX Banner on the page (loaded twice, or another version) passes too.
 */
export function isCxError(value: unknown, code?: CxErrorCode): value is CxError {
  return hasBrand(value) && (code === undefined || (value as CxError).code === code);
}
