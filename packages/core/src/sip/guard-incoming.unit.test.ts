import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { UserAgent } from 'sip.js';
import { Logger, type LogLevel } from '../logger.js';
import { guardIncomingMessages } from './guard-incoming.js';

/** A response whose CSeq does not parse: sip.js 0.21's parser throws a TypeError on it (found by the fuzz test). */
const BAD_CSEQ_RESPONSE = [
  'SIP/2.0 180 Ringing',
  'Via: SIP/2.0/WSS abc.invalid;branch=z9hG4bK1',
  'From: <sip:1001@sim.cx.invalid>;tag=a',
  'To: <sip:2001@sim.cx.invalid>;tag=b',
  'Call-ID: c1@sim',
  'CSeq: -1 INVITE',
  'Content-Length: 0',
  '',
  '',
].join('\r\n');

function userAgent(): UserAgent {
  return new UserAgent({
    uri: UserAgent.makeURI('sip:1001@sim.cx.invalid'),
    transportOptions: { server: 'wss://sim.cx.invalid/ws' },
    logBuiltinEnabled: false,
  });
}

function recordingLogger(): { logger: Logger; lines: Array<[LogLevel, string]> } {
  const lines: Array<[LogLevel, string]> = [];
  return { logger: new Logger({ level: 'debug', sink: (level, message) => lines.push([level, message]) }), lines };
}

describe('guardIncomingMessages', () => {
  it('sip.js 0.21 alone throws on a response with a malformed CSeq (the reason for the guard)', () => {
    const ua = userAgent();
    assert.throws(() => ua.transport.onMessage?.(BAD_CSEQ_RESPONSE), TypeError);
  });

  it('guarded, the frame is dropped with a warning that does not quote the message', () => {
    const ua = userAgent();
    const { logger, lines } = recordingLogger();
    guardIncomingMessages(ua, logger);
    assert.doesNotThrow(() => ua.transport.onMessage?.(BAD_CSEQ_RESPONSE));
    const warnings = lines.filter(([level]) => level === 'warn');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]?.[1] ?? '', /^Dropped an incoming SIP message \(\d+ characters\) that could not be handled: TypeError/);
    assert.doesNotMatch(warnings[0]?.[1] ?? '', /sim\.cx\.invalid/);
  });

  it('wraps once, and still delivers well-formed frames', () => {
    const ua = userAgent();
    const { logger } = recordingLogger();
    const delivered: string[] = [];
    ua.transport.onMessage = (message) => delivered.push(message);
    guardIncomingMessages(ua, logger);
    const once = ua.transport.onMessage;
    guardIncomingMessages(ua, logger);
    assert.equal(ua.transport.onMessage, once);
    ua.transport.onMessage?.('OPTIONS sip:1001@x SIP/2.0\r\n\r\n');
    assert.deepEqual(delivered, ['OPTIONS sip:1001@x SIP/2.0\r\n\r\n']);
  });
});
