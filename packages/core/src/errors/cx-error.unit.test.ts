import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { WrapUpRefusedError } from '../platform/wrap-up-refused-error.js';
import { CxError, CxErrorCode, isCxError } from './cx-error.js';

/**
 * What another copy of CX Banner on the page makes: its own `CxError` class
 * (same shape, another identity), branded with the same registered symbol.
 */
class OtherCopyError extends Error {
  readonly code: CxErrorCode;
  constructor(code: CxErrorCode, message: string) {
    super(message);
    this.name = 'CxError';
    this.code = code;
    Object.defineProperty(this, Symbol.for('cx-banner.error'), { value: true });
  }
}

describe('isCxError and instanceof CxError', () => {
  test('a CxError of this copy passes both, with and without its code', () => {
    const error = new CxError(CxErrorCode.InvalidDtmf, 'Not a DTMF digit.');
    assert.equal(error instanceof CxError, true);
    assert.equal(error instanceof Error, true);
    assert.equal(isCxError(error), true);
    assert.equal(isCxError(error, CxErrorCode.InvalidDtmf), true);
    assert.equal(isCxError(error, CxErrorCode.InvalidState), false);
  });

  test('an error made by another copy passes both (the brand, not the class, counts)', () => {
    const foreign = new OtherCopyError(CxErrorCode.AlreadyTaken, 'Taken by another agent.');
    assert.equal(isCxError(foreign), true);
    assert.equal(isCxError(foreign, CxErrorCode.AlreadyTaken), true);
    assert.equal(isCxError(foreign, CxErrorCode.Destroyed), false);
    assert.equal(foreign instanceof CxError, true);
  });

  test('look-alikes without the brand fail: plain errors, objects with a code, null, strings', () => {
    const lookAlike = Object.assign(new Error('no'), { name: 'CxError', code: CxErrorCode.InvalidOptions });
    for (const value of [lookAlike, { code: 'invalid-options', message: 'x' }, new TypeError('x'), null, undefined, 'CxError', 42]) {
      assert.equal(isCxError(value), false, String(value));
      assert.equal(value instanceof CxError, false, String(value));
    }
  });

  test('the brand is an own, non-enumerable property: it does not show in keys, spreads or JSON', () => {
    const error = new CxError(CxErrorCode.SipFailure, 'Refused.', { statusCode: 486 });
    assert.equal(Object.hasOwn(error, Symbol.for('cx-banner.error')), true);
    assert.deepEqual(Object.getOwnPropertySymbols({ ...error }), []);
    assert.equal(JSON.stringify(error).includes('cx-banner'), false);
    // An object made from the prototype alone is not a CxError.
    assert.equal(isCxError(Object.create(CxError.prototype)), false);
  });

  test('a subclass keeps the brand; instanceof the subclass stays the prototype check', () => {
    const refused = new WrapUpRefusedError('Fix the form.', { reason: 'Required.' });
    assert.equal(isCxError(refused, CxErrorCode.PlatformRefused), true);
    assert.equal(refused instanceof CxError, true);
    assert.equal(refused instanceof WrapUpRefusedError, true);
    assert.equal(new CxError(CxErrorCode.PlatformRefused, 'No.') instanceof WrapUpRefusedError, false);
    assert.equal(new OtherCopyError(CxErrorCode.PlatformRefused, 'No.') instanceof WrapUpRefusedError, false);
  });
});
