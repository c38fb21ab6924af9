import { atom, type ReadableAtom } from 'nanostores';
import {
  Invitation,
  Inviter,
  Registerer,
  RegistererState,
  SessionState,
  UserAgent,
  UserAgentState,
  Web,
  type LogLevel as SipLogLevel,
  type SessionDescriptionHandlerFactory,
} from 'sip.js';
import type { OfferInput } from '../call/offer-input.js';
import { guardIncomingMessages } from './guard-incoming.js';
import { readRawHeaders } from './sip-text.js';
import { CxError, CxErrorCode } from '../errors/cx-error.js';
import type { Logger } from '../logger.js';
import type { ResolvedPhoneOptions } from '../phone/phone-options.js';
import { AUDIO_ONLY, mediaOrSip, SipLeg, type ReferPolicy } from './sip-leg.js';
import { watchWakes, type WakeReason } from './wake-watch.js';

/** The state of our link to the SIP server. */
export type ConnectionState = 'disconnected' | 'connecting' | 'connected' | 'registered' | 'failed';

export interface ConnectionStatus {
  state: ConnectionState;
  /** Why we are not registered, in words (for `failed`, and while reconnecting or registering again). */
  reason?: string;
  /** Reconnection (or re-registration) attempt number, while retrying. */
  attempt?: number;
  /** Epoch ms of the next attempt, while waiting for it. */
  retryAt?: number;
  /** The SIP status of a refused registration. */
  statusCode?: number;
}

/** An INVITE outside any dialog: the phone routes it (offer-router.ts). */
export interface IncomingOffer {
  /** What the offer parser reads of it. */
  readonly input: OfferInput;
  /** Its leg, to ring it, answer it or replace a dialog with it (made on first use). */
  leg(): SipLeg;
  /** Refuse it with this SIP status, before anyone sees it. */
  refuse(statusCode: number): void;
}

/** What the agent needs from the phone. */
export interface SipAgentHandlers {
  /** An INVITE outside any dialog arrived. */
  onOffer(offer: IncomingOffer): void;
  /** Where each leg's peer connection gets its outgoing audio (the media graph). */
  streamFor(leg: SipLeg): Promise<MediaStream>;
  /** In-dialog REFERs. */
  referPolicy: ReferPolicy;
  /** A leg's dialog was confirmed, or ended. */
  onDialog: ConstructorParameters<typeof SipLeg>[1]['onDialog'];
  /** Registered again after the connection was lost: the live dialogs must say where they are now. */
  onReconnected?(): void;
}

/**
 * sip.js's own no-answer timer, in seconds. The ring deadline is the
 * phone's alone (`X-CX-Ring-Timeout`, else `profile.ringTimeout`, at most
 * a day): this one is set beyond any deadline so that it never decides.
 */
const NO_ANSWER_BEYOND_ANY_DEADLINE = 86_400 + 3_600;

/** Refusals that retrying cannot mend: the account or its password is wrong. */
const FINAL_REFUSALS = new Set([401, 403, 404, 407]);

interface Waiter {
  resolve(): void;
  reject(error: CxError): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The phone's SIP user agent: the WebSocket transport (keep-alive,
 * reconnection with backoff and jitter), the registration (every state of
 * the registerer mapped to `$status`, the one source of truth of the
 * connection), and the making of legs. With src/sip/sip-leg.ts, the only
 * code that talks to sip.js.
 */
export class SipAgent {
  readonly #options: ResolvedPhoneOptions;
  readonly #logger: Logger;
  readonly #handlers: SipAgentHandlers;
  readonly #ua: UserAgent;
  readonly #status = atom<ConnectionStatus>({ state: 'disconnected' });
  readonly #legs = new WeakMap<object, SipLeg>();
  readonly #waiters = new Set<Waiter>();
  #registerer: Registerer | undefined;
  /** Our name-addr: `"Ann" <sip:1001@example.com>`. */
  readonly #identity: string;
  /** A REGISTER of ours is waiting for its answer. */
  #registering = false;
  #wanted = false;
  /** The connection dropped while wanted, and we are not registered again yet. */
  #lost = false;
  /** When the last registration was confirmed (ms since the epoch). */
  #registeredAt = 0;
  #stopWatchingWakes: (() => void) | undefined;
  #destroyed = false;
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #onOnline = (): void => {
    if (this.#wanted && !this.#ua.isConnected()) this.#retryNow();
  };

  constructor(options: ResolvedPhoneOptions, logger: Logger, handlers: SipAgentHandlers) {
    this.#options = options;
    this.#logger = logger;
    this.#handlers = handlers;
    const sip = options.sip;
    const uri = UserAgent.makeURI(sip.aor);
    if (!uri) throw new CxError(CxErrorCode.InvalidOptions, `"${sip.aor}" is not a SIP URI.`);
    const displayName = quotable(sip.displayName ?? '');
    this.#identity = displayName ? `"${displayName}" <${uri.toString()}>` : `<${uri.toString()}>`;
    this.#ua = new UserAgent({
      uri,
      displayName,
      authorizationUsername: sip.username,
      authorizationPassword: sip.password ?? '',
      transportOptions: {
        server: sip.server,
        traceSip: sip.traceSip,
        keepAliveInterval: sip.keepAliveInterval,
        connectionTimeout: Math.max(1, Math.min(5, Math.ceil(sip.connectTimeout / 1000))),
      },
      noAnswerTimeout: NO_ANSWER_BEYOND_ANY_DEADLINE,
      // disconnect() ends the calls and the registration itself; stopping
      // must not wait 32 s for a REGISTER that a silent server never answers.
      gracefulShutdown: false,
      // We send the first 180 ourselves (see #receive).
      sendInitialProvisionalResponse: false,
      // We match Replaces ourselves (offer routing); say that we understand it.
      sipExtensionExtraSupported: ['replaces'],
      logBuiltinEnabled: false,
      logLevel: this.#sipLogLevel(),
      logConnector: (level, category, _label, content) => this.#sipLog(level, category, content),
      sessionDescriptionHandlerFactory: this.#sdhFactory(),
      sessionDescriptionHandlerFactoryOptions: {
        iceGatheringTimeout: sip.iceGatheringTimeout,
        peerConnectionConfiguration: { iceServers: [...sip.iceServers] },
      },
      // The AOR's user in our Contact: a server can then route an in-dialog
      // request by the current registration when the connection it was
      // learnt on is gone (docs/reliability.md).
      contactName: sip.user,
      contactParams: { transport: 'ws' },
      delegate: {
        onConnect: () => this.#handleConnect(),
        onDisconnect: (error) => this.#handleDisconnect(error),
        onInvite: (invitation) => this.#receive(invitation),
      },
    });
    // sip.js's parser throws on some malformed frames: never out of the socket's handler.
    guardIncomingMessages(this.#ua, this.#logger);
  }

  /** The link to the SIP server: the one source of truth. */
  get $status(): ReadableAtom<ConnectionStatus> {
    return this.#status;
  }

  /**
   * Connects and registers. Resolves once registered; rejects with
   * `registration-failed` (refused: see `statusCode`) or `connection-failed`
   * (not reached, or no answer) within `sip.connectTimeout`. Calling it
   * again tries again. While wanted, the agent keeps reconnecting after a
   * drop, with backoff.
   */
  connect(): Promise<void> {
    if (this.#destroyed) return Promise.reject(destroyed());
    this.#wanted = true;
    globalThis.addEventListener?.('online', this.#onOnline);
    this.#stopWatchingWakes ??= watchWakes((reason) => this.#wake(reason));
    if (this.#status.get().state === 'registered') return Promise.resolve();
    const registered = this.#wait();
    if (!this.#ua.isConnected()) {
      if (this.#retryTimer === undefined && this.#status.get().state !== 'connecting') this.#open();
    } else {
      this.#stopRetry();
      this.#register();
    }
    return registered;
  }

  /** Unregisters and closes the connection; no reconnection after this. */
  async disconnect(): Promise<void> {
    this.#wanted = false;
    globalThis.removeEventListener?.('online', this.#onOnline);
    this.#stopWatchingWakes?.();
    this.#stopWatchingWakes = undefined;
    this.#stopRetry();
    this.#settle(new CxError(CxErrorCode.NotConnected, 'The phone was disconnected.'));
    const registerer = this.#registerer;
    this.#registerer = undefined;
    this.#registering = false;
    if (registerer && registerer.state === RegistererState.Registered && this.#ua.isConnected()) {
      await Promise.race([registerer.unregister().catch(() => undefined), delay(2000)]);
    }
    await this.#ua.stop().catch(() => undefined);
    this.#setStatus({ state: 'disconnected' });
  }

  /** Drops the connection without a word (no un-REGISTER, no BYE), as a page that closes does. Final. */
  abandon(): void {
    this.#wanted = false;
    this.#destroyed = true;
    globalThis.removeEventListener?.('online', this.#onOnline);
    this.#stopWatchingWakes?.();
    this.#stopRetry();
    this.#ua.transport.disconnect().catch(() => undefined);
  }

  /** Disconnects for good. */
  async destroy(): Promise<void> {
    if (this.#destroyed) return;
    await this.disconnect();
    this.#destroyed = true;
  }

  /** Places an outbound call: a leg whose INVITE is on its way. */
  dial(uri: string, headers: readonly string[], onRinging: () => void): SipLeg {
    if (this.#status.get().state !== 'registered' && !this.#ua.isConnected()) {
      throw new CxError(CxErrorCode.NotConnected, 'The phone is not connected to the SIP server.', {
        solutions: ['Call phone.connect() and wait for it to resolve.'],
      });
    }
    const target = UserAgent.makeURI(uri);
    if (!target) throw new CxError(CxErrorCode.InvalidTarget, `"${uri}" is not a SIP URI.`);
    return this.#invite(
      new Inviter(this.#ua, target, {
        extraHeaders: [...headers],
        sessionDescriptionHandlerOptions: AUDIO_ONLY,
      }),
      onRinging,
    );
  }

  /** Sends the INVITE of an outbound leg. */
  #invite(inviter: Inviter, onRinging: () => void): SipLeg {
    const leg = this.#legOf(inviter);
    inviter
      .invite({
        requestDelegate: {
          onProgress: (response) => {
            if (response.message.statusCode === 180 || response.message.statusCode === 183) onRinging();
          },
          onReject: (response) => leg.noteRejected(response.message.statusCode ?? 0),
        },
      })
      .catch((error: unknown) => {
        this.#logger.warn('INVITE failed', error);
        leg.noteFailed();
      });
    return leg;
  }

  /** The leg of an inbound offer or an outbound call (made once). */
  #legOf(session: Invitation | Inviter): SipLeg {
    let leg = this.#legs.get(session);
    if (!leg) {
      leg = new SipLeg(session, {
        dtmf: this.#options.sip.dtmf,
        logger: this.#logger,
        referPolicy: this.#handlers.referPolicy,
        onDialog: this.#handlers.onDialog,
        identity: this.#identity,
        followRefer: (referral, onRinging) =>
          this.#invite(referral.makeInviter({ sessionDescriptionHandlerOptions: AUDIO_ONLY }), onRinging),
      });
      this.#legs.set(session, leg);
    }
    return leg;
  }

  /**
   * An INVITE outside any dialog: 180 Ringing, as sip.js would send it,
   * then the phone routes the offer. sip.js's own automatic 180 is off
   * because its promise is left unhandled (api/user-agent.js, `onInvite`):
   * an INVITE with a body but no readable Content-Type makes `getBody`
   * throw while the early dialog is made, the rejection surfaces as an
   * unhandled rejection in the page, and the offer is never answered (until
   * the no-answer timer, a day here). sip.js answers such an INVITE 480
   * itself before rejecting; should it not have, it is refused with 400.
   * An INVITE that requires 100rel gets no automatic 180, as in sip.js.
   */
  #receive(invitation: Invitation): void {
    const route = (): void =>
      this.#handlers.onOffer({
        input: this.#offerInput(invitation),
        leg: () => this.#legOf(invitation),
        refuse: (statusCode) => void invitation.reject({ statusCode }).catch(() => undefined),
      });
    if (/\b100rel\b/i.test(invitation.request.getHeader('require') ?? '')) {
      route();
      return;
    }
    invitation
      .progress()
      .then(route, (error: unknown) => {
        this.#logger.warn('Refused an INVITE whose 180 Ringing could not be made', error);
        if (invitation.state === SessionState.Initial) void invitation.reject({ statusCode: 400 }).catch(() => undefined);
      })
      .catch((error: unknown) => this.#logger.error('An incoming offer could not be routed', error));
  }

  /** What the offer parser reads of an INVITE. */
  #offerInput(invitation: Invitation): OfferInput {
    const request = invitation.request;
    return {
      headers: readRawHeaders(request.data),
      from: {
        displayName: request.from.displayName ?? '',
        user: request.from.uri.user ?? '',
        host: request.from.uri.host ?? '',
      },
      to: { user: request.to.uri.user ?? '', host: request.to.uri.host ?? '' },
    };
  }

  // ---- connection ---------------------------------------------------------

  #open(): void {
    this.#setStatus({ state: 'connecting' });
    const opening = this.#ua.state === UserAgentState.Started ? this.#ua.reconnect() : this.#ua.start();
    opening.catch((error: unknown) => {
      this.#logger.warn('SIP connection failed', error);
      this.#scheduleRetry(`Could not reach ${this.#options.sip.server}`, () => this.#retryNow());
    });
  }

  #handleConnect(): void {
    this.#attempt = 0;
    this.#stopRetry();
    this.#setStatus({ state: 'connected' });
    this.#retire(this.#registerer);
    this.#registerer = this.#newRegisterer();
    this.#register();
  }

  #handleDisconnect(error?: Error): void {
    this.#stopRetry();
    this.#retire(this.#registerer);
    this.#registerer = undefined;
    this.#registering = false;
    if (!this.#wanted) {
      this.#setStatus({ state: 'disconnected' });
      return;
    }
    this.#logger.warn('SIP connection lost', error);
    this.#lost = true;
    this.#scheduleRetry('The connection to the SIP server was lost', () => this.#retryNow());
  }

  /**
   * The page slept, was frozen, or comes back to the front: a connection
   * that died meanwhile is reopened at once, and the registration is renewed
   * now (after a sleep or a freeze always: the server may have dropped it;
   * on coming back to the front when it may have lapsed).
   */
  #wake(reason: WakeReason): void {
    if (!this.#wanted) return;
    if (!this.#ua.isConnected()) {
      this.#logger.info(`The page woke (${reason}) without a connection: reconnecting now`);
      this.#retryNow();
      return;
    }
    const lapsing = Date.now() - this.#registeredAt > this.#options.sip.registerExpires * 900;
    if (reason === 'visible' && !lapsing) return;
    this.#logger.info(`The page woke (${reason}): registering again now`);
    this.#register();
  }

  #retryNow(): void {
    this.#stopRetry();
    if (!this.#wanted) return;
    this.#ua.reconnect().catch((error: unknown) => {
      this.#logger.info('Reconnection attempt failed', error);
      this.#scheduleRetry(this.#status.get().reason ?? 'The SIP server cannot be reached', () => this.#retryNow());
    });
  }

  /** Cancels the pending retry, if any. */
  #stopRetry(): void {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
  }

  /** Exponential backoff with jitter: half the ceiling, plus up to the other half at random. */
  #scheduleRetry(reason: string, retry: () => void, state: ConnectionState = 'connecting', statusCode?: number): void {
    if (!this.#wanted || this.#retryTimer !== undefined) return;
    this.#attempt += 1;
    const { minDelay, maxDelay } = this.#options.sip.reconnect;
    const ceiling = Math.min(maxDelay, minDelay * 2 ** Math.min(this.#attempt - 1, 16));
    const wait = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
    this.#setStatus({
      state,
      reason,
      attempt: this.#attempt,
      retryAt: Date.now() + wait,
      ...(statusCode === undefined ? {} : { statusCode }),
    });
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      retry();
    }, wait);
  }

  // ---- registration -------------------------------------------------------

  #newRegisterer(): Registerer {
    const registerer = new Registerer(this.#ua, { expires: this.#options.sip.registerExpires });
    registerer.stateChange.addListener((state) => {
      if (registerer !== this.#registerer) return;
      if (state === RegistererState.Registered) {
        this.#attempt = 0;
        this.#registeredAt = Date.now();
        this.#setStatus({ state: 'registered' });
        this.#settle();
        if (this.#lost) {
          this.#lost = false;
          this.#handlers.onReconnected?.();
        }
      } else if (state === RegistererState.Unregistered && !this.#registering && this.#wanted) {
        // Not our doing: a refresh was refused or the binding expired unrefreshed.
        this.#logger.warn('The registration was lost; registering again');
        this.#setStatus({ state: 'connected', reason: 'The registration was lost' });
        // sip.js finishes its own REGISTER (the refresh) in this same task: go after it.
        queueMicrotask(() => this.#register());
      }
    });
    return registerer;
  }

  #register(): void {
    const registerer = this.#registerer;
    if (!registerer || !this.#ua.isConnected() || this.#registering) return;
    this.#registering = true;
    registerer
      .register({
        requestDelegate: {
          onAccept: () => {
            if (registerer === this.#registerer) this.#registering = false;
          },
          onReject: (response) => {
            if (registerer !== this.#registerer) return;
            this.#registering = false;
            const code = response.message.statusCode ?? 0;
            const reason = `Registration refused: ${code} ${response.message.reasonPhrase ?? ''}`.trim();
            this.#logger.error(reason);
            this.#settle(
              new CxError(CxErrorCode.RegistrationFailed, reason, {
                statusCode: code,
                solutions: FINAL_REFUSALS.has(code) ? ['Check sip.username and sip.password.'] : ['Try again later.'],
              }),
            );
            if (FINAL_REFUSALS.has(code)) this.#setStatus({ state: 'failed', reason, statusCode: code });
            else this.#scheduleRetry(reason, () => this.#register(), 'connected', code);
          },
        },
      })
      .catch((error: unknown) => {
        if (registerer === this.#registerer) this.#registering = false;
        this.#logger.warn('REGISTER could not be sent', error);
      });
  }

  /**
   * A registerer whose transport died. Disposing it while a REGISTER is
   * outstanding would later send an un-REGISTER for the contact we share
   * with its replacement, so it is left to time out on its own.
   */
  #retire(registerer: Registerer | undefined): void {
    if (!registerer) return;
    const waiting = (registerer as unknown as { waiting?: boolean }).waiting !== false;
    if (!waiting && !this.#ua.isConnected()) void registerer.dispose().catch(() => undefined);
  }

  // ---- waiters and status -------------------------------------------------

  /** A promise for the next registration, bounded by `sip.connectTimeout`. */
  #wait(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.#waiters.delete(waiter);
          const seconds = this.#options.sip.connectTimeout / 1000;
          reject(
            this.#ua.isConnected()
              ? new CxError(CxErrorCode.RegistrationFailed, `The SIP server did not accept the registration within ${seconds} s.`, {
                  solutions: ['Check that the server knows this account; the phone keeps trying.'],
                })
              : new CxError(CxErrorCode.ConnectionFailed, `Could not reach ${this.#options.sip.server} within ${seconds} s.`, {
                  solutions: ['Check sip.server and the network; the phone keeps trying in the background.'],
                }),
          );
        }, this.#options.sip.connectTimeout),
      };
      this.#waiters.add(waiter);
    });
  }

  /** Settles every pending `connect()`: resolved without an error, rejected with one. */
  #settle(error?: CxError): void {
    for (const waiter of this.#waiters) {
      clearTimeout(waiter.timer);
      if (error) waiter.reject(error);
      else waiter.resolve();
    }
    this.#waiters.clear();
  }

  #setStatus(status: ConnectionStatus): void {
    const now = this.#status.get();
    const same =
      status.state === now.state && status.reason === now.reason && status.attempt === now.attempt && status.retryAt === now.retryAt;
    if (!same) this.#status.set(Object.freeze(status));
  }

  // ---- media and logs -------------------------------------------------------

  #sdhFactory(): SessionDescriptionHandlerFactory {
    return (session, factoryOptions) => {
      const mediaStreamFactory: Web.MediaStreamFactory = (constraints) => {
        if (!constraints.audio && !constraints.video) return Promise.resolve(new MediaStream());
        if (!(session instanceof Invitation || session instanceof Inviter)) {
          return Promise.reject(new CxError(CxErrorCode.MediaFailed, 'Unknown SIP session.'));
        }
        const leg = this.#legOf(session);
        return this.#handlers.streamFor(leg).catch((error: unknown) => Promise.reject((leg.mediaError = mediaOrSip(error, 'Microphone'))));
      };
      const handler = Web.defaultSessionDescriptionHandlerFactory(mediaStreamFactory)(session, factoryOptions) as Web.SessionDescriptionHandler;
      // sip.js asks the handler to roll an offer back when a re-INVITE fails
      // (refused, or crossed by the other side's); the Web handler has no
      // way to, so the peer connection stayed in "have-local-offer" and every
      // later re-INVITE failed. WebRTC has one: a rollback description.
      Object.assign(handler, {
        rollbackDescription: async (): Promise<void> => {
          const pc = handler.peerConnection;
          if (pc?.signalingState === 'have-local-offer') await pc.setLocalDescription({ type: 'rollback' });
          else if (pc?.signalingState === 'have-remote-offer') await pc.setRemoteDescription({ type: 'rollback' });
        },
      });
      return handler;
    };
  }

  #sipLogLevel(): SipLogLevel {
    const level = this.#options.log.level ?? 'warn';
    if (level === 'debug') return 'debug';
    if (level === 'warn' || level === 'info') return 'warn';
    return 'error';
  }

  /**
   * sip.js's own messages: its warnings and errors as ours; everything else,
   * SIP traces included (whole messages, with callers' details), at `debug`.
   */
  #sipLog(level: SipLogLevel, category: string, content: string): void {
    const text = `${category}: ${content}`;
    if (level === 'error') this.#logger.error(text);
    else if (level === 'warn') this.#logger.warn(text);
    else this.#logger.debug(text);
  }
}

/** A display name as a valid SIP quoted-string body: no quote, backslash or line break. */
function quotable(name: string): string {
  return name.replace(/["\\\r\n]/g, (c) => (c === '"' ? "'" : ' ')).trim();
}

function destroyed(): CxError {
  return new CxError(CxErrorCode.Destroyed, 'This phone was destroyed.', { solutions: ['Create a new phone with createPhone().'] });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
