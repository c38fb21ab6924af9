// Component tier: <cx-device-settings> on a phone of the simulated contact
// center: the region and its three controls by name, a choice given to the
// phone, the microphone permission asked only from the click, the guidance
// once it was refused, the announcement of a device unplugged mid-call,
// axe-clean in each state. The browser's devices are a stubbed
// `enumerateDevices` (headless Chromium's fake ones cannot be unplugged).
import { expect } from '@esm-bundle/chai';
import type { Phone } from '@cx/core';
import { loadDeviceSettings } from '../index.js';
import { axeViolations } from '../testing/axe.js';
import { agentPhone, answeredCall, button, buttons, deepText, disposeAll, mount, queryAll, settle, until } from '../testing/simulated-center.js';
import type { CxDeviceSettings } from './device-settings.js';

let listed: { deviceId: string; label: string; kind: MediaDeviceKind }[];
let permission: PermissionState;
let sinks: string[];
const realEnumerate = navigator.mediaDevices.enumerateDevices;
const realQuery = navigator.permissions.query;
const realSetSinkId = HTMLMediaElement.prototype.setSinkId;

function region(element: Element): Element {
  const found = queryAll(element, 'section').find((s) => {
    const label = s.getAttribute('aria-labelledby');
    return label !== null && (s.getRootNode() as ShadowRoot).getElementById(label)?.textContent?.trim() === 'Devices';
  });
  if (!found) throw new Error('No region named Devices');
  return found;
}

/** The control whose label is `name`. */
function control(element: Element, name: string): HTMLSelectElement {
  const found = queryAll<HTMLSelectElement>(element, 'select').filter((s) => Array.from(s.labels ?? []).some((l) => l.textContent?.trim() === name));
  if (found.length !== 1) throw new Error(`Expected one control "${name}", found ${found.length}`);
  return found[0]!;
}

function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

async function settings(phone: Phone): Promise<CxDeviceSettings> {
  await loadDeviceSettings();
  const element = document.createElement('cx-device-settings');
  element.phone = phone;
  return mount(element);
}

describe('<cx-device-settings>', () => {
  beforeEach(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('cx-banner.devices:')) localStorage.removeItem(key);
    listed = [
      { deviceId: 'laptop-mic', label: 'Laptop microphone', kind: 'audioinput' },
      { deviceId: 'headset-mic', label: 'Headset microphone', kind: 'audioinput' },
      { deviceId: 'speakers', label: 'Speakers', kind: 'audiooutput' },
      { deviceId: 'headset-out', label: 'Headset earphones', kind: 'audiooutput' },
    ];
    permission = 'granted';
    sinks = [];
    navigator.mediaDevices.enumerateDevices = async () => listed.map((d) => ({ ...d, groupId: '', toJSON: () => d }) as MediaDeviceInfo);
    navigator.permissions.query = (async () => {
      const status = new EventTarget() as PermissionStatus;
      Object.defineProperty(status, 'state', { get: () => permission });
      return status;
    }) as typeof realQuery;
    HTMLMediaElement.prototype.setSinkId = async (id: string) => void sinks.push(id);
  });
  afterEach(async () => {
    document.querySelectorAll('cx-device-settings').forEach((el) => el.remove());
    await disposeAll();
    navigator.mediaDevices.enumerateDevices = realEnumerate;
    navigator.permissions.query = realQuery;
    HTMLMediaElement.prototype.setSinkId = realSetSinkId;
    for (const key of Object.keys(localStorage)) if (key.startsWith('cx-banner.devices:')) localStorage.removeItem(key);
  });

  it('a region "Devices" with Microphone, Speaker and Ringer; a choice goes to the phone', async () => {
    const phone = await agentPhone();
    const element = await settings(phone);
    expect(region(element)).to.not.equal(undefined);
    await until(() => control(element, 'Microphone').options.length === 3, 'the microphones listed');
    expect(Array.from(control(element, 'Microphone').options, (o) => o.textContent?.trim())).to.deep.equal(['Default', 'Laptop microphone', 'Headset microphone']);
    expect(Array.from(control(element, 'Speaker').options, (o) => o.value)).to.deep.equal(['', 'speakers', 'headset-out']);
    expect(Array.from(control(element, 'Ringer').options, (o) => o.value)).to.deep.equal(['', 'speakers', 'headset-out']);
    expect(buttons(element, 'Allow the microphone'), 'granted: nothing to ask').to.have.length(0);

    const requested = new Promise<Event>((resolve) => element.addEventListener('cx-device-setting-request', resolve, { once: true }));
    choose(control(element, 'Speaker'), 'headset-out');
    expect(((await requested) as CustomEvent).detail).to.deep.equal({ kind: 'output', id: 'headset-out' });
    await until(() => phone.devices.$selection.get().output === 'headset-out', 'the output chosen');
    choose(control(element, 'Ringer'), 'speakers');
    await until(() => phone.devices.$selection.get().ringer === 'speakers', 'the ringer chosen');
    expect(sinks).to.include('speakers');
    choose(control(element, 'Microphone'), 'headset-mic');
    await until(() => phone.devices.$selection.get().input === 'headset-mic', 'the microphone chosen');

    // A host that cancels the request: nothing changes, the control shows the device in force.
    element.addEventListener('cx-device-setting-request', (event) => event.preventDefault(), { once: true });
    choose(control(element, 'Microphone'), 'laptop-mic');
    await until(() => control(element, 'Microphone').value === 'headset-mic', 'the control to show the device in force');
    expect(phone.devices.$selection.get().input).to.equal('headset-mic');
    expect(await axeViolations(element)).to.deep.equal([]);
  });

  it('asks for the microphone only from the click; once granted the button goes', async () => {
    permission = 'prompt';
    const phone = await agentPhone();
    let asked = 0;
    const request = phone.devices.requestMicrophone;
    (phone.devices as { requestMicrophone: typeof request }).requestMicrophone = () => {
      asked += 1;
      permission = 'granted';
      return request();
    };
    const element = await settings(phone);
    await until(() => buttons(element, 'Allow the microphone').length === 1, 'the button');
    expect(asked, 'never asked on load').to.equal(0);
    expect(await axeViolations(element), 'not asked yet').to.deep.equal([]);
    button(element, 'Allow the microphone').click();
    expect(asked).to.equal(1);
    await until(() => buttons(element, 'Allow the microphone').length === 0, 'the button to go');
    expect(phone.devices.$microphonePermission.get()).to.equal('granted');
    expect(await axeViolations(element), 'granted').to.deep.equal([]);
  });

  it('refused: guidance to allow it in the site settings, and no button', async () => {
    permission = 'denied';
    const element = await settings(await agentPhone());
    await until(() => deepText(element).includes('blocked for this site'), 'the guidance');
    expect(buttons(element, 'Allow the microphone')).to.have.length(0);
    expect(deepText(element)).to.contain('address bar').and.to.contain('set Microphone to Allow');
    expect(await axeViolations(element), 'denied').to.deep.equal([]);
  });

  it('a chosen output unplugged mid-call: the region announces that the default is used', async () => {
    const phone = await agentPhone();
    const element = await settings(phone);
    await until(() => control(element, 'Speaker').options.length === 3, 'the outputs listed');
    await answeredCall(phone);
    choose(control(element, 'Speaker'), 'headset-out');
    await until(() => phone.devices.$selection.get().output === 'headset-out', 'the output chosen');
    listed = listed.filter((d) => d.deviceId !== 'headset-out');
    navigator.mediaDevices.dispatchEvent(new Event('devicechange'));
    await until(() => deepText(element).includes('The speaker was unplugged'), 'the announcement');
    const live = queryAll(element, '[aria-live="polite"]');
    expect(live.some((p) => p.textContent?.includes('default output'))).to.equal(true);
    await settle(element);
    expect(control(element, 'Speaker').value).to.equal('');
    expect(sinks.at(-1)).to.equal('');
    expect(await axeViolations(element), 'announced').to.deep.equal([]);
  });
});
