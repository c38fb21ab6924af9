import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { isCxError } from '../errors/cx-error.js';
import { Call, type CallSnapshot } from './call.js';
import type { CallControl } from './call-control.js';
import type { CallInfo } from './call-info.js';
import type { CallState } from './call-state.js';

const info = { remote: { number: '2001', displayName: '', uri: 'sip:2001@x', internal: false } } as unknown as CallInfo;

/** A control that records what the call asked of the signalling layer. */
class FakeControl implements CallControl {
  log: string[] = [];
  failAccept = false;
  async accept(): Promise<void> {
    this.log.push('accept');
    if (this.failAccept) throw new Error('no media');
  }
  async reject(code: number): Promise<void> {
    this.log.push(`reject ${code}`);
  }
  async terminate(): Promise<void> {
    this.log.push('terminate');
  }
  async setHold(on: boolean): Promise<void> {
    this.log.push(`hold ${on}`);
  }
  setSending(on: boolean): void {
    this.log.push(`sending ${on}`);
  }
  async sendDtmf(digit: string): Promise<void> {
    this.log.push(`dtmf ${digit}`);
  }
  dispose(): void {
    this.log.push('dispose');
  }
}

function make(state: CallState, direction: 'inbound' | 'outbound' = 'inbound') {
  const control = new FakeControl();
  const changes: Array<[CallState, CallState]> = [];
  const call = new Call({
    id: 'c1',
    direction,
    state,
    info,
    control,
    onChange: (c, previous: CallSnapshot) => changes.push([previous.state, c.state]),
  });
  return { call, control, changes };
}

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => isCxError(error) && error.code === code);
}

describe('Call commands', () => {
  let t: ReturnType<typeof make>;
  beforeEach(() => {
    t = make('ringing');
  });

  test('accept: ringing -> connecting -> active, emitted after each commit', async () => {
    const seen: CallState[] = [];
    t.call.$snapshot.listen((s) => seen.push(s.state));
    await t.call.accept();
    assert.deepEqual(t.changes, [
      ['ringing', 'connecting'],
      ['connecting', 'active'],
    ]);
    assert.deepEqual(seen, ['connecting', 'active']);
    assert.equal(typeof t.call.snapshot.answeredAt, 'number');
    assert.deepEqual(t.control.log, ['accept']);
  });

  test('accept that fails ends the call as failed and rejects with a typed error', async () => {
    t.control.failAccept = true;
    await rejectsWith(t.call.accept(), 'sip-failure');
    assert.equal(t.call.state, 'ended');
    assert.equal(t.call.snapshot.endReason, 'failed');
    assert.ok(t.control.log.includes('dispose'));
  });

  test('accept runs the phone hook that holds the other call first', async () => {
    const order: string[] = [];
    t.call.beforeActivate = async () => {
      order.push('hold others');
    };
    const control = t.control;
    const accept = control.accept.bind(control);
    control.accept = async () => {
      order.push('accept');
      await accept();
    };
    await t.call.accept();
    assert.deepEqual(order, ['hold others', 'accept']);
  });

  test('decline sends 486 and ends as declined', async () => {
    await t.call.decline();
    assert.equal(t.call.snapshot.endReason, 'declined');
    assert.ok(t.control.log.includes('reject 486'));
  });

  test('hold and resume go through re-INVITE and stop our audio while held', async () => {
    await t.call.accept();
    await t.call.hold(true);
    assert.equal(t.call.state, 'held');
    await t.call.hold(false);
    assert.equal(t.call.state, 'active');
    assert.deepEqual(t.control.log, ['accept', 'sending false', 'hold true', 'hold false', 'sending true']);
  });

  test('resume keeps a muted microphone muted', async () => {
    await t.call.accept();
    await t.call.mute(true);
    await t.call.hold(true);
    await t.call.hold(false);
    assert.equal(t.control.log.at(-1), 'sending false');
    assert.equal(t.call.muted, true);
  });

  test('mute does not change the state and is idempotent', async () => {
    await t.call.accept();
    const before = t.changes.length;
    await t.call.mute(true);
    await t.call.mute(true);
    assert.equal(t.call.state, 'active');
    assert.equal(t.changes.length, before + 1);
  });

  test('sendDtmf sends each digit in order and rejects anything but 0-9 * #', async () => {
    await t.call.accept();
    await t.call.sendDtmf('0*#9');
    assert.deepEqual(
      t.control.log.filter((l) => l.startsWith('dtmf')),
      ['dtmf 0', 'dtmf *', 'dtmf #', 'dtmf 9'],
    );
    for (const bad of ['', 'A', '12a', '1 2', '+1', '<script>', '1'.repeat(65)]) {
      await rejectsWith(t.call.sendDtmf(bad), 'invalid-dtmf');
    }
    await rejectsWith(t.call.sendDtmf(42 as unknown as string), 'invalid-dtmf');
  });

  test('hangup from each live state ends the call with the right reason', async () => {
    const cases: Array<[CallState, 'inbound' | 'outbound', string, string]> = [
      ['ringing', 'inbound', 'declined', 'reject 486'],
      ['dialing', 'outbound', 'cancelled', 'terminate'],
      ['active', 'inbound', 'local-hangup', 'terminate'],
      ['held', 'inbound', 'local-hangup', 'terminate'],
    ];
    for (const [state, direction, reason, sent] of cases) {
      const { call, control } = make(state, direction);
      await call.hangup();
      assert.equal(call.snapshot.endReason, reason, state);
      assert.ok(control.log.includes(sent), state);
      assert.ok(control.log.includes('dispose'), state);
    }
  });

  // Guards: every command in every state where it is not allowed.
  const guards: Array<[string, (c: Call) => Promise<unknown>, CallState[]]> = [
    ['accept', (c) => c.accept(), ['dialing', 'connecting', 'active', 'held', 'ended']],
    ['decline', (c) => c.decline(), ['dialing', 'connecting', 'active', 'held', 'ended']],
    ['hangup', (c) => c.hangup(), ['ended']],
    ['hold', (c) => c.hold(true), ['ringing', 'dialing', 'connecting', 'ended']],
    ['resume', (c) => c.hold(false), ['ringing', 'dialing', 'connecting', 'ended']],
    ['mute', (c) => c.mute(true), ['ringing', 'ended']],
    ['sendDtmf', (c) => c.sendDtmf('1'), ['ringing', 'dialing', 'connecting', 'held', 'ended']],
  ];
  for (const [name, run, states] of guards) {
    for (const state of states) {
      test(`${name} is refused when ${state}`, async () => {
        const { call, control } = make(state === 'ended' ? 'active' : state);
        if (state === 'ended') call.end('remote-hangup');
        await rejectsWith(run(call), state === 'ended' ? 'call-ended' : 'invalid-state');
        assert.ok(!control.log.some((l) => l.startsWith('accept') || l.startsWith('hold') || l.startsWith('dtmf')));
      });
    }
  }

  test('end is idempotent and disposes once', () => {
    const { call, control } = make('active');
    call.end('remote-hangup');
    call.end('failed');
    assert.equal(call.snapshot.endReason, 'remote-hangup');
    assert.equal(control.log.filter((l) => l === 'dispose').length, 1);
  });

  test('snapshots are frozen', () => {
    const { call } = make('active');
    assert.throws(() => {
      (call.snapshot as { muted: boolean }).muted = true;
    });
  });
});
