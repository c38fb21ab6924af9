/**
 * A seeded, deterministic mutator of SIP messages, to feed a phone
 * malformed SIP through the simulated switch (`switch.sendRaw`).
 *
 * It starts from realistic messages a phone receives (an INVITE with SDP
 * and the X-CX-* headers of docs/sip-headers.md; in-dialog BYE, re-INVITE,
 * INFO, REFER, NOTIFY; responses to the phone's own INVITE; OPTIONS,
 * MESSAGE, CANCEL) and applies one to three mutations: headers dropped,
 * duplicated, reordered, folded or renamed to their compact form; start
 * lines corrupted; huge values (a 64 KB header, a 1 MB body); wrong
 * Content-Length; invalid UTF-8, control characters and CRLF injection;
 * absurd CSeq, Max-Forwards and Expires; malformed SDP; hostile display
 * names and X-CX values; unknown methods; truncated and empty frames.
 *
 * Pure: the same seed and target give the same frames, on any machine.
 * No dependency: a 32-bit PRNG (mulberry32) is all the randomness.
 */

/** A small seeded pseudo-random generator. */
export interface Prng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T;
}

/** mulberry32: 32 bits of state, good enough spread for fuzzing, identical everywhere. */
export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick<T>(list: readonly T[]): T {
      return list[int(list.length)] as T;
    },
  };
}

/** Who the fuzzed messages are aimed at, so that some of them reach deep into the phone. */
export interface SipFuzzTarget {
  /** SIP domain of the switch, e.g. `sim.cx.invalid`. */
  readonly domain: string;
  /** The phone's user, e.g. `1001`: out-of-dialog requests go to `sip:<user>@<domain>`. */
  readonly user: string;
  /**
   * A live dialog with the phone, seen from the peer: in-dialog requests
   * (BYE, re-INVITE, INFO, REFER, NOTIFY) use it. Without it they name a
   * dialog that does not exist.
   */
  readonly dialog?: {
    readonly callId: string;
    /** The peer's From header, tag included. */
    readonly from: string;
    /** The phone's address as the peer's To header, tag included. */
    readonly to: string;
    /** Where in-dialog requests go: the phone's Contact URI. */
    readonly target: string;
    /** The CSeq number to start from (the peer's last one plus one). */
    readonly cseq: number;
  };
  /**
   * An INVITE the phone sent and is still waiting on: 180/200/486
   * responses answer it (same Via, Call-ID, From, CSeq). Without it they
   * answer nothing.
   */
  readonly request?: {
    /** The whole top Via value of the phone's INVITE. */
    readonly via: string;
    readonly callId: string;
    readonly from: string;
    readonly to: string;
    readonly cseq: number;
  };
}

/** The kinds of realistic message the fuzzer starts from. */
export const SIP_FUZZ_TEMPLATES = [
  'invite',
  'reinvite',
  'bye',
  'info',
  'refer',
  'notify',
  'options',
  'message',
  'cancel',
  'response-180',
  'response-200',
  'response-486',
] as const;
/** One of {@link SIP_FUZZ_TEMPLATES}. */
export type SipFuzzTemplate = (typeof SIP_FUZZ_TEMPLATES)[number];

/** What the fuzzer does to a message. */
export const SIP_FUZZ_MUTATIONS = [
  'drop-header',
  'duplicate-header',
  'reorder-headers',
  'compact-forms',
  'fold-lines',
  'start-line',
  'unknown-method',
  'huge-header',
  'huge-body',
  'many-headers',
  'content-length',
  'invalid-utf8',
  'control-chars',
  'crlf-injection',
  'absurd-numbers',
  'malformed-sdp',
  'hostile-display-name',
  'hostile-x-cx',
  'bad-uri',
  'line-endings',
  'content-type',
  'truncate',
  'empty-frame',
] as const;
/** One of {@link SIP_FUZZ_MUTATIONS}. */
export type SipFuzzMutation = (typeof SIP_FUZZ_MUTATIONS)[number];

/** One fuzzed frame and how it was made (to reproduce a failure: seed and index). */
export interface SipFuzzCase {
  /** Position in the sequence. */
  readonly index: number;
  readonly template: SipFuzzTemplate;
  /** The mutations applied, in order (none for a few well-formed controls). */
  readonly mutations: readonly SipFuzzMutation[];
  /** A text frame, or a binary one (invalid UTF-8). */
  readonly frame: string | Uint8Array;
}

/** Options of {@link sipFuzzCases}. */
export interface SipFuzzOptions {
  /** The seed: the same seed gives the same cases. */
  readonly seed: number;
  /** How many cases. */
  readonly count: number;
  /** Index of the first case (to continue a sequence in batches). Default 0. */
  readonly start?: number;
  /** Which templates to draw from (default all). */
  readonly templates?: readonly SipFuzzTemplate[];
  /** Share of cases left unmutated, as controls. Default 0.02. */
  readonly wellFormed?: number;
}

/**
 * The fuzzed frames, one by one. Case `i` depends only on the seed, `i`
 * and the target, so a failing case is replayed alone with
 * `sipFuzzCases({ seed, start: i, count: 1 }, target)`.
 *
 * @example
 * for (const c of sipFuzzCases({ seed: 7, count: 1000 }, { domain: cc.domain, user: '1001' })) {
 *   cc.switch.sendRaw('1001', c.frame);
 * }
 */
export function* sipFuzzCases(options: SipFuzzOptions, target: SipFuzzTarget): Generator<SipFuzzCase> {
  const templates = options.templates ?? SIP_FUZZ_TEMPLATES;
  const wellFormed = options.wellFormed ?? 0.02;
  const start = options.start ?? 0;
  for (let index = start; index < start + options.count; index += 1) {
    const prng = createPrng(mix(options.seed, index));
    const template = prng.pick(templates);
    const draft = baseMessage(template, target, prng, index);
    const mutations: SipFuzzMutation[] = [];
    if (!prng.chance(wellFormed)) {
      const n = 1 + (prng.chance(0.35) ? 1 : 0) + (prng.chance(0.15) ? 1 : 0);
      for (let k = 0; k < n; k += 1) mutations.push(pickMutation(prng));
    }
    for (const mutation of mutations) MUTATE[mutation](draft, prng);
    yield { index, template, mutations, frame: render(draft) };
  }
}

// ---- messages as drafts -----------------------------------------------------

/**
 * A message being mutated: start line, header lines, body, and what to do
 * when it is written out.
 */
export interface SipDraft {
  start: string;
  headers: Array<[string, string]>;
  body: string;
  /** Line end of the head. */
  eol: string;
  /** `auto`: the right byte count; `omit`: no Content-Length; else this value as written. */
  contentLength: 'auto' | 'omit' | string;
  /** Changes made to the written text (truncation, raw bytes, an empty frame). */
  post: Array<(text: string) => string | Uint8Array>;
}

const encoder = new TextEncoder();

/** Writes a draft out as one WebSocket frame. */
export function render(draft: SipDraft): string | Uint8Array {
  const headers = draft.headers.slice();
  if (draft.contentLength !== 'omit') {
    const value = draft.contentLength === 'auto' ? String(encoder.encode(draft.body).length) : draft.contentLength;
    const at = headers.findIndex(([name]) => /^(content-length|l)$/i.test(name));
    if (at >= 0) headers[at] = [headers[at]?.[0] ?? 'Content-Length', value];
    else headers.push(['Content-Length', value]);
  }
  let frame: string | Uint8Array = `${[draft.start, ...headers.map(([n, v]) => `${n}: ${v}`)].join(draft.eol)}${draft.eol}${draft.eol}${draft.body}`;
  for (const change of draft.post) frame = change(typeof frame === 'string' ? frame : new TextDecoder().decode(frame));
  return frame;
}

/** Mixes a seed and an index into an independent 32-bit seed. */
function mix(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

function token(prng: Prng, length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[prng.int(alphabet.length)];
  return out;
}

function hex(prng: Prng, bytes: number): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes; i += 1) parts.push(prng.int(256).toString(16).padStart(2, '0').toUpperCase());
  return parts.join(':');
}

/** A WebRTC-like audio offer (DTLS fingerprint, ICE credentials, Opus). */
export function webrtcSdp(prng: Prng, direction = 'sendrecv'): string {
  return [
    'v=0',
    `o=- ${1_000_000 + prng.int(1_000_000_000)} 2 IN IP4 127.0.0.1`,
    's=-',
    't=0 0',
    'a=group:BUNDLE 0',
    'a=msid-semantic: WMS',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111 0 8 126',
    'c=IN IP4 0.0.0.0',
    'a=rtcp:9 IN IP4 0.0.0.0',
    `a=ice-ufrag:${token(prng, 4)}`,
    `a=ice-pwd:${token(prng, 24)}`,
    'a=ice-options:trickle',
    `a=fingerprint:sha-256 ${hex(prng, 32)}`,
    'a=setup:actpass',
    'a=mid:0',
    `a=${direction}`,
    'a=rtcp-mux',
    'a=rtpmap:111 opus/48000/2',
    'a=fmtp:111 minptime=10;useinbandfec=1',
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:8 PCMA/8000',
    'a=rtpmap:126 telephone-event/8000',
    '',
  ].join('\r\n');
}

/** The X-CX headers of an offer from the ACD (DESIGN section 4), a random subset. */
function xcxHeaders(prng: Prng, index: number): Array<[string, string]> {
  const all: Array<[string, string]> = [
    ['X-CX-Interaction-Id', `int-fuzz-${index}`],
    ['X-CX-Call-Type', prng.pick(['smart', 'campaign', 'preview', 'direct'])],
    ['X-CX-Queue', 'Sales'],
    ['X-CX-Queue-Id', 'q-sales'],
    ['X-CX-Wait-Time', String(prng.int(300))],
    ['X-CX-Called', '+33123456789'],
    ['X-CX-Route', 'Welcome > Sales > Agents'],
    ['X-CX-Data-Contract', `C-${prng.int(100000)}`],
    ['X-CX-Recording', prng.pick(['auto', 'allowed', 'off'])],
    ['X-CX-Small-Banner', prng.pick(['allow', 'deny'])],
    ['X-CX-Transfer', 'type=blind;by="Ann Agent"'],
  ];
  return all.filter(() => prng.chance(0.5));
}

/**
 * The user out-of-dialog requests come from: a test tells the calls that
 * fuzzed INVITEs made (`call.info.remote.number`) from its own callers'.
 */
export const FUZZ_CALLER = '2999';
const ALLOW = 'ACK, BYE, CANCEL, INFO, INVITE, MESSAGE, NOTIFY, OPTIONS, REFER';
const PEER_CONTACT = '<sip:fuzz@fuzz.invalid;transport=ws>';

/** A realistic message of this template, before mutation. */
export function baseMessage(template: SipFuzzTemplate, target: SipFuzzTarget, prng: Prng, index: number): SipDraft {
  const aor = `sip:${target.user}@${target.domain}`;
  const via = `SIP/2.0/WSS fuzz.invalid;branch=z9hG4bK${token(prng, 12)}x${index};rport`;
  const draft = (start: string, headers: Array<[string, string]>, body = ''): SipDraft => ({
    start,
    headers,
    body,
    eol: '\r\n',
    contentLength: 'auto',
    post: [],
  });
  const outOfDialog = (method: string, extra: Array<[string, string]>, body = ''): SipDraft =>
    draft(
      `${method} ${aor} SIP/2.0`,
      [
        ['Via', via],
        ['Max-Forwards', '70'],
        ['From', `"Fuzz Caller" <sip:${FUZZ_CALLER}@${target.domain}>;tag=${token(prng, 10)}`],
        ['To', `<${aor}>`],
        ['Call-ID', `fuzz-${index}-${token(prng, 8)}@fuzz.invalid`],
        ['CSeq', `${1 + prng.int(1000)} ${method}`],
        ['Contact', PEER_CONTACT],
        ...extra,
      ],
      body,
    );
  const dialog = target.dialog ?? {
    callId: `no-dialog-${index}@fuzz.invalid`,
    from: `<sip:${FUZZ_CALLER}@${target.domain}>;tag=${token(prng, 10)}`,
    to: `<${aor}>;tag=${token(prng, 10)}`,
    target: aor,
    cseq: 2,
  };
  const inDialog = (method: string, extra: Array<[string, string]>, body = ''): SipDraft =>
    draft(
      `${method} ${dialog.target} SIP/2.0`,
      [
        ['Via', via],
        ['Max-Forwards', '70'],
        ['From', dialog.from],
        ['To', dialog.to],
        ['Call-ID', dialog.callId],
        ['CSeq', `${dialog.cseq + index} ${method}`],
        ['Contact', PEER_CONTACT],
        ...extra,
      ],
      body,
    );
  const request = target.request ?? {
    via: `SIP/2.0/WSS nobody.invalid;branch=z9hG4bK${token(prng, 12)}`,
    callId: `no-request-${index}@fuzz.invalid`,
    from: `<${aor}>;tag=${token(prng, 10)}`,
    to: `<sip:2001@${target.domain}>`,
    cseq: 1,
  };
  const response = (status: string, body = '', extra: Array<[string, string]> = []): SipDraft =>
    draft(
      `SIP/2.0 ${status}`,
      [
        ['Via', request.via],
        ['From', request.from],
        ['To', `${request.to};tag=${token(prng, 10)}`],
        ['Call-ID', request.callId],
        ['CSeq', `${request.cseq} INVITE`],
        ...extra,
      ],
      body,
    );

  switch (template) {
    case 'invite':
      return outOfDialog(
        'INVITE',
        [
          ['Allow', ALLOW],
          ['Supported', 'replaces, outbound'],
          ['User-Agent', 'CX Fuzz ACD'],
          ...xcxHeaders(prng, index),
          ['Content-Type', 'application/sdp'],
        ],
        webrtcSdp(prng),
      );
    case 'reinvite':
      return inDialog('INVITE', [['Allow', ALLOW], ['Content-Type', 'application/sdp']], webrtcSdp(prng, prng.pick(['sendrecv', 'sendonly', 'inactive'])));
    case 'bye':
      return inDialog('BYE', [['Reason', 'Q.850;cause=16;text="Normal call clearing"']]);
    case 'info':
      return prng.chance(0.7)
        ? inDialog('INFO', [['Content-Type', 'application/dtmf-relay']], `Signal=${prng.pick(['1', '5', '#', '*', 'A'])}\r\nDuration=100\r\n`)
        : inDialog('INFO', [['Content-Type', prng.pick(['application/dtmf', 'application/json', 'text/plain'])]], prng.pick(['5', '{"a":1}', 'hello']));
    case 'refer':
      return inDialog('REFER', [
        ['Refer-To', prng.chance(0.5) ? `<sip:2002@${target.domain}>` : `<sip:2002@${target.domain}?Replaces=abc%40x%3Bto-tag%3D1%3Bfrom-tag%3D2>`],
        ['Referred-By', `"Bob Martin" <sip:2001@${target.domain}>`],
      ]);
    case 'notify':
      return inDialog(
        'NOTIFY',
        [
          ['Event', 'refer'],
          ['Subscription-State', prng.pick(['active;expires=60', 'terminated;reason=noresource'])],
          ['Content-Type', 'message/sipfrag;version=2.0'],
        ],
        `SIP/2.0 ${prng.pick(['100 Trying', '180 Ringing', '200 OK', '503 Service Unavailable'])}\r\n`,
      );
    case 'options':
      return outOfDialog('OPTIONS', [['Accept', 'application/sdp']]);
    case 'message':
      return prng.chance(0.5)
        ? outOfDialog('MESSAGE', [['Content-Type', 'text/plain;charset=utf-8']], 'Hello from the fuzzer')
        : inDialog('MESSAGE', [['Content-Type', 'text/plain']], 'In-dialog hello');
    case 'cancel':
      return outOfDialog('CANCEL', []);
    case 'response-180':
      return response('180 Ringing', '', [['Contact', PEER_CONTACT]]);
    case 'response-200':
      return response('200 OK', webrtcSdp(prng), [
        ['Contact', PEER_CONTACT],
        ['Allow', ALLOW],
        ['Content-Type', 'application/sdp'],
      ]);
    case 'response-486':
      return response('486 Busy Here');
  }
}

// ---- mutations ---------------------------------------------------------------

/** Weights: the cheap structural mutations often, the huge ones rarely (they cost memory and time). */
const WEIGHTS: Readonly<Record<SipFuzzMutation, number>> = {
  'drop-header': 10,
  'duplicate-header': 6,
  'reorder-headers': 4,
  'compact-forms': 4,
  'fold-lines': 4,
  'start-line': 6,
  'unknown-method': 4,
  'huge-header': 0.6,
  'huge-body': 0.15,
  'many-headers': 1,
  'content-length': 6,
  'invalid-utf8': 4,
  'control-chars': 6,
  'crlf-injection': 5,
  'absurd-numbers': 6,
  'malformed-sdp': 8,
  'hostile-display-name': 5,
  'hostile-x-cx': 8,
  'bad-uri': 6,
  'line-endings': 3,
  'content-type': 3,
  truncate: 5,
  'empty-frame': 1,
};
const TOTAL_WEIGHT = SIP_FUZZ_MUTATIONS.reduce((sum, m) => sum + WEIGHTS[m], 0);

function pickMutation(prng: Prng): SipFuzzMutation {
  let roll = prng.next() * TOTAL_WEIGHT;
  for (const mutation of SIP_FUZZ_MUTATIONS) {
    roll -= WEIGHTS[mutation];
    if (roll < 0) return mutation;
  }
  return 'drop-header';
}

const KB64 = 64 * 1024;
const MB1 = 1024 * 1024;

const COMPACT: Readonly<Record<string, string>> = {
  via: 'v',
  from: 'f',
  to: 't',
  'call-id': 'i',
  contact: 'm',
  'content-length': 'l',
  'content-type': 'c',
  supported: 'k',
  'refer-to': 'r',
  'referred-by': 'b',
  event: 'o',
};

const NASTY_STRINGS = [
  '',
  ' ',
  '"',
  '\\',
  '"unterminated',
  '<',
  '>',
  '<<>>',
  ';;;;',
  '=',
  ',,,',
  '%00',
  '%',
  '%zz',
  '\u0000',
  '\u0007\u001b[31m',
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  '\ud800',
  '\udfff\ud800',
  '\ufffe\uffff',
  '\u2028\u2029',
  '😀'.repeat(50),
  '<img src=x onerror=alert(1)>',
  '"><script>alert(1)</script>',
  '{{constructor.constructor("alert(1)")()}}',
  '__proto__',
  'constructor',
  'toString',
  '${7*7}',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  '0x1F',
  '99999999999999999999999',
  'type=;by="',
  'mode=barge;target=',
  'mode=silent;target=int-1;target=int-2',
  'sip:evil@evil.invalid',
  'tel:+1;phone-context=<>',
];

const ABSURD_NUMBERS = ['0', '-1', '4294967295', '4294967296', '99999999999999999999', '1e9', '0x10', '', ' 7 ', '1.5', 'NaN', '٣'];

function pickHeaderIndex(draft: SipDraft, prng: Prng): number {
  return draft.headers.length === 0 ? -1 : prng.int(draft.headers.length);
}

function nasty(prng: Prng): string {
  return prng.pick(NASTY_STRINGS);
}

/** %-escapes every code unit but letters and digits (lone surrogates included: no throw, unlike encodeURIComponent). */
function percentEscape(text: string): string {
  return text.replace(/[^A-Za-z0-9]/g, (c) => `%${(c.charCodeAt(0) & 0xff).toString(16).padStart(2, '0')}`);
}

function firstHeader(draft: SipDraft, pattern: RegExp): number {
  return draft.headers.findIndex(([name]) => pattern.test(name));
}

const MUTATE: Readonly<Record<SipFuzzMutation, (draft: SipDraft, prng: Prng) => void>> = {
  'drop-header'(draft, prng) {
    const i = prng.chance(0.5)
      ? firstHeader(draft, prng.pick([/^via$/i, /^from$/i, /^to$/i, /^call-id$/i, /^cseq$/i, /^contact$/i, /^content-type$/i, /^max-forwards$/i]))
      : pickHeaderIndex(draft, prng);
    if (i >= 0) draft.headers.splice(i, 1);
  },
  'duplicate-header'(draft, prng) {
    const i = pickHeaderIndex(draft, prng);
    const header = draft.headers[i];
    if (!header) return;
    const copy: [string, string] = [header[0], prng.chance(0.5) ? header[1] : `${header[1]}${token(prng, 3)}`];
    draft.headers.splice(prng.int(draft.headers.length + 1), 0, copy);
  },
  'reorder-headers'(draft, prng) {
    for (let i = draft.headers.length - 1; i > 0; i -= 1) {
      const j = prng.int(i + 1);
      const a = draft.headers[i];
      const b = draft.headers[j];
      if (a && b) {
        draft.headers[i] = b;
        draft.headers[j] = a;
      }
    }
  },
  'compact-forms'(draft, prng) {
    draft.headers = draft.headers.map(([name, value]) => {
      const compact = COMPACT[name.toLowerCase()];
      return [compact !== undefined && prng.chance(0.7) ? (prng.chance(0.2) ? compact.toUpperCase() : compact) : name, value];
    });
  },
  'fold-lines'(draft, prng) {
    const i = pickHeaderIndex(draft, prng);
    const header = draft.headers[i];
    if (!header) return;
    const value = header[1];
    const at = prng.int(value.length + 1);
    const fold = prng.pick([`${draft.eol} `, `${draft.eol}\t`, `${draft.eol}    `, draft.eol]);
    header[1] = `${value.slice(0, at)}${fold}${value.slice(at)}`;
  },
  'start-line'(draft, prng) {
    const start = draft.start;
    draft.start = prng.pick([
      start.toLowerCase(),
      start.replace('SIP/2.0', 'SIP/3.0'),
      start.replace('SIP/2.0', ''),
      start.replace(/ /g, '  '),
      start.replace(/ /g, '\t'),
      ` ${start}`,
      `${start} extra`,
      start.replace(/^SIP\/2\.0 \d{3}/, 'SIP/2.0 999'),
      start.replace(/^SIP\/2\.0 \d{3}/, 'SIP/2.0 099'),
      start.replace(/^SIP\/2\.0 \d{3}/, 'SIP/2.0 abc'),
      start.replace(/sips?:[^ ]*/, prng.pick(['', 'sip:', 'sip:@', 'http://x', `sip:${'a'.repeat(4096)}@x`, 'sip:[::1', 'sip:a@b:99999999'])),
      '',
      'SIP/2.0',
      token(prng, 20),
      `${start}\u0000`,
    ]);
  },
  'unknown-method'(draft, prng) {
    const method = prng.pick(['FOO', 'invite', 'INVITEX', 'SUBSCRIBE', 'PUBLISH', 'UPDATE', 'PRACK', 'INV ITE', 'X'.repeat(300), '']);
    if (/^SIP\/2\.0 /.test(draft.start)) {
      const i = firstHeader(draft, /^cseq$/i);
      const header = draft.headers[i];
      if (header) header[1] = header[1].replace(/\S+$/, method);
      return;
    }
    const old = draft.start.split(' ')[0] ?? '';
    draft.start = `${method}${draft.start.slice(old.length)}`;
    const i = firstHeader(draft, /^cseq$/i);
    const header = draft.headers[i];
    if (header && prng.chance(0.7)) header[1] = header[1].replace(/\S+$/, method);
  },
  'huge-header'(draft, prng) {
    const value = prng.pick(['A', 'é', '😀', '<', ';x=', ',']).repeat(KB64);
    const where = prng.int(4);
    if (where === 0) draft.headers.push([prng.pick(['X-CX-Route', 'X-CX-Data-Notes', 'Subject', 'X-Fuzz']), value]);
    else if (where === 1) {
      const i = firstHeader(draft, /^from$/i);
      const header = draft.headers[i];
      if (header) header[1] = `"${value.slice(0, KB64)}" <sip:2999@fuzz.invalid>;tag=big`;
    } else if (where === 2) {
      draft.headers.push([`X-${'N'.repeat(KB64)}`, 'long name']);
    } else {
      const i = pickHeaderIndex(draft, prng);
      const header = draft.headers[i];
      if (header) header[1] = `${header[1]}${value}`;
    }
  },
  'huge-body'(draft, prng) {
    const line = prng.pick(['a=candidate:1 1 udp 2122260223 127.0.0.1 9 typ host\r\n', 'x', 'é', '\r\n']);
    draft.body = `${draft.body}${line.repeat(Math.ceil(MB1 / line.length))}`;
  },
  'many-headers'(draft, prng) {
    const name = prng.pick(['Via', 'X-CX-Data-Field', 'Record-Route', 'Contact', 'X-Junk']);
    // Enough to pass any sane limit; sip.js parses each Via (about 0.3 ms each here), so not thousands.
    const n = 100 + prng.int(200);
    for (let i = 0; i < n; i += 1) {
      draft.headers.push([name.startsWith('X-CX-Data') ? `${name}${i}` : name, name === 'Via' ? `SIP/2.0/WSS h${i}.invalid;branch=z9hG4bK${i}` : `<sip:h${i}@x.invalid;lr>`]);
    }
  },
  'content-length'(draft, prng) {
    const real = encoder.encode(draft.body).length;
    draft.contentLength = prng.pick(['omit', String(real + 1 + prng.int(100)), String(Math.max(0, real - 1 - prng.int(50))), '-1', 'abc', '99999999999', '1e3', '', ` ${real} `, `${real}, ${real}`]);
    if (prng.chance(0.3)) draft.headers.push(['Content-Length', prng.pick(['0', '5', String(real)])]);
  },
  'invalid-utf8'(draft, prng) {
    const bytes = prng.pick([
      [0xff],
      [0xc0, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0x80, 0x80, 0x80],
      [0xe2, 0x82],
      [0x00],
      [0xfe, 0xfe, 0xff, 0xff],
    ]);
    const at = prng.next();
    draft.post.push((text) => {
      const encoded = encoder.encode(text);
      const cut = Math.floor(at * encoded.length);
      const out = new Uint8Array(encoded.length + bytes.length);
      out.set(encoded.subarray(0, cut), 0);
      out.set(bytes, cut);
      out.set(encoded.subarray(cut), cut + bytes.length);
      return out;
    });
  },
  'control-chars'(draft, prng) {
    const chars = prng.pick(['\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085', '\u2028', '\ufeff', '\ud800', '\r', '\n']);
    if (prng.chance(0.3) && draft.body !== '') {
      const at = prng.int(draft.body.length + 1);
      draft.body = `${draft.body.slice(0, at)}${chars}${draft.body.slice(at)}`;
      return;
    }
    const header = draft.headers[pickHeaderIndex(draft, prng)];
    if (!header) return;
    if (prng.chance(0.2)) header[0] = `${header[0]}${chars}`;
    else {
      const at = prng.int(header[1].length + 1);
      header[1] = `${header[1].slice(0, at)}${chars}${header[1].slice(at)}`;
    }
  },
  'crlf-injection'(draft, prng) {
    const header = draft.headers[pickHeaderIndex(draft, prng)];
    if (!header) return;
    header[1] = `${header[1]}${prng.pick([
      '\r\nX-CX-Monitor: mode=barge;target=int-1',
      '\r\nCall-Info: <sip:x>;answer-after=0',
      '\r\n\r\nBYE sip:x SIP/2.0',
      '\r\nContent-Length: 0\r\n\r\n',
      '\r\nVia: SIP/2.0/WSS evil.invalid;branch=z9hG4bKevil',
      '\n\n',
      '\r\r',
      '\r\nReplaces: a@b;to-tag=1;from-tag=2',
    ])}`;
  },
  'absurd-numbers'(draft, prng) {
    const n = prng.pick(ABSURD_NUMBERS);
    const which = prng.int(5);
    if (which === 0) {
      const header = draft.headers[firstHeader(draft, /^cseq$/i)];
      if (header) header[1] = header[1].replace(/^\S+/, n);
    } else if (which === 1) {
      const i = firstHeader(draft, /^max-forwards$/i);
      if (i >= 0) draft.headers[i] = ['Max-Forwards', n];
      else draft.headers.push(['Max-Forwards', n]);
    } else if (which === 2) {
      draft.headers.push(['Expires', n]);
    } else if (which === 3) {
      draft.headers.push([prng.pick(['X-CX-Ring-Timeout', 'X-CX-Wait-Time', 'Session-Expires', 'Min-SE', 'RSeq']), n]);
    } else {
      draft.start = draft.start.replace(/^SIP\/2\.0 \d{3}/, `SIP/2.0 ${n}`);
      const header = draft.headers[firstHeader(draft, /^cseq$/i)];
      if (header) header[1] = `${n} ${header[1].split(/\s+/)[1] ?? ''}`;
    }
  },
  'malformed-sdp'(draft, prng) {
    const lines = (draft.body === '' ? webrtcSdp(prng) : draft.body).split('\r\n');
    const which = prng.int(9);
    if (which === 0) lines.splice(prng.int(lines.length), 1 + prng.int(4));
    else if (which === 1) lines.splice(prng.int(lines.length), 0, prng.pick(['m=audio', 'm=', 'm=audio -1 RTP/AVP', 'm=video 9 UDP/TLS/RTP/SAVPF 96', 'm=audio 70000 UDP/TLS/RTP/SAVPF 111', 'c=IN IP4', 'c=IN IP6 ::ffff:', 'a=', 'a=fingerprint:sha-256 ZZ', 'a=rtpmap:', 'a=ice-ufrag:', 'a=setup:nonsense', 'a=candidate:garbage', '=', 'v=1']));
    else if (which === 2) {
      const filtered = lines.filter((l) => !/^a=(fingerprint|ice-ufrag|ice-pwd)/.test(l));
      lines.length = 0;
      lines.push(...filtered);
    } else if (which === 3) lines.reverse();
    else if (which === 4) draft.body = 'not sdp at all';
    else if (which === 5) {
      draft.body = ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 6000 RTP/AVP 0', 'a=rtpmap:0 PCMU/8000', ''].join('\r\n');
      return;
    } else if (which === 6) {
      for (let i = 0; i < 2000; i += 1) lines.push(`a=candidate:${i} 1 udp ${i} 127.0.0.${i % 255} ${i} typ host`);
    } else if (which === 7) {
      for (let i = 0; i < 64; i += 1) lines.push(`m=audio ${9 + i} UDP/TLS/RTP/SAVPF 111`, `a=mid:${i}`);
    } else {
      draft.body = `${lines.join('\n')}`;
      return;
    }
    if (which !== 4) draft.body = lines.join('\r\n');
    if (!draft.headers.some(([name]) => /^(content-type|c)$/i.test(name))) draft.headers.push(['Content-Type', 'application/sdp']);
  },
  'hostile-display-name'(draft, prng) {
    const i = firstHeader(draft, prng.chance(0.7) ? /^(from|f)$/i : /^(to|t|contact|m|referred-by|b)$/i);
    const header = draft.headers[i];
    if (!header) return;
    const name = nasty(prng);
    const tag = /;tag=[^;]*/.exec(header[1])?.[0] ?? '';
    header[1] = prng.pick([
      `"${name}" <sip:2999@fuzz.invalid>${tag}`,
      `${name} <sip:2999@fuzz.invalid>${tag}`,
      `"${name.replace(/"/g, '\\"')}\\" <sip:2999@fuzz.invalid>${tag}`,
      `"a" "b" <sip:2999@fuzz.invalid>${tag}`,
      `<sip:${percentEscape(name)}@fuzz.invalid>${tag}`,
      `"${name}"${tag}`,
    ]);
  },
  'hostile-x-cx'(draft, prng) {
    const name = prng.pick([
      'X-CX-Interaction-Id',
      'X-CX-Call-Type',
      'X-CX-Queue',
      'X-CX-Queue-Id',
      'X-CX-Wait-Time',
      'X-CX-Ring-Timeout',
      'X-CX-Transfer',
      'X-CX-Called',
      'X-CX-Route',
      `X-CX-Data-${prng.pick(['', '__proto__', 'constructor', 'Ünïcode', 'a'.repeat(200), 'x'])}`,
      'X-CX-Monitor',
      'X-CX-Recording',
      'X-CX-Small-Banner',
      'Call-Info',
      'Alert-Info',
      'Replaces',
      'Referred-By',
      'P-Asserted-Identity',
    ]);
    const value = prng.chance(0.8) ? nasty(prng) : prng.pick(['<sip:x>;answer-after=abc', '<sip:x>;info=alert-autoanswer;info=', 'a@b;to-tag=;from-tag=', `${'x;'.repeat(2000)}`]);
    if (prng.chance(0.5)) draft.headers.push([name, value]);
    else {
      const existing = draft.headers.findIndex(([n]) => n.toLowerCase() === name.toLowerCase());
      if (existing >= 0) draft.headers[existing] = [name, value];
      else draft.headers.unshift([name.toUpperCase(), value]);
    }
  },
  'bad-uri'(draft, prng) {
    const uri = prng.pick(['sip:', 'sip:@', 'sip:a@', 'sips:a@[::1', 'sip:a@b:-1', 'sip:a@b;;;', 'sip:a@b?%', 'tel:', 'http://example.com', '<>', '*', 'sip:a b@c', `sip:${'%41'.repeat(1000)}@x`, 'sip:a@b;transport=', 'sip:a@1.2.3.4.5']);
    const which = prng.pick([/^(via|v)$/i, /^(from|f)$/i, /^(to|t)$/i, /^(contact|m)$/i, /^start$/]);
    if (which.source === '^start$') {
      draft.start = draft.start.replace(/sips?:\S*/, uri);
      return;
    }
    const header = draft.headers[firstHeader(draft, which)];
    if (!header) return;
    if (/via|v/i.test(header[0])) header[1] = prng.pick(['SIP/2.0/WSS', 'SIP/2.0/WSS ;branch=', 'garbage', 'SIP/2.0/WSS a.invalid;branch', 'SIP/2.0/WSS a.invalid:99999;branch=z9hG4bK1', 'SIP/2.0/WSS a.invalid;branch=z9hG4bK1;received=;rport=abc']);
    else header[1] = prng.pick([`<${uri}>`, uri, `"x" <${uri}>;tag=`, `<${uri}`]);
  },
  'line-endings'(draft, prng) {
    draft.eol = prng.pick(['\n', '\r', '\n\r', '\r\r\n']);
    if (prng.chance(0.5)) draft.body = draft.body.replace(/\r\n/g, '\n');
  },
  'content-type'(draft, prng) {
    const value = prng.pick([
      'multipart/mixed;boundary=unique',
      'multipart/mixed',
      'multipart/mixed;boundary=',
      'application/sdp;charset=utf-16',
      'APPLICATION/SDP',
      'application/',
      '/',
      '',
      'text/html',
      'application/sdp, application/sdp',
    ]);
    const i = firstHeader(draft, /^(content-type|c)$/i);
    if (i >= 0) draft.headers[i] = ['Content-Type', value];
    else draft.headers.push(['Content-Type', value]);
    if (value.startsWith('multipart') && prng.chance(0.7)) {
      draft.body = prng.pick([
        `--unique\r\nContent-Type: application/sdp\r\n\r\n${draft.body}\r\n--unique--\r\n`,
        `--unique\r\n\r\n--unique`,
        '--unique--',
        `--other\r\nContent-Type: application/sdp\r\n\r\n${draft.body}`,
      ]);
    }
  },
  truncate(draft, prng) {
    const at = prng.next();
    draft.post.push((text) => text.slice(0, Math.floor(at * text.length)));
  },
  'empty-frame'(draft, prng) {
    const frame = prng.pick(['', ' ', '\r\n', '\r\n\r\n', '\r\n\r\n\r\n\r\n', '\n', '\u0000', '\t\r\n']);
    draft.post.push(() => frame);
  },
};
