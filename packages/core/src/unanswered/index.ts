/**
 * @cx/core/unanswered: the unanswered-call notification rules, pure and
 * free of the DOM, so that the Banner (in the browser) and a platform (in
 * Node, for agents who are not logged in) decide and write the same
 * messages (docs/unanswered-calls.md).
 *
 * @example
 * import { evaluateUnanswered, composeUnansweredEmail, composeUnansweredSms } from '@cx/core/unanswered';
 */
export {
  evaluateUnanswered,
  isWithheld,
  isLinkPrefix,
  calendarDay,
  DEFAULT_UNANSWERED,
  SHORT_RING_MS,
  UnansweredException,
  type UnansweredCall,
  type UnansweredContact,
  type UnansweredHistory,
  type UnansweredSettings,
  type UnansweredVerdict,
  type LinkPrefix,
} from '../rules/unanswered.js';
export { composeUnansweredEmail, escapeHtml, type UnansweredEmail, type UnansweredEmailOptions, type EmailAttachment } from '../rules/unanswered-email.js';
export { composeUnansweredSms, SMS_LENGTH, type UnansweredSms } from '../rules/unanswered-sms.js';
export { writeVCard, type VCardContact, type VCardVersion } from '../rules/vcard.js';
export {
  unansweredStorageKey,
  mergeUnansweredSettings,
  loadUnansweredSettings,
  saveUnansweredSettings,
  type SettingsStorage,
} from './unanswered-settings.js';
export {
  applyUnansweredChange,
  isEmailAddress,
  isPhoneNumber,
  type UnansweredSettingsChange,
  type UnansweredSettingsField,
  type UnansweredSettingsProblems,
} from './unanswered-change.js';
