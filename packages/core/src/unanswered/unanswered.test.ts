// Component tier: unanswered-call notifications in Chromium, on the
// simulated contact center and the simulated platform: a caller who hangs
// up after 3 s of ringing gives one email and one SMS in the outbox; one
// who hangs up after 1 s gives none.
import { expect } from '@esm-bundle/chai';
import type { CallHandle, UnansweredSettings } from '../index.js';
import { startSimulatedPlatform, type StartedSimulatedPlatform } from '../testing/index.js';
import { startKit, until, USERS, type Kit } from '../../test/support/phone-kit.js';
import { DEFAULT_UNANSWERED } from '../rules/unanswered.js';
import type { UnansweredNotice } from './unanswered-messages.js';

let kit: Kit;
let platform: StartedSimulatedPlatform;

const settings: UnansweredSettings = {
  ...DEFAULT_UNANSWERED,
  email: { enabled: true, to: 'alice@example.com', attachVCard: true, linkPrefix: 'tel:' },
  sms: { enabled: true, provider: 'sim', to: '+33700000001' },
  timeZone: 'Europe/Paris',
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('unanswered-call notifications', () => {
  beforeEach(async () => {
    // External callers (E.164 numbers, not extensions: not internal calls).
    kit = await startKit({ users: { ...USERS, '+33612345678': 'ada-pw', '+33698765432': 'eve-pw' } });
    platform = await startSimulatedPlatform();
    platform.model.users.get('user-1001')!.unanswered = structuredClone(settings);
  });
  afterEach(async () => {
    await kit.stop();
    await platform.stop();
  });

  it('3 s of ringing gives one email and one SMS; 1 s gives none', async () => {
    const phone = kit.agent('1001', { platform: { baseUrl: platform.baseUrl, token: platform.token } });
    const notices: [CallHandle, UnansweredNotice][] = [];
    phone.on('unanswered:notify', (call, notice) => notices.push([call, notice]));
    await phone.connect();

    /** A caller who rings `ms` and hangs up; resolves once the phone counts it missed. */
    const ringFor = async (number: string, ms: number): Promise<void> => {
      const caller = await kit.cc.customer(number, { autoAnswer: false });
      const missed = new Promise<void>((resolve) => phone.on('call:missed', () => resolve()));
      await caller.dial(kit.cc.address('1001'));
      await sleep(ms);
      await caller.call!.hangup();
      await missed;
      await caller.dispose();
    };

    await ringFor('+33698765432', 1000);
    await ringFor('+33612345678', 3000);
    await until(() => platform.model.outbox.length >= 2, 'two messages in the outbox', 5000);
    // Anything the 1 s call would have sent was sent before (calls are handled in order): give stragglers a moment.
    await sleep(500);

    expect(platform.model.outbox.map((n) => n.channel)).to.deep.equal(['email', 'sms']);
    const [email, sms] = platform.model.outbox;
    expect(email!.message).to.include({ to: 'alice@example.com' });
    expect(email!.message).to.have.property('subject').that.matches(/^Unanswered call from .*\+33612345678/);
    expect(email!.message).to.have.property('html').that.includes('href="tel:+33612345678"');
    expect(sms!.message).to.include({ provider: 'sim', to: '+33700000001', from: '+33612345678' });
    expect(notices.map(([, notice]) => notice.channel)).to.deep.equal(['email', 'sms']);
    expect(notices.every(([call]) => call.snapshot.info.remote.number === '+33612345678')).to.equal(true);
  });
});
