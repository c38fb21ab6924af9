/**
 * @cx/elements: the Lit web components of CX Banner. They render the stores
 * of an @cx/core phone and turn the agent's clicks into its commands.
 * Importing this module defines the `cx-*` elements.
 */
import { defineElements } from './define.js';

export const version = '0.1.0';

export { CxElement, type Theme } from './cx-element.js';
export { CxBanner } from './banner/banner.js';
export { CxSmallBanner } from './small-banner/small-banner.js';
export { CxCallPopup } from './call-popup/call-popup.js';
/** `<cx-active-call>` and `<cx-call-box>` are defined by `loadCallPanels()` (the banner loads them once the phone is registered). */
export type { CxActiveCall, ActiveCallTab } from './active-call/active-call.js';
export type { CxCallBox } from './call-box/call-box.js';
export { CxCallTimer } from './call-timer/call-timer.js';
export { CxRingCountdown } from './ring-countdown/ring-countdown.js';
/** `<cx-keypad>` is defined when the Phone keypad is first opened (it loads then). */
export type { CxKeypad } from './keypad/keypad.js';
export type { CxTransferPicker, CxTransferStatus } from './transfer-panels/transfer-panels.js';
export type { CxMonitorPanel, MonitorTarget } from './monitor-panel/monitor-panel.js';

export { loadAgentStatus, loadMissedCalls, loadMonitorPanel, loadPoolPanel, loadTransferPanels, loadVoicemail, loadWrapUp } from './lazy-panels.js';
export { loadCallHistory } from './lazy-panels.js';
export { loadNotificationSettings } from './lazy-panels.js';
export { loadDeviceSettings } from './lazy-panels.js';
export { loadUnansweredSettings } from './lazy-panels.js';
export { loadContactFolders } from './lazy-panels.js';
export { loadSettings } from './lazy-panels.js';
export { loadCallPanels } from './lazy-panels.js';
export type { CxSettings } from './settings/settings-panel.js';
export type { CxDeviceSettings, CxDeviceSettingRequestEvent, DeviceSettingDetail } from './device-settings/device-settings.js';
export type { CxUnansweredSettings, CxUnansweredSettingsRequestEvent } from './unanswered-settings/unanswered-settings.js';
export type { CxContactFolders, CxContactFolderRemoveRequestEvent, CxContactImportRequestEvent } from './contact-folders/contact-folders.js';
export type {
  CxNotificationSettings,
  CxNotificationSettingRequestEvent,
  DesktopPermission,
} from './notification-settings/notification-settings.js';
export type { CxAgentStatus, CxStatusRequestEvent, StatusRequestDetail } from './agent-status/agent-status-control.js';
export type { CxPoolPanel, CxTakeRequestEvent } from './pool/pool-panel.js';
export type { CxMissedCalls, CxMissedCallBackEvent } from './missed/missed-calls-panel.js';
export type { CxVoicemail, CxMarkHeardRequestEvent } from './voicemail/voicemail-panel.js';
export type { CallShowDetail, CxCallHistory, CxCallShowRequestEvent } from './call-history/call-history.js';
export type {
  CxWrapUp,
  CxWrapUpEndRequestEvent,
  CxWrapUpExtendRequestEvent,
  CxWrapUpLinkRequestEvent,
  CxWrapUpSaveRequestEvent,
  WrapUpRequestDetail,
} from './wrap-up/wrap-up-panel.js';
export { cxElements, defineElements } from './define.js';

export { StoreController, type ReadableStore } from './controllers/store-controller.js';
export { SubscriptionController } from './controllers/subscription-controller.js';
export { TickController } from './controllers/tick-controller.js';
export { Shortcut, ShortcutController, shortcutLabel, type ShortcutActions } from './controllers/shortcut-controller.js';

export { CxEvent } from './events/cx-event.js';
export * from './events/call-events.js';
export * from './events/request-events.js';
export { CxBeforeLeaveEvent, CxNavigateDuringCallEvent, type LeaveDetail, type NavigateDetail } from './close-protection/leave-guard.js';
export * from './events/call-box-events.js';
export * from './events/command-failed-event.js';

export { requestCommand, type CommandOutcome } from './commands/request-command.js';
export { enableClickToCall, type ClickToCall, type ClickToCallOptions } from './click-to-call/enable-click-to-call.js';
export * from './commands/call-commands.js';
export { CommandController } from './controllers/command-controller.js';
export { errorMessage } from './format/error-messages.js';
export { BannerPreferences } from './preferences/banner-preferences.js';
export { CallBoxColour, callBoxColours, callBoxColourName } from './preferences/call-box-colour.js';
/** The band colour of a call by its type, for an element showing a call with its `info.colour` as a class. */
export { callColourStyles } from './styles/call-colour.styles.js';
export { browserStorage, memoryStorage, type PreferenceStorage } from './preferences/preference-storage.js';
export { formatTime, getLocale, setLocale, type CxLocale } from './i18n/locale.js';
export { formatNumber } from './format/format-number.js';
export { formatClock, formatDuration } from './format/format-duration.js';
export { agentLabel, callerLabel, callerNumberLabel, callStateLabel, callTypeLabel, connectionLabel, endLabel } from './format/call-labels.js';
export { hotlineStyles, hotlineView } from './format/hotline-view.js';

defineElements();
