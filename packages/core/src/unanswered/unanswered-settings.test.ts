// Component tier: the agent's unanswered-call settings through the phone
// (`$unansweredSettings`, `setUnansweredSettings`) in Chromium on the
// simulated contact center: checked, saved per AOR and read by a later
// phone, kept on the simulated platform (or in the browser when it answers
// 404), mirrored to the agent's other tab, and in force for the next
// missed call.
import { expect } from '@esm-bundle/chai';
import { isCxError, type UnansweredSettingsChange } from '../index.js';
import { DEFAULT_UNANSWERED } from '../rules/unanswered.js';
import { startSimulatedPlatform, type StartedSimulatedPlatform } from '../testing/index.js';
import { sleep, startKit, until, USERS, type Kit } from '../../test/support/phone-kit.js';

let kit: Kit;
let platform: StartedSimulatedPlatform | undefined;

function clearSaved(): void {
  for (const key of Object.keys(localStorage)) if (key.startsWith('cx-banner.unanswered:')) localStorage.removeItem(key);
}

const saved = (): unknown => JSON.parse(localStorage.getItem(`cx-banner.unanswered:sip:1001@${kit.cc.domain}`) ?? 'null');

describe('unanswered-call settings through the phone', () => {
  beforeEach(async () => {
    clearSaved();
    kit = await startKit({ users: { ...USERS, '+33612345678': 'ada-pw' } });
  });
  afterEach(async () => {
    await kit.stop();
    await platform?.stop();
    platform = undefined;
    clearSaved();
  });

  it('set, checked (invalid values change nothing), saved per AOR and read by a later phone; another tab sees and changes them through the holder', async () => {
    const first = kit.agent('1001');
    expect(first.$unansweredSettings.get(), 'not read before connect()').to.equal(undefined);
    await first.connect();
    await until(() => first.$unansweredSettings.get() !== undefined, 'the settings read on connect()');
    expect(first.$unansweredSettings.get()).to.deep.equal(DEFAULT_UNANSWERED);
    const chosen = await first.setUnansweredSettings({
      email: { enabled: true, to: 'ann@example.com', linkPrefix: 'x-crm:' },
      exceptions: { 'unknown-contact': true },
      exclusions: ['+33 1 23 45 67 89'],
    });
    expect(chosen.email).to.deep.equal({ enabled: true, to: 'ann@example.com', attachVCard: true, linkPrefix: 'x-crm:' });
    expect(first.$unansweredSettings.get()).to.deep.equal(chosen);
    expect(saved()).to.deep.equal(chosen);

    const refused: [UnansweredSettingsChange, string][] = [
      [{ email: { linkPrefix: 'javascript:' } }, 'email.linkPrefix'],
      [{ email: { linkPrefix: 'abcdefghij:' } }, 'email.linkPrefix'],
      [{ email: { to: 'ann at example' } }, 'email.to'],
      [{ sms: { to: 'my mobile' } }, 'sms.to'],
      [{ exceptions: { weekend: true } as UnansweredSettingsChange['exceptions'] }, 'exceptions'],
    ];
    for (const [change, field] of refused) {
      const error = await first.setUnansweredSettings(change).catch((e: unknown) => e);
      expect(isCxError(error) && error.code, field).to.equal('invalid-options');
      expect((error as { fields?: Record<string, string> }).fields, field).to.have.property(field);
    }
    expect(first.$unansweredSettings.get(), 'nothing changed').to.deep.equal(chosen);
    expect(saved()).to.deep.equal(chosen);
    await first.destroy();

    // Another agent on this browser keeps their own.
    const other = kit.agent('1002');
    await other.connect();
    await until(() => other.$unansweredSettings.get() !== undefined, "the other agent's settings");
    expect(other.$unansweredSettings.get()).to.deep.equal(DEFAULT_UNANSWERED);

    // A reload: a new phone of the agent reads them back.
    const holder = kit.agent('1001');
    await holder.connect();
    await until(() => holder.$unansweredSettings.get()?.email.to === 'ann@example.com', 'the saved settings');
    expect(holder.$unansweredSettings.get()).to.deep.equal(chosen);

    const tab = kit.agent('1001');
    await tab.connect();
    expect(tab.holdsRegistration).to.equal(false);
    await until(() => tab.$unansweredSettings.get()?.email.to === 'ann@example.com', 'the other tab to mirror them');
    const fromTab = await tab.setUnansweredSettings({ sms: { enabled: true, provider: 'sim', to: '+33 7 00 00 00 01' } });
    expect(fromTab.sms).to.deep.equal({ enabled: true, provider: 'sim', to: '+33 7 00 00 00 01' });
    await until(() => holder.$unansweredSettings.get()?.sms.enabled === true, 'the holder to apply it');
    await until(() => tab.$unansweredSettings.get()?.sms.enabled === true, 'the tab to see it');
    const wrong = await tab.setUnansweredSettings({ email: { linkPrefix: 'tel' } }).catch((e: unknown) => e);
    expect(isCxError(wrong) && wrong.code).to.equal('invalid-options');
    expect((wrong as { fields?: Record<string, string> }).fields).to.have.property('email.linkPrefix');
    expect(holder.$unansweredSettings.get()?.email.linkPrefix).to.equal('x-crm:');
  });

  it('with a platform: PUT /me/unanswered, read back elsewhere from GET; a 404 keeps them in the browser; the next missed call uses the change', async function () {
    this.timeout(30_000);
    platform = await startSimulatedPlatform();
    const withPlatform = { platform: { baseUrl: platform.baseUrl, token: platform.token } };
    const first = kit.agent('1001', withPlatform);
    await first.connect();
    await first.setUnansweredSettings({ email: { enabled: true, to: 'ann@example.com' }, sms: { enabled: true, provider: 'sim', to: '+33700000001' }, timeZone: 'Europe/Paris' });
    const put = platform.requests().find((r) => r.method === 'PUT' && r.path.endsWith('/me/unanswered'));
    expect(put?.status).to.equal(200);
    expect(platform.model.users.get('user-1001')!.unanswered).to.deep.include({ email: { enabled: true, to: 'ann@example.com', attachVCard: true, linkPrefix: 'tel:' }, timeZone: 'Europe/Paris' });
    await first.destroy();

    // Another browser: nothing saved here, the platform has them.
    clearSaved();
    const second = kit.agent('1001', withPlatform);
    await second.connect();
    await until(() => second.$unansweredSettings.get()?.sms.to === '+33700000001', "the platform's settings");

    // The next missed call follows a change: no more SMS.
    await second.setUnansweredSettings({ sms: { enabled: false } });
    const caller = await kit.cc.customer('+33612345678', { autoAnswer: false });
    const missed = new Promise<void>((resolve) => second.on('call:missed', () => resolve()));
    await caller.dial(kit.cc.address('1001'));
    await sleep(2500);
    await caller.call!.hangup();
    await missed;
    await caller.dispose();
    await until(() => platform!.model.outbox.length >= 1, 'the email in the outbox', 5000);
    await sleep(300);
    expect(platform.model.outbox.map((n) => n.channel)).to.deep.equal(['email']);

    platform.fail('PUT /me/unanswered', { status: 404, json: { code: 'not-found', message: 'No such operation.' } });
    const kept = await second.setUnansweredSettings({ email: { attachVCard: false } });
    expect(kept.email.attachVCard).to.equal(false);
    expect(second.$unansweredSettings.get()?.email.attachVCard).to.equal(false);
    expect((saved() as { email: { attachVCard: boolean } }).email.attachVCard).to.equal(false);
    expect(platform.model.users.get('user-1001')!.unanswered?.email.attachVCard, 'the platform kept the old ones').to.equal(true);
  });
});
