/**
 * What a `Call` needs from the signalling layer. Implemented by the SIP
 * session wrapper (src/sip); a fake implementation drives the call model in
 * unit tests. Every method rejects with a `CxError` on failure.
 */
export interface CallControl {
  /** Answer an inbound offer with local media. Resolves when media is set up. */
  accept(): Promise<void>;
  /** Refuse an inbound offer with this SIP status (486 decline, 480 timeout). */
  reject(statusCode: number): Promise<void>;
  /** End an established call (BYE) or cancel an unanswered outbound one (CANCEL). */
  terminate(): Promise<void>;
  /** Re-INVITE to put the remote party on hold, or take it off hold. */
  setHold(on: boolean): Promise<void>;
  /** Whether our outgoing audio track is enabled (off while muted or held). */
  setSending(on: boolean): void;
  /** Send one DTMF digit. */
  sendDtmf(digit: string): Promise<void>;
  /** Release every media resource (idempotent). */
  dispose(): void;
}
