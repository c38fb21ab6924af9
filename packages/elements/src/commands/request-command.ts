import { CxError, CxErrorCode, isCxError, type CallHandle } from '@cx/core';
import { CxCommandFailedEvent, type CommandAction } from '../events/command-failed-event.js';
import type { CxEvent } from '../events/cx-event.js';

/** What became of a command the agent gave. */
export type CommandOutcome =
  | { readonly status: 'done' }
  | { readonly status: 'prevented' }
  | { readonly status: 'failed'; readonly error: CxError };

/**
 * Dispatches the agent's `request` from `host`; unless a listener cancels it,
 * runs `command`. A failure is dispatched as `cx-command-failed` and
 * returned, for the element to show its message.
 */
export async function requestCommand(
  host: EventTarget,
  request: CxEvent<unknown>,
  action: CommandAction,
  call: CallHandle | undefined,
  command: () => Promise<unknown>,
): Promise<CommandOutcome> {
  if (!host.dispatchEvent(request)) return { status: 'prevented' };
  try {
    await command();
    return { status: 'done' };
  } catch (cause) {
    const error = isCxError(cause)
      ? cause
      : new CxError(CxErrorCode.SipFailure, 'The phone could not do that.', { cause });
    host.dispatchEvent(new CxCommandFailedEvent({ action, call, error }));
    return { status: 'failed', error };
  }
}
