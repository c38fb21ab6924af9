import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { isCxError } from '../errors/cx-error.js';
import { createCall, type Call, type CallDriver, type CallSnapshot } from './call.js';
import type { CallInfo } from './call-info.js';
import type { CallLeg, CallLegListener } from './call-leg.js';
import { abilitiesOf, CallCommand, type CallState } from './call-state.js';

const info = { remote: { number: '2001', displayName: '', uri: 'sip:2001@x', internal: false } } as unknown as CallInfo;

/** A leg that records what the call asked of the signalling layer. */
class FakeLeg implements CallLeg {
  readonly id = 'leg-1';
  readonly dialog = undefined;
  readonly remoteStream = undefined;
  readonly peerConnection = undefined;
  log: string[] = [];
  failAccept = false;
  listener: CallLegListener | undefined;
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
  async hold(on: boolean): Promise<void> {
    this.log.push(`hold ${on}`);
  }
  async refer(target: string): Promise<void> {
    this.log.push(`refer ${target}`);
  }
  async refresh(): Promise<void> {
    this.log.push('refresh');
  }
  async renegotiate(): Promise<void> {
    this.log.push('renegotiate');
  }
  async setOutgoing(): Promise<void> {
    this.log.push('outgoing');
  }
  async sendDtmf(digit: string): Promise<void> {
    this.log.push(`dtmf ${digit}`);
  }
  async sendInfo(type: string): Promise<void> {
    this.log.push(`info ${type}`);
  }
  listen(listener: CallLegListener): void {
    this.listener = listener;
  }
  dispose(): void {
    this.log.push('dispose');
  }
}

function make(state: CallState, direction: 'inbound' | 'outbound' = 'inbound', beforeActivate?: (call: Call) => Promise<void>) {
  const leg = new FakeLeg();
  const changes: Array<[CallState, CallState]> = [];
  const { call, driver } = createCall({
    id: 'c1',
    direction,
    state,
    info,
    leg,
    onChange: (c: Call, previous: CallSnapshot) => changes.push([previous.state, c.state]),
    ...(beforeActivate ? { beforeActivate } : {}),
  });
  return { call, driver, control: leg, changes };
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
    t = make('ringing', 'inbound', async () => {
      order.push('hold others');
    });
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

  test('hold and resume go through re-INVITE (what is heard while held: routing.unit.test.ts)', async () => {
    await t.call.accept();
    await t.call.hold(true);
    assert.equal(t.call.state, 'held');
    await t.call.hold(false);
    assert.equal(t.call.state, 'active');
    assert.deepEqual(t.control.log, ['accept', 'hold true', 'hold false']);
  });

  test('a refused hold leaves the call active and rejects with a typed error', async () => {
    await t.call.accept();
    t.control.hold = async () => {
      throw new Error('488');
    };
    await rejectsWith(t.call.hold(true), 'sip-failure');
    assert.equal(t.call.state, 'active');
  });

  test('resume keeps a muted microphone muted', async () => {
    await t.call.accept();
    await t.call.mute(true);
    await t.call.hold(true);
    await t.call.hold(false);
    assert.equal(t.call.state, 'active');
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
        const { call, driver, control } = make(state === 'ended' ? 'active' : state);
        if (state === 'ended') driver.end('remote-hangup');
        await rejectsWith(run(call), state === 'ended' ? 'call-ended' : 'invalid-state');
        assert.ok(!control.log.some((l) => l.startsWith('accept') || l.startsWith('hold') || l.startsWith('dtmf')));
      });
    }
  }

  test('end is idempotent and disposes once', () => {
    const { call, driver, control } = make('active');
    driver.end('remote-hangup');
    driver.end('failed');
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

describe('snapshot.can', () => {
  const expected: Record<CallState, CallCommand[]> = {
    ringing: ['accept', 'decline', 'hangup'],
    dialing: ['hangup', 'mute'],
    connecting: ['hangup', 'mute'],
    active: ['hangup', 'hold', 'mute', 'sendDtmf', 'transfer', 'record'],
    held: ['hangup', 'resume', 'mute', 'transfer', 'record'],
    ended: [],
  };
  for (const [state, allowed] of Object.entries(expected) as Array<[CallState, CallCommand[]]>) {
    test(`${state}: ${allowed.join(', ') || 'nothing'}`, () => {
      const can = abilitiesOf(state);
      assert.deepEqual(
        Object.values(CallCommand).filter((command) => can[command]),
        allowed,
      );
      assert.ok(Object.isFrozen(can));
    });
  }

  test('merge, record and transfer also need the phone to permit them', () => {
    assert.deepEqual(
      Object.entries(abilitiesOf('active', { transfer: false, merge: true, record: false }))
        .filter(([, allowed]) => allowed)
        .map(([command]) => command),
      ['hangup', 'hold', 'mute', 'sendDtmf', 'merge'],
    );
    const { call, driver } = make('active');
    assert.equal(call.snapshot.can.merge, false);
    driver.permit({ merge: true });
    assert.equal(call.snapshot.can.merge, true);
  });

  test('follows the state through a call, and the commands obey it', async () => {
    const { call } = make('ringing');
    assert.equal(call.snapshot.can.accept, true);
    await call.accept();
    assert.deepEqual([call.snapshot.can.accept, call.snapshot.can.hold, call.snapshot.can.resume], [false, true, false]);
    await call.hold(true);
    assert.deepEqual([call.snapshot.can.hold, call.snapshot.can.resume], [false, true]);
    await call.hangup();
    assert.equal(Object.values(call.snapshot.can).some(Boolean), false);
  });
});

describe('the driver (core only)', () => {
  test('replaceLeg swaps the leg and keeps the identity; commands go to the new leg', async () => {
    const { call, driver, control } = make('ringing');
    await call.accept();
    const next = new FakeLeg();
    const changed = { ...info, remote: { ...info.remote, number: '2002' } } as CallInfo;
    const previous = driver.replaceLeg(next, changed);
    assert.equal(previous, control);
    assert.equal(driver.leg, next);
    assert.equal(call.id, 'c1');
    assert.equal(call.info.remote.number, '2002');
    await call.sendDtmf('7');
    assert.deepEqual(next.log, ['dtmf 7']);
    assert.ok(!control.log.includes('dtmf 7'));
  });

  test('markAnswered only moves a dialing call', () => {
    const { call, driver } = make('dialing', 'outbound');
    driver.markAnswered();
    assert.equal(call.state, 'active');
    driver.markAnswered();
    assert.equal(call.state, 'active');
  });

  test('an illegal transition is refused with invalid-state and changes nothing', () => {
    const { call, driver, changes } = make('ringing');
    assert.throws(() => driver.transition('held'), (error: unknown) => isCxError(error, 'invalid-state'));
    assert.equal(call.state, 'ringing');
    assert.deepEqual(changes, []);
  });
});
