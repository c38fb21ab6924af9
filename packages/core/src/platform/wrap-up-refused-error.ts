import { CxError, CxErrorCode, type CxErrorOptions } from '../index.js';

/**
 * `saveWrapUp()` refused by the platform (422 `invalid`): a `CxError` with
 * code `platform-refused` and status 422 whose `fields` holds the platform's
 * message for each refused form field, by field name.
 *
 * @example
 * try { await client.saveWrapUp(id, body); }
 * catch (error) { if (error instanceof WrapUpRefusedError) show(error.fields); }
 */
export class WrapUpRefusedError extends CxError {
  /** The platform's message for each refused field, by field name. */
  readonly fields: Readonly<Record<string, string>>;

  constructor(message: string, fields: Readonly<Record<string, string>>, options: CxErrorOptions = {}) {
    super(CxErrorCode.PlatformRefused, message, { statusCode: 422, ...options });
    this.fields = fields;
  }
}
