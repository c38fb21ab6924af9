// The panels that load on first use (each a chunk of its own in the
// script-tag build): one loader each, shared by the Banner, the small banner
// and the package index. A load loads once; one that failed (the network)
// is tried again next time.

function once(load: () => Promise<unknown>): () => Promise<void> {
  let loading: Promise<void> | undefined;
  return () =>
    (loading ??= load().then(
      () => undefined,
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
}

/** Loads and defines `<cx-monitor-panel>` (supervisors only). */
export const loadMonitorPanel = once(() => import('./monitor-panel/monitor-panel.js'));
/** Loads and defines `<cx-agent-status>` ("My status"; the banners load it once they have a phone). */
export const loadAgentStatus = once(() => import('./agent-status/agent-status-control.js'));
/** Loads and defines `<cx-pool-panel>` ("Calls in pool"; the Banner loads it when the phone has a platform). */
export const loadPoolPanel = once(() => import('./pool/pool-panel.js'));
/** Loads and defines `<cx-missed-calls>` ("Missed calls"; the Banner loads it once there is one). */
export const loadMissedCalls = once(() => import('./missed/missed-calls-panel.js'));
/** Loads and defines `<cx-voicemail>` ("Voicemail"; the Banner loads it once there is a message). */
export const loadVoicemail = once(() => import('./voicemail/voicemail-panel.js'));
/** Loads and defines `<cx-wrap-up>` ("Post-interaction"; the Banner loads it when one begins). */
export const loadWrapUp = once(() => import('./wrap-up/wrap-up-panel.js'));
/** Loads and defines `<cx-call-history>` ("Recent calls"; the Banner loads it once a call has ended). */
export const loadCallHistory = once(() => import('./call-history/call-history.js'));
/** Loads and defines `<cx-notification-settings>` (the region "Notifications" of the settings). */
export const loadNotificationSettings = once(() => import('./notification-settings/notification-settings.js'));
/** Loads and defines `<cx-device-settings>` (the region "Devices" of the settings: microphone, speaker, ringer). */
export const loadDeviceSettings = once(() => import('./device-settings/device-settings.js'));
/** Loads and defines `<cx-unanswered-settings>` (the region "Unanswered calls" of the settings: email and SMS for calls nobody answered). */
export const loadUnansweredSettings = once(() => import('./unanswered-settings/unanswered-settings.js'));
/** Loads and defines `<cx-contact-folders>` (the region "Contacts" of the settings: local contact folders). */
export const loadContactFolders = once(() => import('./contact-folders/contact-folders.js'));
/** Loads and defines `<cx-transfer-picker>` and `<cx-transfer-status>`. */
export const loadTransferPanels = once(() => import('./transfer-panels/transfer-panels.js'));
/** Loads and defines `<cx-settings>` (the Banner's Settings: notifications and devices). */
export const loadSettings = once(() => import('./settings/settings-panel.js'));
/**
 * Loads and defines `<cx-active-call>` and `<cx-call-box>` (the banner loads them once the phone is
 * registered, or a call rings or is placed; a page that shows `<cx-active-call>` alone calls it).
 */
export const loadCallPanels = once(() => import('./call-panels.js'));
