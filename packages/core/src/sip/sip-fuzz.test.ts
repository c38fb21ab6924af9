// Component tier: malformed SIP. 20,000 mutated messages (sip-fuzz.ts) go
// through the simulated switch straight to a registered phone's socket:
// new offers, requests inside a live dialog, responses to the phone's own
// pending INVITE. The page must see no uncaught error, no call may stay
// stuck, and the phone must still take a normal call afterwards.
import { expect } from '@esm-bundle/chai';
import type { CallHandle, Phone } from '../index.js';
import { sipFuzzCases, type SipFuzzTarget } from '../testing/sip-fuzz.js';
import { parseNameAddr, parseSipMessage, type SipMessage } from '../testing/sip-message.js';
import { sleep, startKit, until, type Kit } from '../../test/support/phone-kit.js';
import type { SimulatedCustomer } from '../testing/index.js';

/** Change it to explore; a failure prints the seed and the round to replay. */
const SEED = 20_261_201;
const TOTAL = 20_000;
/** A new live dialog and a new pending INVITE each round (a fuzzed BYE or 486 ends them). */
const ROUNDS = 5;
const PER_ROUND = TOTAL / ROUNDS;
/** Frames handed to the switch before the page gets a task of its own. */
const BATCH = 100;

describe('malformed SIP', function () {
  // About 70 s on a shared 2-core machine: sip.js alone spends about 2 ms parsing each message.
  this.timeout(175_000);
  let kit: Kit;
  const pageErrors: string[] = [];
  const rejections: string[] = [];
  const consoleErrors: string[] = [];
  const originalConsoleError = console.error;
  const onError = (event: ErrorEvent): void => void pageErrors.push(String(event.message));
  const onRejection = (event: PromiseRejectionEvent): void =>
    void rejections.push(event.reason instanceof Error ? (event.reason.stack ?? String(event.reason)).split('\n').slice(0, 6).join(' | ') : String(event.reason));

  beforeEach(async () => {
    kit = await startKit();
    addEventListener('error', onError);
    addEventListener('unhandledrejection', onRejection);
    console.error = (...args: unknown[]) => void consoleErrors.push(args.map(String).join(' '));
  });
  afterEach(async () => {
    console.error = originalConsoleError;
    removeEventListener('error', onError);
    removeEventListener('unhandledrejection', onRejection);
    await kit.stop();
  });

  it(`${TOTAL.toLocaleString('en')} mutated messages: no uncaught error, no stuck call, and the phone still takes a call`, async () => {
    const logged = { error: 0, warn: 0, info: 0, debug: 0 };
    /** Errors the phone itself logged (sip.js's own messages start with its logger category, `sip.`). */
    const ownErrors: string[] = [];
    const phone = kit.agent('1001', {
      profile: { ringTimeout: 1 },
      log: {
        level: 'warn',
        // A sink that throws: the phone's logger must swallow it.
        sink: (level, message, data) => {
          logged[level] += 1;
          // Answering a fuzzed auto-answer offer holds the call in progress, and a dialog the
          // fuzzer has mangled may refuse that hold: the phone says so (the offer then rings out).
          if (level === 'error' && !message.startsWith('sip.') && !message.startsWith('Answering at once failed')) ownErrors.push(`${message} ${data instanceof Error ? (data.stack ?? '') : ''}`);
          throw new Error('a failing log sink');
        },
      },
    });
    await phone.connect();
    const bob = await kit.cc.customer('2001');
    // Carol lets the phone's calls ring: their INVITEs stay pending, for the fuzzed responses.
    await kit.cc.customer('2002', { autoAnswer: false });
    // Every offer but the ones the test makes itself came from a fuzzed frame.
    const ours = new Set<CallHandle>();
    const fuzzCalls = new Set<CallHandle>();
    phone.on('call:incoming', (call) => void queueMicrotask(() => (ours.has(call) ? undefined : fuzzCalls.add(call))));

    let talk: CallHandle | undefined;
    let dialog: SipFuzzTarget['dialog'];
    let outbound: CallHandle | undefined;
    let request: SipFuzzTarget['request'];
    let sent = 0;
    let declined = 0;
    const started = performance.now();
    for (let round = 0; round < ROUNDS; round += 1) {
      // A live dialog for the in-dialog requests, a pending INVITE of the phone for the responses.
      // The outbound call first: placing it holds an active call, and a fuzzed dialog may refuse that.
      const states = (): string => phone.$calls.get().filter((c) => !c.ended).map((c) => `${c.info.remote.number}:${c.state}`).join(', ');
      try {
        if (!outbound || outbound.state !== 'dialing') {
          // (A fuzzed 200 OK may have answered the last one.)
          await endAll(phone);
          outbound = await pendingCallTo(phone, '2002');
          request = pendingInviteOf();
        }
        if (!talk || talk.ended) {
          talk = await answeredCallFrom(bob, '2001', phone, ours);
          dialog = dialogOf(talk);
        }
      } catch (error) {
        throw new Error(`set-up of round ${round} failed with calls [${states()}]: ${String(error)}`);
      }
      const target: SipFuzzTarget = { domain: kit.cc.domain, user: '1001', ...(dialog ? { dialog } : {}), ...(request ? { request } : {}) };
      kit.cc.switch.clearMessages();

      let inBatch = 0;
      for (const fuzz of sipFuzzCases({ seed: SEED, start: round * PER_ROUND, count: PER_ROUND }, target)) {
        expect(kit.cc.switch.sendRaw('1001', fuzz.frame), `registered before case ${fuzz.index}`).to.equal(true);
        sent += 1;
        inBatch += 1;
        if (inBatch === BATCH) {
          inBatch = 0;
          await sleep(0);
        }
      }
      await sleep(50);
      expect(pageErrors, `page errors in round ${round} (seed ${SEED})`).to.deep.equal([]);
      expect(rejections, `unhandled rejections in round ${round} (seed ${SEED})`).to.deep.equal([]);
      expect(ownErrors, `errors the phone logged in round ${round} (seed ${SEED})`).to.deep.equal([]);
      // What a fuzzed INVITE answered at once (Call-Info answer-after=0) is hung up; what
      // asked to ring for long (X-CX-Ring-Timeout) is declined; the rest rings out in 1 s.
      // They end before the next round's set-up: answering a call holds the active ones.
      for (const call of fuzzCalls) {
        if (call.state === 'ringing' && (call.snapshot.ringDeadline ?? 0) > Date.now() + 2000) {
          declined += 1;
          void call.decline().catch(() => undefined);
        }
      }
      await until(() => {
        const answered = [...fuzzCalls].filter((c) => c.state === 'active' || c.state === 'held' || c.state === 'connecting');
        for (const call of answered) if (call.state !== 'connecting') void call.hangup().catch(() => undefined);
        return answered.length === 0;
      }, 'fuzzed calls that were answered to end', 10_000);
      kit.cc.switch.clearMessages();
    }
    const fuzzMs = performance.now() - started;

    // Nothing rings beyond its deadline: the 1 s ring timeout ends what is left.
    await sleep(1500);
    const now = Date.now();
    const stuck = [...fuzzCalls].filter((c) => c.state === 'ringing' && (c.snapshot.ringDeadline ?? 0) < now - 500);
    expect(stuck.map((c) => c.id), 'calls ringing past their deadline').to.deep.equal([]);
    await endAll(phone);
    expect([...fuzzCalls].filter((c) => !c.ended)).to.deep.equal([]);

    // The phone is still registered and takes a normal call.
    expect(phone.$connection.get().state).to.equal('registered');
    const call = await answeredCallFrom(bob, '2001', phone, ours);
    expect(call.state).to.equal('active');
    await call.hangup();
    await bob.waitFor('ended');
    expect(call.state).to.equal('ended');
    expect(phone.$connection.get().state).to.equal('registered');

    expect(sent).to.be.at.least(20_000);
    expect(pageErrors, 'uncaught errors').to.deep.equal([]);
    expect(rejections, 'unhandled rejections').to.deep.equal([]);
    expect(consoleErrors, 'console.error').to.deep.equal([]);
    // For the record (the runner shows it): how long, and what the phone made of it.
    console.log(
      `sip-fuzz: ${sent} frames in ${Math.round(fuzzMs)} ms; ${fuzzCalls.size} calls from fuzzed INVITEs, ${declined} declined; logged`,
      JSON.stringify(logged),
    );
  });

  /**
   * `from` (user `number`) calls agent 1001; the agent answers; resolves
   * with the agent's call (added to `ours`) once both are talking.
   */
  async function answeredCallFrom(from: SimulatedCustomer, number: string, phone: Phone, ours: Set<CallHandle>): Promise<CallHandle> {
    const incoming = new Promise<CallHandle>((resolve) => {
      const off = phone.on('call:incoming', (call) => {
        if (call.info.remote.number !== number) return;
        off();
        ours.add(call);
        resolve(call);
      });
    });
    // A fuzzed BYE ends the agent's side only: the customer's side of the last call is still up.
    if (from.call && !from.call.ended) await from.call.hangup().catch(() => undefined);
    kit.cc.switch.clearMessages();
    await from.dial(kit.cc.address('1001'), {});
    const call = await incoming;
    await call.accept();
    await from.waitFor('active');
    return call;
  }

  /** Hangs up (or declines) every live call of the phone, and waits until they are over. */
  async function endAll(phone: Phone): Promise<void> {
    const tried = new Set<CallHandle>();
    await until(() => {
      for (const call of phone.$calls.get()) {
        if (call.ended || tried.has(call) || call.state === 'connecting') continue;
        tried.add(call);
        void (call.state === 'ringing' ? call.decline() : call.hangup()).catch(() => undefined);
      }
      return phone.$calls.get().every((c) => c.ended);
    }, 'every call to end', 10_000);
  }

  /** The phone calls `user`, who lets it ring: resolves once the INVITE is out and ringing. */
  async function pendingCallTo(phone: Phone, user: string): Promise<CallHandle> {
    kit.cc.switch.clearMessages();
    const call = await phone.call(user);
    await until(() => wire().some((m) => m.from === user && m.summary === '180 INVITE'), `${user} ringing`);
    return call;
  }

  function wire(): ReturnType<Kit['cc']['switch']['messages']> {
    return kit.cc.switch.messages();
  }

  function parsed(raw: string): SipMessage {
    const result = parseSipMessage(raw);
    if (!result.ok) throw new Error(`unexpected malformed message: ${result.error.message}`);
    return result.message;
  }

  /** The agent's dialog with the customer, as the customer sees it (from the phone's 200 OK). */
  function dialogOf(call: CallHandle): NonNullable<SipFuzzTarget['dialog']> {
    const ok = wire().filter((m) => m.from === '1001' && m.summary === '200 INVITE').at(-1);
    if (!ok) throw new Error(`no 200 OK of the phone for ${call.id}`);
    const message = parsed(ok.raw);
    const contact = parseNameAddr(message.headers.get('contact') ?? '')?.uri;
    if (!contact) throw new Error('no Contact in the 200 OK');
    return {
      callId: message.headers.get('call-id') ?? '',
      from: message.headers.get('from') ?? '',
      to: message.headers.get('to') ?? '',
      target: contact,
      cseq: Number((message.headers.get('cseq') ?? '1').split(' ')[0]) + 100,
    };
  }

  /** The phone's pending INVITE (the last one it sent out of any dialog). */
  function pendingInviteOf(): NonNullable<SipFuzzTarget['request']> {
    const invite = wire().filter((m) => m.from === '1001' && m.summary.startsWith('INVITE ')).at(-1);
    if (!invite) throw new Error('no INVITE of the phone');
    const message = parsed(invite.raw);
    return {
      via: message.headers.getAll('via')[0] ?? '',
      callId: message.headers.get('call-id') ?? '',
      from: message.headers.get('from') ?? '',
      to: message.headers.get('to') ?? '',
      cseq: Number((message.headers.get('cseq') ?? '1').split(' ')[0]),
    };
  }
});
