/**
 * @cx/core: the framework-agnostic engine of CX Banner. A phone over SIP and
 * WebRTC, its calls as a state machine, and stores to render them.
 */
export { createPhone, Phone } from './phone/phone.js';
export type { CallOptions, PhoneApi } from './phone/phone-api.js';
export type {
  PhoneOptions,
  SipOptions,
  ProfileOptions,
  MediaOptions,
  MonitoringOptions,
  ResolvedPhoneOptions,
  PlatformConnection,
  PhoneHooks,
} from './phone/phone-options.js';
export type { PhoneEvents, PhoneEventMap, PhoneApiEventMap, PhoneEventName } from './phone/phone-events.js';
export { parseDialTarget, type DialTarget } from './phone/dial-target.js';
export type {
  Contact,
  ContactAnswer,
  ContactAutoOpen,
  ContactFolder,
  ContactImportOptions,
  ContactLookup,
  ContactLookupCall,
  ContactOptions,
  ContactSourceKind,
  PhoneContacts,
} from './contacts/contact-options.js';
export { Call, DTMF_DIGITS, type CallHandle, type CallSnapshot, type CallDirection } from './call/call.js';
export { CallState, CallCommand, EndReason, callTransitions, canTransition, abilitiesOf, isMissed } from './call/call-state.js';
export type { CallAbilities, CallPermits } from './call/call-state.js';
export { CallType, CallColour } from './call/call-info.js';
export type {
  CallInfo,
  TransferInfo,
  TransferType,
  QueueInfo,
  RemoteParty,
  MonitorInfo,
  MonitorMode,
  MonitorNotice,
  RecordingPolicy,
} from './call/call-info.js';
export { TransferState } from './transfer/transfer-types.js';
export type {
  Transfer,
  TransferMode,
  TransferFailure,
  TransferOptions,
  TransferSnapshot,
  TransferTarget,
  DirectoryEntry,
} from './transfer/transfer-types.js';
export type { Conference } from './conference/conference-feature.js';
export type { MonitorSession, MonitorOptions, MonitorState } from './monitoring/monitoring-feature.js';
export type { RecordingFile } from './phone/phone-events.js';
export type { CallQuality, QualityMetrics, QualitySample, QualityWarning } from './quality/quality-types.js';
export { AgentStatus, type AgentState, type RestingStatus } from './agent/agent-status.js';
export type {
  Me,
  Queue as PlatformQueue,
  PoolEntry,
  Interaction,
  StatusAnswer,
  PlatformStatus,
  PlatformEvent,
  MissedCall,
  Voicemail,
  QueueForm,
  FormField,
  PlatformUser,
} from './platform/platform-schemas.js';
export type { MissedCallEntry, MissedReason } from './missed/missed-calls.js';
export {
  DEFAULT_NOTIFICATIONS,
  DESKTOP_TEXTS,
  type DesktopText,
  type NotificationKind,
  type NotificationMode,
  type NotificationSettings,
} from './notifications/notification-settings.js';
export type { VoicemailPlayback } from './voicemail/voicemail-feature.js';
export type { PhoneDevices, MediaDeviceEntry, DeviceSelection, DeviceRole, DeviceChange, MicrophonePermission } from './media/devices-types.js';
export type {
  WrapUp,
  WrapUpDraft,
  WrapUpValue,
  WrapUpInput,
  WrapUpCommands,
  WrapUpSaveState,
  WrapUpSaveStatus,
  WrapUpHookContext,
  CrmLink,
  CrmPicker,
  CallRecord,
  LoggedWrapUp,
} from './wrap-up/wrap-up-types.js';
export type { BeforeDial, CallOutcome, DialContext, DialOrigin, LoggedRecording, LoggedTransfer } from './crm/crm-types.js';
// The platform client itself is `@cx/core/platform` (the phone loads it lazily).
export type { PlatformClient, PlatformOptions, PlatformEventListener, PlatformStreamState } from './platform/platform-client.js';
export type { ConnectionStatus, ConnectionState } from './sip/sip-agent.js';
export { CxError, CxErrorCode, isCxError, type CxErrorOptions } from './errors/cx-error.js';
// The class lives with the platform client (`@cx/core/platform`, loaded lazily): check `code` and `fields`.
export type { WrapUpRefusedError } from './platform/wrap-up-refused-error.js';
export { LogLevel, type LogOptions, type LogSink } from './logger.js';
export { sanitizeText } from './rules/sanitize-text.js';
export { smallBannerAllows, type SmallBannerRule } from './rules/small-banner-access.js';
export type { HotlineEntity, HotlineMatch, HotlineValues } from './rules/hotline-match.js';
export type { HotlineOptions } from './rules/hotline-options.js';
// The unanswered-call rules are `@cx/core/unanswered` (they carry libphonenumber-js; the phone loads them lazily).
export type { UnansweredException, UnansweredCall, UnansweredContact, UnansweredHistory, UnansweredSettings, UnansweredVerdict, LinkPrefix } from './rules/unanswered.js';
export type { UnansweredSettingsChange, UnansweredSettingsField, UnansweredSettingsProblems } from './unanswered/unanswered-change.js';
// The class loads with the unanswered-call feature: check `code` (`invalid-options`) and `fields`.
export type { UnansweredSettingsError } from './unanswered/unanswered-settings-error.js';
export type { UnansweredEmail, UnansweredEmailOptions, EmailAttachment } from './rules/unanswered-email.js';
export type { UnansweredSms } from './rules/unanswered-sms.js';
export type { VCardContact, VCardVersion } from './rules/vcard.js';
