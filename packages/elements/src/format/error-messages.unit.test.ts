import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CxError, CxErrorCode } from '../../../core/src/errors/cx-error.js';
import { errorMessage } from './error-messages.js';

describe('errorMessage', () => {
  test('every code has its own sentence, never core\'s message', () => {
    const seen = new Set<string>();
    for (const code of Object.values(CxErrorCode)) {
      const text = errorMessage(new CxError(code, `core says ${code} <b>`));
      assert.ok(!text.includes('core says'), code);
      assert.ok(text.endsWith('.') || text.endsWith(')'), code);
      seen.add(text);
    }
    assert.equal(seen.size, Object.values(CxErrorCode).length);
  });

  test('a SIP refusal says its status code; an unknown code still says something', () => {
    assert.equal(errorMessage(new CxError('sip-failure', 'x', { statusCode: 488 })), 'The phone system refused the request. (SIP 488)');
    assert.equal(errorMessage({ code: 'future-code' as CxErrorCode, statusCode: undefined }), 'Something went wrong.');
  });
});
