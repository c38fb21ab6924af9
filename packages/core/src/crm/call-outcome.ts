import type { CallDirection } from '../call/call.js';
import type { EndReason } from '../call/call-state.js';
import type { CallOutcome } from './crm-types.js';

/** What a call's end says about how it turned out (see {@link CallOutcome}). */
export function callOutcome(call: {
  readonly direction: CallDirection;
  readonly answeredAt: number | undefined;
  readonly endReason: EndReason | undefined;
  readonly statusCode: number | undefined;
}): CallOutcome {
  if (call.answeredAt !== undefined) return 'answered';
  switch (call.endReason) {
    case 'ring-timeout':
      return 'no-answer';
    case 'caller-cancelled':
      return 'caller-hung-up';
    case 'declined':
      return 'declined';
    case 'cancelled':
      return 'cancelled';
    case 'rejected':
      return rejected(call.statusCode);
    default:
      // An inbound offer that went away unanswered (the tab closed, the media failed) is still one nobody answered.
      return call.direction === 'inbound' && call.endReason !== 'failed' ? 'no-answer' : 'failed';
  }
}

/** An outbound call the other side refused, by its final SIP status. */
function rejected(status: number | undefined): CallOutcome {
  if (status === 486 || status === 600) return 'busy';
  if (status === 603) return 'declined';
  if (status === 404 || status === 484 || status === 604) return 'not-found';
  if (status === 408 || status === 480) return 'no-answer';
  return 'failed';
}
