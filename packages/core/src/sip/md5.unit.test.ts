import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Md5 } from 'sip.js/lib/core/messages/md5.js';
import { md5 } from './md5.js';

describe('md5', () => {
  it('matches the test suite of RFC 1321 (appendix A.5)', () => {
    const vectors: ReadonlyArray<readonly [string, string]> = [
      ['', 'd41d8cd98f00b204e9800998ecf8427e'],
      ['a', '0cc175b9c0f1b6a831c399e269772661'],
      ['abc', '900150983cd24fb0d6963f7d28e17f72'],
      ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
      ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
      [
        'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
        'd174ab98d277d9f5a5611c2c9f419d9f',
      ],
      [
        '12345678901234567890123456789012345678901234567890123456789012345678901234567890',
        '57edf4a22be3c955ac49da2e2107b67a',
      ],
    ];
    for (const [input, expected] of vectors) assert.equal(md5(input), expected, JSON.stringify(input));
  });

  it('computes the digest response of the RFC 2617 example (section 3.5)', () => {
    const ha1 = md5('Mufasa:testrealm@host.com:Circle Of Life');
    const ha2 = md5('GET:/dir/index.html');
    const response = md5(`${ha1}:dcd98b7102dd2f0e8b11d0f600bfb0c093:00000001:0a4f113b:auth:${ha2}`);
    assert.equal(response, '6629fae49393a05397450978507c4ef1');
  });

  it('agrees with node:crypto around every padding boundary', () => {
    for (let length = 0; length <= 200; length++) {
      const bytes = new Uint8Array(length);
      for (let i = 0; i < length; i++) bytes[i] = (i * 31 + length * 7) & 0xff;
      assert.equal(md5(bytes), createHash('md5').update(bytes).digest('hex'), `length ${length}`);
    }
  });

  it('hashes strings as UTF-8', () => {
    const text = 'Zoé ☎ 電話 😀';
    assert.equal(md5(text), createHash('md5').update(text, 'utf8').digest('hex'));
  });
  it("gives what sip.js's own Md5.hashStr gives (the script-tag build uses it in its place)", () => {
    const inputs = ['', 'a', 'agent-pw', '1001:sim.cx.invalid:agent-pw', 'REGISTER:sip:sim.cx.invalid', 'pässwörd€😀', 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(64), 'w'.repeat(1000)];
    for (const input of inputs) assert.equal(md5(input), Md5.hashStr(input) as string, JSON.stringify(input.slice(0, 20)));
  });
});
