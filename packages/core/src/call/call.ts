import { atom, type ReadableAtom, type WritableAtom } from 'nanostores';
import { CxError, CxErrorCode } from '../errors/cx-error.js';
import type { CallInfo, MonitorNotice } from './call-info.js';
import type { CallLeg } from './call-leg.js';
import type { Contact } from '../contacts/contact-options.js';
import type { CallQuality } from '../quality/quality-types.js';
import type { Transfer, TransferOptions, TransferSnapshot, TransferTarget } from '../transfer/transfer-types.js';
import {
  abilitiesOf,
  assertTransition,
  DEFAULT_PERMITS,
  type CallAbilities,
  type CallCommand,
  type CallPermits,
  type CallState,
  type EndReason,
} from './call-state.js';

export type CallDirection = 'inbound' | 'outbound';

/** Everything observable about a call at one moment. Immutable. */
export interface CallSnapshot {
  readonly id: string;
  readonly direction: CallDirection;
  readonly state: CallState;
  /**
   * Which commands the call allows now (`can.accept`, `can.hold`, ...): the
   * one rule elements and programs use to enable their controls.
   */
  readonly can: CallAbilities;
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
  /**
   * The other party's contact card (plain, cleaned data: name, email,
   * organization, numbers, and which source found it: the CRM hook, the
   * platform or a local folder); `undefined` until one is found. Its
   * `name` is `contactName`.
   */
  readonly contact: Contact | undefined;
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
  /** The call is being recorded. */
  readonly recording: boolean;
  /** The 3-way conversation the call is part of (`phone.merge`), if any. */
  readonly conferenceId: string | undefined;
  /** The transfer in progress or last ended, if any. */
  readonly transfer: TransferSnapshot | undefined;
  /** A supervisor who whispers to the agent or joined the call (never shown while only listening). */
  readonly monitor: MonitorNotice | undefined;
  /**
   * Call-quality warnings in force (`high-rtt`, `high-jitter`,
   * `high-packet-loss`, `low-mos`), from `getStats()` sampled every 2 s
   * once answered; `undefined` until a first warning (a call that stays
   * fine never changes for it), then empty once they clear. Changes only
   * when the warnings do; `call:quality` has the numbers.
   */
  readonly quality: CallQuality | undefined;
}

/** DTMF digits a call can send. */
export const DTMF_DIGITS = /^[0-9*#]+$/;

/**
 * A call as elements and programs use it: its state and its commands. A
 * `Call` is one; a phone in another tab can offer the same.
 */
export interface CallHandle {
  readonly id: string;
  readonly direction: CallDirection;
  readonly $snapshot: ReadableAtom<CallSnapshot>;
  readonly snapshot: CallSnapshot;
  readonly state: CallState;
  readonly info: CallInfo;
  readonly muted: boolean;
  readonly ended: boolean;
  accept(): Promise<void>;
  decline(): Promise<void>;
  hangup(): Promise<void>;
  mute(on: boolean): Promise<void>;
  hold(on: boolean): Promise<void>;
  sendDtmf(digits: string): Promise<void>;
  transfer(target: TransferTarget, options?: TransferOptions): Promise<Transfer>;
  startRecording(): Promise<void>;
  stopRecording(): Promise<void>;
}

/** The fields the phone's features may annotate without moving the state. */
export type CallPatch = Partial<
  Pick<
    CallSnapshot,
    'muted' | 'remoteHeld' | 'remoteRinging' | 'contactName' | 'contact' | 'info' | 'recording' | 'conferenceId' | 'transfer' | 'monitor' | 'quality'
  >
>;

/** The commands a call hands to the phone's features (loaded when first used). */
export interface CallExtras {
  transfer(call: Call, target: TransferTarget, options: TransferOptions): Promise<Transfer>;
  startRecording(call: Call): Promise<void>;
  stopRecording(call: Call): Promise<void>;
}

/**
 * How core moves a call: handed to whoever creates it (the phone), never
 * reachable from a `Call` itself. Every state change goes through
 * `transition`, which checks the table of call-state.ts.
 */
export interface CallDriver {
  /** The leg that carries the call now. */
  readonly leg: CallLeg;
  /** Commit a state change after checking the transition table; listeners hear it after it is committed. */
  transition(to: CallState, patch?: Partial<Omit<CallSnapshot, 'state' | 'id' | 'direction' | 'can'>>): void;
  /** Commit a change that does not move the state. */
  commit(patch: CallPatch): void;
  /** End the call (idempotent) and release its leg. */
  end(reason: EndReason, statusCode?: number): void;
  /** Ends the call once `signal` (the 486, 480, BYE or CANCEL) is on its way, so that releasing the media sends nothing else first. */
  endWith(reason: EndReason, signal: Promise<void>): Promise<void>;
  /** The remote side answered an outbound call. */
  markAnswered(): void;
  /** Carry the call on another dialog from now on (Replaces, attended transfer); the old leg is released. */
  replaceLeg(leg: CallLeg, info?: CallInfo): CallLeg;
  /** What the phone allows the call beyond its state (merge, record, transfer): `snapshot.can` follows. */
  permit(permits: Partial<CallPermits>): void;
}

/** What the phone tells a call it creates. */
export interface CallInit {
  id: string;
  direction: CallDirection;
  state: CallState;
  info: CallInfo;
  leg: CallLeg;
  /** Called after each committed change, with the previous snapshot. */
  onChange: (call: Call, previous: CallSnapshot) => void;
  /** Runs before the call becomes active (accept, resume): the phone holds its other active call. */
  beforeActivate?: (call: Call) => Promise<void>;
  /** The leg was replaced: the phone re-routes the media. */
  onLegReplaced?: (call: Call, previous: CallLeg) => void;
  /** Transfer and recording, carried out by the phone's features. */
  extras?: CallExtras;
  permits?: Partial<CallPermits>;
  ringDeadline?: number;
  now?: number;
}

/** Handed out by the class's static block, so only this module can build a call and its driver. */
let build: (init: CallInit) => { call: Call; driver: CallDriver };

/**
 * One call, inbound or outbound. Read its state from `snapshot` (or
 * subscribe to `$snapshot`); drive it with the commands, each a promise
 * that rejects with a `CxError`. Only core moves a call: its state changes
 * are private to it and to the phone that created it.
 */
export class Call implements CallHandle {
  readonly id: string;
  readonly direction: CallDirection;
  readonly #store: WritableAtom<CallSnapshot>;
  readonly #init: CallInit;
  #leg: CallLeg;
  #permits: CallPermits;
  #pending: Promise<unknown> = Promise.resolve();

  static {
    build = (init) => {
      const call = new Call(init);
      const driver: CallDriver = {
        get leg() {
          return call.#leg;
        },
        transition: (to, patch) => call.#transition(to, patch),
        commit: (patch) => call.#commit(patch),
        end: (reason, statusCode) => call.#end(reason, statusCode),
        endWith: (reason, signal) => call.#endWith(reason, signal),
        markAnswered: () => {
          if (call.state === 'dialing') call.#transition('active', { answeredAt: Date.now(), remoteRinging: false });
        },
        replaceLeg: (leg, info) => call.#replaceLeg(leg, info),
        permit: (permits) => call.#permit(permits),
      };
      return { call, driver };
    };
  }

  private constructor(init: CallInit) {
    this.id = init.id;
    this.direction = init.direction;
    this.#init = init;
    this.#leg = init.leg;
    this.#permits = { ...DEFAULT_PERMITS, ...init.permits };
    this.#store = atom<CallSnapshot>(
      Object.freeze({
        id: init.id,
        direction: init.direction,
        state: init.state,
        can: abilitiesOf(init.state, this.#permits),
        endReason: undefined,
        statusCode: undefined,
        info: init.info,
        contactName: undefined,
        contact: undefined,
        muted: false,
        remoteHeld: false,
        remoteRinging: false,
        createdAt: init.now ?? Date.now(),
        answeredAt: undefined,
        endedAt: undefined,
        ringDeadline: init.ringDeadline,
        recording: false,
        conferenceId: undefined,
        transfer: undefined,
        monitor: undefined,
        quality: undefined,
      }),
    );
  }

  /** The call's state as a store. */
  get $snapshot(): ReadableAtom<CallSnapshot> {
    return this.#store;
  }
  get snapshot(): CallSnapshot {
    return this.#store.get();
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
    return this.#serial(async () => {
      this.#require('accept');
      await this.#init.beforeActivate?.(this);
      this.#require('accept');
      this.#transition('connecting');
      try {
        await this.#leg.accept();
      } catch (error) {
        if (!this.ended) this.#end('failed');
        throw toCxError(error, 'The call could not be answered.');
      }
      if (this.state === 'connecting') this.#transition('active', { answeredAt: Date.now() });
    });
  }

  /** Refuse a ringing inbound call: the caller gets 486 Busy Here and the ACD can re-offer it. */
  decline(): Promise<void> {
    return this.#serial(async () => {
      this.#require('decline');
      await this.#endWith('declined', this.#leg.reject(486));
    });
  }

  /** End the call, whatever its state (cancels an unanswered outbound call). */
  hangup(): Promise<void> {
    return this.#serial(async () => {
      this.#require('hangup');
      if (this.state === 'ringing') {
        await this.#endWith('declined', this.#leg.reject(486));
        return;
      }
      const reason: EndReason = this.state === 'dialing' ? 'cancelled' : 'local-hangup';
      await this.#endWith(reason, this.#leg.terminate());
    });
  }

  /** Mute or unmute our microphone toward the other party. The call goes on. */
  mute(on: boolean): Promise<void> {
    return this.#serial(async () => {
      this.#require('mute', on ? 'mute' : 'unmute');
      this.#commit({ muted: on });
    });
  }

  /**
   * Put the other party on hold (re-INVITE; they stop hearing us and we stop
   * hearing them) or resume. Resuming holds the phone's other active call.
   */
  hold(on: boolean): Promise<void> {
    return this.#serial(async () => {
      if (on) {
        if (this.state === 'held') return;
        this.#require('hold');
        try {
          await this.#leg.hold(true);
        } catch (error) {
          throw toCxError(error, 'The call could not be put on hold.');
        }
        if (this.state === 'active') this.#transition('held');
      } else {
        if (this.state === 'active') return;
        this.#require('resume');
        await this.#init.beforeActivate?.(this);
        this.#require('resume');
        try {
          await this.#leg.hold(false);
        } catch (error) {
          throw toCxError(error, 'The call could not be taken off hold.');
        }
        if (this.state === 'held') this.#transition('active');
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
    return this.#serial(async () => {
      for (const digit of digits) {
        this.#require('sendDtmf', 'send DTMF');
        await this.#leg.sendDtmf(digit);
      }
    });
  }

  /**
   * Transfer the call to an extension, a number, a SIP URI or a directory
   * entry: `blind` (the default) sends the customer on at once; `attended`
   * holds them and calls the recipient first. Resolves with the `Transfer`.
   */
  transfer(target: TransferTarget, options: TransferOptions = {}): Promise<Transfer> {
    // Not queued behind the call's other commands: a transfer holds and
    // resumes the call itself, and may last (an attended consultation).
    try {
      this.#require('transfer');
      return this.#extras().transfer(this, target, options);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Start recording the call (both sides; every party after a merge). */
  startRecording(): Promise<void> {
    return this.#serial(async () => {
      this.#require('record', 'record');
      if (this.snapshot.recording) return;
      await this.#extras().startRecording(this);
    });
  }

  /** Stop recording; `recording:ready` delivers the file. */
  stopRecording(): Promise<void> {
    return this.#serial(async () => {
      if (!this.snapshot.recording) return;
      await this.#extras().stopRecording(this);
    });
  }

  #extras(): CallExtras {
    const extras = this.#init.extras;
    if (!extras) throw new CxError(CxErrorCode.InvalidState, 'This call has no phone to carry the command out.');
    return extras;
  }

  #permit(permits: Partial<CallPermits>): void {
    const next = { ...this.#permits, ...permits };
    if (next.merge === this.#permits.merge && next.record === this.#permits.record && next.transfer === this.#permits.transfer) return;
    this.#permits = next;
    const previous = this.snapshot;
    this.#store.set(Object.freeze({ ...previous, can: abilitiesOf(previous.state, next) }));
    this.#init.onChange(this, previous);
  }

  #transition(to: CallState, patch: Partial<Omit<CallSnapshot, 'state' | 'id' | 'direction' | 'can'>> = {}): void {
    const previous = this.snapshot;
    assertTransition(previous.state, to);
    this.#store.set(Object.freeze({ ...previous, ...patch, state: to, can: abilitiesOf(to, this.#permits) }));
    this.#init.onChange(this, previous);
  }

  #commit(patch: CallPatch): void {
    const previous = this.snapshot;
    const keys = Object.keys(patch) as Array<keyof CallPatch>;
    if (keys.every((k) => previous[k] === patch[k])) return;
    this.#store.set(Object.freeze({ ...previous, ...patch }));
    this.#init.onChange(this, previous);
  }

  #end(reason: EndReason, statusCode?: number): void {
    if (this.ended) return;
    this.#transition('ended', { endReason: reason, endedAt: Date.now(), statusCode, ringDeadline: undefined });
    this.#leg.dispose();
  }

  async #endWith(reason: EndReason, signal: Promise<void>): Promise<void> {
    const sent = signal.catch(() => undefined);
    this.#end(reason);
    await sent;
  }

  #replaceLeg(leg: CallLeg, info: CallInfo | undefined): CallLeg {
    const previous = this.#leg;
    this.#leg = leg;
    if (info) this.#commit({ info });
    this.#init.onLegReplaced?.(this, previous);
    return previous;
  }

  /** Throws the typed error for a command the call does not allow now. */
  #require(command: CallCommand, action: string = command): void {
    if (this.snapshot.can[command]) return;
    throw new CxError(
      this.ended ? CxErrorCode.CallEnded : CxErrorCode.InvalidState,
      `Cannot ${action === 'hangup' ? 'hang up' : action} a call that is ${this.state}.`,
    );
  }

  /** Commands on one call run one after the other. */
  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#pending.then(task, task);
    this.#pending = run.catch(() => undefined);
    return run;
  }
}

/** Creates a call and the driver that moves it (core only: the phone and its tests). */
export function createCall(init: CallInit): { call: Call; driver: CallDriver } {
  return build(init);
}

function toCxError(error: unknown, message: string): CxError {
  if (error instanceof CxError) return error;
  return new CxError(CxErrorCode.SipFailure, message, { cause: error });
}
