import type { CallHandle, ConnectionStatus, EndReason } from '@cx/core';
import { CxEvent } from './cx-event.js';

/*
 * What happened to a call or to the connection. `<cx-banner>` and
 * `<cx-small-banner>` dispatch these as their phone reports them, whoever
 * acted (the agent, the caller, an auto-answer, the code of the page).
 * None is cancelable: it already happened.
 */

export interface CallEventDetail {
  readonly call: CallHandle;
}

/** A call is offered to the agent and rings. */
export class CxCallIncomingEvent extends CxEvent<CallEventDetail> {
  static readonly type = 'cx-call-incoming';
  constructor(detail: CallEventDetail) {
    super(CxCallIncomingEvent.type, detail, { cancelable: false });
  }
}

/** A call was answered. */
export class CxCallAcceptedEvent extends CxEvent<CallEventDetail> {
  static readonly type = 'cx-call-accepted';
  constructor(detail: CallEventDetail) {
    super(CxCallAcceptedEvent.type, detail, { cancelable: false });
  }
}

/** A call was placed on hold. */
export class CxCallHeldEvent extends CxEvent<CallEventDetail> {
  static readonly type = 'cx-call-held';
  constructor(detail: CallEventDetail) {
    super(CxCallHeldEvent.type, detail, { cancelable: false });
  }
}

/** A call left the hold. */
export class CxCallResumedEvent extends CxEvent<CallEventDetail> {
  static readonly type = 'cx-call-resumed';
  constructor(detail: CallEventDetail) {
    super(CxCallResumedEvent.type, detail, { cancelable: false });
  }
}

export interface CallMutedEventDetail extends CallEventDetail {
  /** True when the agent's microphone is now muted. */
  readonly muted: boolean;
}

/** The agent's microphone was muted or reactivated on a call. */
export class CxCallMutedEvent extends CxEvent<CallMutedEventDetail> {
  static readonly type = 'cx-call-muted';
  constructor(detail: CallMutedEventDetail) {
    super(CxCallMutedEvent.type, detail, { cancelable: false });
  }
}

export interface CallEndedEventDetail extends CallEventDetail {
  readonly reason: EndReason;
}

/** A call is over, for any reason (then `cx-call-missed` or `cx-call-declined` when it was one). */
export class CxCallEndedEvent extends CxEvent<CallEndedEventDetail> {
  static readonly type = 'cx-call-ended';
  constructor(detail: CallEndedEventDetail) {
    super(CxCallEndedEvent.type, detail, { cancelable: false });
  }
}

/** An offer was not answered: the countdown ran out or the caller hung up first. */
export class CxCallMissedEvent extends CxEvent<CallEventDetail> {
  static readonly type = 'cx-call-missed';
  constructor(detail: CallEventDetail) {
    super(CxCallMissedEvent.type, detail, { cancelable: false });
  }
}

/** The agent declined an offer. */
export class CxCallDeclinedEvent extends CxEvent<CallEventDetail> {
  static readonly type = 'cx-call-declined';
  constructor(detail: CallEventDetail) {
    super(CxCallDeclinedEvent.type, detail, { cancelable: false });
  }
}

export interface ConnectionChangedEventDetail {
  readonly status: ConnectionStatus;
}

/** The link to the SIP server changed (connecting, registered, lost, ...). */
export class CxConnectionChangedEvent extends CxEvent<ConnectionChangedEventDetail> {
  static readonly type = 'cx-connection-changed';
  constructor(detail: ConnectionChangedEventDetail) {
    super(CxConnectionChangedEvent.type, detail, { cancelable: false });
  }
}

declare global {
  interface HTMLElementEventMap {
    'cx-call-incoming': CxCallIncomingEvent;
    'cx-call-accepted': CxCallAcceptedEvent;
    'cx-call-held': CxCallHeldEvent;
    'cx-call-resumed': CxCallResumedEvent;
    'cx-call-muted': CxCallMutedEvent;
    'cx-call-ended': CxCallEndedEvent;
    'cx-call-missed': CxCallMissedEvent;
    'cx-call-declined': CxCallDeclinedEvent;
    'cx-connection-changed': CxConnectionChangedEvent;
  }
}
