// Component tier: notifications in Chromium on the simulated contact center.
// Sounds are judged by frequency on the ringer output (an AnalyserNode
// tapped on it), desktop notifications by the Notification objects made (a
// recording stand-in for window.Notification).
import { expect } from '@esm-bundle/chai';
import type { CallHandle, NotificationKind, NotificationMode, Phone } from '../index.js';
import { isCxError } from '../index.js';
import type { Feature } from '../features/feature.js';
import type { Ringer } from '../media/ringer.js';
import { installFeature } from '../phone/phone.js';
import { startSimulatedPlatform, type SimulatedCustomer, type StartedSimulatedPlatform } from '../testing/index.js';
import { ring, sleep, startKit, until, type Kit } from '../../test/support/phone-kit.js';
import { ENDED_HZ, MISSED_HZ, RINGTONE_HZ, TRANSFER_HZ } from './sounds.js';

const HEARD = -50;
const SILENT = -80;
const KINDS: readonly NotificationKind[] = ['ringing', 'missed', 'transferRequested', 'ended'];
const TRANSFER = { 'X-CX-Transfer': 'type=blind;by="Ann Agent"' };

/** window.Notification, recorded. */
class FakeNotification {
  static permission: NotificationPermission = 'granted';
  static made: FakeNotification[] = [];
  onclick: (() => void) | null = null;
  closed = false;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    FakeNotification.made.push(this);
  }
  close(): void {
    this.closed = true;
  }
}

/**
 * The ringer's sound: by frequency (a short FFT, 21 ms) for what is heard,
 * and block by block on the audio clock (a ScriptProcessor of 256 frames)
 * for when it fell silent, so a busy main thread cannot blur the timing.
 */
class RingerMeter {
  readonly #analyser: AnalyserNode;
  readonly #bins: Float32Array<ArrayBuffer>;
  readonly #recorder: ScriptProcessorNode;
  readonly #mute: GainNode;
  /** Audio-clock end (s) of each block, and whether it had sound. */
  readonly blocks: { end: number; loud: boolean }[] = [];
  constructor(readonly ringer: Ringer) {
    const context = ringer.context;
    this.#analyser = context.createAnalyser();
    this.#analyser.fftSize = 1024;
    this.#analyser.smoothingTimeConstant = 0;
    ringer.input.connect(this.#analyser);
    this.#bins = new Float32Array(this.#analyser.frequencyBinCount);
    this.#recorder = context.createScriptProcessor(256, 1, 1);
    this.#recorder.onaudioprocess = (event) => {
      const samples = event.inputBuffer.getChannelData(0);
      let peak = 0;
      for (const sample of samples) peak = Math.max(peak, Math.abs(sample));
      this.blocks.push({ end: event.playbackTime + samples.length / context.sampleRate, loud: peak > 1e-3 });
      if (this.blocks.length > 4000) this.blocks.splice(0, 2000);
    };
    this.#mute = context.createGain();
    this.#mute.gain.value = 0;
    ringer.input.connect(this.#recorder);
    this.#recorder.connect(this.#mute).connect(context.destination);
  }
  level(hz: number): number {
    this.#analyser.getFloatFrequencyData(this.#bins);
    const bin = Math.round(hz / (this.ringer.context.sampleRate / this.#analyser.fftSize));
    return Math.max(this.#bins[bin - 1] ?? -Infinity, this.#bins[bin] ?? -Infinity, this.#bins[bin + 1] ?? -Infinity);
  }
  /** The loudest each frequency got within `ms`. */
  async peaks(frequencies: readonly number[], ms: number): Promise<number[]> {
    const best = frequencies.map(() => -Infinity);
    const end = performance.now() + ms;
    while (performance.now() < end) {
      frequencies.forEach((hz, i) => (best[i] = Math.max(best[i]!, this.level(hz))));
      await sleep(10);
    }
    return best;
  }
  /** Ms of sound on the ringer after the audio time `from` (s), judged once `from` is 300 ms behind. */
  async soundAfter(from: number): Promise<number> {
    await until(() => (this.blocks.at(-1)?.end ?? 0) > from + 0.3, 'the audio clock to move on', 5000);
    const lastLoud = this.blocks.filter((block) => block.loud && block.end > from).at(-1);
    return lastLoud ? (lastLoud.end - from) * 1000 : 0;
  }
  dispose(): void {
    this.ringer.input.disconnect(this.#analyser);
    this.ringer.input.disconnect(this.#recorder);
    this.#recorder.disconnect();
    this.#mute.disconnect();
  }
}

const ringerProbe: Feature<Promise<Ringer>> = { name: 'ringer-probe', install: (context) => ({ api: context.media.ringer(), dispose: () => undefined }) };

let kit: Kit;
let platform: StartedSimulatedPlatform | undefined;
let meter: RingerMeter | undefined;
const realNotification = Object.getOwnPropertyDescriptor(window, 'Notification');
const realFocus = window.focus;
let focused = 0;

function clearSaved(): void {
  for (const key of Object.keys(localStorage)) if (key.startsWith('cx-banner.notifications:')) localStorage.removeItem(key);
}

async function connected(extra: Parameters<Kit['agent']>[1] = {}): Promise<Phone> {
  const phone = kit.agent('1001', extra);
  await phone.connect();
  meter = new RingerMeter(await installFeature(phone, ringerProbe));
  return phone;
}

async function setAll(phone: Phone, mode: NotificationMode): Promise<void> {
  for (const kind of KINDS) await phone.setNotification(kind, mode);
}

/**
 * Ends a ringing offer once the ringtone is sounding, and returns how long
 * (ms, on the audio clock) the ringer still sounded after the call left
 * `ringing`.
 */
async function silenceAfter(call: CallHandle, end: () => Promise<unknown>): Promise<number> {
  await until(() => meter!.level(RINGTONE_HZ) >= HEARD, 'the ringtone to sound', 3000);
  let left: number | undefined;
  const off = call.$snapshot.listen((snapshot) => {
    if (snapshot.state !== 'ringing') left ??= meter!.ringer.context.currentTime;
  });
  await end();
  await until(() => left !== undefined, 'the call to stop ringing', 5000);
  off();
  return meter!.soundAfter(left!);
}

describe('notifications', () => {
  beforeEach(async () => {
    clearSaved();
    FakeNotification.permission = 'granted';
    FakeNotification.made = [];
    Object.defineProperty(window, 'Notification', { value: FakeNotification, configurable: true, writable: true });
    focused = 0;
    window.focus = () => void focused++;
    kit = await startKit();
  });
  afterEach(async () => {
    meter?.dispose();
    meter = undefined;
    await kit.stop();
    await platform?.stop();
    platform = undefined;
    if (realNotification) Object.defineProperty(window, 'Notification', realNotification);
    window.focus = realFocus;
    clearSaved();
  });

  it('the ringtone plays while an offer rings and falls silent at once however it stops; its desktop notification goes with it; a click focuses the page', async () => {
    const phone = await connected({ profile: { ringTimeout: 2 } });
    expect(phone.$notificationSettings.get()).to.deep.equal({ ringing: 'both', missed: 'desktop', transferRequested: 'both', ended: 'off' });
    const bob = await kit.cc.customer('2001', { autoAnswer: false });

    // Accepted, after a click on its notification.
    const accepted = await ring(kit.cc, phone, bob);
    // On a busy machine the feature may still be loading when the first offer comes: it shows it once started.
    await until(() => FakeNotification.made.some((n) => n.options.tag === `cx-ringing-${accepted.id}`), 'the ringing notification', 3000).catch(() => undefined);
    const shown = FakeNotification.made.find((n) => n.options.tag === `cx-ringing-${accepted.id}`);
    expect(shown, 'a ringing notification').to.not.equal(undefined);
    expect(shown!.title).to.equal('Incoming call');
    expect(shown!.options).to.include({ requireInteraction: true, body: '2001' });
    const clicked = new Promise<unknown[]>((resolve) => phone.on('notification:clicked', (...args) => resolve(args)));
    shown!.onclick!();
    expect(await clicked).to.deep.equal([accepted, 'ringing']);
    expect(focused).to.equal(1);
    expect(await silenceAfter(accepted, () => accepted.accept())).to.be.below(100);
    expect((await meter!.peaks([RINGTONE_HZ], 2200))[0], 'no ringtone once answered (a whole period)').to.be.below(SILENT);
    await accepted.hangup();

    // Declined, rung out, and given up by the caller: silent at once too; the last two are missed calls.
    const declined = await ring(kit.cc, phone, bob);
    expect(await silenceAfter(declined, () => declined.decline())).to.be.below(100);
    const expired = await ring(kit.cc, phone, bob);
    expect(await silenceAfter(expired, () => until(() => expired.ended, 'the ring to run out', 5000))).to.be.below(100);
    const cancelled = await ring(kit.cc, phone, bob);
    expect(await silenceAfter(cancelled, () => bob.call!.hangup())).to.be.below(100);
    await until(() => cancelled.ended, 'the caller to give up');
    expect((await meter!.peaks([RINGTONE_HZ], 2200))[0]).to.be.below(SILENT);

    const ringingNotes = FakeNotification.made.filter((n) => n.title === 'Incoming call');
    expect(ringingNotes.map((n) => n.options.tag)).to.deep.equal([accepted, declined, expired, cancelled].map((c) => `cx-ringing-${c.id}`));
    expect(ringingNotes.every((n) => n.closed)).to.equal(true);
    expect(FakeNotification.made.filter((n) => n.title === 'Missed call').map((n) => n.options.tag)).to.deep.equal([`cx-missed-${expired.id}`, `cx-missed-${cancelled.id}`]);
  });

  it('each kind in each mode: its sound on the ringer, its desktop notification, or neither', async function () {
    this.timeout(60_000);
    const phone = await connected();
    const bob = await kit.cc.customer('2001', { autoAnswer: false });
    for (const mode of ['off', 'sound', 'desktop', 'both'] as const) {
      await setAll(phone, mode);
      FakeNotification.made = [];
      // A transfer from another agent: it rings and is a transfer request; answered, then Bob hangs up: ended.
      const transfer = await ring(kit.cc, phone, bob, TRANSFER);
      const [ringtone, chime] = await meter!.peaks([RINGTONE_HZ, TRANSFER_HZ], 900);
      await transfer.accept();
      await until(() => transfer.state === 'active', 'the transfer to be answered');
      const hangup = bob.call!.hangup();
      const [ended] = await meter!.peaks([ENDED_HZ], 900);
      await hangup;
      // A plain offer the caller gives up on: missed.
      const offer = await ring(kit.cc, phone, bob);
      await sleep(150);
      await bob.call!.hangup();
      await until(() => offer.ended, 'the caller to give up');
      const [missed] = await meter!.peaks([MISSED_HZ], 900);

      const sound = mode === 'sound' || mode === 'both';
      const levels = { ringtone, chime, ended, missed };
      for (const [name, level] of Object.entries(levels)) {
        if (sound) expect(level, `${mode}: ${name} heard`).to.be.at.least(HEARD);
        else expect(level, `${mode}: ${name} silent`).to.be.below(SILENT);
      }
      const desktop = mode === 'desktop' || mode === 'both';
      expect(FakeNotification.made.map((n) => [n.title, n.options.tag]), mode).to.deep.equal(
        desktop
          ? [
              ['Transfer requested', `cx-transferRequested-${transfer.id}`],
              ['Call ended', `cx-ended-${transfer.id}`],
              ['Incoming call', `cx-ringing-${offer.id}`],
              ['Missed call', `cx-missed-${offer.id}`],
            ]
          : [],
      );
      if (desktop) expect(FakeNotification.made[0]!.options.body).to.equal('2001, transferred by Ann Agent');
    }
  });

  it('without the permission (denied or not asked yet) nothing shows on the desktop; the sound still plays', async () => {
    const phone = await connected();
    const bob = await kit.cc.customer('2001', { autoAnswer: false });
    for (const permission of ['denied', 'default'] as const) {
      FakeNotification.permission = permission;
      const offer = await ring(kit.cc, phone, bob);
      expect((await meter!.peaks([RINGTONE_HZ], 900))[0], permission).to.be.at.least(HEARD);
      await offer.decline();
    }
    expect(FakeNotification.made).to.deep.equal([]);
  });

  it('the choices are checked, saved per AOR and read by a later phone of the agent; another tab reads and changes them through the holder', async () => {
    const first = kit.agent('1001', { notifications: { ended: 'sound' } });
    expect(first.$notificationSettings.get().ended).to.equal('sound');
    const refused = await first.setNotification('missed', 'loud' as NotificationMode).catch((error: unknown) => error);
    expect(isCxError(refused) && refused.code).to.equal('invalid-options');
    const unknown = await first.setNotification('rang' as NotificationKind, 'off').catch((error: unknown) => error);
    expect(isCxError(unknown) && unknown.code).to.equal('invalid-options');
    await first.setNotification('missed', 'sound');
    expect(first.$notificationSettings.get()).to.deep.equal({ ringing: 'both', missed: 'sound', transferRequested: 'both', ended: 'sound' });
    await first.destroy();
    // Another agent on this browser keeps their own.
    const other = kit.agent('1002');
    await other.connect();
    expect(other.$notificationSettings.get().missed).to.equal('desktop');

    const holder = kit.agent('1001');
    await holder.connect();
    await until(() => holder.$notificationSettings.get().missed === 'sound', 'the saved choice');
    const tab = kit.agent('1001');
    await tab.connect();
    expect(tab.holdsRegistration).to.equal(false);
    await until(() => tab.$notificationSettings.get().missed === 'sound', 'the other tab to mirror them');
    await tab.setNotification('ringing', 'desktop');
    await until(() => holder.$notificationSettings.get().ringing === 'desktop', 'the holder to apply it');
    await until(() => tab.$notificationSettings.get().ringing === 'desktop', 'the tab to see it');
  });

  it('with a platform: saved with PUT /me/notifications and read from GET /me; a platform without the endpoint (404) leaves them in the browser', async () => {
    platform = await startSimulatedPlatform();
    const withPlatform = { platform: { baseUrl: platform.baseUrl, token: platform.token } };
    const first = kit.agent('1001', withPlatform);
    await first.connect();
    await first.setNotification('ended', 'both');
    const put = platform.requests().find((r) => r.method === 'PUT' && r.path.endsWith('/me/notifications'));
    expect(put?.status).to.equal(200);
    expect([...platform.model.users.values()].find((u) => u.extension === '1001')?.notifications).to.deep.equal({ ringing: 'both', missed: 'desktop', transferRequested: 'both', ended: 'both' });
    await first.destroy();

    // Another browser: nothing saved here, the platform has them.
    clearSaved();
    const second = kit.agent('1001', withPlatform);
    await second.connect();
    await until(() => second.$notificationSettings.get().ended === 'both', "the platform's settings");

    platform.fail('PUT /me/notifications', { status: 404, json: { code: 'not-found', message: 'No such operation.' } });
    await second.setNotification('missed', 'off');
    expect(second.$notificationSettings.get().missed).to.equal('off');
    expect(JSON.parse(localStorage.getItem('cx-banner.notifications:sip:1001@' + kit.cc.domain) ?? '{}').missed).to.equal('off');
  });
});
