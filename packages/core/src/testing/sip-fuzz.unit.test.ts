import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  SIP_FUZZ_MUTATIONS,
  SIP_FUZZ_TEMPLATES,
  baseMessage,
  createPrng,
  render,
  sipFuzzCases,
  type SipFuzzCase,
  type SipFuzzTarget,
} from './sip-fuzz.js';
import { parseSipMessage } from './sip-message.js';

const TARGET: SipFuzzTarget = {
  domain: 'sim.cx.invalid',
  user: '1001',
  dialog: {
    callId: 'dlg-1@sim',
    from: '<sip:2001@sim.cx.invalid>;tag=peer',
    to: '<sip:1001@sim.cx.invalid>;tag=phone',
    target: 'sip:abc@xyz.invalid;transport=ws',
    cseq: 5,
  },
  request: {
    via: 'SIP/2.0/WSS xyz.invalid;branch=z9hG4bK123',
    callId: 'out-1@sim',
    from: '<sip:1001@sim.cx.invalid>;tag=phone2',
    to: '<sip:2001@sim.cx.invalid>',
    cseq: 1,
  },
};

function asText(frame: string | Uint8Array): string {
  return typeof frame === 'string' ? frame : new TextDecoder().decode(frame);
}

function size(frame: string | Uint8Array): number {
  return typeof frame === 'string' ? new TextEncoder().encode(frame).length : frame.byteLength;
}

describe('createPrng', () => {
  it('is deterministic and spreads over [0, 1)', () => {
    const a = createPrng(42);
    const b = createPrng(42);
    const values = Array.from({ length: 1000 }, () => a.next());
    assert.deepEqual(values, Array.from({ length: 1000 }, () => b.next()));
    assert.ok(values.every((v) => v >= 0 && v < 1));
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    assert.ok(Math.abs(mean - 0.5) < 0.05, `mean ${mean}`);
    assert.notDeepEqual(values.slice(0, 10), Array.from({ length: 10 }, createPrng(43).next));
  });

  it('int() stays in range and pick() reaches every element', () => {
    const prng = createPrng(1);
    const seen = new Set<string>();
    for (let i = 0; i < 500; i += 1) {
      const n = prng.int(7);
      assert.ok(Number.isInteger(n) && n >= 0 && n < 7);
      seen.add(prng.pick(['a', 'b', 'c']));
    }
    assert.deepEqual([...seen].sort(), ['a', 'b', 'c']);
  });
});

describe('sipFuzzCases', () => {
  it('gives the same frames for the same seed, and others for another seed', () => {
    const one = [...sipFuzzCases({ seed: 7, count: 300 }, TARGET)];
    const two = [...sipFuzzCases({ seed: 7, count: 300 }, TARGET)];
    assert.deepEqual(one, two);
    const other = [...sipFuzzCases({ seed: 8, count: 300 }, TARGET)];
    assert.notDeepEqual(
      one.map((c) => c.frame),
      other.map((c) => c.frame),
    );
  });

  it('replays case i alone, as in the whole sequence (batches and reproduction)', () => {
    const all = [...sipFuzzCases({ seed: 99, count: 200 }, TARGET)];
    const alone = [...sipFuzzCases({ seed: 99, start: 137, count: 1 }, TARGET)];
    assert.deepEqual(alone, [all[137]]);
  });

  it('uses every template and every mutation over 20,000 cases, with the huge ones present but rare', () => {
    const templates = new Map<string, number>();
    const mutations = new Map<string, number>();
    let binary = 0;
    let over64k = 0;
    let over1m = 0;
    let controls = 0;
    for (const c of sipFuzzCases({ seed: 2026, count: 20_000 }, TARGET)) {
      templates.set(c.template, (templates.get(c.template) ?? 0) + 1);
      for (const m of c.mutations) mutations.set(m, (mutations.get(m) ?? 0) + 1);
      if (c.mutations.length === 0) controls += 1;
      if (typeof c.frame !== 'string') binary += 1;
      const bytes = size(c.frame);
      if (bytes > 64 * 1024) over64k += 1;
      if (bytes > 1024 * 1024) over1m += 1;
    }
    assert.deepEqual([...templates.keys()].sort(), [...SIP_FUZZ_TEMPLATES].sort());
    assert.deepEqual([...mutations.keys()].sort(), [...SIP_FUZZ_MUTATIONS].sort());
    assert.ok(binary > 100, `binary frames: ${binary}`);
    assert.ok(over64k > 20 && over64k < 600, `frames over 64 KB: ${over64k}`);
    assert.ok(over1m >= 5 && over1m < 100, `frames over 1 MB: ${over1m}`);
    assert.ok(controls > 100 && controls < 1000, `well-formed controls: ${controls}`);
  });

  it('mutates: most frames differ from their template, and many are refused by a strict parser', () => {
    let refused = 0;
    const cases: SipFuzzCase[] = [...sipFuzzCases({ seed: 5, count: 2000 }, TARGET)];
    for (const c of cases) if (!parseSipMessage(asText(c.frame)).ok) refused += 1;
    assert.ok(refused > 300, `refused: ${refused}`);
    assert.ok(refused < 1900, `refused: ${refused} (some must still parse, to go deeper)`);
  });

  it('aims in-dialog requests at the dialog, with rising CSeq, and responses at the pending request', () => {
    const cases = [...sipFuzzCases({ seed: 3, count: 400, wellFormed: 1 }, TARGET)];
    const bye = cases.filter((c) => c.template === 'bye').map((c) => parseSipMessage(asText(c.frame)));
    assert.ok(bye.length > 5);
    let last = 0;
    for (const parsed of bye) {
      assert.ok(parsed.ok);
      if (!parsed.ok || parsed.message.kind !== 'request') continue;
      assert.equal(parsed.message.uri, 'sip:abc@xyz.invalid;transport=ws');
      assert.equal(parsed.message.headers.get('call-id'), 'dlg-1@sim');
      assert.equal(parsed.message.headers.get('to'), '<sip:1001@sim.cx.invalid>;tag=phone');
      const seq = Number(parsed.message.headers.get('cseq')?.split(' ')[0]);
      assert.ok(seq > last);
      last = seq;
    }
    const ok = cases.find((c) => c.template === 'response-200');
    assert.ok(ok);
    const parsed = parseSipMessage(asText(ok.frame));
    assert.ok(parsed.ok && parsed.message.kind === 'response');
    if (parsed.ok) {
      assert.equal(parsed.message.headers.get('via'), 'SIP/2.0/WSS xyz.invalid;branch=z9hG4bK123');
      assert.equal(parsed.message.headers.get('cseq'), '1 INVITE');
      assert.match(parsed.message.body, /a=fingerprint:sha-256 /);
    }
  });

  it('every template, unmutated, is a well-formed SIP message', () => {
    for (const template of SIP_FUZZ_TEMPLATES) {
      for (const target of [TARGET, { domain: 'sim.cx.invalid', user: '1001' }]) {
        const frame = render(baseMessage(template, target, createPrng(1), 0));
        const parsed = parseSipMessage(asText(frame));
        assert.ok(parsed.ok, `${template}: ${parsed.ok ? '' : parsed.error.message}`);
      }
    }
  });

  it('an INVITE carries SDP and X-CX headers of the header contract', () => {
    const invites = [...sipFuzzCases({ seed: 11, count: 300, templates: ['invite'], wellFormed: 1 }, TARGET)];
    const texts = invites.map((c) => asText(c.frame));
    assert.ok(texts.every((t) => t.startsWith('INVITE sip:1001@sim.cx.invalid SIP/2.0\r\n')));
    assert.ok(texts.every((t) => t.includes('Content-Type: application/sdp') && t.includes('\r\n\r\nv=0\r\n')));
    assert.ok(texts.some((t) => t.includes('X-CX-Queue: Sales')));
    assert.ok(texts.some((t) => t.includes('X-CX-Interaction-Id: int-fuzz-')));
    assert.equal(new Set(texts.map((t) => /Call-ID: (\S+)/.exec(t)?.[1])).size, texts.length, 'one Call-ID each');
  });
});
