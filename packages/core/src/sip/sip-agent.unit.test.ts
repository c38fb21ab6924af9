// The SIP agent against a fake WebSocket in Node: what reaches the phone
// from frames that sip.js 0.21 mishandles (regressions found by the fuzz
// test, packages/core/src/sip/sip-fuzz.test.ts).
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Logger } from '../logger.js';
import { resolvePhoneOptions } from '../phone/phone-options.js';
import { createSipResponse, parseSipMessage } from '../testing/sip-message.js';
import { SipAgent, type IncomingOffer } from './sip-agent.js';

/** The one socket sip.js opens: answers REGISTER with 200, records everything else the phone sends. */
class FakeSocket extends EventTarget {
  static last: FakeSocket | undefined;
  readonly url: string;
  readonly protocol = 'sip';
  binaryType = 'blob';
  readyState = 0;
  readonly sent: string[] = [];

  constructor(url: string) {
    super();
    this.url = url;
    FakeSocket.last = this;
    setTimeout(() => {
      this.readyState = 1;
      this.dispatchEvent(new Event('open'));
    }, 0);
  }

  send(data: string): void {
    const parsed = parseSipMessage(data);
    if (parsed.ok && parsed.message.kind === 'request' && parsed.message.method === 'REGISTER') {
      const request = parsed.message;
      const unregister = request.headers.get('expires') === '0' || /;expires=0\b/.test(request.headers.get('contact') ?? '');
      const ok = createSipResponse(request, 200, {
        headers: unregister ? [] : [['Contact', `${request.headers.get('contact') ?? ''};expires=600`]],
      });
      this.deliver(serialize(ok.status, ok.reason, ok.headers));
      return;
    }
    this.sent.push(data);
  }

  /** A frame from the "server", in a later task. */
  deliver(frame: string): void {
    setTimeout(() => this.dispatchEvent(Object.assign(new Event('message'), { data: frame })), 0);
  }

  close(): void {
    this.readyState = 3;
    setTimeout(() => this.dispatchEvent(Object.assign(new Event('close'), { code: 1000, reason: '', wasClean: true })), 0);
  }
}

function serialize(status: number, reason: string, headers: Iterable<{ name: string; value: string }>): string {
  const lines = [`SIP/2.0 ${status} ${reason}`];
  for (const h of headers) lines.push(`${h.name}: ${h.value}`);
  return `${lines.join('\r\n')}\r\nContent-Length: 0\r\n\r\n`;
}

const SDP = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\n';

function invite(contentType: string | undefined): string {
  const body = SDP;
  return [
    'INVITE sip:1001@sim.cx.invalid SIP/2.0',
    'Via: SIP/2.0/WSS fuzz.invalid;branch=z9hG4bKnoct1',
    'Max-Forwards: 70',
    'From: "Fuzz Caller" <sip:2999@sim.cx.invalid>;tag=f1',
    'To: <sip:1001@sim.cx.invalid>',
    'Call-ID: no-content-type@fuzz.invalid',
    'CSeq: 1 INVITE',
    'Contact: <sip:fuzz@fuzz.invalid;transport=ws>',
    ...(contentType === undefined ? [] : [`Content-Type: ${contentType}`]),
    `Content-Length: ${new TextEncoder().encode(body).length}`,
    '',
    body,
  ].join('\r\n');
}

/** The ACK for the last final response the phone sent to an INVITE (ends its server transaction at once). */
function ack(socket: FakeSocket): void {
  const last = socket.sent.filter((f) => /^SIP\/2\.0 [3-6]\d\d /.test(f)).at(-1);
  const parsed = last === undefined ? undefined : parseSipMessage(last);
  if (!parsed?.ok) throw new Error('no final response to acknowledge');
  const h = parsed.message.headers;
  socket.deliver(
    [
      'ACK sip:1001@sim.cx.invalid SIP/2.0',
      `Via: ${h.get('via') ?? ''}`,
      'Max-Forwards: 70',
      `From: ${h.get('from') ?? ''}`,
      `To: ${h.get('to') ?? ''}`,
      `Call-ID: ${h.get('call-id') ?? ''}`,
      `CSeq: ${(h.get('cseq') ?? '').replace('INVITE', 'ACK')}`,
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n'),
  );
}

function statusLines(socket: FakeSocket): string[] {
  return socket.sent.map((frame) => frame.split('\r\n', 1)[0] ?? '').filter((line) => line.startsWith('SIP/2.0'));
}

describe('SipAgent with malformed offers', () => {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown): void => void rejections.push(reason);
  const globals = globalThis as unknown as { WebSocket?: unknown };
  const previous = globals.WebSocket;
  let agent: SipAgent | undefined;

  // sip.js leaves timers behind a stopped user agent (registration refresh,
  // transaction timers): they must not keep this test process alive.
  const setTimer = globalThis.setTimeout;
  before(() => {
    globalThis.setTimeout = ((...args: Parameters<typeof setTimeout>) => {
      const timer = setTimer(...args);
      timer.unref();
      return timer;
    }) as typeof setTimeout;
  });
  after(() => {
    globalThis.setTimeout = setTimer;
  });

  beforeEach(() => {
    rejections.length = 0;
    process.on('unhandledRejection', onRejection);
    globals.WebSocket = FakeSocket;
  });
  afterEach(async () => {
    await agent?.destroy();
    agent = undefined;
    process.off('unhandledRejection', onRejection);
    globals.WebSocket = previous;
  });

  async function connected(offers: IncomingOffer[]): Promise<FakeSocket> {
    const options = resolvePhoneOptions({ sip: { server: 'wss://sim.cx.invalid/ws', aor: 'sip:1001@sim.cx.invalid' } });
    agent = new SipAgent(options, new Logger(), {
      onOffer: (offer) => void offers.push(offer),
      streamFor: () => Promise.reject(new Error('no media in this test')),
      referPolicy: () => false,
      onDialog: () => undefined,
    });
    await agent.connect();
    const socket = FakeSocket.last;
    assert.ok(socket);
    return socket;
  }

  async function settle(): Promise<void> {
    for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  it('an INVITE with a body but no Content-Type is refused (480, by sip.js), without an unhandled rejection', async () => {
    const offers: IncomingOffer[] = [];
    const socket = await connected(offers);
    socket.deliver(invite(undefined));
    await settle();
    assert.deepEqual(rejections, []);
    assert.deepEqual(offers, [], 'never offered to the phone');
    assert.deepEqual(statusLines(socket), ['SIP/2.0 100 Trying', 'SIP/2.0 480 Temporarily Unavailable']);
    ack(socket);
    await settle();
  });

  it('a well-formed INVITE still gets 180 Ringing and reaches the phone', async () => {
    const offers: IncomingOffer[] = [];
    const socket = await connected(offers);
    socket.deliver(invite('application/sdp'));
    await settle();
    assert.deepEqual(rejections, []);
    assert.equal(offers.length, 1);
    assert.equal(offers[0]?.input.from.user, '2999');
    assert.deepEqual(statusLines(socket), ['SIP/2.0 100 Trying', 'SIP/2.0 180 Ringing']);
    offers[0]?.refuse(486);
    await settle();
    assert.deepEqual(statusLines(socket).at(-1), 'SIP/2.0 486 Busy Here');
    ack(socket);
    await settle();
  });

  it('a response whose CSeq does not parse is dropped, and the agent still works', async () => {
    const offers: IncomingOffer[] = [];
    const socket = await connected(offers);
    socket.deliver('SIP/2.0 180 Ringing\r\nVia: SIP/2.0/WSS x.invalid;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\nCall-ID: x\r\nCSeq: -1 INVITE\r\nContent-Length: 0\r\n\r\n');
    socket.deliver(invite('application/sdp'));
    await settle();
    assert.deepEqual(rejections, []);
    assert.equal(offers.length, 1);
    offers[0]?.refuse(486);
    await settle();
    ack(socket);
    await settle();
  });
});
