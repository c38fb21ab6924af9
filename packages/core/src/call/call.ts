import { atom, type ReadableAtom, type WritableAtom } from 'nanostores';
import { CxError, CxErrorCode } from '../errors/cx-error.js';
import type { CallControl } from './call-control.js';
import type { CallInfo } from './call-info.js';
import { assertTransition, type CallState, type EndReason } from './call-state.js';

export type CallDirection = 'inbound' | 'outbound';

/** Everything observable about a call at one moment. Immutable. */
export interface CallSnapshot {
  readonly id: string;
  readonly direction: CallDirection;
  readonly state: CallState;
  /** Set once the call is `ended`. */
  readonly endReason: EndReason | undefined;
  /** Final SIP status when the remote side refused or failed the call. */
  readonly statusCode: number | undefined;
  /** Who and what: parsed from the INVITE for inbound calls. */
  readonly info: CallInfo;
  /**
   * The other party's name in the CRM's contacts, from the phone's
   * `contacts.lookup` hook: plain, bounded text; `undefined` until (and
   * unless) the hook answers a name. Arrives after `call:incoming`, with a
   * `call:changed`.
   */
  readonly contactName: string | undefined;
  /** Our microphone is muted (the call goes on). */
  readonly muted: boolean;
  /** The remote party has put us on hold. */
  readonly remoteHeld: boolean;
  /** The remote party is ringing (outbound calls, after a 180/183). */
  readonly remoteRinging: boolean;
  /** Epoch ms: when the offer arrived or the call was placed. */
  readonly createdAt: number;
  /** Epoch ms: when the call was answered (the call timer starts here). */
  readonly answeredAt: number | undefined;
  /** Epoch ms: when the call ended. */
  readonly endedAt: number | undefined;
  /** Epoch ms: when an unanswered inbound offer is redistributed (the countdown). */
  readonly ringDeadline: number | undefined;
}

/** DTMF digits a call can send. */
export const DTMF_DIGITS = /^[0-9*#]+$/;

/** Called by a call after each committed change, with the previous snapshot. */
export type CallChangeListener = (call: Call, previous: CallSnapshot) => void;

/**
 * One call, inbound or outbound. Read its state from `snapshot` (or subscribe
 * to `$snapshot`); drive it with the commands, each a promise that rejects
 * with a `CxError`.
 */
export class Call {
  readonly id: string;
  readonly direction: CallDirection;
  private readonly store: WritableAtom<CallSnapshot>;
  private readonly control: CallControl;
  private readonly onChange: CallChangeListener;
  private pending: Promise<unknown> = Promise.resolve();
  /** Hooks the phone uses to keep "one active call" true. @internal */
  beforeActivate: ((call: Call) => Promise<void>) | undefined;

  /** @internal Calls are created by the phone. */
  constructor(init: {
    id: string;
    direction: CallDirection;
    state: CallState;
    info: CallInfo;
    control: CallControl;
    onChange: CallChangeListener;
    ringDeadline?: number;
    now?: number;
  }) {
    this.id = init.id;
    this.direction = init.direction;
    this.control = init.control;
    this.onChange = init.onChange;
    this.store = atom<CallSnapshot>(
      Object.freeze({
        id: init.id,
        direction: init.direction,
        state: init.state,
        endReason: undefined,
        statusCode: undefined,
        info: init.info,
        contactName: undefined,
        muted: false,
        remoteHeld: false,
        remoteRinging: false,
        createdAt: init.now ?? Date.now(),
        answeredAt: undefined,
        endedAt: undefined,
        ringDeadline: init.ringDeadline,
      }),
    );
  }

  /** The call's state as a store. */
  get $snapshot(): ReadableAtom<CallSnapshot> {
    return this.store;
  }
  get snapshot(): CallSnapshot {
    return this.store.get();
  }
  get state(): CallState {
    return this.snapshot.state;
  }
  get info(): CallInfo {
    return this.snapshot.info;
  }
  get muted(): boolean {
    return this.snapshot.muted;
  }
  get ended(): boolean {
    return this.snapshot.state === 'ended';
  }

  /** Answer a ringing inbound call. Holds the phone's other active call first. */
  accept(): Promise<void> {
    return this.serial(async () => {
      this.expect(['ringing'], 'accept');
      await this.beforeActivate?.(this);
      this.expect(['ringing'], 'accept');
      this.transition('connecting');
      try {
        await this.control.accept();
      } catch (error) {
        if (!this.ended) this.end('failed');
        throw toCxError(error, 'The call could not be answered.');
      }
      if (this.state === 'connecting') this.transition('active', { answeredAt: Date.now() });
    });
  }

  /** Refuse a ringing inbound call: the caller gets 486 Busy Here and the ACD can re-offer it. */
  decline(): Promise<void> {
    return this.serial(async () => {
      this.expect(['ringing'], 'decline');
      await this.endWith('declined', this.control.reject(486));
    });
  }

  /** End the call, whatever its state (cancels an unanswered outbound call). */
  hangup(): Promise<void> {
    return this.serial(async () => {
      this.expect(['dialing', 'connecting', 'active', 'held', 'ringing'], 'hang up');
      if (this.state === 'ringing') {
        await this.endWith('declined', this.control.reject(486));
        return;
      }
      const reason: EndReason = this.state === 'dialing' ? 'cancelled' : 'local-hangup';
      await this.endWith(reason, this.control.terminate());
    });
  }

  /** Mute or unmute our microphone toward the other party. The call goes on. */
  mute(on: boolean): Promise<void> {
    return this.serial(async () => {
      this.expect(['dialing', 'connecting', 'active', 'held'], on ? 'mute' : 'unmute');
      this.commit({ muted: on });
      this.control.setSending(!on && this.state !== 'held');
    });
  }

  /**
   * Put the other party on hold (re-INVITE; they stop hearing us and we stop
   * hearing them) or resume. Resuming holds the phone's other active call.
   */
  hold(on: boolean): Promise<void> {
    return this.serial(async () => {
      if (on) {
        if (this.state === 'held') return;
        this.expect(['active'], 'hold');
        this.control.setSending(false);
        try {
          await this.control.setHold(true);
        } catch (error) {
          this.control.setSending(!this.muted);
          throw toCxError(error, 'The call could not be put on hold.');
        }
        if (this.state === 'active') this.transition('held');
      } else {
        if (this.state === 'active') return;
        this.expect(['held'], 'resume');
        await this.beforeActivate?.(this);
        this.expect(['held'], 'resume');
        try {
          await this.control.setHold(false);
        } catch (error) {
          throw toCxError(error, 'The call could not be taken off hold.');
        }
        if (this.state === 'held') {
          this.transition('active');
          this.control.setSending(!this.muted);
        }
      }
    });
  }

  /** Send DTMF digits (0-9, *, #) one after the other. */
  sendDtmf(digits: string): Promise<void> {
    if (typeof digits !== 'string' || !DTMF_DIGITS.test(digits) || digits.length > 64) {
      return Promise.reject(
        new CxError(CxErrorCode.InvalidDtmf, `"${String(digits).slice(0, 20)}" is not a DTMF string.`, {
          solutions: ['Send only the digits 0-9, * and # (at most 64 at a time).'],
        }),
      );
    }
    return this.serial(async () => {
      for (const digit of digits) {
        this.expect(['active'], 'send DTMF');
        await this.control.sendDtmf(digit);
      }
    });
  }

  // ---- used by the phone and the SIP layer ------------------------------

  /** @internal Commit a state change after checking the transition table. */
  transition(to: CallState, patch: Partial<Omit<CallSnapshot, 'state' | 'id' | 'direction'>> = {}): void {
    const previous = this.snapshot;
    assertTransition(previous.state, to);
    this.store.set(Object.freeze({ ...previous, ...patch, state: to }));
    this.onChange(this, previous);
  }

  /** @internal Commit a change that does not move the state. */
  commit(
    patch: Partial<Pick<CallSnapshot, 'muted' | 'remoteHeld' | 'remoteRinging' | 'ringDeadline' | 'contactName'>>,
  ): void {
    const previous = this.snapshot;
    const keys = Object.keys(patch) as Array<keyof typeof patch>;
    if (keys.every((k) => previous[k] === patch[k])) return;
    this.store.set(Object.freeze({ ...previous, ...patch }));
    this.onChange(this, previous);
  }

  /** @internal End the call (idempotent) and release its media. */
  end(reason: EndReason, statusCode?: number): void {
    if (this.ended) return;
    this.transition('ended', { endReason: reason, endedAt: Date.now(), statusCode, ringDeadline: undefined });
    this.control.dispose();
  }

  /**
   * @internal Ends the call once `signal` (the 486, 480, BYE or CANCEL) is on
   * its way, so that releasing the media does not send anything else first.
   */
  async endWith(reason: EndReason, signal: Promise<void>): Promise<void> {
    const sent = signal.catch(() => undefined);
    this.end(reason);
    await sent;
  }

  /** @internal The remote side answered (outbound) or media is up (inbound). */
  markAnswered(): void {
    if (this.state === 'dialing') this.transition('active', { answeredAt: Date.now(), remoteRinging: false });
  }

  private expect(states: readonly CallState[], action: string): void {
    if (!states.includes(this.state)) {
      throw new CxError(
        this.ended ? CxErrorCode.CallEnded : CxErrorCode.InvalidState,
        `Cannot ${action} a call that is ${this.state}.`,
      );
    }
  }

  /** Commands on one call run one after the other. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.pending.then(task, task);
    this.pending = run.catch(() => undefined);
    return run;
  }
}

function toCxError(error: unknown, message: string): CxError {
  if (error instanceof CxError) return error;
  return new CxError(CxErrorCode.SipFailure, message, { cause: error });
}
