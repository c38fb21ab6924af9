// A chunk of its own in the script-tag build: loaded when the settings are
// opened (see `loadDeviceSettings()` in the package index).
import { msg, str } from '@lit/localize';
import type { DeviceChange, DeviceRole, DeviceSelection, MediaDeviceEntry, MicrophonePermission, PhoneApi } from '@cx/core';
import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { CommandController, CxElement, CxEvent, requestCommand, StoreController } from '../index.js';
import { settingsFormStyles } from '../settings/settings-form.styles.js';

/** What the agent chose: which device (`''` for the default) for which role. */
export interface DeviceSettingDetail {
  readonly kind: DeviceRole;
  readonly id: string;
}

/** The agent chose a microphone, a speaker or a ringer device. Cancelable. */
export class CxDeviceSettingRequestEvent extends CxEvent<DeviceSettingDetail> {
  static readonly type = 'cx-device-setting-request';
  constructor(kind: DeviceRole, id: string) {
    super(CxDeviceSettingRequestEvent.type, { kind, id }, { cancelable: true });
  }
}

/** Each select's name (its label), in the locale of the moment. */
const roleNames = (): Readonly<Record<DeviceRole, string>> => ({
  input: msg('Microphone'),
  output: msg('Speaker'),
  ringer: msg('Ringer'),
});

/** What the live region says when a chosen device was unplugged during a call. */
const removedWords = (): Readonly<Record<DeviceRole, string>> => ({
  input: msg('The microphone was unplugged: the default microphone is used now.'),
  output: msg('The speaker was unplugged: calls play on the default output now.'),
  ringer: msg('The ringer device was unplugged: the ringtone plays on the default output now.'),
});

const ROLES: readonly DeviceRole[] = ['input', 'output', 'ringer'];


/**
 * @tagname cx-device-settings
 * @summary The region "Devices": the Microphone the calls send, the Speaker
 * the agent hears them on and the Ringer the ringtone plays on (speakers
 * while the call is in the headset), from `phone.devices`. A choice applies
 * at once, even mid-call, and is saved for the agent. Until the browser
 * allows the microphone, a button asks for it (from the click); once
 * refused, the region says how to allow it in the browser. When a chosen
 * device is unplugged during a call, a live region says the default is used.
 *
 * @event cx-device-setting-request - The agent chose a device. Cancelable.
 * @event cx-command-failed - The device could not be used; the region says why.
 * @csspart allow-button - Allow the microphone.
 * @csspart guidance - How to allow a refused microphone.
 */
export class CxDeviceSettings extends CxElement {
  static override properties: PropertyDeclarations = {
    phone: { attribute: false },
    announcement: { state: true },
  };

  static override styles = [CxElement.styles, settingsFormStyles];

  /** The agent's phone. */
  phone: PhoneApi | undefined = undefined;
  /** What the live region says (a device unplugged). */
  protected announcement = '';

  private readonly inputs = new StoreController(this, () => this.phone?.devices.$inputs);
  private readonly outputs = new StoreController(this, () => this.phone?.devices.$outputs);
  private readonly selection = new StoreController(this, () => this.phone?.devices.$selection);
  private readonly permission = new StoreController(this, () => this.phone?.devices.$microphonePermission);
  private readonly commands = new CommandController(this);
  #off: (() => void) | undefined;
  #listening: PhoneApi | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#listen(undefined);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.#listening !== this.phone) this.#listen(this.phone);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.#listen(this.phone);
  }

  protected override render(): unknown {
    const selection: DeviceSelection | undefined = this.selection.value;
    const names = roleNames();
    const lists: Record<DeviceRole, readonly MediaDeviceEntry[]> = {
      input: this.inputs.value ?? [],
      output: this.outputs.value ?? [],
      ringer: this.outputs.value ?? [],
    };
    return html`<section aria-labelledby="devices-title">
      <h2 id="devices-title">${msg('Devices')}</h2>
      <div class="rows">
        ${ROLES.map((role) => {
          const chosen = selection?.[role] ?? '';
          const list = lists[role];
          return html`<label for="device-${role}">${names[role]}</label>
            <select id="device-${role}" ?disabled=${!selection || list.length === 0} @change=${(event: Event) => this.choose(role, event)}>
              <option value="" ?selected=${chosen === ''}>${msg('Default')}</option>
              ${list.map(
                (device, index) =>
                  html`<option value=${device.id} ?selected=${chosen === device.id}>${device.label || msg(str`${names[role]} ${index + 1}`)}</option>`,
              )}
            </select>`;
        })}
      </div>
      ${this.renderPermission(this.permission.value)}
      ${this.commands.error ? html`<p class="error text" role="alert">${this.commands.error}</p>` : nothing}
      <p class="visually-hidden" aria-live="polite" aria-atomic="true">${this.announcement}</p>
    </section>`;
  }

  private renderPermission(permission: MicrophonePermission | undefined): unknown {
    switch (permission) {
      case 'prompt':
        return html`<p class="permission text">
          ${msg('Calls need your microphone. Allow it now, so that the browser does not ask during your first call.')}
          <button part="allow-button" @click=${() => this.allow()}>${msg('Allow the microphone')}</button>
        </p>`;
      case 'denied':
        return html`<p part="guidance" class="permission text" role="note">
          ${msg(
            'The microphone is blocked for this site, so calls cannot be answered. To allow it, click the icon at the left of the address bar (in Safari: Safari menu, Settings for This Website), set Microphone to Allow, then reload the page. If it stays blocked, allow the browser in the microphone privacy settings of your computer.',
          )}
        </p>`;
      default:
        return nothing;
    }
  }

  /** From the click itself: a browser asks the agent only from a user gesture. */
  private allow(): void {
    void this.phone?.devices.requestMicrophone().catch(() => undefined);
  }

  private async choose(role: DeviceRole, event: Event): Promise<void> {
    const phone = this.phone;
    const select = event.currentTarget as HTMLSelectElement;
    const id = select.value;
    if (!phone) return;
    const command = ({ input: 'setInput', output: 'setOutput', ringer: 'setRinger' } as const)[role];
    const outcome = await this.commands.run(`device:${role}`, () =>
      requestCommand(this, new CxDeviceSettingRequestEvent(role, id), 'device-setting', undefined, () => phone.devices[command](id)),
    );
    // Refused or cancelled: show the device in force again.
    if (outcome?.status !== 'done') select.value = phone.devices.$selection.get()[role];
  }

  #listen(phone: PhoneApi | undefined): void {
    this.#off?.();
    this.#off = undefined;
    this.#listening = phone;
    if (!phone) return;
    this.#off = phone.on('device:changed', (change: DeviceChange) => {
      this.announcement = removedWords()[change.kind];
    });
  }
}

if (globalThis.customElements && !customElements.get('cx-device-settings')) customElements.define('cx-device-settings', CxDeviceSettings);

declare global {
  interface HTMLElementTagNameMap {
    'cx-device-settings': CxDeviceSettings;
  }
  interface HTMLElementEventMap {
    'cx-device-setting-request': CxDeviceSettingRequestEvent;
  }
}
