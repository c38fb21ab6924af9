import type { CallOptions } from '../phone/phone-api.js';
import type { TransferFailure, TransferMode, TransferState } from '../transfer/transfer-types.js';

/** Where a `phone.call()` came from, as `hooks.beforeDial` is told. */
export type DialOrigin =
  /** A program or the Banner's New call (the default). */
  | 'call'
  /** `phone.callBack(entry)`: Call back of a missed call. */
  | 'call-back'
  /** A `tel:`, `callto:` or `sip:` link clicked with `CX.enableClickToCall()`. */
  | 'click-to-call';

/** What `hooks.beforeDial` is told besides the target. */
export interface DialContext {
  readonly origin: DialOrigin;
  /** The options of `phone.call()` (headers, callerId, via). */
  readonly options: Readonly<CallOptions>;
  /** Aborted when the hook took longer than `hooks.timeout`: nothing is dialled then, whatever it answers later. */
  readonly signal: AbortSignal;
}

/**
 * Runs before every `phone.call()` (click-to-call and call-back included):
 * answer a string to dial that instead (a CRM's own dialling rules: add a
 * prefix, look up the main number), `false` to dial nothing (the call
 * rejects with a `CxError` `dial-cancelled`), anything else to dial the
 * target as it is. May be async: it has `hooks.timeout` ms (default 5000),
 * after which the call rejects with `hook-timeout` and nothing is dialled.
 */
export type BeforeDial = (target: string, context: DialContext) => string | boolean | void | Promise<string | boolean | void>;

/**
 * How a call turned out, for a CRM activity's status: `answered` (by the
 * agent or, outbound, by the callee; transferred calls too); inbound calls
 * nobody answered: `no-answer` (the countdown ran out), `caller-hung-up`,
 * `declined` (by the agent); outbound calls that did not connect:
 * `cancelled` (the agent hung up first), `busy` (486, 600), `declined`
 * (603), `not-found` (404, 484, 604), `no-answer` (408, 480), `failed`
 * (anything else, see `statusCode`).
 */
export type CallOutcome = 'answered' | 'no-answer' | 'caller-hung-up' | 'declined' | 'cancelled' | 'busy' | 'not-found' | 'failed';

/** A transfer of the call as `call:logged` records it (its last state). */
export interface LoggedTransfer {
  readonly mode: TransferMode;
  /** `completed`, `failed` or `cancelled` (or where it stood when the call ended). */
  readonly state: TransferState;
  readonly reason: TransferFailure | undefined;
  /** Who the call went to, for people: the directory name, else the number. */
  readonly targetName: string;
  /** The SIP URI dialled. */
  readonly targetUri: string;
  /** When it reached that state (ms since the epoch). */
  readonly at: number;
}

/** A recording of the call as `call:logged` records it: the file of `recording:ready`, to store with the activity. */
export interface LoggedRecording {
  readonly blob: Blob;
  readonly mimeType: string;
  /** Seconds. */
  readonly duration: number;
  /** When it started (ms since the epoch). */
  readonly startedAt: number;
}
