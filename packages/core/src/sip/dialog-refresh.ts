// A chunk of its own in the script-tag build (loaded after a reconnection
// with calls in progress): eager modules come through the package index.
import type { CallLeg } from '../call/call-leg.js';
import { isCxError } from '../index.js';
import type { Logger } from '../logger.js';
import { backoff, sleep } from '../platform/backoff.js';

/** Tries of one refresh: the other side may be refreshing at the same moment (491), or not be back yet. */
const TRIES = 8;

/**
 * After the connection to the SIP server came back: a re-INVITE on every
 * live dialog, so that the other side (and every proxy on the way) learns
 * our new connection from its Contact, and in-dialog requests (the
 * customer's BYE, a REFER) reach us again. While the media path is intact
 * the re-INVITE carries no offer (the media stays as it is, and a refusal
 * leaves nothing to roll back); when it broke too, it is a new offer that
 * restarts ICE.
 *
 * When both sides refresh at once, one gets 491 Request Pending and tries
 * again after a random pause of up to 2 s (RFC 3261, 14.1). When the other
 * side is not back yet (404, 408, 480, 503...), it tries again with backoff
 * (0.5 s doubling, up to 8 s), for as long as the call is live.
 */
export async function refreshDialogs(
  legs: readonly CallLeg[],
  logger: Logger,
  isLive: (leg: CallLeg) => boolean,
  pause: (ms: number) => Promise<void> = sleep,
): Promise<void> {
  await Promise.all(
    legs.map(async (leg) => {
      for (let attempt = 1; attempt <= TRIES && isLive(leg); attempt += 1) {
        const ice = leg.peerConnection?.iceConnectionState;
        try {
          // An intact media path is left alone: only the Contact needs telling.
          await (ice === 'disconnected' || ice === 'failed' ? leg.renegotiate({ iceRestart: true }) : leg.refresh());
          return;
        } catch (error) {
          if (!isCxError(error, 'sip-failure') || attempt === TRIES) {
            logger.warn(`Could not refresh the dialog of leg ${leg.id} after the reconnection`, error);
            return;
          }
          const glare = error.statusCode === 491;
          await pause(glare ? Math.round(Math.random() * 2000) : backoff(attempt - 1, 500, 8000));
        }
      }
    }),
  );
}
