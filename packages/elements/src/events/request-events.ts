import type { CallHandle, TransferMode, TransferTarget } from '@cx/core';
import { CxEvent } from './cx-event.js';

/*
 * What the agent asked for, dispatched just before the element runs the
 * command. All are cancelable: a page that calls `preventDefault()` keeps
 * the element from running it (and may run it its own way).
 */

export interface CallRequestDetail {
  readonly call: CallHandle;
}

/** The agent asked to answer a ringing call (Accept, or its shortcut). */
export class CxAcceptRequestEvent extends CxEvent<CallRequestDetail> {
  static readonly type = 'cx-accept-request';
  constructor(detail: CallRequestDetail) {
    super(CxAcceptRequestEvent.type, detail, { cancelable: true });
  }
}

/** The agent asked to decline a ringing call. */
export class CxDeclineRequestEvent extends CxEvent<CallRequestDetail> {
  static readonly type = 'cx-decline-request';
  constructor(detail: CallRequestDetail) {
    super(CxDeclineRequestEvent.type, detail, { cancelable: true });
  }
}

/** The agent asked to hang up. */
export class CxHangUpRequestEvent extends CxEvent<CallRequestDetail> {
  static readonly type = 'cx-hang-up-request';
  constructor(detail: CallRequestDetail) {
    super(CxHangUpRequestEvent.type, detail, { cancelable: true });
  }
}

export interface MuteRequestDetail extends CallRequestDetail {
  /** True to mute the microphone, false to reactivate it. */
  readonly muted: boolean;
}

/** The agent asked to mute or reactivate their microphone. */
export class CxMuteRequestEvent extends CxEvent<MuteRequestDetail> {
  static readonly type = 'cx-mute-request';
  constructor(detail: MuteRequestDetail) {
    super(CxMuteRequestEvent.type, detail, { cancelable: true });
  }
}

export interface HoldRequestDetail extends CallRequestDetail {
  /** True to place the call on hold, false to take it off hold (which holds the other active call). */
  readonly held: boolean;
}

/** The agent asked to place a call on hold, or to take it back (also by selecting its call box). */
export class CxHoldRequestEvent extends CxEvent<HoldRequestDetail> {
  static readonly type = 'cx-hold-request';
  constructor(detail: HoldRequestDetail) {
    super(CxHoldRequestEvent.type, detail, { cancelable: true });
  }
}

export interface DtmfRequestDetail extends CallRequestDetail {
  /** Digits to send: 0-9, * and #. */
  readonly digits: string;
}

/** The agent pressed (or typed) a key of the phone keypad. */
export class CxDtmfRequestEvent extends CxEvent<DtmfRequestDetail> {
  static readonly type = 'cx-dtmf-request';
  constructor(detail: DtmfRequestDetail) {
    super(CxDtmfRequestEvent.type, detail, { cancelable: true });
  }
}

export interface DialRequestDetail {
  /** What the agent typed: a number, an extension or a SIP address. */
  readonly target: string;
}

/** The agent asked for a new call. */
export class CxDialRequestEvent extends CxEvent<DialRequestDetail> {
  static readonly type = 'cx-dial-request';
  constructor(detail: DialRequestDetail) {
    super(CxDialRequestEvent.type, detail, { cancelable: true });
  }
}

export interface TransferRequestDetail extends CallRequestDetail {
  readonly target: TransferTarget;
  readonly mode: TransferMode;
}

/** The agent asked to transfer a call (Transfer and hang up, Start the attended transfer). */
export class CxTransferRequestEvent extends CxEvent<TransferRequestDetail> {
  static readonly type = 'cx-transfer-request';
  constructor(detail: TransferRequestDetail) {
    super(CxTransferRequestEvent.type, detail, { cancelable: true });
  }
}

export interface MergeRequestDetail extends CallRequestDetail {
  /** The other call of the 3-way conversation. */
  readonly other: CallHandle;
}

/** The agent asked to merge two calls into a 3-way conversation. */
export class CxMergeRequestEvent extends CxEvent<MergeRequestDetail> {
  static readonly type = 'cx-merge-request';
  constructor(detail: MergeRequestDetail) {
    super(CxMergeRequestEvent.type, detail, { cancelable: true });
  }
}

export interface RecordRequestDetail extends CallRequestDetail {
  /** True to start recording, false to stop. */
  readonly recording: boolean;
}

/** The agent asked to start or stop recording a call. */
export class CxRecordRequestEvent extends CxEvent<RecordRequestDetail> {
  static readonly type = 'cx-record-request';
  constructor(detail: RecordRequestDetail) {
    super(CxRecordRequestEvent.type, detail, { cancelable: true });
  }
}

export interface CallBackRequestDetail extends CallRequestDetail {
  /** The number to call back (the other party's of `call`). */
  readonly target: string;
}

/**
 * The agent asked to call back the other party of a missed or finished
 * call (Call back). The Banner puts the number in its New call field and
 * moves the focus there: the agent places the call with New call.
 */
export class CxCallBackRequestEvent extends CxEvent<CallBackRequestDetail> {
  static readonly type = 'cx-call-back-request';
  constructor(detail: CallBackRequestDetail) {
    super(CxCallBackRequestEvent.type, detail, { cancelable: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'cx-call-back-request': CxCallBackRequestEvent;
    'cx-transfer-request': CxTransferRequestEvent;
    'cx-merge-request': CxMergeRequestEvent;
    'cx-record-request': CxRecordRequestEvent;
    'cx-accept-request': CxAcceptRequestEvent;
    'cx-decline-request': CxDeclineRequestEvent;
    'cx-hang-up-request': CxHangUpRequestEvent;
    'cx-mute-request': CxMuteRequestEvent;
    'cx-hold-request': CxHoldRequestEvent;
    'cx-dtmf-request': CxDtmfRequestEvent;
    'cx-dial-request': CxDialRequestEvent;
  }
}
