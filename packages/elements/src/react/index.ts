/**
 * @cx/elements/react: a React component for every element of CX Banner,
 * made by `@lit/react`. Props set the element's properties (`phone`, `call`,
 * `theme`...); events are `onCx...` props (`cx-call-accepted` ->
 * `onCxCallAccepted`), each typed with the element's event class.
 *
 * @example
 * ```tsx
 * import { CxBanner } from '@cx/elements/react';
 * <CxBanner phone={phone} onCxCallAccepted={(event) => openRecord(event.detail.call)} />
 * ```
 *
 * Importing this module defines every element, the ones the Banner loads
 * lazily included (a React component needs its element's class): a React
 * application that wants them later imports this module lazily itself.
 * `react` and `@lit/react` are optional peer dependencies of
 * `@cx/elements`, needed for this module only.
 */
import { createComponent, type EventName, type ReactWebComponent } from '@lit/react';
import * as React from 'react';
import {
  CxBanner as CxBannerElement,
  CxCallPopup as CxCallPopupElement,
  CxCallTimer as CxCallTimerElement,
  CxRingCountdown as CxRingCountdownElement,
  CxSmallBanner as CxSmallBannerElement,
} from '../index.js';
import { CxActiveCall as CxActiveCallElement } from '../active-call/active-call.js';
import { CxAgentStatus as CxAgentStatusElement } from '../agent-status/agent-status-control.js';
import { CxCallBox as CxCallBoxElement } from '../call-box/call-box.js';
import { CxCallHistory as CxCallHistoryElement } from '../call-history/call-history.js';
import { CxContactFolders as CxContactFoldersElement } from '../contact-folders/contact-folders.js';
import { CxDeviceSettings as CxDeviceSettingsElement } from '../device-settings/device-settings.js';
import { CxKeypad as CxKeypadElement } from '../keypad/keypad.js';
import { CxMissedCalls as CxMissedCallsElement } from '../missed/missed-calls-panel.js';
import { CxMonitorPanel as CxMonitorPanelElement } from '../monitor-panel/monitor-panel.js';
import { CxNotificationSettings as CxNotificationSettingsElement } from '../notification-settings/notification-settings.js';
import { CxPoolPanel as CxPoolPanelElement, type CxPoolMonitorRequestEvent } from '../pool/pool-panel.js';
import { CxSettings as CxSettingsElement } from '../settings/settings-panel.js';
import { CxTransferPicker as CxTransferPickerElement, CxTransferStatus as CxTransferStatusElement } from '../transfer-panels/transfer-panels.js';
import { CxUnansweredSettings as CxUnansweredSettingsElement } from '../unanswered-settings/unanswered-settings.js';
import { CxVoicemail as CxVoicemailElement } from '../voicemail/voicemail-panel.js';
import { CxWrapUp as CxWrapUpElement } from '../wrap-up/wrap-up-panel.js';
import { ELEMENT_EVENTS, pascalCase, type CxTag, type PascalCase } from './element-events.js';

export type { CxTag } from './element-events.js';

/** The `onCx...` props of the events of `tag`, each typed with its event class. */
export type CxEventProps<T extends CxTag> = {
  [K in (typeof ELEMENT_EVENTS)[T][number] as `on${PascalCase<K>}`]: EventName<HTMLElementEventMap[K]>;
};

/** The React component of the element `tag` (class `I`), listening to `E`. */
function component<T extends CxTag & keyof HTMLElementTagNameMap, I extends HTMLElementTagNameMap[T], E extends CxEventProps<T> = CxEventProps<T>>(
  tagName: T,
  elementClass: new () => I,
): ReactWebComponent<I, E> {
  const events = Object.fromEntries(ELEMENT_EVENTS[tagName].map((type: string) => [`on${pascalCase(type)}`, type])) as E;
  // The display name from the tag, not from the class: minifiers rename classes.
  return createComponent({ react: React, tagName, elementClass, events, displayName: pascalCase(tagName) });
}

/** `<cx-banner>`: the agent's Banner. */
export const CxBanner = component('cx-banner', CxBannerElement);
/** `<cx-small-banner>`: the compact bar. */
export const CxSmallBanner = component('cx-small-banner', CxSmallBannerElement);
/** `<cx-call-popup>`: an incoming call on its own. */
export const CxCallPopup = component('cx-call-popup', CxCallPopupElement);
/** `<cx-call-timer>`: a call's running time. */
export const CxCallTimer = component('cx-call-timer', CxCallTimerElement);
/** `<cx-ring-countdown>`: the time left to answer an offer. */
export const CxRingCountdown = component('cx-ring-countdown', CxRingCountdownElement);
/** `<cx-active-call>`: the active call panel on its own. */
export const CxActiveCall = component('cx-active-call', CxActiveCallElement);
/** `<cx-call-box>`: one call's box. */
export const CxCallBox = component('cx-call-box', CxCallBoxElement);
/** `<cx-keypad>`: the Phone keypad. */
export const CxKeypad = component('cx-keypad', CxKeypadElement);
/** `<cx-transfer-picker>`: the transfer destination picker. */
export const CxTransferPicker = component('cx-transfer-picker', CxTransferPickerElement);
/** `<cx-transfer-status>`: a transfer's status, with Complete and Cancel. */
export const CxTransferStatus = component('cx-transfer-status', CxTransferStatusElement);
/** `<cx-agent-status>`: "My status". */
export const CxAgentStatus = component('cx-agent-status', CxAgentStatusElement);
/** `<cx-pool-panel>`: "Calls in pool" (its `cx-monitor-request` always asks for silent monitoring). */
export const CxPoolPanel = component<'cx-pool-panel', CxPoolPanelElement, Omit<CxEventProps<'cx-pool-panel'>, 'onCxMonitorRequest'> & { onCxMonitorRequest: EventName<CxPoolMonitorRequestEvent> }>(
  'cx-pool-panel',
  CxPoolPanelElement,
);
/** `<cx-monitor-panel>`: a supervisor's controls for an agent's call. */
export const CxMonitorPanel = component('cx-monitor-panel', CxMonitorPanelElement);
/** `<cx-missed-calls>`: "Missed calls". */
export const CxMissedCalls = component('cx-missed-calls', CxMissedCallsElement);
/** `<cx-voicemail>`: "Voicemail". */
export const CxVoicemail = component('cx-voicemail', CxVoicemailElement);
/** `<cx-call-history>`: "Recent calls". */
export const CxCallHistory = component('cx-call-history', CxCallHistoryElement);
/** `<cx-wrap-up>`: "Post-interaction". */
export const CxWrapUp = component('cx-wrap-up', CxWrapUpElement);
/** `<cx-settings>`: the agent's settings. */
export const CxSettings = component('cx-settings', CxSettingsElement);
/** `<cx-notification-settings>`: "Notifications". */
export const CxNotificationSettings = component('cx-notification-settings', CxNotificationSettingsElement);
/** `<cx-device-settings>`: "Devices". */
export const CxDeviceSettings = component('cx-device-settings', CxDeviceSettingsElement);
/** `<cx-unanswered-settings>`: "Unanswered calls" (email and SMS for calls nobody answered). */
export const CxUnansweredSettings = component('cx-unanswered-settings', CxUnansweredSettingsElement);
/** `<cx-contact-folders>`: "Contacts", the agent's local contact folders. */
export const CxContactFolders = component('cx-contact-folders', CxContactFoldersElement);
