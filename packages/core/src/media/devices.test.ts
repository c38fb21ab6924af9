// Component tier: `phone.devices` on the simulated contact center, in real
// Chromium with real WebRTC. The browser's devices are a stubbed
// `enumerateDevices` (headless Chromium's fake devices cannot be unplugged),
// and each "microphone" is a tone of its own, so what the customer hears
// tells which microphone the call sends.
import { expect } from '@esm-bundle/chai';
import { isCxError, type CallHandle, type DeviceChange, type Phone } from '../index.js';
import type { SimulatedContactCenter } from '../testing/index.js';
import { createToneMicrophone, type ToneMicrophone } from './tone.js';
import { AGENT_HZ, CUSTOMER_HZ, HEARD, OTHER_HZ, SILENT, once, ring, startKit, until, wire, type Kit } from '../../test/support/phone-kit.js';

let kit: Kit;
let cc: SimulatedContactCenter;

/** The devices the stubbed browser lists now. */
let listed: { deviceId: string; label: string; kind: MediaDeviceKind }[];
const HEADSET = { deviceId: 'headset-mic', label: 'Headset microphone', kind: 'audioinput' as const };
const LAPTOP = { deviceId: 'laptop-mic', label: 'Laptop microphone', kind: 'audioinput' as const };
const HEADSET_OUT = { deviceId: 'headset-out', label: 'Headset earphones', kind: 'audiooutput' as const };
const SPEAKERS = { deviceId: 'speakers', label: 'Speakers', kind: 'audiooutput' as const };

const realEnumerate = navigator.mediaDevices.enumerateDevices;
const realSetSinkId = HTMLMediaElement.prototype.setSinkId;
/** Every `setSinkId` call: which element, which id. */
let sinks: { element: HTMLMediaElement; id: string }[];
/** The constraints each `getStream` was given. */
let asked: MediaStreamConstraints[];
let laptop: ToneMicrophone;
let headset: ToneMicrophone;

/** A microphone per device: the headset speaks OTHER_HZ, anything else (the default) AGENT_HZ. */
function getStream(constraints: MediaStreamConstraints): Promise<MediaStream> {
  asked.push(constraints);
  const audio = constraints.audio;
  const wanted = typeof audio === 'object' ? (audio.deviceId as ConstrainDOMStringParameters | undefined)?.exact : undefined;
  if (wanted !== undefined && !listed.some((d) => d.deviceId === wanted)) {
    return Promise.reject(new DOMException('No such device', 'OverconstrainedError'));
  }
  return wanted === HEADSET.deviceId ? headset.getStream() : laptop.getStream();
}

function unplug(deviceId: string): void {
  listed = listed.filter((d) => d.deviceId !== deviceId);
  navigator.mediaDevices.dispatchEvent(new Event('devicechange'));
}

function clearSaved(): void {
  for (const key of Object.keys(localStorage)) if (key.startsWith('cx-banner.devices:')) localStorage.removeItem(key);
}

/** A phone whose devices are loaded (lists read). */
async function agentWithDevices(user = '1001', extra: Parameters<Kit['agent']>[1] = {}): Promise<Phone> {
  const phone = kit.agent(user, { media: { getStream }, ...extra });
  await phone.connect();
  await until(() => phone.devices.$inputs.get().length > 0, 'the device lists');
  return phone;
}

async function answered(phone: Phone): Promise<{ call: CallHandle; bob: Awaited<ReturnType<SimulatedContactCenter['customer']>> }> {
  const bob = await cc.customer('2001', { frequency: CUSTOMER_HZ });
  const call = await ring(cc, phone, bob);
  await call.accept();
  await bob.waitFor('active');
  return { call, bob };
}

/** Waits until the customer hears `hz` (or, with `heard` false, no longer hears it). */
async function customerHears(bob: { hears(hz: number): Promise<number> }, hz: number, heard = true): Promise<number> {
  let last = heard ? -Infinity : 0;
  const end = performance.now() + 6000;
  while (performance.now() < end) {
    last = await bob.hears(hz);
    if (heard ? last >= HEARD : last <= SILENT) break;
  }
  return last;
}

describe('phone.devices', () => {
  beforeEach(async () => {
    clearSaved();
    listed = [LAPTOP, HEADSET, SPEAKERS, HEADSET_OUT, { deviceId: '', label: '', kind: 'videoinput' }];
    asked = [];
    sinks = [];
    laptop = createToneMicrophone(AGENT_HZ);
    headset = createToneMicrophone(OTHER_HZ);
    navigator.mediaDevices.enumerateDevices = async () => listed.map((d) => ({ ...d, groupId: '', toJSON: () => d }) as MediaDeviceInfo);
    HTMLMediaElement.prototype.setSinkId = async function (this: HTMLMediaElement, id: string) {
      sinks.push({ element: this, id });
    };
    kit = await startKit();
    cc = kit.cc;
  });
  afterEach(async () => {
    await kit.stop();
    navigator.mediaDevices.enumerateDevices = realEnumerate;
    HTMLMediaElement.prototype.setSinkId = realSetSinkId;
    laptop.stop();
    headset.stop();
    clearSaved();
  });

  it('lists the microphones and outputs, and follows plugging in and out', async () => {
    const phone = await agentWithDevices();
    expect(phone.devices.$inputs.get()).to.deep.equal([
      { id: 'laptop-mic', label: 'Laptop microphone', kind: 'audioinput' },
      { id: 'headset-mic', label: 'Headset microphone', kind: 'audioinput' },
    ]);
    expect(phone.devices.$outputs.get().map((d) => d.id)).to.deep.equal(['speakers', 'headset-out']);
    expect(phone.devices.$selection.get()).to.deep.equal({ input: '', output: '', ringer: '' });
    listed = [...listed, { deviceId: 'usb-mic', label: 'USB microphone', kind: 'audioinput' }];
    navigator.mediaDevices.dispatchEvent(new Event('devicechange'));
    await until(() => phone.devices.$inputs.get().length === 3, 'the new microphone listed');
    unplug('usb-mic');
    await until(() => phone.devices.$inputs.get().length === 2, 'the microphone gone from the list');
  });

  it('switches the microphone mid-call: the call goes on, the customer hears the new one, no re-INVITE', async () => {
    const phone = await agentWithDevices();
    const { call, bob } = await answered(phone);
    expect(await customerHears(bob, AGENT_HZ)).to.be.at.least(HEARD);
    const invites = wire(cc).filter((s) => s.startsWith('INVITE')).length;
    await phone.devices.setInput('headset-mic');
    expect(asked.at(-1)).to.deep.equal({ audio: { deviceId: { exact: 'headset-mic' } }, video: false });
    expect(await customerHears(bob, OTHER_HZ)).to.be.at.least(HEARD);
    expect(await customerHears(bob, AGENT_HZ, false)).to.be.at.most(SILENT);
    expect(call.state).to.equal('active');
    expect(wire(cc).filter((s) => s.startsWith('INVITE')).length).to.equal(invites);
    expect(phone.devices.$selection.get().input).to.equal('headset-mic');
    // Muting still holds on the new microphone.
    await call.mute(true);
    expect(await customerHears(bob, OTHER_HZ, false)).to.be.at.most(SILENT);
  });

  it('switches the output mid-call with setSinkId; the ringer apart; an unknown id is refused', async () => {
    const phone = await agentWithDevices();
    await answered(phone);
    await phone.devices.setOutput('headset-out');
    expect(sinks.map((s) => s.id)).to.include('headset-out');
    expect(sinks.find((s) => s.id === 'headset-out')?.element.srcObject).to.be.instanceOf(MediaStream);
    await phone.devices.setRinger('speakers');
    const ringerSink = sinks.find((s) => s.id === 'speakers');
    expect(ringerSink, 'the ringer element').to.not.equal(undefined);
    expect(ringerSink?.element).to.not.equal(sinks.find((s) => s.id === 'headset-out')?.element);
    expect(phone.devices.$selection.get()).to.deep.equal({ input: '', output: 'headset-out', ringer: 'speakers' });
    for (const command of [() => phone.devices.setOutput('nope'), () => phone.devices.setInput('nope'), () => phone.devices.setRinger('nope')]) {
      try {
        await command();
        expect.fail('should reject');
      } catch (error) {
        expect(isCxError(error, 'device-not-found')).to.equal(true);
      }
    }
  });

  it('a chosen microphone unplugged mid-call: back to the default, the call goes on, device:changed says so', async () => {
    const phone = await agentWithDevices();
    const { call, bob } = await answered(phone);
    await phone.devices.setInput('headset-mic');
    expect(await customerHears(bob, OTHER_HZ)).to.be.at.least(HEARD);
    const changed = once(phone, 'device:changed');
    unplug('headset-mic');
    const [change] = (await changed) as [DeviceChange];
    expect(change).to.deep.equal({ kind: 'input', from: 'headset-mic', to: '', reason: 'removed' });
    expect(phone.devices.$selection.get().input).to.equal('');
    expect(await customerHears(bob, AGENT_HZ)).to.be.at.least(HEARD);
    expect(call.state).to.equal('active');
  });

  it('choices are remembered per agent: a new phone of the same AOR opens the chosen microphone', async () => {
    const first = await agentWithDevices();
    await first.devices.setInput('headset-mic');
    await first.devices.setOutput('headset-out');
    await first.destroy();
    const other = kit.agent('1002', { media: { getStream } });
    await until(() => other.devices.$inputs.get().length > 0, 'the lists of 1002');
    expect(other.devices.$selection.get()).to.deep.equal({ input: '', output: '', ringer: '' });
    const again = await agentWithDevices();
    expect(again.devices.$selection.get()).to.deep.equal({ input: 'headset-mic', output: 'headset-out', ringer: '' });
    const { bob } = await answered(again);
    expect(await customerHears(bob, OTHER_HZ)).to.be.at.least(HEARD);
    expect(sinks.map((s) => s.id)).to.include('headset-out');
  });

  it('another tab of the agent: the same lists; its choice switches the microphone where the call is; it hears device:changed', async () => {
    const holder = await agentWithDevices();
    const other = await agentWithDevices();
    expect(holder.holdsRegistration).to.equal(true);
    expect(other.holdsRegistration).to.equal(false);
    expect(other.devices.$inputs.get()).to.deep.equal(holder.devices.$inputs.get());
    const { bob } = await answered(holder);
    expect(await customerHears(bob, AGENT_HZ)).to.be.at.least(HEARD);
    await other.devices.setInput('headset-mic');
    expect(await customerHears(bob, OTHER_HZ)).to.be.at.least(HEARD);
    expect(holder.devices.$selection.get().input).to.equal('headset-mic');
    // The browser tells the other tabs of the save with a storage event (not the tab that saved; here, one page stands for both).
    const key = 'cx-banner.devices:sip:1001@sim.cx.invalid';
    expect(JSON.parse(localStorage.getItem(key) ?? '{}')).to.deep.equal({ input: 'headset-mic', output: '', ringer: '' });
    window.dispatchEvent(new StorageEvent('storage', { key, newValue: localStorage.getItem(key) }));
    await until(() => other.devices.$selection.get().input === 'headset-mic', 'the choice shown in the other tab');

    const heard: DeviceChange[] = [];
    other.on('device:changed', (change) => heard.push(change));
    unplug('headset-mic');
    await until(() => heard.length > 0, 'device:changed in the other tab');
    expect(heard).to.deep.equal([{ kind: 'input', from: 'headset-mic', to: '', reason: 'removed' }]);
    expect(await customerHears(bob, AGENT_HZ)).to.be.at.least(HEARD);
  });

  it('microphone denied: requestMicrophone says so, and answering rejects with microphone-denied', async () => {
    const denied = (): Promise<MediaStream> => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    const realQuery = navigator.permissions.query;
    navigator.permissions.query = (async () => ({ state: 'denied', onchange: null }) as PermissionStatus) as typeof realQuery;
    try {
      const phone = kit.agent('1001', { media: { getStream: denied } });
      await phone.connect();
      expect(await phone.devices.requestMicrophone()).to.equal('denied');
      expect(phone.devices.$microphonePermission.get()).to.equal('denied');
      const bob = await cc.customer('2001', { frequency: CUSTOMER_HZ });
      const call = await ring(cc, phone, bob);
      try {
        await call.accept();
        expect.fail('should reject');
      } catch (error) {
        expect(isCxError(error, 'microphone-denied'), String(error)).to.equal(true);
        expect((error as { solutions: string[] }).solutions.length).to.be.above(0);
      }
    } finally {
      navigator.permissions.query = realQuery;
    }
  });

  it('a prompt dismissed is not a denial; a granted one is granted', async () => {
    const realQuery = navigator.permissions.query;
    navigator.permissions.query = (async () => ({ state: 'prompt', onchange: null }) as PermissionStatus) as typeof realQuery;
    try {
      const dismissed = kit.agent('1001', { media: { getStream: () => Promise.reject(new DOMException('Dismissed', 'NotAllowedError')) } });
      expect(await dismissed.devices.requestMicrophone()).to.equal('prompt');
      const granted = kit.agent('1002', { media: { getStream } });
      expect(await granted.devices.requestMicrophone()).to.equal('granted');
    } finally {
      navigator.permissions.query = realQuery;
    }
  });
});
