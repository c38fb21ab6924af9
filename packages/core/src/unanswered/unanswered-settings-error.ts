import { CxError, CxErrorCode } from '../index.js';
import type { UnansweredSettingsProblems } from './unanswered-change.js';

/**
 * `phone.setUnansweredSettings()` refused a change (nothing was changed): a
 * `CxError` with code `invalid-options` whose `fields` says what is wrong
 * with each field (`email.to`, `email.linkPrefix`, `sms.to`, `exceptions`,
 * `exclusions`...; `change` for the change's shape), in English.
 *
 * In a tab that mirrors another, the error is a `CxError` with the same
 * `code` and `fields` (not this class): check those.
 *
 * @example
 * try { await phone.setUnansweredSettings({ email: { linkPrefix: 'javascript:' } }); }
 * catch (error) { if (isCxError(error, 'invalid-options') && 'fields' in error) show(error.fields); }
 */
export class UnansweredSettingsError extends CxError {
  /** What is wrong, by field. */
  readonly fields: UnansweredSettingsProblems;

  constructor(message: string, fields: UnansweredSettingsProblems) {
    super(CxErrorCode.InvalidOptions, message, {
      solutions: ["Email addresses like ann@example.com; phone numbers of digits with an optional +; a link prefix of up to 9 characters ending with ':' or '' for no links; exceptions named as in UnansweredException."],
    });
    this.fields = fields;
  }
}
