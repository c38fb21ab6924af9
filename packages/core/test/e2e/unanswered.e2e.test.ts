// End to end on the real Kamailio: callers from outside ring the agent and
// hang up. The simulated platform (in the page, on fetch) holds the agent's
// unanswered-call settings (email and SMS on) and a contact card for the
// first caller; what the phone posts to `POST /notifications` lands in its
// outbox. A 3-second ring gives one email and one SMS; a 1-second ring
// (another caller, so the same-day rule is not what stops it) gives none.
import { expect } from '@esm-bundle/chai';
import type { CallHandle, Phone, UnansweredEmail, UnansweredSettings, UnansweredSms } from '../../src/index.js';
import { DEFAULT_UNANSWERED, unansweredStorageKey } from '../../src/unanswered/index.js';
import { defaultSeed, startSimulatedPlatform, type SimulatedNotification, type StartedSimulatedPlatform } from '../../src/testing/index.js';
import { account, agent, customer, disposeAll, env, next, sleep, until } from './support.js';

const AGENT = '1007';
const KNOWN_CALLER = '2007';
const OTHER_CALLER = '2008';

const SETTINGS: UnansweredSettings = {
  ...DEFAULT_UNANSWERED,
  email: { enabled: true, to: 'agent.1007@example.com', attachVCard: true, linkPrefix: 'tel:' },
  sms: { enabled: true, provider: 'sim-sms', to: '+33700000007' },
};

/** The caller rings the agent for `ms`, then hangs up; resolves once the agent's call has ended. */
async function ringAndHangUp(phone: Phone, number: string, ms: number): Promise<CallHandle> {
  const caller = await customer(number, { autoAnswer: false });
  const incoming = next(phone, 'call:incoming');
  const missed = next(phone, 'call:missed');
  await caller.dial(`sip:${AGENT}@${env.domain}`);
  const [call] = (await incoming) as [CallHandle];
  await sleep(ms);
  await caller.call!.hangup();
  await missed;
  return call;
}

describe('unanswered-call notifications over a real SIP server', () => {
  let platform: StartedSimulatedPlatform | undefined;
  let phone: Phone;
  const outbox = (): SimulatedNotification[] => platform!.model.outbox;

  before(async () => {
    localStorage.removeItem(unansweredStorageKey(account(AGENT).aor));
    // The platform's agent is extension 1007 of the SIP server, with email and SMS turned on.
    const seed = defaultSeed(Date.now());
    seed.users = seed.users.map((u) => (u.extension === '1001' ? { ...u, id: `user-${AGENT}`, extension: AGENT, unanswered: SETTINGS } : u));
    seed.contacts = [{ id: 'contact-ada', name: 'Ada Lovelace', email: 'ada@example.com', organization: 'Analytical Engines', numbers: [KNOWN_CALLER] }];
    platform = await startSimulatedPlatform({ seed });
    ({ phone } = await agent(AGENT, {
      platform: { baseUrl: platform.baseUrl, token: platform.tokenFor(AGENT) },
      // Colleagues are 1xxx; the 2xxx accounts of the server call from outside.
      internal: { extensionPattern: /^1\d{3}$/ },
    }));
    await until(() => phone.$me.get() !== undefined, 5000, '/me');
  });

  after(async () => {
    await disposeAll();
    await platform?.stop();
    localStorage.removeItem(unansweredStorageKey(account(AGENT).aor));
  });

  it('a known caller who rang 3 s gives exactly one email and one SMS, with a tel: link and the vCard', async () => {
    const call = await ringAndHangUp(phone, KNOWN_CALLER, 3000);
    expect(call.snapshot.info.remote.internal, 'an external caller').to.equal(false);
    expect(call.snapshot.contact?.name, 'the platform named the caller').to.equal('Ada Lovelace');
    await until(() => outbox().length >= 2, 5000, 'the email and the SMS in the outbox');
    // Nothing more comes for this call.
    await sleep(500);
    expect(outbox().map((n) => n.channel).sort()).to.deep.equal(['email', 'sms']);
    for (const notice of outbox()) {
      expect(notice.callId).to.equal(call.id);
      expect(notice.userId).to.equal(`user-${AGENT}`);
    }

    const email = outbox().find((n) => n.channel === 'email')!.message as UnansweredEmail;
    expect(email.to).to.equal('agent.1007@example.com');
    expect(email.from, "the caller's address, so a reply reaches them").to.equal('ada@example.com');
    expect(email.subject).to.equal(`Unanswered call from Ada Lovelace (${KNOWN_CALLER})`);
    expect(email.text).to.include(`Number: ${KNOWN_CALLER}`);
    expect(email.html).to.include(`<a href="tel:${KNOWN_CALLER}">${KNOWN_CALLER}</a>`);
    expect(email.attachments).to.have.length(1);
    const [card] = email.attachments;
    expect(card!.filename).to.equal('Ada-Lovelace.vcf');
    expect(card!.contentType).to.equal('text/vcard');
    expect(card!.content).to.match(/^BEGIN:VCARD\r\n/);
    expect(card!.content).to.include('FN:Ada Lovelace');
    expect(card!.content).to.include('ada@example.com');
    expect(card!.content).to.include('Analytical Engines');
    expect(card!.content).to.include(KNOWN_CALLER);

    const sms = outbox().find((n) => n.channel === 'sms')!.message as UnansweredSms;
    expect(sms.to).to.equal('+33700000007');
    expect(sms.provider).to.equal('sim-sms');
    expect(sms.from, "the caller's number, to call back from the message").to.equal(KNOWN_CALLER);
    expect(sms.text).to.match(new RegExp(`^Unanswered call: Ada Lovelace, ${KNOWN_CALLER}, `));
    expect(sms.text.length).to.be.at.most(160);
  });

  it('another caller who rang 1 s gives nothing (short ring)', async () => {
    const before = outbox().length;
    const call = await ringAndHangUp(phone, OTHER_CALLER, 1000);
    expect(call.snapshot.endReason).to.equal('caller-cancelled');
    const end = performance.now() + 1500;
    while (performance.now() < end) {
      expect(outbox().length, 'no notice for a short ring').to.equal(before);
      await sleep(50);
    }
  });
});
