import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallInfo } from './call-info.js';
import type { InternalConfig, OfferInput } from './offer-input.js';
import { parseOffer } from './parse-offer.js';
import { readRawHeaders } from '../sip/sip-text.js';

type Header = readonly [string, string];

const CONFIG: InternalConfig = { domains: ['cx.example.com'], extensionPattern: /^\d{2,6}$/ };
const EXTERNAL_CALLER = { displayName: 'Jeanne Dupont', user: '+33123456789', host: 'pstn.example.net' };
const INTERNAL_CALLER = { displayName: 'Paul (support)', user: '2042', host: 'cx.example.com' };
const AGENT = { user: '1001', host: 'cx.example.com' };

function offer(headers: Header[] = [], from: OfferInput['from'] = EXTERNAL_CALLER, to: OfferInput['to'] = AGENT): OfferInput {
  return { headers, from, to };
}

function parse(headers: Header[] = [], from?: OfferInput['from'], to?: OfferInput['to']): CallInfo {
  return parseOffer(offer(headers, from, to), CONFIG);
}

/** What an INVITE that says nothing about the call yields. */
const NOTHING: CallInfo = {
  remote: { number: '', displayName: '', uri: '', internal: false },
  interactionId: undefined,
  callType: 'direct',
  colour: 'ocean',
  queue: undefined,
  waitTime: undefined,
  ringTimeout: undefined,
  transfer: undefined,
  called: '',
  route: [],
  data: Object.create(null) as Record<string, string>,
  monitor: undefined,
  autoAnswer: false,
  smallBanner: undefined,
  recording: undefined,
  headers: Object.create(null) as Record<string, string>,
};

function assertDeepFrozen(value: unknown, path = 'result'): void {
  if (value === null || typeof value !== 'object') return;
  assert.ok(Object.isFrozen(value), `${path} is frozen`);
  for (const [key, child] of Object.entries(value)) assertDeepFrozen(child, `${path}.${key}`);
}

describe('parseOffer: a complete smart-routing INVITE', () => {
  const raw = [
    'INVITE sip:1001@cx.example.com SIP/2.0',
    'Via: SIP/2.0/WSS 192.0.2.10;branch=z9hG4bK-1',
    'From: "Jeanne Dupont" <sip:+33123456789@pstn.example.net>;tag=1',
    'To: <sip:1001@cx.example.com>',
    'X-CX-Interaction-Id: int-7f3a',
    'X-CX-Call-Type: smart',
    'X-CX-Queue: Sales FR',
    'X-CX-Queue-Id: q-42',
    'X-CX-Wait-Time: 37',
    'X-CX-Ring-Timeout: 20',
    'X-CX-Called: +33800123456',
    'X-CX-Route: Welcome > Language: FR > Sales',
    'X-CX-Data-CustomerId: C-0042',
    'X-CX-Data-Language: fr',
    'Call-Info: <sip:cx.example.com>;answer-after=0',
    'X-CX-Small-Banner: allow',
    'Content-Type: application/sdp',
    '',
    'v=0',
  ].join('\r\n');
  const info = parseOffer(offer(readRawHeaders(raw)), CONFIG);

  test('reads every field', () => {
    assert.deepEqual(
      { ...info, data: { ...info.data }, headers: { ...info.headers } },
      {
        remote: {
          number: '+33123456789',
          displayName: 'Jeanne Dupont',
          uri: 'sip:+33123456789@pstn.example.net',
          internal: false,
        },
        interactionId: 'int-7f3a',
        callType: 'smart',
        colour: 'raspberry',
        queue: { name: 'Sales FR', id: 'q-42' },
        waitTime: 37,
        ringTimeout: 20,
        transfer: undefined,
        called: '+33800123456',
        route: ['Welcome', 'Language: FR', 'Sales'],
        data: { CustomerId: 'C-0042', Language: 'fr' },
        monitor: undefined,
        autoAnswer: true,
        smallBanner: true,
        recording: undefined,
        headers: {
          via: 'SIP/2.0/WSS 192.0.2.10;branch=z9hG4bK-1',
          from: '"Jeanne Dupont" <sip:+33123456789@pstn.example.net>;tag=1',
          to: '<sip:1001@cx.example.com>',
          'x-cx-interaction-id': 'int-7f3a',
          'x-cx-call-type': 'smart',
          'x-cx-queue': 'Sales FR',
          'x-cx-queue-id': 'q-42',
          'x-cx-wait-time': '37',
          'x-cx-ring-timeout': '20',
          'x-cx-called': '+33800123456',
          'x-cx-route': 'Welcome > Language: FR > Sales',
          'x-cx-data-customerid': 'C-0042',
          'x-cx-data-language': 'fr',
          'call-info': '<sip:cx.example.com>;answer-after=0',
          'x-cx-small-banner': 'allow',
          'content-type': 'application/sdp',
        },
      },
    );
  });

  test('the result and everything in it is frozen', () => {
    assertDeepFrozen(info);
    assert.throws(() => {
      (info as { callType: string }).callType = 'preview';
    }, TypeError);
    assert.throws(() => {
      (info.route as string[]).push('x');
    }, TypeError);
    assert.throws(() => {
      (info.data as Record<string, string>)['Injected'] = 'x';
    }, TypeError);
    assert.throws(() => {
      (info.remote as { internal: boolean }).internal = true;
    }, TypeError);
  });

  test('every nested object of a fully populated result is frozen', () => {
    const full = parse([
      ['X-CX-Queue', 'Q'],
      ['X-CX-Transfer', 'type=attended;by=Ann'],
      ['X-CX-Monitor', 'mode=whisper;target=int-1'],
      ['X-CX-Data-A', '1'],
      ['X-CX-Route', 'a>b'],
    ]);
    assert.ok(full.queue && full.transfer && full.monitor);
    assertDeepFrozen(full);
  });
});

describe('parseOffer: missing everything', () => {
  test('no headers and an empty From give sensible defaults', () => {
    const info = parse([], { displayName: '', user: '', host: '' }, { user: '', host: '' });
    assert.deepEqual(info, NOTHING);
    assertDeepFrozen(info);
  });

  test('a caller with no headers is a direct external call', () => {
    const info = parse();
    assert.equal(info.callType, 'direct');
    assert.equal(info.colour, 'ocean');
    assert.equal(info.called, '1001');
    assert.equal(info.remote.number, '+33123456789');
  });

  test('empty header values count as absent', () => {
    const info = parse([
      ['X-CX-Interaction-Id', ''],
      ['X-CX-Call-Type', '  '],
      ['X-CX-Queue', ''],
      ['X-CX-Queue-Id', ' '],
      ['X-CX-Wait-Time', ''],
      ['X-CX-Ring-Timeout', ''],
      ['X-CX-Transfer', ''],
      ['X-CX-Called', ''],
      ['X-CX-Route', ''],
      ['X-CX-Monitor', ''],
      ['Call-Info', ''],
      ['Alert-Info', ''],
      ['X-CX-Small-Banner', ''],
    ]);
    assert.deepEqual({ ...info, remote: NOTHING.remote, called: '', headers: NOTHING.headers }, NOTHING);
    assert.equal(info.called, '1001');
  });

  test('a value made only of invisible characters counts as empty', () => {
    const info = parse([
      ['X-CX-Interaction-Id', '\u202e\u200b'],
      ['X-CX-Queue', '\u0000'],
      ['X-CX-Called', '\u2066\u2069'],
    ]);
    assert.equal(info.interactionId, undefined);
    assert.equal(info.queue, undefined);
    assert.equal(info.called, '1001');
  });
});

describe('parseOffer: header lookup', () => {
  test('header names are matched without regard to case', () => {
    const info = parse([
      ['x-cx-call-type', 'PREVIEW'],
      ['X-cx-QUEUE', 'Outbound'],
      ['x-Cx-Wait-time', '5'],
      ['X-CX-INTERACTION-ID', 'abc'],
      ['call-info', '<sip:x>;Answer-After=0'],
    ]);
    assert.equal(info.callType, 'preview');
    assert.equal(info.queue?.name, 'Outbound');
    assert.equal(info.waitTime, 5);
    assert.equal(info.interactionId, 'abc');
    assert.equal(info.autoAnswer, true);
  });

  test('the first occurrence of a header wins', () => {
    const info = parse([
      ['X-CX-Call-Type', 'campaign'],
      ['X-CX-Queue', 'First'],
      ['x-cx-call-type', 'preview'],
      ['X-CX-QUEUE', 'Second'],
      ['X-CX-Wait-Time', '10'],
      ['X-CX-Wait-Time', '99'],
      ['X-CX-Interaction-Id', 'one'],
      ['X-CX-Interaction-Id', 'two'],
    ]);
    assert.equal(info.callType, 'campaign');
    assert.equal(info.queue?.name, 'First');
    assert.equal(info.waitTime, 10);
    assert.equal(info.interactionId, 'one');
  });

  test('an empty first occurrence still wins (and reads as absent)', () => {
    const info = parse([
      ['X-CX-Queue', ''],
      ['X-CX-Queue', 'Second'],
    ]);
    assert.equal(info.queue, undefined);
  });

  test('folded headers read from a raw message', () => {
    const raw = [
      'INVITE sip:1001@cx.example.com SIP/2.0',
      'X-CX-Route: Welcome >',
      '  Support >',
      '\tLevel 2',
      'X-CX-Transfer: type=attended;',
      ' by="Marc Leroy"',
      '',
      '',
    ].join('\r\n');
    const info = parseOffer(offer(readRawHeaders(raw)), CONFIG);
    assert.deepEqual(info.route, ['Welcome', 'Support', 'Level 2']);
    assert.deepEqual(info.transfer, { type: 'attended', by: 'Marc Leroy' });
  });

  test('a 100 KB header value is handled and bounded', () => {
    const huge = 'A'.repeat(100 * 1024);
    const info = parse([
      ['X-CX-Queue', huge],
      ['X-CX-Interaction-Id', huge],
      ['X-CX-Called', huge],
      ['X-CX-Wait-Time', '9'.repeat(100 * 1024)],
      ['X-CX-Route', `${'step>'.repeat(20 * 1024)}`],
      ['X-CX-Data-Blob', huge],
      ['X-CX-Transfer', `type=blind;by=${huge}`],
      ['X-CX-Monitor', `mode=silent;target=${huge}`],
      ['Call-Info', `<sip:x>;${'p=1;'.repeat(25 * 1024)}answer-after=0`],
    ]);
    assert.equal([...(info.queue?.name ?? '')].length, 256);
    assert.equal([...(info.interactionId ?? '')].length, 128);
    assert.equal([...info.called].length, 256);
    assert.equal(info.waitTime, undefined);
    assert.equal(info.route.length, 50);
    assert.equal([...(info.data['Blob'] ?? '')].length, 1024);
    assert.equal([...(info.transfer?.by ?? '')].length, 256);
    assert.equal([...(info.monitor?.target ?? '')].length, 128);
    // Only the first 8 KB of a value are read: the parameter is beyond it.
    assert.equal(info.autoAnswer, false);
  });

  test('ignores header entries that are not [string, string]', () => {
    const headers = [
      ['X-CX-Queue'],
      [42, 'x'],
      null,
      'X-CX-Call-Type: preview',
      ['X-CX-Interaction-Id', 12345],
      ['X-CX-Queue-Id', 'q-1'],
    ] as unknown as Header[];
    const info = parse(headers);
    assert.equal(info.callType, 'smart');
    assert.deepEqual(info.queue, { name: '', id: 'q-1' });
    assert.equal(info.interactionId, undefined);
  });
});

describe('parseOffer: remote party', () => {
  test('number, display name and URI of an external caller', () => {
    assert.deepEqual(parse().remote, {
      number: '+33123456789',
      displayName: 'Jeanne Dupont',
      uri: 'sip:+33123456789@pstn.example.net',
      internal: false,
    });
  });

  test('strips the quotes around a display name and resolves quoted pairs', () => {
    const name = (displayName: string): string => parse([], { ...EXTERNAL_CALLER, displayName }).remote.displayName;
    assert.equal(name('"Jeanne Dupont"'), 'Jeanne Dupont');
    assert.equal(name('  " Jeanne "  '), 'Jeanne');
    assert.equal(name('"Jeanne \\"JD\\" Dupont"'), 'Jeanne "JD" Dupont');
    assert.equal(name('"unclosed'), 'unclosed');
    assert.equal(name('"'), '');
    assert.equal(name('""'), '');
    assert.equal(name('O"Brien'), 'O"Brien');
  });

  test('markup in a display name stays the same text', () => {
    const markup = '<img src=x onerror=alert(1)>';
    assert.equal(parse([], { ...EXTERNAL_CALLER, displayName: markup }).remote.displayName, markup);
    assert.equal(parse([], { ...EXTERNAL_CALLER, displayName: `"${markup}"` }).remote.displayName, markup);
    assert.equal(
      parse([], { ...EXTERNAL_CALLER, displayName: '<script>\u0000alert(1)</script>' }).remote.displayName,
      '<script>alert(1)</script>',
    );
  });

  test('bidi overrides and controls are removed from the caller', () => {
    const remote = parse([], {
      displayName: '\u202eeivaD\u202c \u2066Bob\u2069\r\n\u200b',
      user: '+33\u200e123\u0000',
      host: 'pstn\u202e.example.net',
    }).remote;
    assert.equal(remote.displayName, 'eivaD Bob');
    assert.equal(remote.number, '+33123');
    assert.equal(remote.uri, 'sip:+33123@pstn.example.net');
  });

  test('a 10,000-character display name is truncated', () => {
    const displayName = parse([], { ...EXTERNAL_CALLER, displayName: 'N'.repeat(10_000) }).remote.displayName;
    assert.equal([...displayName].length, 256);
    assert.ok(displayName.endsWith('…'));
    const quoted = parse([], { ...EXTERNAL_CALLER, displayName: `"${'N'.repeat(10_000)}"` }).remote.displayName;
    assert.equal(quoted, displayName);
  });

  test('a 10,000-character user is truncated', () => {
    const remote = parse([], { ...EXTERNAL_CALLER, user: '1'.repeat(10_000) }).remote;
    assert.equal([...remote.number].length, 256);
    assert.equal([...remote.uri].length, 256);
    assert.equal(remote.internal, false);
  });

  test('an anonymous caller has no number and is external', () => {
    for (const user of ['anonymous', 'Anonymous', 'ANONYMOUS', '', '   ']) {
      const remote = parse([], { displayName: 'Anonymous', user, host: 'cx.example.com' }).remote;
      assert.equal(remote.number, '', user);
      assert.equal(remote.internal, false, user);
      assert.equal(remote.displayName, 'Anonymous');
    }
    const anonymous = parse([], { displayName: '', user: 'anonymous', host: 'anonymous.invalid' });
    assert.equal(anonymous.remote.uri, 'sip:anonymous@anonymous.invalid');
    assert.equal(anonymous.colour, 'ocean');
  });

  test('the URI is empty without a host and has no user part without a user', () => {
    assert.equal(parse([], { displayName: '', user: '2042', host: '' }).remote.uri, '');
    assert.equal(parse([], { displayName: '', user: '', host: 'cx.example.com' }).remote.uri, 'sip:cx.example.com');
  });

  test('internal when the domain is ours and the number matches the extension pattern', () => {
    const internal = (user: string, host: string, config = CONFIG): boolean =>
      parseOffer(offer([], { displayName: '', user, host }), config).remote.internal;
    assert.equal(internal('2042', 'cx.example.com'), true);
    assert.equal(internal('2042', 'CX.Example.COM'), true);
    assert.equal(internal('+33123456789', 'cx.example.com'), false, 'not an extension');
    assert.equal(internal('1', 'cx.example.com'), false, 'too short for the pattern');
    assert.equal(internal('2042', 'pstn.example.net'), false, 'not our domain');
    assert.equal(internal('2042', 'sub.cx.example.com'), false, 'subdomains are not ours');
    assert.equal(internal('2042', ''), false);
    const several: InternalConfig = { domains: ['a.example', ' B.Example '], extensionPattern: /^[a-z]+$/i };
    assert.equal(internal('Paul', 'b.example', several), true);
    assert.equal(internal('2042', 'b.example', several), false);
  });

  test('a global or sticky extension pattern gives the same answer every time and is left untouched', () => {
    const pattern = /^\d{2,6}$/g;
    const config: InternalConfig = { domains: ['cx.example.com'], extensionPattern: pattern };
    for (let i = 0; i < 3; i += 1) {
      assert.equal(parseOffer(offer([], INTERNAL_CALLER), config).remote.internal, true);
    }
    assert.equal(pattern.lastIndex, 0);
    const sticky: InternalConfig = { domains: ['cx.example.com'], extensionPattern: /\d+/y };
    assert.equal(parseOffer(offer([], INTERNAL_CALLER), sticky).remote.internal, true);
    assert.equal(parseOffer(offer([], INTERNAL_CALLER), sticky).remote.internal, true);
  });

  test('a broken internal configuration means nobody is internal', () => {
    const broken = [
      { domains: 'cx.example.com', extensionPattern: /^\d+$/ },
      { domains: ['cx.example.com'], extensionPattern: '^\\d+$' },
      { domains: [42, null], extensionPattern: /^\d+$/ },
      {},
      null,
    ] as unknown as InternalConfig[];
    for (const config of broken) {
      const info = parseOffer(offer([], INTERNAL_CALLER), config);
      assert.equal(info.remote.internal, false);
      assert.equal(info.remote.number, '2042');
    }
  });
});

describe('parseOffer: call type and colour', () => {
  const typeOf = (headers: Header[]): string => parse(headers).callType;

  test('reads X-CX-Call-Type in any case, with spaces', () => {
    assert.equal(typeOf([['X-CX-Call-Type', 'smart']]), 'smart');
    assert.equal(typeOf([['X-CX-Call-Type', 'Campaign']]), 'campaign');
    assert.equal(typeOf([['X-CX-Call-Type', ' PREVIEW ']]), 'preview');
    assert.equal(typeOf([['X-CX-Call-Type', 'direct']]), 'direct');
  });

  test('an unknown type is direct, even with a queue', () => {
    assert.equal(typeOf([['X-CX-Call-Type', 'predictive']]), 'direct');
    assert.equal(typeOf([['X-CX-Call-Type', 'smart-ish']]), 'direct');
    assert.equal(typeOf([['X-CX-Call-Type', '__proto__']]), 'direct');
    assert.equal(typeOf([['X-CX-Call-Type', 'toString']]), 'direct');
    assert.equal(typeOf([['X-CX-Call-Type', 'bogus'], ['X-CX-Queue', 'Sales']]), 'direct');
  });

  test('without a type, a queue means smart routing', () => {
    assert.equal(typeOf([['X-CX-Queue', 'Sales']]), 'smart');
    assert.equal(typeOf([['X-CX-Queue-Id', 'q-1']]), 'smart');
    assert.equal(typeOf([]), 'direct');
    assert.equal(typeOf([['X-CX-Call-Type', 'direct'], ['X-CX-Queue', 'Sales']]), 'direct');
  });

  test('colours: smart and campaign raspberry, preview lilac, direct sky or ocean', () => {
    assert.equal(parse([['X-CX-Call-Type', 'smart']]).colour, 'raspberry');
    assert.equal(parse([['X-CX-Call-Type', 'campaign']]).colour, 'raspberry');
    assert.equal(parse([['X-CX-Call-Type', 'preview']]).colour, 'lilac');
    assert.equal(parse([['X-CX-Call-Type', 'direct']], EXTERNAL_CALLER).colour, 'ocean');
    assert.equal(parse([['X-CX-Call-Type', 'direct']], INTERNAL_CALLER).colour, 'sky');
    assert.equal(parse([], INTERNAL_CALLER).colour, 'sky');
    assert.equal(parse([['X-CX-Call-Type', 'smart']], INTERNAL_CALLER).colour, 'raspberry');
    assert.equal(parse([['X-CX-Call-Type', 'preview']], INTERNAL_CALLER).colour, 'lilac');
  });
});

describe('parseOffer: queue', () => {
  test('name and id', () => {
    assert.deepEqual(parse([['X-CX-Queue', 'Sales'], ['X-CX-Queue-Id', 'q-42']]).queue, { name: 'Sales', id: 'q-42' });
  });

  test('either one alone', () => {
    assert.deepEqual(parse([['X-CX-Queue', 'Sales']]).queue, { name: 'Sales', id: '' });
    assert.deepEqual(parse([['X-CX-Queue-Id', 'q-42']]).queue, { name: '', id: 'q-42' });
  });

  test('undefined when both are absent', () => {
    assert.equal(parse([['X-CX-Call-Type', 'smart']]).queue, undefined);
  });

  test('sanitised', () => {
    assert.deepEqual(parse([['X-CX-Queue', ' Sales\u202e  FR\u0007 '], ['X-CX-Queue-Id', 'q\u200b-42']]).queue, {
      name: 'Sales FR',
      id: 'q-42',
    });
  });
});

describe('parseOffer: wait time and ring timeout', () => {
  const cases: Array<[string, number | undefined]> = [
    ['12', 12],
    [' 12 ', 12],
    ['12.7', 12],
    ['0', 0],
    ['007', 7],
    ['86400', 86_400],
    ['86400.9', 86_400],
    ['86401', undefined],
    ['12abc', undefined],
    ['abc', undefined],
    ['1e9', undefined],
    ['1e3', undefined],
    ['-3', undefined],
    ['+3', undefined],
    ['', undefined],
    ['NaN', undefined],
    ['Infinity', undefined],
    ['0x10', undefined],
    ['12.', undefined],
    ['.5', undefined],
    ['1 2', undefined],
    ['12,5', undefined],
    ['99999999999999999999999', undefined],
    ['١٢', undefined],
  ];

  for (const [value, expected] of cases) {
    test(`${JSON.stringify(value)} -> ${String(expected)}`, () => {
      const info = parse([
        ['X-CX-Wait-Time', value],
        ['X-CX-Ring-Timeout', value],
      ]);
      assert.equal(info.waitTime, expected);
      assert.equal(info.ringTimeout, expected);
    });
  }

  test('absent -> undefined; each header read on its own', () => {
    assert.equal(parse().waitTime, undefined);
    assert.equal(parse().ringTimeout, undefined);
    const info = parse([['X-CX-Ring-Timeout', '15']]);
    assert.equal(info.waitTime, undefined);
    assert.equal(info.ringTimeout, 15);
  });
});

describe('parseOffer: transfer', () => {
  const transferOf = (headers: Header[]): CallInfo['transfer'] => parse(headers).transfer;

  test('blind and attended, with a quoted or unquoted by', () => {
    assert.deepEqual(transferOf([['X-CX-Transfer', 'type=blind;by="Marc Leroy"']]), { type: 'blind', by: 'Marc Leroy' });
    assert.deepEqual(transferOf([['X-CX-Transfer', 'type=attended;by=Marc']]), { type: 'attended', by: 'Marc' });
  });

  test('parameters in any order, keys and type in any case, spaces tolerated', () => {
    assert.deepEqual(transferOf([['X-CX-Transfer', 'BY = "Ann" ; Type = Attended ']]), { type: 'attended', by: 'Ann' });
    assert.deepEqual(transferOf([['X-CX-Transfer', ';by=Ann;;type=BLIND;']]), { type: 'blind', by: 'Ann' });
  });

  test('a quoted by may contain separators and escaped quotes', () => {
    assert.deepEqual(transferOf([['X-CX-Transfer', 'by="Leroy; Marc \\"ML\\" = boss";type=blind']]), {
      type: 'blind',
      by: 'Leroy; Marc "ML" = boss',
    });
  });

  test('the by is sanitised, markup kept as text', () => {
    assert.deepEqual(transferOf([['X-CX-Transfer', 'type=blind;by="\u202e<b>Ann</b>\u0000"']]), {
      type: 'blind',
      by: '<b>Ann</b>',
    });
  });

  test('without a by: empty, or the Referred-By name', () => {
    assert.deepEqual(transferOf([['X-CX-Transfer', 'type=blind']]), { type: 'blind', by: '' });
    assert.deepEqual(
      transferOf([
        ['X-CX-Transfer', 'type=attended'],
        ['Referred-By', '"Marc Leroy" <sip:1002@cx.example.com>'],
      ]),
      { type: 'attended', by: 'Marc Leroy' },
    );
  });

  test('an X-CX-Transfer by wins over Referred-By', () => {
    assert.deepEqual(
      transferOf([
        ['Referred-By', '"Marc Leroy" <sip:1002@cx.example.com>'],
        ['X-CX-Transfer', 'type=attended;by=Ann'],
      ]),
      { type: 'attended', by: 'Ann' },
    );
  });

  test('an unknown or missing type gives no transfer', () => {
    assert.equal(transferOf([['X-CX-Transfer', 'type=consult;by=Ann']]), undefined);
    assert.equal(transferOf([['X-CX-Transfer', 'by=Ann']]), undefined);
    assert.equal(transferOf([['X-CX-Transfer', 'blind']]), undefined);
    assert.equal(transferOf([['X-CX-Transfer', 'type="__proto__"']]), undefined);
  });

  test('... unless Referred-By is present: then it is blind', () => {
    assert.deepEqual(
      transferOf([
        ['X-CX-Transfer', 'type=consult'],
        ['Referred-By', '<sip:1002@cx.example.com>'],
      ]),
      { type: 'blind', by: '1002' },
    );
    assert.deepEqual(
      transferOf([
        ['X-CX-Transfer', 'type=consult;by=Ann'],
        ['Referred-By', '<sip:1002@cx.example.com>'],
      ]),
      { type: 'blind', by: 'Ann' },
    );
  });

  test('Referred-By alone is a blind transfer by its display name or user', () => {
    const by = (referredBy: string): CallInfo['transfer'] => transferOf([['Referred-By', referredBy]]);
    assert.deepEqual(by('"Marc Leroy" <sip:1002@cx.example.com>;cid=1'), { type: 'blind', by: 'Marc Leroy' });
    assert.deepEqual(by('Marc Leroy <sip:1002@cx.example.com>'), { type: 'blind', by: 'Marc Leroy' });
    assert.deepEqual(by('<sip:1002@cx.example.com;transport=ws>'), { type: 'blind', by: '1002' });
    assert.deepEqual(by('sip:1002@cx.example.com;cid=abc'), { type: 'blind', by: '1002' });
    assert.deepEqual(by('<tel:+33123456789>'), { type: 'blind', by: '+33123456789' });
    assert.deepEqual(by('"" <sip:1002@cx.example.com>'), { type: 'blind', by: '1002' });
    assert.deepEqual(by('"Who <is> this, me;" <sip:1002@cx.example.com>'), { type: 'blind', by: 'Who <is> this, me;' });
    assert.deepEqual(by('garbage'), { type: 'blind', by: '' });
  });

  test('Referred-By is matched in any case and sanitised', () => {
    assert.deepEqual(transferOf([['referred-by', '"\u202eMarc\u202c\r\n" <sip:1002@x>']]), { type: 'blind', by: 'Marc' });
  });

  test('absent both -> undefined', () => {
    assert.equal(parse().transfer, undefined);
  });
});

describe('parseOffer: called number', () => {
  test('X-CX-Called, else the To user', () => {
    assert.equal(parse([['X-CX-Called', '+33800123456']]).called, '+33800123456');
    assert.equal(parse([]).called, '1001');
    assert.equal(parse([], EXTERNAL_CALLER, { user: '+33800999999', host: 'cx.example.com' }).called, '+33800999999');
  });

  test('sanitised', () => {
    assert.equal(parse([['X-CX-Called', ' +33\u202e800\u0000123 ']]).called, '+33800123');
    assert.equal(parse([], EXTERNAL_CALLER, { user: '\u200b1001\u200b', host: '' }).called, '1001');
  });
});

describe('parseOffer: route', () => {
  const routeOf = (value: string): readonly string[] => parse([['X-CX-Route', value]]).route;

  test('split on >, / and , with each step trimmed', () => {
    assert.deepEqual(routeOf('Welcome > Language > Sales'), ['Welcome', 'Language', 'Sales']);
    assert.deepEqual(routeOf('Welcome/Language/Sales'), ['Welcome', 'Language', 'Sales']);
    assert.deepEqual(routeOf('Welcome, Language, Sales'), ['Welcome', 'Language', 'Sales']);
    assert.deepEqual(routeOf('Welcome>Language/Sales,Level 2'), ['Welcome', 'Language', 'Sales', 'Level 2']);
  });

  test('a single step', () => {
    assert.deepEqual(routeOf('Main menu'), ['Main menu']);
  });

  test('empty steps are dropped', () => {
    assert.deepEqual(routeOf('>> Welcome >  > \u200b > Sales >'), ['Welcome', 'Sales']);
    assert.deepEqual(routeOf(' > / , '), []);
  });

  test('each step is sanitised, other characters kept as text', () => {
    assert.deepEqual(routeOf('\u202eWel\u0000come > Sales & "Co" <x'), ['Welcome', 'Sales & "Co" <x']);
    const long = routeOf(`${'s'.repeat(1000)} > end`);
    assert.equal([...(long[0] ?? '')].length, 256);
    assert.equal(long[1], 'end');
  });

  test('at most 50 steps', () => {
    const steps = Array.from({ length: 80 }, (_, i) => `step ${i}`);
    const route = routeOf(steps.join(' > '));
    assert.equal(route.length, 50);
    assert.equal(route[49], 'step 49');
  });

  test('absent -> empty and frozen', () => {
    assert.deepEqual(parse().route, []);
    assert.ok(Object.isFrozen(parse().route));
  });
});

describe('parseOffer: IVR data', () => {
  const dataOf = (headers: Header[]): Readonly<Record<string, string>> => parse(headers).data;

  test('every X-CX-Data-<Name> header, the name as sent after the prefix', () => {
    const data = dataOf([
      ['X-CX-Data-CustomerId', 'C-0042'],
      ['x-cx-data-contract_no', '12.34-5'],
      ['X-CX-DATA-Lang.Code', 'fr-FR'],
      ['X-CX-Queue', 'Sales'],
    ]);
    assert.deepEqual({ ...data }, { CustomerId: 'C-0042', contract_no: '12.34-5', 'Lang.Code': 'fr-FR' });
    assert.deepEqual(Object.keys(data), ['CustomerId', 'contract_no', 'Lang.Code']);
  });

  test('values are sanitised and bounded to 1024 code points; empty values are kept', () => {
    const data = dataOf([
      ['X-CX-Data-Note', ' <b>VIP</b>\u202e\r\n customer '],
      ['X-CX-Data-Long', 'v'.repeat(5000)],
      ['X-CX-Data-Empty', ''],
    ]);
    assert.equal(data['Note'], '<b>VIP</b> customer');
    assert.equal([...(data['Long'] ?? '')].length, 1024);
    assert.equal(data['Empty'], '');
  });

  test('names that are empty or have characters outside [A-Za-z0-9_.-] are skipped', () => {
    const data = dataOf([
      ['X-CX-Data-', 'empty name'],
      ['X-CX-Data-with space', 'x'],
      ['X-CX-Data-semi;colon', 'x'],
      ['X-CX-Data-brack[et]', 'x'],
      ['X-CX-Data-é', 'x'],
      ['X-CX-Data-a\u202eb', 'x'],
      ['X-CX-Data-Ok', 'kept'],
      ['X-CX-Datum-Ok2', 'not the prefix'],
      ['X-CX-DataOk3', 'not the prefix'],
    ]);
    assert.deepEqual({ ...data }, { Ok: 'kept' });
  });

  test('names longer than 128 characters are skipped', () => {
    const data = dataOf([
      [`X-CX-Data-${'n'.repeat(128)}`, 'kept'],
      [`X-CX-Data-${'m'.repeat(129)}`, 'skipped'],
    ]);
    assert.deepEqual(Object.keys(data), ['n'.repeat(128)]);
  });

  test('__proto__, constructor and prototype are ordinary keys and pollute nothing', () => {
    const data = dataOf([
      ['X-CX-Data-__proto__', '{"polluted":true}'],
      ['X-CX-Data-constructor', 'ctor'],
      ['X-CX-Data-prototype', 'proto'],
      ['X-CX-Data-toString', 'str'],
      ['X-CX-Data-hasOwnProperty', 'own'],
    ]);
    assert.deepEqual(Object.keys(data), ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']);
    assert.equal(data['__proto__'], '{"polluted":true}');
    assert.equal(data['constructor'], 'ctor');
    assert.equal(Object.getPrototypeOf(data), null);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
    assert.equal(typeof Object.prototype.toString, 'function');
    assert.equal(JSON.stringify(data), '{"__proto__":"{\\"polluted\\":true}","constructor":"ctor","prototype":"proto","toString":"str","hasOwnProperty":"own"}');
  });

  test('names not sent read as undefined, not as inherited members', () => {
    const data = dataOf([['X-CX-Data-A', '1']]);
    assert.equal(data['constructor'], undefined);
    assert.equal(data['toString'], undefined);
    assert.equal(data['__proto__'], undefined);
    assert.equal('hasOwnProperty' in data, false);
  });

  test('a duplicate name (in any case) keeps the first value and its spelling', () => {
    const data = dataOf([
      ['X-CX-Data-Lang', 'fr'],
      ['x-cx-data-LANG', 'en'],
      ['X-CX-Data-Lang', 'de'],
    ]);
    assert.deepEqual({ ...data }, { Lang: 'fr' });
  });

  test('at most 100 entries; skipped names do not count', () => {
    const headers: Header[] = [['X-CX-Data-bad name', 'x']];
    for (let i = 0; i < 150; i += 1) headers.push([`X-CX-Data-v${i}`, String(i)]);
    const data = dataOf(headers);
    assert.equal(Object.keys(data).length, 100);
    assert.equal(data['v0'], '0');
    assert.equal(data['v99'], '99');
    assert.equal(data['v100'], undefined);
  });

  test('absent -> an empty frozen object', () => {
    const data = parse().data;
    assert.deepEqual(Object.keys(data), []);
    assert.ok(Object.isFrozen(data));
  });
});

describe('parseOffer: interaction id', () => {
  test('sanitised, at most 128 code points', () => {
    assert.equal(parse([['X-CX-Interaction-Id', ' int-\u202e42 ']]).interactionId, 'int-42');
    const long = parse([['X-CX-Interaction-Id', 'i'.repeat(500)]]).interactionId ?? '';
    assert.equal([...long].length, 128);
  });

  test('absent -> undefined', () => {
    assert.equal(parse().interactionId, undefined);
  });
});

describe('parseOffer: monitor', () => {
  const monitorOf = (value: string): CallInfo['monitor'] => parse([['X-CX-Monitor', value]]).monitor;

  test('each mode with its target', () => {
    assert.deepEqual(monitorOf('mode=silent;target=int-7f3a'), { mode: 'silent', target: 'int-7f3a' });
    assert.deepEqual(monitorOf('mode=whisper;target=int-7f3a'), { mode: 'whisper', target: 'int-7f3a' });
    assert.deepEqual(monitorOf('mode=barge;target=int-7f3a'), { mode: 'barge', target: 'int-7f3a' });
  });

  test('parameters in any order and case, quoted or not, spaces tolerated', () => {
    assert.deepEqual(monitorOf(' Target = "int 1" ; MODE = Whisper '), { mode: 'whisper', target: 'int 1' });
  });

  test('an invalid or missing mode -> undefined', () => {
    assert.equal(monitorOf('mode=spy;target=int-1'), undefined);
    assert.equal(monitorOf('target=int-1'), undefined);
    assert.equal(monitorOf('silent'), undefined);
    assert.equal(monitorOf('mode=;target=x'), undefined);
  });

  test('a missing target is empty; the target is sanitised and bounded', () => {
    assert.deepEqual(monitorOf('mode=silent'), { mode: 'silent', target: '' });
    assert.deepEqual(monitorOf('mode=barge;target=\u202eint\u0000-1'), { mode: 'barge', target: 'int-1' });
    assert.equal([...(monitorOf(`mode=barge;target=${'t'.repeat(1000)}`)?.target ?? '')].length, 128);
  });

  test('absent -> undefined', () => {
    assert.equal(parse().monitor, undefined);
  });
});

describe('parseOffer: auto-answer', () => {
  const autoAnswer = (headers: Header[]): boolean => parse(headers).autoAnswer;

  test('Call-Info with answer-after=0', () => {
    assert.equal(autoAnswer([['Call-Info', '<sip:cx.example.com>;answer-after=0']]), true);
    assert.equal(autoAnswer([['Call-Info', '<sip:x> ; answer-after = 0 ']]), true);
    assert.equal(autoAnswer([['Call-Info', '<sip:x>;purpose=info;Answer-After=0']]), true);
    assert.equal(autoAnswer([['call-info', '<sip:x;transport=ws>;answer-after=0']]), true);
    assert.equal(autoAnswer([['Call-Info', '<http://a/icon.png>;purpose=icon, <sip:x>;answer-after=0']]), true);
  });

  test('any Call-Info header counts, not only the first', () => {
    assert.equal(
      autoAnswer([
        ['Call-Info', '<http://a/icon.png>;purpose=icon'],
        ['Call-Info', '<sip:x>;answer-after=0'],
      ]),
      true,
    );
  });

  test('Call-Info without answer-after=0 does not', () => {
    assert.equal(autoAnswer([['Call-Info', '<sip:x>;answer-after=5']]), false);
    assert.equal(autoAnswer([['Call-Info', '<sip:x>;answer-after']]), false);
    assert.equal(autoAnswer([['Call-Info', '<sip:x;answer-after=0>']]), false, 'inside the URI');
    assert.equal(autoAnswer([['Call-Info', '<sip:x>;purpose="answer-after=0"']]), false, 'inside a quoted value');
    assert.equal(autoAnswer([['Call-Info', '<sip:x>;x-answer-after=0']]), false);
    assert.equal(autoAnswer([['X-Call-Info', '<sip:x>;answer-after=0']]), false);
  });

  test('Alert-Info with info=alert-autoanswer', () => {
    assert.equal(autoAnswer([['Alert-Info', '<http://www.notused.com>;info=alert-autoanswer']]), true);
    assert.equal(autoAnswer([['alert-info', ' <sip:x> ; INFO = Alert-AutoAnswer ']]), true);
    assert.equal(autoAnswer([['Alert-Info', 'info=alert-autoanswer']]), true);
    assert.equal(autoAnswer([['Alert-Info', '<urn:alert:service:normal>, <sip:x>;info="alert-autoanswer"']]), true);
    assert.equal(
      autoAnswer([
        ['Alert-Info', '<urn:alert:tone:normal>'],
        ['Alert-Info', '<sip:x>;info=alert-autoanswer'],
      ]),
      true,
    );
  });

  test('other Alert-Info values do not', () => {
    assert.equal(autoAnswer([['Alert-Info', '<http://x>;info=alert-normal']]), false);
    assert.equal(autoAnswer([['Alert-Info', '<http://x>;info=auto-answer']]), false);
    assert.equal(autoAnswer([['Alert-Info', '<http://x/info=alert-autoanswer>']]), false);
    assert.equal(autoAnswer([['Alert-Info', 'alert-autoanswer']]), false);
  });

  test('absent -> false', () => {
    assert.equal(parse().autoAnswer, false);
  });
});

describe('parseOffer: small banner access', () => {
  const smallBanner = (headers: Header[]): boolean | undefined => parse(headers).smallBanner;

  test('allow and deny, in any case, with spaces around', () => {
    assert.equal(smallBanner([['X-CX-Small-Banner', 'allow']]), true);
    assert.equal(smallBanner([['X-CX-Small-Banner', 'deny']]), false);
    assert.equal(smallBanner([['x-cx-small-banner', ' ALLOW ']]), true);
    assert.equal(smallBanner([['X-Cx-Small-Banner', '\tDeny']]), false);
  });

  test('absent, empty or any other value says nothing (the profile decides)', () => {
    assert.equal(smallBanner([]), undefined);
    for (const value of ['', ' ', 'yes', 'no', 'true', '1', 'allowed', 'allow;x=1', 'allow deny', '\u202eallow']) {
      assert.equal(smallBanner([['X-CX-Small-Banner', value]]), undefined, JSON.stringify(value));
    }
  });

  test('the first occurrence wins', () => {
    assert.equal(smallBanner([['X-CX-Small-Banner', 'deny'], ['X-CX-Small-Banner', 'allow']]), false);
    assert.equal(smallBanner([['X-CX-Small-Banner', 'allow'], ['x-cx-small-banner', 'deny']]), true);
  });
});

describe('parseOffer: purity and totality', () => {
  test('does not change its input', () => {
    const headers: Header[] = [
      ['X-CX-Queue', ' Sales '],
      ['X-CX-Data-A', '\u202e1'],
    ];
    const input = offer(headers, { ...EXTERNAL_CALLER, displayName: '"Jeanne"' });
    const before = JSON.stringify(input);
    parseOffer(input, CONFIG);
    assert.equal(JSON.stringify(input), before);
  });

  test('the same input gives equal results', () => {
    const headers: Header[] = [['X-CX-Call-Type', 'campaign'], ['X-CX-Data-A', '1']];
    assert.deepEqual(parse(headers), parse(headers));
  });

  test('never throws on malformed input; says nothing instead', () => {
    const malformed: unknown[] = [
      undefined,
      null,
      {},
      { headers: null, from: null, to: null },
      { headers: 'X-CX-Queue: Sales', from: 'sip:a@b', to: 42 },
      { headers: [[]], from: { user: 5, host: {}, displayName: [] }, to: { user: null } },
    ];
    for (const input of malformed) {
      const info = parseOffer(input as OfferInput, CONFIG);
      assert.deepEqual(info, NOTHING);
    }
  });

  test('an input whose getters throw gives the result for an empty INVITE', () => {
    const hostile = {
      get headers(): never {
        throw new Error('boom');
      },
      from: EXTERNAL_CALLER,
      to: AGENT,
    } as unknown as OfferInput;
    const info = parseOffer(hostile, CONFIG);
    assert.deepEqual(info, NOTHING);
    assertDeepFrozen(info);
  });

  test('hostile values in every header at once', () => {
    const evil = '\u202e<img src=x onerror=alert(1)>\u0000"\\;,=<>/\u200b';
    const names = [
      'X-CX-Interaction-Id',
      'X-CX-Call-Type',
      'X-CX-Queue',
      'X-CX-Queue-Id',
      'X-CX-Wait-Time',
      'X-CX-Ring-Timeout',
      'X-CX-Transfer',
      'Referred-By',
      'X-CX-Called',
      'X-CX-Route',
      'X-CX-Data-Evil',
      'X-CX-Monitor',
      'Call-Info',
      'Alert-Info',
      'X-CX-Small-Banner',
    ];
    const info = parse(names.map((name) => [name, evil] as const), { displayName: evil, user: evil, host: evil });
    assertDeepFrozen(info);
    assert.equal(info.callType, 'direct');
    assert.equal(info.waitTime, undefined);
    assert.equal(info.monitor, undefined);
    assert.equal(info.autoAnswer, false);
    assert.equal(info.smallBanner, undefined);
    assert.equal(info.remote.displayName, '<img src=x onerror=alert(1)>"\\;,=<>/');
    const texts = JSON.stringify(info);
    assert.doesNotMatch(texts, /[\u0000\u202e\u200b]/);
  });
});

describe('parseOffer: info.headers', () => {
  test('every header by lower-case name, repeated ones joined, values sanitised and bounded', () => {
    const info = parse([
      ['X-Ticket', '  T-1\u202e '],
      ['Diversion', '<sip:a@x>'],
      ['diversion', '<sip:b@x>'],
      ['X-Long', 'y'.repeat(5000)],
    ]);
    assert.equal(info.headers['x-ticket'], 'T-1');
    assert.equal(info.headers['diversion'], '<sip:a@x>, <sip:b@x>');
    assert.equal([...(info.headers['x-long'] ?? '')].length, 1024);
    assert.equal(Object.getPrototypeOf(info.headers), null);
    assert.ok(Object.isFrozen(info.headers));
  });

  test('credentials are left out; names that are not tokens are skipped; at most 100 names', () => {
    const many: Header[] = Array.from({ length: 150 }, (_, i) => [`X-H${i}`, String(i)] as const);
    const info = parse([['Authorization', 'Digest secret'], ['Proxy-Authorization', 'Digest secret'], ['Bad Name', 'x'], ...many]);
    assert.equal(info.headers['authorization'], undefined);
    assert.equal(info.headers['proxy-authorization'], undefined);
    assert.equal(info.headers['bad name'], undefined);
    assert.equal(Object.keys(info.headers).length, 100);
    assert.equal(info.headers['__proto__'], undefined);
  });

  test('__proto__ is an ordinary name', () => {
    const info = parse([['__proto__', 'x']]);
    assert.equal(info.headers['__proto__'], 'x');
    assert.equal(({} as Record<string, unknown>)['x'], undefined);
  });
});

describe('parseOffer: recording', () => {
  test('X-CX-Recording: auto, allowed or off (any case); anything else says nothing', () => {
    assert.equal(parse([['X-CX-Recording', ' AUTO ']]).recording, 'auto');
    assert.equal(parse([['X-CX-Recording', 'allowed']]).recording, 'allowed');
    assert.equal(parse([['x-cx-recording', 'off']]).recording, 'off');
    for (const other of ['', 'yes', 'on', '<b>off</b>']) assert.equal(parse([['X-CX-Recording', other]]).recording, undefined);
  });
});
