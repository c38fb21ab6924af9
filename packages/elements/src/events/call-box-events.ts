import type { CallHandle } from '@cx/core';
import type { CallBoxColour } from '../preferences/call-box-colour.js';
import { CxEvent } from './cx-event.js';

/* The agent's organisation of their call boxes and notices. */

export interface CallBoxEventDetail {
  readonly call: CallHandle;
}

/** The agent selected a call box: the active call panel shows its call. */
export class CxCallBoxSelectEvent extends CxEvent<CallBoxEventDetail> {
  static readonly type = 'cx-call-box-select';
  constructor(detail: CallBoxEventDetail) {
    super(CxCallBoxSelectEvent.type, detail, { cancelable: true });
  }
}

export interface CallBoxColourDetail extends CallBoxEventDetail {
  readonly colour: CallBoxColour;
}

/** The agent gave a call box a colour (remembered for the caller). */
export class CxCallBoxColourEvent extends CxEvent<CallBoxColourDetail> {
  static readonly type = 'cx-call-box-colour';
  constructor(detail: CallBoxColourDetail) {
    super(CxCallBoxColourEvent.type, detail, { cancelable: false });
  }
}

/** The agent dismissed a missed call notice. */
export class CxMissedDismissEvent extends CxEvent<CallBoxEventDetail> {
  static readonly type = 'cx-missed-dismiss';
  constructor(detail: CallBoxEventDetail) {
    super(CxMissedDismissEvent.type, detail, { cancelable: false });
  }
}

declare global {
  interface HTMLElementEventMap {
    'cx-call-box-select': CxCallBoxSelectEvent;
    'cx-call-box-colour': CxCallBoxColourEvent;
    'cx-missed-dismiss': CxMissedDismissEvent;
  }
}
