import { CxError, CxErrorCode, type CxErrorOptions } from '../index.js';

/**
 * `saveWrapUp()` refused by the platform (422 `invalid`): a `CxError` with
 * code `platform-refused` and status 422 whose `fields` holds the platform's
 * message for each refused form field, by field name. The same with code
 * `invalid-wrap-up` when `phone.wrapUp.save()` finds a required field empty
 * before sending.
 *
 * @example
 * try { await client.saveWrapUp(id, body); }
 * catch (error) { if (error instanceof WrapUpRefusedError) show(error.fields); }
 */
export class WrapUpRefusedError extends CxError {
  /** The platform's message for each refused field, by field name. */
  readonly fields: Readonly<Record<string, string>>;

  constructor(
    message: string,
    fields: Readonly<Record<string, string>>,
    options: CxErrorOptions & { code?: typeof CxErrorCode.PlatformRefused | typeof CxErrorCode.InvalidWrapUp } = {},
  ) {
    const { code = CxErrorCode.PlatformRefused, ...rest } = options;
    super(code, message, code === CxErrorCode.PlatformRefused ? { statusCode: 422, ...rest } : rest);
    this.fields = fields;
  }
}
