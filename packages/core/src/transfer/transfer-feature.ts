import { atom, type ReadableAtom, type WritableAtom } from 'nanostores';
import { CxError, CxErrorCode, parseDialTarget, type Call, type CallHandle } from '../index.js';
import type { Feature, FeatureContext } from '../features/feature.js';
import type {
  DirectoryEntry,
  Transfer,
  TransferFailure,
  TransferMode,
  TransferOptions,
  TransferSnapshot,
  TransferState,
  TransferTarget,
} from './transfer-types.js';

/** What the phone asks of the transfer feature. */
export interface TransferApi {
  transfer(call: Call, target: TransferTarget, options: TransferOptions): Promise<Transfer>;
}

/** Most ms a blind transfer waits for the transferee's final NOTIFY before it gives the call back. */
const NOTIFY_WAIT = 45_000;

/** Why a call did not go through, from its final SIP status. */
export function failureOf(statusCode: number | undefined): TransferFailure {
  switch (statusCode) {
    case 486:
    case 600:
      return 'busy';
    case 408:
    case 480:
    case 487:
      return 'no-answer';
    case 403:
    case 603:
      return 'rejected';
    case 404:
    case 410:
    case 484:
    case 604:
      return 'not-found';
    default:
      return 'failed';
  }
}

/** The destination as a SIP URI and a name for people; `invalid-target` for anything else. */
function destination(target: TransferTarget, domain: string): { uri: string; name: string } {
  if (typeof target === 'object' && target !== null) {
    const entry = target as DirectoryEntry;
    const dial = parseDialTarget(entry.target, domain);
    return { uri: dial.uri, name: typeof entry.name === 'string' && entry.name !== '' ? entry.name : dial.number };
  }
  const dial = parseDialTarget(target, domain);
  return { uri: dial.uri, name: dial.number };
}

/**
 * Blind and attended transfers (REFER, RFC 3515; Replaces, RFC 3891).
 *
 * - Blind: the customer is held, a REFER asks their phone to call the
 *   target; the agent is released when the customer's NOTIFY says the new
 *   call was answered. A refused REFER, a failed new call (busy, no
 *   answer, ...) or no final NOTIFY within 45 s gives the customer back to
 *   the agent (resumed).
 * - Attended: the customer is held and a consultation call rings the
 *   target. `complete()` sends the customer a REFER with Replaces (their
 *   phone's new call replaces the consultation at the recipient's); the
 *   agent is released when the NOTIFY says it was answered. `cancel()` ends
 *   the consultation and resumes the customer; so does a consultation that
 *   fails.
 */
export const transferFeature: Feature<TransferApi> = {
  name: 'transfer',
  install(context) {
    const active = new Map<Call, TransferRun>();
    return {
      api: {
        async transfer(call, target, options) {
          if (active.has(call)) throw new CxError(CxErrorCode.InvalidState, 'A transfer of this call is already in progress.');
          const mode: TransferMode = options.mode ?? 'blind';
          if (mode !== 'blind' && mode !== 'attended') {
            throw new CxError(CxErrorCode.InvalidOptions, `"${String(mode)}" is not a transfer mode: use 'blind' or 'attended'.`);
          }
          const { uri, name } = destination(target, context.options.sip.domain);
          const run = new TransferRun(context, call, mode, uri, name, () => active.delete(call));
          active.set(call, run);
          run.start();
          return run;
        },
      },
      dispose: () => active.clear(),
    };
  },
};

/** One transfer, from start to end. */
class TransferRun implements Transfer {
  readonly id: string;
  readonly mode: TransferMode;
  readonly call: Call;
  readonly #context: FeatureContext;
  readonly #uri: string;
  readonly #name: string;
  readonly #state: WritableAtom<TransferState> = atom<TransferState>('trying');
  readonly #done: () => void;
  #reason: TransferFailure | undefined;
  #consultation: Call | undefined;
  #offs: Array<() => void> = [];
  #notifyTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(context: FeatureContext, call: Call, mode: TransferMode, uri: string, name: string, done: () => void) {
    this.id = `${call.id}:transfer:${Date.now().toString(36)}`;
    this.#context = context;
    this.call = call;
    this.mode = mode;
    this.#uri = uri;
    this.#name = name;
    this.#done = done;
  }

  get $state(): ReadableAtom<TransferState> {
    return this.#state;
  }
  get state(): TransferState {
    return this.#state.get();
  }
  get reason(): TransferFailure | undefined {
    return this.#reason;
  }
  get consultation(): CallHandle | undefined {
    return this.#consultation;
  }
  get snapshot(): TransferSnapshot {
    return Object.freeze({
      id: this.id,
      mode: this.mode,
      state: this.state,
      reason: this.#reason,
      targetName: this.#name,
      targetUri: this.#uri,
    });
  }

  /** Starts it: what happens next arrives by events (`transfer:changed`) and `$state`. */
  start(): void {
    this.#context.permit(this.call, { transfer: false });
    this.#publish();
    // The customer hanging up ends it: nothing left to transfer.
    this.#offs.push(
      this.#context.on('call:ended', (ended) => {
        if (ended === this.call && !this.#over()) this.#settle(this.#referred ? 'completed' : 'failed', this.#referred ? undefined : 'failed');
      }),
    );
    void (this.mode === 'blind' ? this.#blind() : this.#attended()).catch((error: unknown) => {
      this.#context.logger.warn(`Transfer of call ${this.call.id} failed`, error);
      void this.#giveBack('failed');
    });
  }

  async complete(): Promise<void> {
    if (this.mode !== 'attended') throw new CxError(CxErrorCode.InvalidState, 'Only an attended transfer is completed by the agent.');
    const consultation = this.#consultation;
    const legs = consultation && [this.#context.legOf(this.call), this.#context.legOf(consultation)];
    if (this.state !== 'consulting' || !legs?.[0] || !legs[1]) {
      throw new CxError(CxErrorCode.InvalidState, `The transfer cannot be completed while it is ${this.state}.`);
    }
    const [customer, recipient] = legs;
    this.#set('trying');
    await this.#refer(() => customer.refer(this.#uri, { replaces: recipient, onProgress: (status) => this.#onNotify(status) }));
  }

  async cancel(): Promise<void> {
    if (this.#over()) return;
    if (this.mode === 'blind' && this.#referred) {
      throw new CxError(CxErrorCode.InvalidState, "The customer's phone already has the transfer request: it cannot be called back.");
    }
    await this.#giveBack(undefined);
  }

  /** The REFER was accepted: the customer's phone is calling the target. */
  #referred = false;

  async #blind(): Promise<void> {
    await this.#hold();
    const leg = this.#context.legOf(this.call);
    if (!leg) throw new CxError(CxErrorCode.CallEnded, 'The call is over.');
    await this.#refer(() => leg.refer(this.#uri, { onProgress: (status) => this.#onNotify(status) }));
  }

  async #attended(): Promise<void> {
    await this.#hold();
    const consultation = await this.#context.call(this.#uri);
    this.#consultation = consultation;
    this.#publish();
    const follow = (): void => {
      const snapshot = consultation.snapshot;
      if (this.#over() || this.#referred) return;
      if (snapshot.state === 'ended') {
        if (this.state === 'consulting') void this.#giveBack(undefined, 'cancelled');
        else void this.#giveBack(failureOf(snapshot.statusCode));
      } else if (snapshot.state === 'active') this.#set('consulting');
      else if (snapshot.remoteRinging && this.state === 'trying') this.#set('ringing');
    };
    this.#offs.push(consultation.$snapshot.listen(follow));
    follow();
  }

  /** Sends a REFER; a refusal gives the call back. */
  async #refer(send: () => Promise<void>): Promise<void> {
    try {
      await send();
    } catch (error) {
      if (this.#over()) return;
      const statusCode = (error as { statusCode?: number }).statusCode;
      await this.#giveBack(failureOf(statusCode));
      return;
    }
    if (this.#over()) return;
    this.#referred = true;
    this.#notifyTimer = setTimeout(() => void this.#giveBack('failed'), NOTIFY_WAIT);
  }

  /** The customer's phone says how its new call goes (NOTIFY, message/sipfrag). */
  #onNotify(statusCode: number): void {
    if (this.#over()) return;
    if (statusCode < 200) {
      if (statusCode === 180 || statusCode === 183) this.#set('ringing');
      return;
    }
    clearTimeout(this.#notifyTimer);
    if (statusCode < 300) {
      this.#settle('completed', undefined);
      void this.#context.release(this.call, 'transferred');
      return;
    }
    void this.#giveBack(failureOf(statusCode));
  }

  /** Holds the customer (unless already held). */
  async #hold(): Promise<void> {
    if (this.call.state === 'active') await this.call.hold(true);
  }

  /**
   * It did not go through (`reason`) or the agent gave up: the consultation
   * ends and the customer is resumed.
   */
  async #giveBack(reason: TransferFailure | undefined, state: TransferState = reason ? 'failed' : 'cancelled'): Promise<void> {
    if (this.#over()) return;
    this.#settle(state, reason);
    const consultation = this.#consultation;
    if (consultation && !consultation.ended) await consultation.hangup().catch(() => undefined);
    if (this.call.state === 'held') {
      await this.call.hold(false).catch((error: unknown) => this.#context.logger.warn('Could not resume the customer after a transfer', error));
    }
  }

  #over(): boolean {
    const state = this.state;
    return state === 'completed' || state === 'failed' || state === 'cancelled';
  }

  #settle(state: TransferState, reason: TransferFailure | undefined): void {
    this.#reason = reason;
    this.#set(state);
    clearTimeout(this.#notifyTimer);
    for (const off of this.#offs.splice(0)) off();
    this.#context.permit(this.call, { transfer: true });
    this.#done();
  }

  #set(state: TransferState): void {
    if (this.state === state) return;
    this.#state.set(state);
    this.#publish();
  }

  #publish(): void {
    this.#context.annotate(this.call, { transfer: this.snapshot });
    this.#context.emit('transfer:changed', this.call, this);
  }
}
