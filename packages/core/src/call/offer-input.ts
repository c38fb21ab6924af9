/**
 * The parts of an INVITE the offer parser reads. Built by the SIP layer from
 * the raw message so that header names keep their original case.
 */
export interface OfferInput {
  /** Every header line in order, unfolded: [name as sent, value]. */
  headers: ReadonlyArray<readonly [name: string, value: string]>;
  from: { displayName: string; user: string; host: string };
  to: { user: string; host: string };
}

/** How to tell our own users from the outside world. */
export interface InternalConfig {
  /** SIP domains whose users are ours (default: the domain of our AOR). */
  domains: readonly string[];
  /** Extensions: a caller whose number matches is ours (default `^\d{2,6}$`). */
  extensionPattern: RegExp;
}
