/**
 * One SIP dialog, as the call model sees it. A `Call` has one leg at a time
 * and can have it replaced (attended transfer, `Replaces`, a re-INVITE after
 * a reconnect) without changing identity. Implemented over sip.js in
 * src/sip (`SipLeg`); a fake implementation drives the call model in unit
 * tests. Every method that talks to the network rejects with a `CxError`.
 */
export interface CallLeg {
  /** Unique for the phone's life. */
  readonly id: string;
  /** The dialog, once it exists (a confirmed dialog for an inbound leg, the answered one for an outbound leg). */
  readonly dialog: DialogId | undefined;
  /** The remote party's audio, once media is negotiated. */
  readonly remoteStream: MediaStream | undefined;
  /** The peer connection, while the leg has one (meters, tests). */
  readonly peerConnection: RTCPeerConnection | undefined;

  /** Answer an inbound offer. Resolves once the caller's ACK confirms the dialog (or a short wait passed). */
  accept(): Promise<void>;
  /** Refuse an inbound offer with this SIP status (486 decline, 480 time-out, 603, ...). */
  reject(statusCode: number): Promise<void>;
  /** End the dialog: BYE once established, CANCEL an unanswered outbound offer, 486 an unanswered inbound one. */
  terminate(): Promise<void>;
  /** Re-INVITE to put the remote party on hold (`sendonly`) or take it off hold. */
  hold(on: boolean): Promise<void>;
  /**
   * Ask the remote party to call `target` (REFER, RFC 3515). With `replaces`,
   * the new call replaces that other leg's dialog (attended transfer,
   * RFC 3891). Resolves when the REFER is accepted; `onProgress` receives
   * the status of the call the remote party places (from its NOTIFYs).
   */
  refer(target: string, options?: ReferOptions): Promise<void>;
  /** Re-INVITE with a new offer, restarting ICE when asked (after a network change). */
  renegotiate(options?: { iceRestart?: boolean }): Promise<void>;
  /**
   * Re-INVITE without an offer (the other side offers in its 200, we answer
   * in the ACK): it learns our Contact, the media stays as it is, and a
   * refusal leaves nothing to roll back.
   */
  refresh(): Promise<void>;
  /** What this leg sends: the media graph hands it a track (or nothing: silence). */
  setOutgoing(track: MediaStreamTrack | null): Promise<void>;
  /** Send one DTMF digit (RFC 4733, or SIP INFO). */
  sendDtmf(digit: string): Promise<void>;
  /** Send an INFO with this body (e.g. a monitoring mode change). */
  sendInfo(contentType: string, body: string): Promise<void>;
  /** The one listener of this leg (its call). Set once, before anything happens. */
  listen(listener: CallLegListener): void;
  /** Release every media resource and end the dialog if it is still up (idempotent). */
  dispose(): void;
}

/** A SIP dialog's identity, from this side: RFC 3891 matches `Replaces` on it. */
export interface DialogId {
  readonly callId: string;
  readonly localTag: string;
  readonly remoteTag: string;
}

export interface ReferOptions {
  /** The other leg whose dialog the new call replaces (attended transfer). */
  replaces?: CallLeg;
  /** Status of the call the remote party places, from its NOTIFYs (100, 180, 200, 486, ...). */
  onProgress?: (statusCode: number) => void;
}

/** How a leg ended without our asking. */
export type LegEnd =
  | { readonly kind: 'remote-hangup' }
  | { readonly kind: 'caller-cancelled' }
  | { readonly kind: 'rejected'; readonly statusCode: number }
  | { readonly kind: 'failed'; readonly statusCode?: number };

/** What a leg reports to its call. */
export interface CallLegListener {
  /** The remote side answered (outbound). */
  onAnswered(): void;
  /** The remote side is ringing (outbound: 180/183). */
  onRemoteRinging(): void;
  /** The dialog ended without our asking. */
  onEnded(end: LegEnd): void;
  /** The remote party put us on hold, or resumed. */
  onRemoteHold(held: boolean): void;
  /** A DTMF digit arrived by SIP INFO. */
  onDtmf(digit: string): void;
  /** The remote audio is available (or was renegotiated). */
  onRemoteMedia(stream: MediaStream): void;
  /** An INFO that is not DTMF; true when understood (200), else it is refused (415). */
  onInfo?(contentType: string, body: string): boolean;
}
