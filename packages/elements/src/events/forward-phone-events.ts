import type { CallHandle, PhoneApi } from '@cx/core';
import {
  CxCallAcceptedEvent,
  CxCallDeclinedEvent,
  CxCallEndedEvent,
  CxCallHeldEvent,
  CxCallIncomingEvent,
  CxCallMissedEvent,
  CxCallMutedEvent,
  CxCallResumedEvent,
  CxConnectionChangedEvent,
} from './call-events.js';

/**
 * Dispatches from `host` a `cx-*` DOM event for each call and connection
 * event of `phone`, for the calls `shows` lets through. Returns the
 * function that stops.
 */
export function forwardPhoneEvents(
  host: EventTarget,
  phone: PhoneApi,
  shows: (call: CallHandle) => boolean = () => true,
): () => void {
  const forCall =
    (make: (call: CallHandle) => Event) =>
    (call: CallHandle): void => {
      if (shows(call)) host.dispatchEvent(make(call));
    };
  const offs = [
    phone.on('connection:changed', (status) => host.dispatchEvent(new CxConnectionChangedEvent({ status }))),
    phone.on('call:incoming', forCall((call) => new CxCallIncomingEvent({ call }))),
    phone.on('call:accepted', forCall((call) => new CxCallAcceptedEvent({ call }))),
    phone.on('call:held', forCall((call) => new CxCallHeldEvent({ call }))),
    phone.on('call:resumed', forCall((call) => new CxCallResumedEvent({ call }))),
    phone.on('call:muted', (call, muted) => {
      if (shows(call)) host.dispatchEvent(new CxCallMutedEvent({ call, muted }));
    }),
    phone.on('call:ended', (call) => {
      if (!shows(call)) return;
      const reason = call.snapshot.endReason ?? 'failed';
      host.dispatchEvent(new CxCallEndedEvent({ call, reason }));
      if (reason === 'declined') host.dispatchEvent(new CxCallDeclinedEvent({ call }));
    }),
    phone.on('call:missed', forCall((call) => new CxCallMissedEvent({ call }))),
  ];
  return () => {
    for (const off of offs) off();
  };
}
