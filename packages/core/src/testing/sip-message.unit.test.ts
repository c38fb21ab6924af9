import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  SipHeaders,
  SipParseErrorCode,
  createSipResponse,
  fromTag,
  parseAuthHeader,
  parseCSeq,
  parseNameAddr,
  parseSipMessage,
  parseSipUri,
  parseVia,
  serializeSipMessage,
  splitHeaderList,
  toTag,
  topViaBranch,
  uriHost,
  uriUser,
  withRequestUri,
  type SipMessage,
  type SipRequest,
  type SipResponse,
} from './sip-message.js';

const INVITE = [
  'INVITE sip:1001@sim.cx.invalid SIP/2.0',
  'Via: SIP/2.0/WSS k3l9.invalid;branch=z9hG4bK776asdhds',
  'Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKolder',
  'Max-Forwards: 70',
  'To: <sip:1001@sim.cx.invalid>',
  'From: "Ann Smith" <sip:2001@sim.cx.invalid>;tag=1928301774',
  'Call-ID: a84b4c76e66710',
  'CSeq: 314159 INVITE',
  'Contact: <sip:x7yq2@k3l9.invalid;transport=ws>',
  'X-CX-Queue: Sales',
  'Content-Type: application/sdp',
  'Content-Length: 12',
  '',
  'v=0\r\no=- 1\r\n',
].join('\r\n');

function parseOk(raw: string): SipMessage {
  const result = parseSipMessage(raw);
  if (!result.ok) assert.fail(`expected a message, got ${result.error.code}: ${result.error.message}`);
  return result.message;
}

function parseRequest(raw: string): SipRequest {
  const message = parseOk(raw);
  assert.equal(message.kind, 'request');
  return message as SipRequest;
}

function parseResponse(raw: string): SipResponse {
  const message = parseOk(raw);
  assert.equal(message.kind, 'response');
  return message as SipResponse;
}

function parseError(raw: string): { code: string; hasRequest: boolean } {
  const result = parseSipMessage(raw);
  if (result.ok) assert.fail('expected an error');
  assert.ok(result.error.message.length > 0);
  return { code: result.error.code, hasRequest: result.error.request !== undefined };
}

describe('parseSipMessage', () => {
  it('parses a request: method, Request-URI, ordered headers, body', () => {
    const request = parseRequest(INVITE);
    assert.equal(request.method, 'INVITE');
    assert.equal(request.uri, 'sip:1001@sim.cx.invalid');
    assert.equal(request.headers.get('x-cx-queue'), 'Sales');
    assert.deepEqual(request.headers.getAll('Via'), [
      'SIP/2.0/WSS k3l9.invalid;branch=z9hG4bK776asdhds',
      'SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKolder',
    ]);
    assert.deepEqual(
      [...request.headers].map((h) => h.name).slice(0, 4),
      ['Via', 'Via', 'Max-Forwards', 'To'],
    );
    assert.equal(request.body, 'v=0\r\no=- 1\r\n');
    assert.equal(topViaBranch(request), 'z9hG4bK776asdhds');
    assert.equal(fromTag(request), '1928301774');
    assert.equal(toTag(request), undefined);
  });

  it('parses a response: status, reason with spaces, body-less', () => {
    const response = parseResponse(
      [
        'SIP/2.0 480 Temporarily Unavailable',
        'Via: SIP/2.0/WSS k3l9.invalid;branch=z9hG4bK1',
        'To: <sip:1001@sim.cx.invalid>;tag=abc',
        'From: <sip:2001@sim.cx.invalid>;tag=def',
        'Call-ID: c1',
        'CSeq: 2 INVITE',
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n'),
    );
    assert.equal(response.status, 480);
    assert.equal(response.reason, 'Temporarily Unavailable');
    assert.equal(response.body, '');
    assert.equal(toTag(response), 'abc');
  });

  it('reads headers case-insensitively and by compact form', () => {
    const request = parseRequest(
      [
        'MESSAGE sip:1001@sim.cx.invalid SIP/2.0',
        'v: SIP/2.0/WS a.invalid;branch=z9hG4bKc1',
        'f: <sip:2001@sim.cx.invalid>;tag=t1',
        't: sip:1001@sim.cx.invalid',
        'i: compact-call-id',
        'CSEQ: 1 MESSAGE',
        'm: <sip:u@a.invalid;transport=ws>',
        'k: path, gruu',
        'c: text/plain',
        'l: 2',
        '',
        'hi',
      ].join('\r\n'),
    );
    assert.equal(request.headers.get('Via'), 'SIP/2.0/WS a.invalid;branch=z9hG4bKc1');
    assert.equal(request.headers.get('CALL-ID'), 'compact-call-id');
    assert.equal(request.headers.get('contact'), '<sip:u@a.invalid;transport=ws>');
    assert.deepEqual(request.headers.values('Supported'), ['path', 'gruu']);
    assert.equal(request.headers.get('Content-Type'), 'text/plain');
    assert.equal(request.headers.get('cseq'), '1 MESSAGE');
    assert.equal(request.body, 'hi');
  });

  it('accepts bare LF line ends, folded lines and leading blank lines', () => {
    const request = parseRequest(
      '\r\n\r\nOPTIONS sip:sim.cx.invalid SIP/2.0\nVia: SIP/2.0/WSS a.invalid\n ;branch=z9hG4bKf\nFrom: <sip:a@b>;tag=1\nTo: <sip:sim.cx.invalid>\nCall-ID: x\nCSeq: 7 OPTIONS\n\n',
    );
    assert.equal(request.method, 'OPTIONS');
    assert.equal(topViaBranch(request), 'z9hG4bKf');
  });

  it('counts Content-Length in UTF-8 bytes and cuts extra bytes', () => {
    const head = 'MESSAGE sip:1001@x SIP/2.0\r\nVia: SIP/2.0/WSS a;branch=z9hG4bK2\r\nFrom: <sip:a@x>;tag=1\r\nTo: <sip:1001@x>\r\nCall-ID: y\r\nCSeq: 1 MESSAGE\r\n';
    assert.equal(parseRequest(`${head}Content-Length: 5\r\n\r\nZoé!`).body, 'Zoé!');
    assert.equal(parseRequest(`${head}Content-Length: 3\r\n\r\nZoé!`).body, 'Zo\uFFFD');
    assert.equal(parseRequest(`${head}Content-Length: 2\r\n\r\nhello`).body, 'he');
    assert.equal(parseRequest(`${head}\r\nno length`).body, 'no length');
  });

  it('rejects malformed input with a typed error, never a throw', () => {
    const valid = INVITE;
    const cases: ReadonlyArray<readonly [string, string, boolean]> = [
      ['', SipParseErrorCode.Empty, false],
      ['\r\n\r\n', SipParseErrorCode.Empty, false],
      ['hello world', SipParseErrorCode.StartLine, false],
      ['INVITE sip:1001@x SIP/3.0\r\n\r\n', SipParseErrorCode.StartLine, false],
      ['INVITE  SIP/2.0\r\n\r\n', SipParseErrorCode.StartLine, false],
      ['SIP/2.0 99 Too Low\r\n\r\n', SipParseErrorCode.StartLine, false],
      ['SIP/2.0 abc OK\r\n\r\n', SipParseErrorCode.StartLine, false],
      [valid.replace('Max-Forwards: 70', 'Max-Forwards 70'), SipParseErrorCode.HeaderLine, true],
      [valid.replace('Max-Forwards: 70', 'Bad Name: 1'), SipParseErrorCode.HeaderLine, true],
      [valid.replace('Call-ID: a84b4c76e66710\r\n', ''), SipParseErrorCode.MissingHeader, true],
      [valid.replace(/Via: [^\r]*\r\n/g, ''), SipParseErrorCode.MissingHeader, true],
      [valid.replace('CSeq: 314159 INVITE', 'CSeq: many INVITE'), SipParseErrorCode.CSeq, true],
      [valid.replace('CSeq: 314159 INVITE', 'CSeq: 314159 BYE'), SipParseErrorCode.CSeq, true],
      [valid.replace('Content-Length: 12', 'Content-Length: twelve'), SipParseErrorCode.ContentLength, true],
      [valid.replace('Content-Length: 12', 'Content-Length: 400'), SipParseErrorCode.ContentLength, true],
      ['SIP/2.0 200 OK\r\nVia: SIP/2.0/WSS a;branch=z9hG4bK3\r\n\r\n', SipParseErrorCode.MissingHeader, false],
    ];
    for (const [raw, code, hasRequest] of cases) {
      assert.deepEqual(parseError(raw), { code, hasRequest }, JSON.stringify(raw.slice(0, 60)));
    }
  });

  it('keeps the readable part of a malformed request so that it can be answered', () => {
    const result = parseSipMessage(INVITE.replace('Content-Length: 12', 'Content-Length: 400'));
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.error.request?.method, 'INVITE');
    const response = createSipResponse(result.error.request ?? { headers: new SipHeaders() }, 400);
    assert.equal(response.headers.get('call-id'), 'a84b4c76e66710');
    assert.equal(topViaBranch(response), 'z9hG4bK776asdhds');
  });

  it('survives hostile input', () => {
    const inputs = [
      '\u0000\u0001\u0002',
      'INVITE sip:a@b SIP/2.0\r\n' + 'X: y\r\n'.repeat(5000),
      'INVITE sip:a@b SIP/2.0\r\n:\r\n\r\n',
      'SIP/2.0 200 OK\r\n\tcontinued\r\n\r\n',
      'INVITE sip:a@b SIP/2.0\r\nVia: ;;;;\r\nFrom: <\r\nTo: "\r\nCall-ID:\r\nCSeq: 1 INVITE\r\n\r\n',
    ];
    for (const raw of inputs) assert.equal(parseSipMessage(raw).ok, false);
  });
});

describe('serializeSipMessage', () => {
  it('round-trips and rewrites Content-Length in bytes', () => {
    const request = parseRequest(INVITE);
    const again = parseRequest(serializeSipMessage(request));
    assert.equal(again.uri, request.uri);
    assert.deepEqual([...again.headers], [...request.headers]);
    assert.equal(again.body, request.body);

    const changed = { ...withRequestUri(request, 'sip:x7yq2@k3l9.invalid;transport=ws'), body: 'é' };
    const wire = serializeSipMessage(changed);
    assert.ok(wire.startsWith('INVITE sip:x7yq2@k3l9.invalid;transport=ws SIP/2.0\r\n'));
    assert.match(wire, /\r\nContent-Length: 2\r\n\r\né$/);
    assert.equal(request.uri, 'sip:1001@sim.cx.invalid', 'the original is not changed');
  });

  it('adds Content-Length when missing', () => {
    const response = createSipResponse(parseRequest(INVITE), 100);
    assert.match(serializeSipMessage(response), /^SIP\/2\.0 100 Trying\r\n[\s\S]*Content-Length: 0\r\n\r\n$/);
  });
});

describe('createSipResponse', () => {
  it('copies Via, From, To, Call-ID, CSeq and tags To', () => {
    const request = parseRequest(INVITE);
    const response = createSipResponse(request, 404, { toTag: 'sw1', headers: [['Server', 'sim']] });
    assert.equal(response.reason, 'Not Found');
    assert.deepEqual(response.headers.getAll('via'), request.headers.getAll('via'));
    assert.equal(toTag(response), 'sw1');
    assert.equal(fromTag(response), '1928301774');
    assert.equal(response.headers.get('cseq'), '314159 INVITE');
    assert.equal(response.headers.get('server'), 'sim');
    assert.equal(toTag(createSipResponse(request, 100)), undefined, 'no tag on 100');
    assert.match(toTag(createSipResponse(request, 486)) ?? '', /^[a-z0-9]{10}$/);
  });
});

describe('SipHeaders', () => {
  it('sets, appends and deletes across compact and full names', () => {
    const headers = new SipHeaders([
      { name: 'v', value: 'a' },
      { name: 'To', value: 't' },
      { name: 'Via', value: 'b' },
    ]);
    headers.set('Via', 'c');
    assert.deepEqual([...headers], [
      { name: 'Via', value: 'c' },
      { name: 'To', value: 't' },
    ]);
    headers.append('m', '<sip:a@b>').delete('to');
    assert.deepEqual(headers.getAll('contact'), ['<sip:a@b>']);
    assert.equal(headers.size, 2);
    assert.equal(headers.has('To'), false);
  });
});

describe('URI and header helpers', () => {
  it('parses SIP URIs', () => {
    assert.deepEqual(parseSipUri('sip:1001:secret@Sim.CX.invalid:5061;transport=ws;lr?subject=x'), {
      scheme: 'sip',
      user: '1001',
      host: 'sim.cx.invalid',
      port: 5061,
      params: { transport: 'ws', lr: '' },
    });
    assert.equal(uriUser('sip:abcd1234@xyz.invalid;transport=ws'), 'abcd1234');
    assert.equal(uriHost('sip:abcd1234@xyz.invalid;transport=ws'), 'xyz.invalid');
    assert.equal(uriUser('sips:sim.cx.invalid'), undefined);
    assert.equal(uriHost('sip:[2001:db8::1]:5060'), '[2001:db8::1]');
    assert.equal(uriUser('sip:+33123456789;phone-context=x@sim.cx.invalid'), '+33123456789;phone-context=x');
    for (const bad of ['', 'tel:+331234', 'sip:', 'sip:@host', 'sip:a@b@c', 'http://x', 'sip:a b@c']) {
      assert.equal(parseSipUri(bad), undefined, bad);
    }
  });

  it('parses name-addr and addr-spec values', () => {
    assert.deepEqual(parseNameAddr('"Ann \\"the\\" Agent" <sip:2001@x;transport=ws>;tag=9;expires=0'), {
      displayName: 'Ann "the" Agent',
      uri: 'sip:2001@x;transport=ws',
      params: { tag: '9', expires: '0' },
    });
    assert.deepEqual(parseNameAddr('Bob <sip:b@x>'), { displayName: 'Bob', uri: 'sip:b@x', params: {} });
    assert.deepEqual(parseNameAddr('sip:b@x;tag=5'), { displayName: undefined, uri: 'sip:b@x', params: { tag: '5' } });
    assert.deepEqual(parseNameAddr('*'), { displayName: undefined, uri: '*', params: {} });
    for (const bad of ['', '"unterminated <sip:a@b>', '<sip:a@b', '<>', '"x" sip:a@b']) {
      assert.equal(parseNameAddr(bad), undefined, bad);
    }
  });

  it('parses Via and CSeq values', () => {
    assert.deepEqual(parseVia('SIP / 2.0 / wss k3l9.invalid:443 ;branch=z9hG4bKx;rport'), {
      protocol: 'SIP/2.0/wss',
      transport: 'WSS',
      sentBy: 'k3l9.invalid:443',
      params: { branch: 'z9hG4bKx', rport: '' },
    });
    assert.equal(parseVia('garbage'), undefined);
    assert.deepEqual(parseCSeq('42  ACK'), { seq: 42, method: 'ACK' });
    assert.equal(parseCSeq('ACK 42'), undefined);
  });

  it('splits lists outside quotes and angle brackets', () => {
    assert.deepEqual(splitHeaderList('<sip:a@b;x=1,2>;q=1, "Doe, J" <sip:c@d>,sip:e@f'), [
      '<sip:a@b;x=1,2>;q=1',
      '"Doe, J" <sip:c@d>',
      'sip:e@f',
    ]);
    const request = parseRequest(
      INVITE.replace(/Via: [^\r]*\r\nVia: [^\r]*\r\n/, 'Via: SIP/2.0/WSS top.invalid;branch=z9hG4bKtop, SIP/2.0/UDP b;branch=z9hG4bKb\r\n'),
    );
    assert.equal(topViaBranch(request), 'z9hG4bKtop');
  });

  it('parses digest authorization headers', () => {
    assert.deepEqual(
      parseAuthHeader('Digest username="1001", realm="sim.cx.invalid", nonce="n,1", uri="sip:sim.cx.invalid", response="abc", algorithm=MD5, qop=auth, nc=00000001, cnonce="c"'),
      {
        scheme: 'Digest',
        params: {
          username: '1001',
          realm: 'sim.cx.invalid',
          nonce: 'n,1',
          uri: 'sip:sim.cx.invalid',
          response: 'abc',
          algorithm: 'MD5',
          qop: 'auth',
          nc: '00000001',
          cnonce: 'c',
        },
      },
    );
    assert.equal(parseAuthHeader('Digest'), undefined);
    assert.equal(parseAuthHeader('Digest username'), undefined);
  });
});
