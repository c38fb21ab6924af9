import {
  Invitation,
  Inviter,
  SessionState,
  UserAgent,
  Web,
  type Core,
  type Info,
  type Notification,
  type Referral,
} from 'sip.js';
import type { CallLeg, CallLegListener, DialogId, ReferOptions } from '../call/call-leg.js';
import { CxError, CxErrorCode } from '../errors/cx-error.js';
import { newId } from '../id.js';
import type { Logger } from '../logger.js';

/** How long hanging up an unanswered outbound call waits for its CANCEL to be answered. */
const CANCEL_WAIT_MS = 4000;

/** A REFER the remote party sent inside one of our dialogs, as features see it. */
export interface IncomingRefer {
  /** The leg the REFER arrived on. */
  readonly leg: CallLeg;
  /** The Refer-To URI as text (headers such as `?Replaces=` included). */
  readonly target: string;
  /** The Referred-By header, when present. */
  readonly referredBy: string | undefined;
  accept(): Promise<void>;
  reject(statusCode: number): Promise<void>;
  /**
   * After `accept()`: places the call the REFER asks for (with its
   * `Referred-By` and `Replaces`), and tells the referrer how it goes (NOTIFY).
   * `onRinging` hears its 180/183.
   */
  follow(onRinging: () => void): CallLeg;
}

/**
 * Who decides about an in-dialog REFER: a feature that wants it takes it
 * (returns true) and answers it; when none does, it is refused with 603
 * Decline, so a caller can never make the agent's browser call anyone.
 */
export type ReferPolicy = (refer: IncomingRefer) => boolean;

export interface SipLegOptions {
  dtmf: 'rfc4733' | 'info';
  logger: Logger;
  /** In-dialog REFERs go here first. */
  referPolicy: ReferPolicy;
  /** Told when the dialog is confirmed and when the leg ends, to index legs by dialog. */
  onDialog(leg: SipLeg, dialog: DialogId | undefined): void;
  /** Sends the INVITE of an accepted REFER's call (the agent's outbound path). */
  followRefer(referral: Referral, onRinging: () => void): SipLeg;
  /** Who we are, as a name-addr (`"Ann" <sip:1001@example.com>`): our REFERs' Referred-By. */
  identity: string;
}

const DTMF_DURATION = 100;
const DTMF_GAP = 70;
/** Longest wait for the caller's ACK after we answer, ms. */
const ACK_WAIT = 2000;
export const AUDIO_ONLY = { constraints: { audio: true, video: false } };

/**
 * One SIP dialog over sip.js (an inbound Invitation or an outbound Inviter),
 * as a {@link CallLeg}. It answers in-dialog requests (INFO, re-INVITE,
 * REFER, NOTIFY) and reports to its call; what it sends and plays is up to
 * the media graph.
 */
export class SipLeg implements CallLeg {
  readonly id = newId('leg');
  readonly session: Invitation | Inviter;
  /** Why the microphone could not be given to this leg: sip.js answers 480 and swallows it, accept() rejects with it. */
  mediaError: CxError | undefined;
  readonly #options: SipLegOptions;
  #listener: CallLegListener | undefined;
  #localEnd = false;
  /** terminate() already sent the BYE (or CANCEL): dispose() must not send another. */
  #terminating = false;
  #disposed = false;
  #held = false;
  #canceled = false;
  #rejectedWith: number | undefined;
  #acked = false;
  #ackWaiter: (() => void) | undefined;
  #dialog: DialogId | undefined;
  /** Requests in flight (re-INVITE, REFER, INFO): they fail at once when the dialog ends. */
  readonly #inFlight = new Set<(error: CxError) => void>();

  constructor(session: Invitation | Inviter, options: SipLegOptions) {
    this.session = session;
    this.#options = options;
    session.delegate = {
      onAck: () => {
        this.#acked = true;
        this.#ackWaiter?.();
      },
      onCancel: () => {
        this.#canceled = true;
      },
      onInfo: (info) => this.#handleInfo(info),
      onInvite: (request) => this.#handleReinvite(request),
      onRefer: (referral) => this.#handleRefer(referral),
      onSessionDescriptionHandler: () => this.#reportRemoteMedia(),
    };
    session.stateChange.addListener((state) => this.#handleState(state));
  }

  get dialog(): DialogId | undefined {
    return this.#dialog;
  }

  get peerConnection(): RTCPeerConnection | undefined {
    return this.#sdh()?.peerConnection;
  }

  get remoteStream(): MediaStream | undefined {
    return this.#sdh()?.remoteMediaStream;
  }

  listen(listener: CallLegListener): void {
    this.#listener = listener;
  }

  async accept(): Promise<void> {
    const invitation = this.session;
    if (!(invitation instanceof Invitation)) throw new CxError(CxErrorCode.InvalidState, 'Only an inbound call can be accepted.');
    // A CANCEL that crosses the answer terminates the session, and sip.js may
    // then leave accept() unsettled: the call is over, stop waiting for it.
    let stopWatching = (): void => undefined;
    const terminated = new Promise<void>((resolve) => {
      const onState = (state: SessionState): void => {
        if (state === SessionState.Terminated) resolve();
      };
      invitation.stateChange.addListener(onState);
      stopWatching = () => invitation.stateChange.removeListener(onState);
    });
    try {
      await Promise.race([invitation.accept({ sessionDescriptionHandlerOptions: AUDIO_ONLY }), terminated]);
    } catch (error) {
      throw mediaOrSip(error, 'The call could not be answered');
    } finally {
      stopWatching();
    }
    if (this.mediaError) throw this.mediaError;
    // The dialog is confirmed by the caller's ACK: a re-INVITE (hold) sent
    // before it would cross the 200 OK. Wait for it, within reason.
    if (!this.#acked && invitation.state !== SessionState.Terminated) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ACK_WAIT);
        this.#ackWaiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#ackWaiter = undefined;
    }
  }

  async reject(statusCode: number): Promise<void> {
    const invitation = this.session;
    this.#localEnd = true;
    if (invitation instanceof Invitation && invitation.state === SessionState.Initial) {
      await invitation.reject({ statusCode });
    }
  }

  async terminate(): Promise<void> {
    this.#localEnd = true;
    this.#terminating = true;
    const session = this.session;
    switch (session.state) {
      case SessionState.Initial:
      case SessionState.Establishing:
        if (session instanceof Inviter) {
          // Before any provisional answer the CANCEL waits for one (RFC 3261
          // 9.1): stay until it is out and answered, so that a disconnect
          // right after does not leave the callee ringing.
          const ended = this.#whenTerminated(CANCEL_WAIT_MS);
          await session.cancel();
          await ended;
        } else await session.reject({ statusCode: 486 });
        break;
      case SessionState.Established: {
        // Until the caller's ACK for our 200 OK, sip.js holds the BYE back
        // (RFC 3261 15) for as long as 32 s: it goes out on its own when the
        // ACK comes or times out, and the agent does not wait for it.
        const bye = session.bye();
        bye.catch(() => undefined);
        await Promise.race([bye, this.#whenTerminated(ACK_WAIT)]);
        break;
      }
      default:
        break;
    }
  }

  /** Resolves once the session is terminated, or after `timeout` ms. */
  #whenTerminated(timeout: number): Promise<void> {
    const session = this.session;
    return new Promise((resolve) => {
      if (session.state === SessionState.Terminated) return resolve();
      const timer = setTimeout(done, timeout);
      function done(): void {
        clearTimeout(timer);
        session.stateChange.removeListener(onState);
        resolve();
      }
      function onState(state: SessionState): void {
        if (state === SessionState.Terminated) done();
      }
      session.stateChange.addListener(onState);
    });
  }

  async hold(on: boolean): Promise<void> {
    await this.#reinvite({ hold: on }, on ? 'hold' : 'resume');
    this.#held = on;
  }

  renegotiate(options: { iceRestart?: boolean } = {}): Promise<void> {
    return this.#reinvite(
      { hold: this.#held, ...(options.iceRestart ? { offerOptions: { iceRestart: true } } : {}) },
      'renegotiation',
    );
  }

  refresh(): Promise<void> {
    return this.#reinvite({ hold: this.#held }, 'refresh', true);
  }

  refer(target: string, options: ReferOptions = {}): Promise<void> {
    const session = this.session;
    if (session.state !== SessionState.Established) {
      return Promise.reject(new CxError(CxErrorCode.InvalidState, 'Only an established call can be transferred.'));
    }
    // Attended: the Refer-To is the target's address with a Replaces header
    // naming our dialog with it, as the target sees it (RFC 3891). The
    // address, not the target's contact: any proxy routes an address.
    const replaces = options.replaces;
    let replacing = '';
    if (replaces !== undefined) {
      const dialog = replaces instanceof SipLeg && replaces.session.state === SessionState.Established ? replaces.dialog : undefined;
      if (!dialog) return Promise.reject(new CxError(CxErrorCode.InvalidState, 'The call to replace is not established.'));
      replacing = `?Replaces=${encodeURIComponent(`${dialog.callId};to-tag=${dialog.remoteTag};from-tag=${dialog.localTag}`)}`;
    }
    if (!UserAgent.makeURI(target)) return Promise.reject(new CxError(CxErrorCode.InvalidTarget, `"${target.slice(0, 40)}" is not a SIP URI.`));
    // The REFER's headers are ours: Refer-To in angle brackets (a URI with
    // `?Replaces=` must be), and a Referred-By with the agent's name, which
    // the recipient's popup shows.
    const headers = [
      `Referred-By: ${this.#options.identity}`,
      `Contact: ${session._contact ?? ''}`,
      'Allow: ACK,CANCEL,INVITE,MESSAGE,BYE,OPTIONS,INFO,NOTIFY,REFER',
      `Refer-To: <${target}${replacing}>`,
    ];
    return this.#request((resolve, reject) => {
      session
        ._refer(
          (notification) => this.#handleReferNotify(notification, options.onProgress),
          {
            onAccept: () => resolve(),
            onReject: (response) =>
              reject(
                new CxError(CxErrorCode.SipFailure, 'The transfer request was refused.', {
                  statusCode: response.message.statusCode ?? 0,
                }),
              ),
          },
          { extraHeaders: headers },
        )
        .catch((error: unknown) => reject(mediaOrSip(error, 'The transfer request could not be sent')));
    });
  }

  async setOutgoing(track: MediaStreamTrack | null): Promise<void> {
    const sender = this.#audioSender();
    if (!sender || sender.track === track) return;
    try {
      await sender.replaceTrack(track);
    } catch (error) {
      throw new CxError(CxErrorCode.MediaFailed, 'The outgoing audio could not be switched.', { cause: error });
    }
  }

  sendInfo(contentType: string, body: string): Promise<void> {
    if (this.session.state !== SessionState.Established) {
      return Promise.reject(new CxError(CxErrorCode.InvalidState, 'An INFO needs an established call.'));
    }
    return this.#request((resolve, reject) => {
      this.session
        .info({
          requestDelegate: {
            onAccept: () => resolve(),
            onReject: (response) =>
              reject(new CxError(CxErrorCode.SipFailure, 'The INFO was refused.', { statusCode: response.message.statusCode ?? 0 })),
          },
          requestOptions: { body: { contentDisposition: 'render', contentType, content: body } },
        })
        .catch((error: unknown) => reject(mediaOrSip(error, 'The INFO could not be sent')));
    });
  }

  async sendDtmf(digit: string): Promise<void> {
    if (this.session.state !== SessionState.Established) {
      throw new CxError(CxErrorCode.InvalidState, 'DTMF needs an established call.');
    }
    if (this.#options.dtmf === 'info') {
      await this.#request((resolve, reject) => {
        this.session
          .info({
            requestDelegate: {
              onAccept: () => resolve(),
              onReject: (response) =>
                reject(new CxError(CxErrorCode.SipFailure, 'The DTMF INFO was refused.', { statusCode: response.message.statusCode })),
            },
            requestOptions: {
              body: {
                contentDisposition: 'render',
                contentType: 'application/dtmf-relay',
                content: `Signal=${digit}\r\nDuration=${DTMF_DURATION}`,
              },
            },
          })
          .catch((error: unknown) => reject(mediaOrSip(error, 'The DTMF INFO could not be sent')));
      });
      return;
    }
    const dtmf = this.#audioSender()?.dtmf;
    if (!dtmf || !dtmf.canInsertDTMF) {
      throw new CxError(CxErrorCode.SipFailure, 'This call cannot carry RFC 4733 telephone-events (not negotiated, or not sending).', {
        solutions: ["Use sip.dtmf: 'info' with this server."],
      });
    }
    try {
      dtmf.insertDTMF(digit, DTMF_DURATION, DTMF_GAP);
    } catch (error) {
      throw new CxError(CxErrorCode.SipFailure, 'The DTMF tone could not be sent.', { cause: error });
    }
    await new Promise((resolve) => setTimeout(resolve, DTMF_DURATION + DTMF_GAP));
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#localEnd = true;
    const session = this.session;
    // Whatever the state, make sure the dialog, the peer connection and the tracks go.
    if (this.#terminating) {
      // The BYE or CANCEL is on its way.
    } else if (session.state === SessionState.Established) void session.bye().catch(() => undefined);
    else if (session.state !== SessionState.Terminated) {
      if (session instanceof Inviter) void session.cancel().catch(() => undefined);
      else if (session.state === SessionState.Initial) void session.reject({ statusCode: 480 }).catch(() => undefined);
    }
    try {
      session.sessionDescriptionHandler?.close();
    } catch {
      // already closed
    }
    this.#setDialog(undefined);
  }

  /** @internal The outbound INVITE got this final failure response. */
  noteRejected(statusCode: number): void {
    this.#rejectedWith = statusCode;
  }

  /** @internal The outbound INVITE could not be sent (no media, no transport). */
  noteFailed(): void {
    queueMicrotask(() => {
      if (!this.#localEnd) this.#listener?.onEnded({ kind: 'failed' });
    });
  }

  #sdh(): Web.SessionDescriptionHandler | undefined {
    const sdh = this.session.sessionDescriptionHandler;
    return sdh instanceof Web.SessionDescriptionHandler ? sdh : undefined;
  }

  /** The audio sender, found by its transceiver so that it is found even while it sends nothing. */
  #audioSender(): RTCRtpSender | undefined {
    const pc = this.peerConnection;
    if (!pc || pc.signalingState === 'closed') return undefined;
    return pc.getTransceivers().find((t) => t.receiver.track.kind === 'audio')?.sender;
  }

  /**
   * A request in the dialog, settled by its answer, or failed with
   * `call-ended` if the dialog ends first (sip.js then never answers).
   */
  #request(send: (resolve: () => void, reject: (error: CxError) => void) => void): Promise<void> {
    if (this.session.state === SessionState.Terminated) {
      return Promise.reject(new CxError(CxErrorCode.CallEnded, 'The call is over.'));
    }
    return new Promise<void>((resolve, reject) => {
      const fail = (error: CxError): void => {
        this.#inFlight.delete(fail);
        reject(error);
      };
      this.#inFlight.add(fail);
      send(
        () => {
          this.#inFlight.delete(fail);
          resolve();
        },
        fail,
      );
    });
  }

  #reinvite(options: Web.SessionDescriptionHandlerOptions, what: string, withoutSdp = false): Promise<void> {
    return this.#request((resolve, reject) => {
      this.session
        .invite({
          withoutSdp,
          sessionDescriptionHandlerOptions: { ...options, ...AUDIO_ONLY } as Web.SessionDescriptionHandlerOptions,
          requestDelegate: {
            onAccept: () => resolve(),
            onReject: (response) =>
              reject(
                new CxError(CxErrorCode.SipFailure, `The remote side refused the ${what} request.`, {
                  statusCode: response.message.statusCode ?? 0,
                }),
              ),
          },
        })
        .catch((error: unknown) => reject(mediaOrSip(error, `The ${what} request could not be sent`)));
    });
  }

  #reportRemoteMedia(): void {
    const stream = this.remoteStream;
    if (stream && !this.#disposed) this.#listener?.onRemoteMedia(stream);
  }

  #handleState(state: SessionState): void {
    const listener = this.#listener;
    if (state === SessionState.Established) {
      const dialog = this.session.dialog;
      if (dialog) this.#setDialog({ callId: dialog.callId, localTag: dialog.localTag, remoteTag: dialog.remoteTag });
      this.#reportRemoteMedia();
      if (this.session instanceof Inviter) listener?.onAnswered();
      return;
    }
    if (state !== SessionState.Terminated) return;
    this.#setDialog(undefined);
    this.#ackWaiter?.();
    for (const fail of [...this.#inFlight]) fail(new CxError(CxErrorCode.CallEnded, 'The call ended before the other side answered.'));
    // sip.js terminates the session before it hands us the final response of
    // a refused INVITE: decide once the current task is over.
    queueMicrotask(() => {
      if (this.#localEnd) return;
      if (this.#rejectedWith !== undefined) listener?.onEnded({ kind: 'rejected', statusCode: this.#rejectedWith });
      else if (this.session instanceof Invitation && this.#canceled) listener?.onEnded({ kind: 'caller-cancelled' });
      else listener?.onEnded({ kind: 'remote-hangup' });
    });
  }

  #setDialog(dialog: DialogId | undefined): void {
    if (dialog === this.#dialog) return;
    this.#dialog = dialog;
    this.#options.onDialog(this, dialog);
  }

  #handleInfo(info: Info): void {
    const request = info.request;
    const type = request.getHeader('Content-Type') ?? '';
    const body = request.body ?? '';
    let digit: string | undefined;
    if (/application\/dtmf-relay/i.test(type)) digit = /Signal\s*=\s*([0-9*#A-Da-d])/.exec(body)?.[1];
    else if (/application\/dtmf/i.test(type)) digit = /^\s*([0-9*#A-Da-d])/.exec(body)?.[1];
    else {
      const understood = this.#listener?.onInfo?.(type, body.slice(0, 1024)) ?? false;
      void (understood ? info.accept() : info.reject({ statusCode: 415 })).catch(() => undefined);
      return;
    }
    void info.accept().catch(() => undefined);
    if (digit) this.#listener?.onDtmf(digit.toUpperCase());
  }

  #handleReinvite(request: Core.IncomingRequestMessage): void {
    const sdp = request.body ?? '';
    if (!sdp) return;
    const audio = sdp.split(/\r?\nm=/).find((section: string) => section.startsWith('audio')) ?? sdp;
    const held = /\r?\na=(sendonly|inactive)\b/.test(audio) || /\r?\nc=IN IP4 0\.0\.0\.0\b/.test(sdp);
    this.#listener?.onRemoteHold(held);
  }

  #handleRefer(referral: Referral): void {
    const refer: IncomingRefer = {
      leg: this,
      target: referral.referTo.uri.toString(),
      referredBy: referral.referredBy,
      accept: () => referral.accept(),
      reject: (statusCode) => referral.reject({ statusCode }),
      follow: (onRinging) => this.#options.followRefer(referral, onRinging),
    };
    let taken = false;
    try {
      taken = this.#options.referPolicy(refer);
    } catch (error) {
      this.#options.logger.error('A REFER handler threw', error);
    }
    if (taken) return;
    this.#options.logger.info('Refused an in-dialog REFER (603): no feature asked for it');
    void referral.reject({ statusCode: 603 }).catch(() => undefined);
  }

  #handleReferNotify(notification: Notification, onProgress: ((statusCode: number) => void) | undefined): void {
    void notification.accept().catch(() => undefined);
    // The body is a message/sipfrag: its first line is the status line of the new call.
    const status = /^SIP\/2\.0\s+(\d{3})/.exec(notification.request.body ?? '');
    if (status) onProgress?.(Number(status[1]));
  }
}

/** Turns a sip.js or media exception into a typed error. */
export function mediaOrSip(error: unknown, message: string): CxError {
  if (error instanceof CxError) return error;
  const name = error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'NotFoundError' || name === 'NotReadableError' || name === 'OverconstrainedError') {
    // A refusal is the agent's (or a policy's) to undo in the site settings: a code of its own (docs/devices.md).
    return new CxError(name === 'NotAllowedError' ? CxErrorCode.MicrophoneDenied : CxErrorCode.MediaFailed, `${message}: the microphone could not be opened (${name}).`, {
      cause: error,
      solutions: ['Allow microphone access for this page.', 'Check that a microphone is connected and not in use.'],
    });
  }
  return new CxError(CxErrorCode.SipFailure, `${message}.`, { cause: error });
}
