import type { ReadableAtom } from 'nanostores';
import type { CallHandle } from '../call/call.js';

/** Blind: the customer is sent on at once. Attended: the agent talks to the recipient first. */
export type TransferMode = 'blind' | 'attended';

/**
 * Where a transfer stands.
 *
 * ```
 * trying ──> ringing ──> consulting (attended) ──complete──> completed
 *    │          │             │
 *    └──────────┴─────────────┴──> failed (reason) / cancelled: the customer is resumed
 * ```
 */
export const TransferState = {
  /** The REFER (blind) or the consultation INVITE (attended) is on its way. */
  Trying: 'trying',
  /** The recipient's phone rings. */
  Ringing: 'ringing',
  /** Attended: the agent and the recipient are talking; the customer is on hold. */
  Consulting: 'consulting',
  /** The customer and the recipient are talking; the agent is released. */
  Completed: 'completed',
  /** It did not go through (see `reason`); the customer is back with the agent. */
  Failed: 'failed',
  /** The agent gave up; the customer is back with the agent. */
  Cancelled: 'cancelled',
} as const;
export type TransferState = (typeof TransferState)[keyof typeof TransferState];

/** Why a transfer failed. */
export type TransferFailure = 'busy' | 'no-answer' | 'rejected' | 'not-found' | 'failed';

/** A transfer destination from a directory (the platform's, or the `directory` option). */
export interface DirectoryEntry {
  readonly kind: 'user' | 'queue' | 'routing' | 'contact';
  readonly id: string;
  readonly name: string;
  /** What is dialled: an extension, a number or a SIP URI. */
  readonly target: string;
}

/** What `call.transfer()` accepts: an extension, a number, a SIP URI, or a directory entry. */
export type TransferTarget = string | DirectoryEntry;

/** A transfer as a call's snapshot shows it (plain data). */
export interface TransferSnapshot {
  readonly id: string;
  readonly mode: TransferMode;
  readonly state: TransferState;
  readonly reason: TransferFailure | undefined;
  /** Who the call goes to, for people: the directory name, else the number. */
  readonly targetName: string;
  /** The SIP URI dialled. */
  readonly targetUri: string;
}

/** A transfer in progress, from `call.transfer(target, { mode })`. */
export interface Transfer {
  readonly id: string;
  readonly mode: TransferMode;
  /** The call being transferred. */
  readonly call: CallHandle;
  /** Attended: the consultation call to the recipient. */
  readonly consultation: CallHandle | undefined;
  readonly state: TransferState;
  readonly $state: ReadableAtom<TransferState>;
  readonly reason: TransferFailure | undefined;
  readonly snapshot: TransferSnapshot;
  /** Attended, while consulting: REFER with Replaces; the customer and the recipient talk, the agent is released. */
  complete(): Promise<void>;
  /** Ends the consultation (attended) or stops waiting (blind, before the REFER is accepted); the customer is resumed. */
  cancel(): Promise<void>;
}

export interface TransferOptions {
  mode?: TransferMode;
}
