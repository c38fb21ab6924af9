// A chunk of its own in the script-tag build: loaded when the settings are
// opened (see `loadNotificationSettings()` in the package index).
import { msg } from '@lit/localize';
import type { NotificationKind, NotificationMode, NotificationSettings, PhoneApi } from '@cx/core';
import { html, nothing, type PropertyDeclarations } from 'lit';
import { CommandController, CxElement, CxEvent, requestCommand, StoreController } from '../index.js';
import { settingsFormStyles } from '../settings/settings-form.styles.js';

/** The agent changed how they are told of one kind of event. Cancelable. */
export class CxNotificationSettingRequestEvent extends CxEvent<{ readonly kind: NotificationKind; readonly mode: NotificationMode }> {
  static readonly type = 'cx-notification-setting-request';
  constructor(kind: NotificationKind, mode: NotificationMode) {
    super(CxNotificationSettingRequestEvent.type, { kind, mode }, { cancelable: true });
  }
}

/** Whether this page may show desktop notifications: the browser's permission, or `unsupported`. */
export type DesktopPermission = NotificationPermission | 'unsupported';

/** The browser's desktop-notification permission now. */
export function desktopPermission(): DesktopPermission {
  return globalThis.Notification ? globalThis.Notification.permission : 'unsupported';
}

/**
 * Asks the browser to allow desktop notifications. Call it from a click (a
 * user gesture): browsers ignore or quietly block a request made otherwise,
 * and never call it on load. Resolves with the permission after the
 * agent's answer.
 */
export async function requestDesktopPermission(): Promise<DesktopPermission> {
  const Desktop = globalThis.Notification;
  if (!Desktop) return 'unsupported';
  return Desktop.requestPermission();
}

const KINDS: readonly NotificationKind[] = ['ringing', 'missed', 'transferRequested', 'ended'];
const MODES: readonly NotificationMode[] = ['off', 'sound', 'desktop', 'both'];

/** Each kind's control name (DESIGN section 8), in the locale of the moment. */
const kindNames = (): Readonly<Record<NotificationKind, string>> => ({
  ringing: msg('Incoming call ringtone'),
  missed: msg('Missed call'),
  transferRequested: msg('Transfer requested'),
  ended: msg('Call ended'),
});

const modeNames = (): Readonly<Record<NotificationMode, string>> => ({
  off: msg('Off'),
  sound: msg('Sound'),
  desktop: msg('Desktop'),
  both: msg('Sound and desktop'),
});


/**
 * @tagname cx-notification-settings
 * @summary The region "Notifications": how the agent is told of each kind
 * of event (Incoming call ringtone, Missed call, Transfer requested, Call
 * ended): off, a sound, a desktop notification, or both. Saved for the
 * agent by the phone (`phone.setNotification`). While the browser has not
 * been asked, a button asks it to allow desktop notifications (from the
 * click); once refused, the region says how to allow them in the browser.
 *
 * @event cx-notification-setting-request - The agent changed a setting. Cancelable.
 * @event cx-command-failed - The setting could not be changed; the region says why.
 * @csspart allow-button - Allow desktop notifications.
 */
export class CxNotificationSettings extends CxElement {
  static override properties: PropertyDeclarations = {
    phone: { attribute: false },
    permission: { state: true },
  };

  static override styles = [CxElement.styles, settingsFormStyles];

  /** The agent's phone. */
  phone: PhoneApi | undefined = undefined;
  /** The browser's desktop-notification permission, as last seen. */
  protected permission: DesktopPermission = desktopPermission();

  private readonly settings = new StoreController(this, () => this.phone?.$notificationSettings);
  private readonly commands = new CommandController(this);
  #status: PermissionStatus | undefined;
  #watching = false;
  readonly #onPermission = (): void => {
    this.permission = desktopPermission();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.permission = desktopPermission();
    // The agent may change it in the browser's site settings meanwhile.
    if (this.#watching || !globalThis.navigator?.permissions) return;
    this.#watching = true;
    navigator.permissions.query({ name: 'notifications' }).then(
      (status) => {
        if (!this.#watching) return;
        this.#status = status;
        status.addEventListener('change', this.#onPermission);
      },
      () => undefined,
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#watching = false;
    this.#status?.removeEventListener('change', this.#onPermission);
    this.#status = undefined;
  }

  protected override render(): unknown {
    const settings: NotificationSettings | undefined = this.settings.value;
    const names = kindNames();
    const modes = modeNames();
    return html`<section aria-labelledby="notifications-title">
      <h2 id="notifications-title">${msg('Notifications')}</h2>
      <div class="rows">
        ${KINDS.map(
          (kind) => html`<label for="kind-${kind}">${names[kind]}</label>
            <select id="kind-${kind}" ?disabled=${!settings} @change=${(event: Event) => this.choose(kind, event)}>
              ${MODES.map((mode) => html`<option value=${mode} ?selected=${settings?.[kind] === mode}>${modes[mode]}</option>`)}
            </select>`,
        )}
      </div>
      ${this.renderPermission()}
      ${this.commands.error ? html`<p class="error text" role="alert">${this.commands.error}</p>` : nothing}
    </section>`;
  }

  private renderPermission(): unknown {
    switch (this.permission) {
      case 'default':
        return html`<p class="permission text">
          ${msg('Desktop notifications need your permission.')}
          <button part="allow-button" @click=${() => this.allow()}>${msg('Allow desktop notifications')}</button>
        </p>`;
      case 'denied':
        return html`<p class="permission text" role="note">
          ${msg(
            'Desktop notifications are blocked for this site. To allow them, open the site settings (the icon at the left of the address bar), set Notifications to Allow, then reload the page.',
          )}
        </p>`;
      case 'unsupported':
        return html`<p class="permission text">${msg('This browser cannot show desktop notifications.')}</p>`;
      default:
        return nothing;
    }
  }

  /** From the click itself: a browser asks the agent only from a user gesture. */
  private allow(): void {
    requestDesktopPermission().then(
      (permission) => (this.permission = permission),
      () => (this.permission = desktopPermission()),
    );
  }

  private async choose(kind: NotificationKind, event: Event): Promise<void> {
    const phone = this.phone;
    const select = event.currentTarget as HTMLSelectElement;
    const mode = select.value as NotificationMode;
    if (!phone) return;
    const outcome = await this.commands.run(`notification:${kind}`, () =>
      requestCommand(this, new CxNotificationSettingRequestEvent(kind, mode), 'notification-setting', undefined, () => phone.setNotification(kind, mode)),
    );
    // Refused or cancelled: show the setting in force again.
    if (outcome?.status !== 'done') select.value = phone.$notificationSettings.get()[kind];
  }
}

if (globalThis.customElements && !customElements.get('cx-notification-settings')) customElements.define('cx-notification-settings', CxNotificationSettings);

declare global {
  interface HTMLElementTagNameMap {
    'cx-notification-settings': CxNotificationSettings;
  }
  interface HTMLElementEventMap {
    'cx-notification-setting-request': CxNotificationSettingRequestEvent;
  }
}
