import type { UserAgent } from 'sip.js';
import type { Logger } from '../logger.js';

/**
 * Makes sure that no incoming frame, however malformed, throws out of the
 * WebSocket's message handler (where it would surface as an uncaught error
 * of the host page).
 *
 * sip.js 0.21 hands every frame from its transport's `onMessage` to
 * `UserAgent.onTransportMessage` without a guard, and its parser throws on
 * some input instead of returning `undefined`: a response whose CSeq does
 * not parse makes `Parser.parseMessage` (core/messages/parser.js, the
 * `cseq` case of `parseHeader`) read `parsed.method` of `undefined`, a
 * TypeError. This wraps the transport's `onMessage` so that such a frame
 * is dropped and logged (`warn`), as sip.js does with the frames it can
 * tell are malformed. Whatever the delegates called in that same task
 * throw is caught and logged the same way, so one bad frame never stops
 * the next one.
 *
 * Idempotent: guarding twice wraps once.
 *
 * @param ua the user agent, before or after it starts (its transport is made with it)
 * @param logger where dropped frames are reported
 */
export function guardIncomingMessages(ua: UserAgent, logger: Logger): void {
  const transport = ua.transport as UserAgent['transport'] & { [GUARDED]?: true };
  if (transport[GUARDED]) return;
  const deliver = transport.onMessage;
  if (deliver === undefined) return;
  transport.onMessage = (message: string): void => {
    try {
      deliver.call(transport, message);
    } catch (error) {
      // Not the message itself: callers' details are only ever logged with SIP traces.
      const size = typeof message === 'string' ? message.length : 0;
      logger.warn(`Dropped an incoming SIP message (${size} characters) that could not be handled: ${describe(error)}`, error);
    }
  };
  transport[GUARDED] = true;
}

const GUARDED = Symbol('cx.guarded');

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

