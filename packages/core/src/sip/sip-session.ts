import {
  Invitation,
  Inviter,
  SessionState,
  type Core,
  type Info,
  Web,
} from 'sip.js';
import type { CallControl } from '../call/call-control.js';
import { CxError, CxErrorCode } from '../errors/cx-error.js';
import type { Logger } from '../logger.js';
import { RemoteAudio } from '../media/remote-audio.js';

/** How a SIP session ended, seen from the signalling side. */
export type SessionEnd =
  | { kind: 'remote-hangup' }
  | { kind: 'caller-cancelled' }
  | { kind: 'rejected'; statusCode: number }
  | { kind: 'failed'; statusCode?: number };

/** What the session reports to the call model. */
export interface SipSessionListener {
  /** The remote side answered (outbound) and media is flowing. */
  onAnswered(): void;
  /** The remote side is ringing (outbound: 180/183). */
  onRemoteRinging(): void;
  /** The session ended without our asking. */
  onEnded(end: SessionEnd): void;
  /** The remote party put us on hold, or resumed. */
  onRemoteHold(held: boolean): void;
  /** A DTMF digit arrived by SIP INFO. */
  onDtmf(digit: string): void;
}

export interface SipSessionOptions {
  dtmf: 'rfc4733' | 'info';
  logger: Logger;
  listener: SipSessionListener;
}

const DTMF_DURATION = 100;
const DTMF_GAP = 70;
/** Longest wait for the caller's ACK after we answer, ms. */
const ACK_WAIT = 2000;

/**
 * Wraps one sip.js session (an inbound Invitation or an outbound Inviter) as
 * a {@link CallControl}. Owns the call's remote audio element and releases
 * every peer connection and track when the session ends.
 */
export class SipSession implements CallControl {
  readonly session: Invitation | Inviter;
  private readonly options: SipSessionOptions;
  private readonly audio = new RemoteAudio();
  private localEnd = false;
  private disposed = false;
  private sending = true;
  private wasCanceled = false;
  private rejectedWith: number | undefined;
  private acked = false;
  private ackWaiter: (() => void) | undefined;

  constructor(session: Invitation | Inviter, options: SipSessionOptions) {
    this.session = session;
    this.options = options;
    session.delegate = {
      onAck: () => {
        this.acked = true;
        this.ackWaiter?.();
      },
      onCancel: () => {
        this.wasCanceled = true;
      },
      onInfo: (info) => this.handleInfo(info),
      onInvite: (request) => this.handleReinvite(request),
      onSessionDescriptionHandler: () => this.playRemote(),
    };
    session.stateChange.addListener((state) => this.handleState(state));
  }

  /** The peer connection, while the session has one. */
  get peerConnection(): RTCPeerConnection | undefined {
    const sdh = this.session.sessionDescriptionHandler;
    return sdh instanceof Web.SessionDescriptionHandler ? sdh.peerConnection : undefined;
  }

  /** The remote audio as a stream, while the session has one. */
  get remoteStream(): MediaStream | undefined {
    const sdh = this.session.sessionDescriptionHandler;
    return sdh instanceof Web.SessionDescriptionHandler ? sdh.remoteMediaStream : undefined;
  }

  /** The audio element the remote audio plays in (never in the page's DOM). */
  get audioElement(): HTMLAudioElement | undefined {
    return this.audio.audioElement;
  }

  async accept(): Promise<void> {
    const invitation = this.session;
    if (!(invitation instanceof Invitation)) throw new CxError(CxErrorCode.InvalidState, 'Only an inbound call can be accepted.');
    try {
      await invitation.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
    } catch (error) {
      throw mediaOrSip(error, 'The call could not be answered');
    }
    // The dialog is confirmed by the caller's ACK: a re-INVITE (hold) sent
    // before it would cross the 200 OK. Wait for it, within reason.
    if (!this.acked) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ACK_WAIT);
        this.ackWaiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.ackWaiter = undefined;
    }
  }

  async reject(statusCode: number): Promise<void> {
    const invitation = this.session;
    this.localEnd = true;
    if (invitation instanceof Invitation && invitation.state === SessionState.Initial) {
      await invitation.reject({ statusCode });
    }
  }

  async terminate(): Promise<void> {
    this.localEnd = true;
    const session = this.session;
    switch (session.state) {
      case SessionState.Initial:
      case SessionState.Establishing:
        if (session instanceof Inviter) await session.cancel();
        else await session.reject({ statusCode: 486 });
        break;
      case SessionState.Established:
        await session.bye();
        break;
      default:
        break;
    }
  }

  setHold(on: boolean): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const failed = (statusCode?: number): void =>
        reject(
          new CxError(CxErrorCode.SipFailure, `The remote side refused the ${on ? 'hold' : 'resume'} request.`, {
            ...(statusCode === undefined ? {} : { statusCode }),
          }),
        );
      this.session
        .invite({
          sessionDescriptionHandlerOptions: { hold: on, constraints: { audio: true, video: false } } as Web.SessionDescriptionHandlerOptions,
          requestDelegate: {
            onAccept: () => {
              this.applySending();
              resolve();
            },
            onReject: (response) => failed(response.message.statusCode),
          },
        })
        .catch((error: unknown) => reject(mediaOrSip(error, 'The hold request could not be sent')));
    });
  }

  setSending(on: boolean): void {
    this.sending = on;
    this.applySending();
  }

  async sendDtmf(digit: string): Promise<void> {
    if (this.session.state !== SessionState.Established) {
      throw new CxError(CxErrorCode.InvalidState, 'DTMF needs an established call.');
    }
    if (this.options.dtmf === 'info') {
      await new Promise<void>((resolve, reject) => {
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
    const sender = this.peerConnection?.getSenders().find((s) => s.track?.kind === 'audio' || s.dtmf);
    const dtmf = sender?.dtmf;
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
    if (this.disposed) return;
    this.disposed = true;
    this.localEnd = true;
    this.audio.dispose();
    const session = this.session;
    // Whatever the state, make sure the peer connection and tracks go.
    if (session.state === SessionState.Established) void session.bye().catch(() => undefined);
    else if (session.state !== SessionState.Terminated) {
      if (session instanceof Inviter) void session.cancel().catch(() => undefined);
      else if (session.state === SessionState.Initial) void session.reject({ statusCode: 480 }).catch(() => undefined);
    }
    try {
      session.sessionDescriptionHandler?.close();
    } catch {
      // already closed
    }
  }

  private applySending(): void {
    const sdh = this.session.sessionDescriptionHandler;
    if (!(sdh instanceof Web.SessionDescriptionHandler) || !sdh.peerConnection) return;
    try {
      sdh.enableSenderTracks(this.sending);
    } catch {
      // peer connection closed
    }
  }

  private playRemote(): void {
    const stream = this.remoteStream;
    if (stream && !this.disposed) this.audio.play(stream);
    this.applySending();
  }

  private handleState(state: SessionState): void {
    const { listener } = this.options;
    if (state === SessionState.Established) {
      this.playRemote();
      if (this.session instanceof Inviter) listener.onAnswered();
      return;
    }
    if (state !== SessionState.Terminated) return;
    this.audio.dispose();
    // sip.js terminates the session before it hands us the final response of
    // a refused INVITE: decide once the current task is over.
    queueMicrotask(() => {
      if (this.localEnd) return;
      if (this.rejectedWith !== undefined) listener.onEnded({ kind: 'rejected', statusCode: this.rejectedWith });
      else if (this.session instanceof Invitation && this.wasCanceled) listener.onEnded({ kind: 'caller-cancelled' });
      else listener.onEnded({ kind: 'remote-hangup' });
    });
  }

  /** @internal The outbound INVITE got this final failure response. */
  noteRejected(statusCode: number): void {
    this.rejectedWith = statusCode;
  }


  private handleInfo(info: Info): void {
    const request = info.request;
    const type = request.getHeader('Content-Type') ?? '';
    const body = request.body ?? '';
    void info.accept().catch(() => undefined);
    let digit: string | undefined;
    if (/application\/dtmf-relay/i.test(type)) digit = /Signal\s*=\s*([0-9*#A-Da-d])/.exec(body)?.[1];
    else if (/application\/dtmf/i.test(type)) digit = /^\s*([0-9*#A-Da-d])/.exec(body)?.[1];
    if (digit) this.options.listener.onDtmf(digit.toUpperCase());
  }

  private handleReinvite(request: Core.IncomingRequestMessage): void {
    const sdp = request.body ?? '';
    if (!sdp) return;
    const audio = sdp.split(/\r?\nm=/).find((section: string) => section.startsWith('audio')) ?? sdp;
    const held = /\r?\na=(sendonly|inactive)\b/.test(audio) || /\r?\nc=IN IP4 0\.0\.0\.0\b/.test(sdp);
    this.options.listener.onRemoteHold(held);
    this.applySending();
  }
}

/** Turns a sip.js or media exception into a typed error. */
export function mediaOrSip(error: unknown, message: string): CxError {
  if (error instanceof CxError) return error;
  const name = error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'NotFoundError' || name === 'NotReadableError' || name === 'OverconstrainedError') {
    return new CxError(CxErrorCode.MediaFailed, `${message}: the microphone could not be opened (${name}).`, {
      cause: error,
      solutions: ['Allow microphone access for this page.', 'Check that a microphone is connected and not in use.'],
    });
  }
  return new CxError(CxErrorCode.SipFailure, `${message}.`, { cause: error });
}
