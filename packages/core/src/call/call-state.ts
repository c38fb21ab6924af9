import { CxError, CxErrorCode } from '../errors/cx-error.js';

/**
 * The life of a call. Every change of state goes through {@link assertTransition}
 * (via `Call`), which checks this table; events are emitted after the new
 * state is committed.
 *
 * ```
 * inbound:   ringing ──accept──> connecting ──media──> active <──hold/resume──> held
 * outbound:  dialing ──answered─────────────────────> active
 *
 *            any state but ended ─────────────────────────────────────────────> ended
 * ```
 */
export const CallState = {
  /** An inbound offer is ringing; the countdown runs. */
  Ringing: 'ringing',
  /** An outbound call was sent and is not answered yet. */
  Dialing: 'dialing',
  /** The agent accepted; media is being negotiated. */
  Connecting: 'connecting',
  /** Talking. */
  Active: 'active',
  /** Placed on hold by the agent. */
  Held: 'held',
  /** Over: see the call's `endReason`. */
  Ended: 'ended',
} as const;
export type CallState = (typeof CallState)[keyof typeof CallState];

/** Why a call ended. */
export const EndReason = {
  /** The agent hung up. */
  LocalHangup: 'local-hangup',
  /** The other party hung up. */
  RemoteHangup: 'remote-hangup',
  /** The agent declined the offer (the caller got 486 Busy Here). */
  Declined: 'declined',
  /** The ring countdown ran out (the caller got 480 so the ACD redistributes). */
  RingTimeout: 'ring-timeout',
  /** The caller hung up while it rang. */
  CallerCancelled: 'caller-cancelled',
  /** The agent cancelled an outbound call before it was answered. */
  Cancelled: 'cancelled',
  /** The callee refused the outbound call (busy, not found, ...): see `statusCode`. */
  Rejected: 'rejected',
  /** Media or signalling failed. */
  Failed: 'failed',
  /** A transfer completed: the customer talks to someone else now. */
  Transferred: 'transferred',
  /** The agent's tab that carried the call closed (or crashed) and it could not be taken over (src/tabs/). */
  TabClosed: 'tab-closed',
} as const;
export type EndReason = (typeof EndReason)[keyof typeof EndReason];

/** Legal moves: from -> the states it may go to. */
export const callTransitions: Readonly<Record<CallState, readonly CallState[]>> = Object.freeze({
  ringing: Object.freeze(['connecting', 'ended'] as const),
  dialing: Object.freeze(['active', 'ended'] as const),
  connecting: Object.freeze(['active', 'ended'] as const),
  active: Object.freeze(['held', 'ended'] as const),
  held: Object.freeze(['active', 'ended'] as const),
  ended: Object.freeze([] as const),
});

/** Whether `from -> to` is a legal move. */
export function canTransition(from: CallState, to: CallState): boolean {
  return callTransitions[from].includes(to);
}

/** Throws a `CxError` with code `invalid-state` when `from -> to` is illegal. */
export function assertTransition(from: CallState, to: CallState): void {
  if (!canTransition(from, to)) {
    throw new CxError(CxErrorCode.InvalidState, `A call cannot go from "${from}" to "${to}".`, {
      solutions: [`From "${from}" a call can go to: ${callTransitions[from].join(', ') || 'nowhere (it is over)'}.`],
    });
  }
}

/** The commands of a call, as named in `snapshot.can`. */
export const CallCommand = {
  Accept: 'accept',
  Decline: 'decline',
  Hangup: 'hangup',
  Hold: 'hold',
  Resume: 'resume',
  /** Mute or unmute the agent's microphone. */
  Mute: 'mute',
  SendDtmf: 'sendDtmf',
  /** Transfer the call (blind or attended). */
  Transfer: 'transfer',
  /** Merge it with the other call into a 3-way conversation. */
  Merge: 'merge',
  /** Start or stop recording it. */
  Record: 'record',
} as const;
export type CallCommand = (typeof CallCommand)[keyof typeof CallCommand];

/** Which commands a call allows now: `snapshot.can.hold`, ... */
export type CallAbilities = Readonly<Record<CallCommand, boolean>>;

/**
 * What the phone allows a call beyond its state: merging needs exactly one
 * other call to merge with, recording needs the recording policy (profile,
 * queue, rights), transferring needs no transfer in progress.
 */
export interface CallPermits {
  readonly transfer: boolean;
  readonly merge: boolean;
  readonly record: boolean;
}

/** Permits of a new call: it may be transferred and recorded, and has nothing to merge with. */
export const DEFAULT_PERMITS: CallPermits = Object.freeze({ transfer: true, merge: false, record: true });

/** The states in which each command is allowed: the one rule that commands and elements share. */
const ALLOWED: Readonly<Record<CallCommand, readonly CallState[]>> = {
  accept: ['ringing'],
  decline: ['ringing'],
  hangup: ['ringing', 'dialing', 'connecting', 'active', 'held'],
  hold: ['active'],
  resume: ['held'],
  mute: ['dialing', 'connecting', 'active', 'held'],
  sendDtmf: ['active'],
  transfer: ['active', 'held'],
  merge: ['active', 'held'],
  record: ['active', 'held'],
};

const COMMANDS = Object.keys(ALLOWED) as CallCommand[];

/** What a call in `state` allows (`snapshot.can`), given what the phone permits it. */
export function abilitiesOf(state: CallState, permits: CallPermits = DEFAULT_PERMITS): CallAbilities {
  return Object.freeze(
    Object.fromEntries(
      COMMANDS.map((command) => {
        const byState = ALLOWED[command].includes(state);
        const permitted = command === 'transfer' || command === 'merge' || command === 'record' ? permits[command] : true;
        return [command, byState && permitted];
      }),
    ) as Record<CallCommand, boolean>,
  );
}

/** Whether a call ended as an offer the agent missed (the countdown ran out, or the caller hung up first). */
export function isMissed(snapshot: { readonly state: CallState; readonly endReason: EndReason | undefined }): boolean {
  return snapshot.state === 'ended' && (snapshot.endReason === 'ring-timeout' || snapshot.endReason === 'caller-cancelled');
}
