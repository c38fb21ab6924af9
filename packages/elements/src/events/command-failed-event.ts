import type { CallHandle, CxError } from '@cx/core';
import { CxEvent } from './cx-event.js';

/** What the agent tried to do when a command failed. */
export type CommandAction =
  | 'accept'
  | 'decline'
  | 'hang-up'
  | 'mute'
  | 'hold'
  | 'resume'
  | 'dtmf'
  | 'dial'
  | 'transfer'
  | 'merge'
  | 'record'
  | 'monitor'
  | 'status'
  | 'take'
  | 'play'
  | 'heard'
  | 'wrap-up-save'
  | 'wrap-up-extend'
  | 'wrap-up-end'
  | 'wrap-up-link'
  | 'notification-setting'
  | 'device-setting'
  | 'unanswered-settings'
  | 'contact-import'
  | 'contact-folder-remove';

export interface CommandFailedDetail {
  readonly action: CommandAction;
  /** The call it was for (none for a new call that could not be placed). */
  readonly call: CallHandle | undefined;
  /** The typed error of @cx/core: `code` for programs, `message` for people. */
  readonly error: CxError;
}

/** A command the agent gave from an element failed; the element also shows the message. */
export class CxCommandFailedEvent extends CxEvent<CommandFailedDetail> {
  static readonly type = 'cx-command-failed';
  constructor(detail: CommandFailedDetail) {
    super(CxCommandFailedEvent.type, detail, { cancelable: false });
  }
}

declare global {
  interface HTMLElementEventMap {
    'cx-command-failed': CxCommandFailedEvent;
  }
}
