import {
  Invitation,
  Inviter,
  Registerer,
  RegistererState,
  UserAgent,
  Web,
  type LogLevel as SipLogLevel,
  type SessionDescriptionHandlerFactory,
} from 'sip.js';
import type { OfferInput } from '../call/offer-input.js';
import { readRawHeaders } from '../call/raw-headers.js';
import { CxError, CxErrorCode } from '../errors/cx-error.js';
import type { Logger } from '../logger.js';
import type { ResolvedPhoneOptions } from '../phone/phone-options.js';
import { mediaOrSip, SipSession, type SipSessionListener } from './sip-session.js';

/** The state of our link to the SIP server. */
export type ConnectionState = 'disconnected' | 'connecting' | 'connected' | 'registered' | 'failed';

export interface ConnectionStatus {
  state: ConnectionState;
  /** Why we are not registered, in words (for `failed`, and while reconnecting). */
  reason?: string;
  /** Reconnection attempt number, while reconnecting. */
  attempt?: number;
  /** Epoch ms of the next reconnection attempt, while waiting for it. */
  retryAt?: number;
}

/** An inbound offer, handed to the phone. */
export interface IncomingOffer {
  input: OfferInput;
  /** Wrap the offer once the phone has a listener for it. */
  open(listener: SipSessionListener): SipSession;
  /** Fetch the microphone now, while it rings, so accepting is quick. */
  prepareMedia(): void;
}

export interface SipAgentHandlers {
  onStatus(status: ConnectionStatus): void;
  onOffer(offer: IncomingOffer): void;
}

/**
 * The phone's SIP user agent: connection, digest registration, keep-alive,
 * reconnection with backoff and jitter, and the sessions. The only module
 * (with sip-session) that talks to sip.js.
 */
export class SipAgent {
  private readonly options: ResolvedPhoneOptions;
  private readonly logger: Logger;
  private readonly handlers: SipAgentHandlers;
  private readonly ua: UserAgent;
  private registerer: Registerer | undefined;
  private wanted = false;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private registeredWaiters: Array<{ resolve: () => void; reject: (error: CxError) => void }> = [];
  private status: ConnectionStatus = { state: 'disconnected' };
  private readonly prepared = new WeakMap<object, Promise<MediaStream>>();
  private readonly onOnline = (): void => {
    if (this.wanted && !this.ua.isConnected()) this.retryNow();
  };

  constructor(options: ResolvedPhoneOptions, logger: Logger, handlers: SipAgentHandlers) {
    this.options = options;
    this.logger = logger;
    this.handlers = handlers;
    const sip = options.sip;
    const uri = UserAgent.makeURI(sip.aor);
    if (!uri) throw new CxError(CxErrorCode.InvalidOptions, `"${sip.aor}" is not a SIP URI.`);
    this.ua = new UserAgent({
      uri,
      // sip.js quotes the name as it is: keep it a valid SIP quoted-string.
      displayName: (sip.displayName ?? '').replace(/["\\\r\n]/g, (c) => (c === '"' ? "'" : ' ')).trim(),
      authorizationUsername: sip.username,
      authorizationPassword: sip.password ?? '',
      transportOptions: {
        server: sip.server,
        traceSip: sip.traceSip,
        keepAliveInterval: sip.keepAliveInterval,
        connectionTimeout: 5,
      },
      logBuiltinEnabled: false,
      logLevel: this.sipLogLevel(),
      logConnector: (level, category, _label, content) => this.sipLog(level, category, content),
      sessionDescriptionHandlerFactory: this.sdhFactory(),
      sessionDescriptionHandlerFactoryOptions: {
        iceGatheringTimeout: sip.iceGatheringTimeout,
        peerConnectionConfiguration: { iceServers: [...sip.iceServers] },
      },
      contactParams: { transport: 'ws' },
      delegate: {
        onConnect: () => this.handleConnect(),
        onDisconnect: (error) => this.handleDisconnect(error),
        onInvite: (invitation) => this.handleInvite(invitation),
      },
    });
  }

  get connection(): ConnectionStatus {
    return this.status;
  }

  /** Connect and register; resolves once registered. */
  async connect(): Promise<void> {
    this.wanted = true;
    globalThis.addEventListener?.('online', this.onOnline);
    if (this.status.state === 'registered') return;
    const registered = new Promise<void>((resolve, reject) => this.registeredWaiters.push({ resolve, reject }));
    if (!this.ua.isConnected() && this.retryTimer === undefined) {
      this.setStatus({ state: 'connecting' });
      this.ua.start().catch((error: unknown) => {
        this.logger.warn('SIP connection failed', error);
        this.scheduleRetry(`Could not reach ${this.options.sip.server}`);
      });
    }
    return registered;
  }

  /** Unregister and close the connection; no reconnection after this. */
  async disconnect(): Promise<void> {
    this.wanted = false;
    globalThis.removeEventListener?.('online', this.onOnline);
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.rejectWaiters(new CxError(CxErrorCode.NotConnected, 'The phone was disconnected.'));
    const registerer = this.registerer;
    this.registerer = undefined;
    if (registerer && registerer.state === RegistererState.Registered && this.ua.isConnected()) {
      await Promise.race([registerer.unregister().catch(() => undefined), delay(2000)]);
    }
    await this.ua.stop().catch(() => undefined);
    this.setStatus({ state: 'disconnected' });
  }

  /** Place an outbound call. */
  invite(uri: string, headers: readonly string[], listener: SipSessionListener): SipSession {
    if (this.status.state !== 'registered' && !this.ua.isConnected()) {
      throw new CxError(CxErrorCode.NotConnected, 'The phone is not connected to the SIP server.', {
        solutions: ['Call phone.connect() and wait for it to resolve.'],
      });
    }
    const target = UserAgent.makeURI(uri);
    if (!target) throw new CxError(CxErrorCode.InvalidTarget, `"${uri}" is not a SIP URI.`);
    const inviter = new Inviter(this.ua, target, {
      extraHeaders: [...headers],
      sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
    });
    const session = new SipSession(inviter, { dtmf: this.options.sip.dtmf, logger: this.logger, listener });
    inviter
      .invite({
        requestDelegate: {
          onProgress: (response) => {
            if (response.message.statusCode === 180 || response.message.statusCode === 183) listener.onRemoteRinging();
          },
          onReject: (response) => session.noteRejected(response.message.statusCode ?? 0),
        },
      })
      .catch((error: unknown) => {
        this.logger.warn('INVITE failed', error);
        listener.onEnded({ kind: 'failed' });
      });
    return session;
  }

  // ---- connection ---------------------------------------------------------

  private handleConnect(): void {
    this.attempt = 0;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.setStatus({ state: 'connected' });
    this.register();
  }

  private register(): void {
    this.retire(this.registerer);
    const registerer = new Registerer(this.ua, { expires: this.options.sip.registerExpires });
    this.registerer = registerer;
    registerer.stateChange.addListener((state) => {
      if (registerer !== this.registerer) return;
      if (state === RegistererState.Registered) {
        this.setStatus({ state: 'registered' });
        const waiters = this.registeredWaiters;
        this.registeredWaiters = [];
        for (const w of waiters) w.resolve();
      }
    });
    registerer
      .register({
        requestDelegate: {
          onReject: (response) => {
            if (registerer !== this.registerer) return;
            const code = response.message.statusCode ?? 0;
            const reason = `Registration refused: ${code} ${response.message.reasonPhrase ?? ''}`.trim();
            this.logger.error(reason);
            const error = new CxError(CxErrorCode.NotConnected, reason, {
              statusCode: code,
              solutions: code === 401 || code === 403 ? ['Check sip.username and sip.password.'] : [],
            });
            this.setStatus({ state: 'failed', reason });
            this.rejectWaiters(error);
          },
        },
      })
      .catch((error: unknown) => this.logger.warn('REGISTER could not be sent', error));
  }

  /**
   * A registerer whose transport died. Disposing it while a REGISTER is
   * outstanding would later send an un-REGISTER for the contact we share
   * with its replacement, so it is left to time out on its own.
   */
  private retire(registerer: Registerer | undefined): void {
    if (!registerer) return;
    const waiting = (registerer as unknown as { waiting?: boolean }).waiting !== false;
    if (!waiting && !this.ua.isConnected()) void registerer.dispose().catch(() => undefined);
  }

  private handleDisconnect(error?: Error): void {
    this.retire(this.registerer);
    this.registerer = undefined;
    if (!this.wanted) {
      this.setStatus({ state: 'disconnected' });
      return;
    }
    this.logger.warn('SIP connection lost', error);
    this.scheduleRetry('The connection to the SIP server was lost');
  }

  private scheduleRetry(reason: string): void {
    if (!this.wanted || this.retryTimer !== undefined) return;
    this.attempt += 1;
    const { minDelay, maxDelay } = this.options.sip.reconnect;
    const ceiling = Math.min(maxDelay, minDelay * 2 ** Math.min(this.attempt - 1, 16));
    const wait = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
    this.setStatus({ state: 'connecting', reason, attempt: this.attempt, retryAt: Date.now() + wait });
    this.retryTimer = setTimeout(() => this.retryNow(), wait);
  }

  private retryNow(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    if (!this.wanted) return;
    this.ua.reconnect().catch((error: unknown) => {
      this.logger.info('Reconnection attempt failed', error);
      this.scheduleRetry(this.status.reason ?? 'The SIP server cannot be reached');
    });
  }

  private setStatus(status: ConnectionStatus): void {
    const same =
      status.state === this.status.state &&
      status.reason === this.status.reason &&
      status.attempt === this.status.attempt;
    this.status = status;
    if (!same) this.handlers.onStatus(status);
  }

  private rejectWaiters(error: CxError): void {
    const waiters = this.registeredWaiters;
    this.registeredWaiters = [];
    for (const w of waiters) w.reject(error);
  }

  // ---- sessions -----------------------------------------------------------

  private handleInvite(invitation: Invitation): void {
    const request = invitation.request;
    const input: OfferInput = {
      headers: readRawHeaders(request.data),
      from: {
        displayName: request.from.displayName ?? '',
        user: request.from.uri.user ?? '',
        host: request.from.uri.host ?? '',
      },
      to: { user: request.to.uri.user ?? '', host: request.to.uri.host ?? '' },
    };
    this.handlers.onOffer({
      input,
      open: (listener) => new SipSession(invitation, { dtmf: this.options.sip.dtmf, logger: this.logger, listener }),
      prepareMedia: () => {
        if (this.prepared.has(invitation)) return;
        const stream = this.getStream({ audio: true, video: false });
        stream.catch(() => undefined);
        this.prepared.set(invitation, stream);
      },
    });
  }

  private getStream(constraints: MediaStreamConstraints): Promise<MediaStream> {
    const custom = this.options.media.getStream;
    if (custom) return custom(constraints);
    if (!globalThis.navigator?.mediaDevices?.getUserMedia) {
      return Promise.reject(new CxError(CxErrorCode.MediaFailed, 'This browser cannot open a microphone (no mediaDevices).'));
    }
    return navigator.mediaDevices.getUserMedia(constraints);
  }

  private sdhFactory(): SessionDescriptionHandlerFactory {
    return (session, factoryOptions) => {
      const mediaStreamFactory: Web.MediaStreamFactory = (constraints) => {
        const early = this.prepared.get(session);
        if (early) {
          this.prepared.delete(session);
          return early.catch((error: unknown) => Promise.reject(mediaOrSip(error, 'Microphone')));
        }
        if (!constraints.audio && !constraints.video) return Promise.resolve(new MediaStream());
        return this.getStream(constraints).catch((error: unknown) => Promise.reject(mediaOrSip(error, 'Microphone')));
      };
      return Web.defaultSessionDescriptionHandlerFactory(mediaStreamFactory)(session, factoryOptions);
    };
  }

  private sipLogLevel(): SipLogLevel {
    const level = this.options.log.level ?? 'warn';
    if (level === 'debug') return 'debug';
    if (level === 'info') return 'log';
    if (level === 'warn') return 'warn';
    return 'error';
  }

  private sipLog(level: SipLogLevel, category: string, content: string): void {
    const text = `${category}: ${content}`;
    if (level === 'error') this.logger.error(text);
    else if (level === 'warn') this.logger.warn(text);
    else if (level === 'log') this.logger.info(text);
    else this.logger.debug(text);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
