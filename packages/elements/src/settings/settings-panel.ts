// A chunk of its own in the script-tag build: the Banner loads it when the
// agent opens Settings (see `loadSettings()` in lazy-panels.ts). What it
// shares with the Banner comes through the package index.
import { msg } from '@lit/localize';
import type { PhoneApi } from '@cx/core';
import { css, html, nothing, type PropertyDeclarations } from 'lit';
import { CxElement, loadContactFolders, loadDeviceSettings, loadNotificationSettings, loadUnansweredSettings } from '../index.js';

/**
 * @tagname cx-settings
 * @summary The agent's settings, as the Banner's Settings button opens them:
 * the region "Notifications" (`<cx-notification-settings>`: what to play or
 * show for an incoming call, a missed call, a transfer requested and a call
 * ended) and the region "Devices" (`<cx-device-settings>`: microphone,
 * speaker and ringer), the region "Unanswered calls"
 * (`<cx-unanswered-settings>`: email and SMS for calls nobody answered, the
 * exceptions and the exclusion list), and the region "Contacts" (`<cx-contact-folders>`:
 * the local contact folders and Import contacts). They load with it;
 * choices are kept per agent.
 *
 * @csspart base - The whole settings.
 * @csspart notifications - `<cx-notification-settings>`.
 * @csspart devices - `<cx-device-settings>`.
 * @csspart unanswered - `<cx-unanswered-settings>`.
 * @csspart contacts - `<cx-contact-folders>`.
 */
export class CxSettings extends CxElement {
  static override properties: PropertyDeclarations = {
    phone: { attribute: false },
  };

  static override styles = [
    CxElement.styles,
    css`
      .settings {
        display: grid;
        gap: 0.75rem;
      }
    `,
  ];

  /** The phone whose settings these are. */
  phone: PhoneApi | undefined = undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void Promise.all([loadNotificationSettings(), loadDeviceSettings(), loadUnansweredSettings(), loadContactFolders()]).catch(() => undefined);
  }

  protected override render(): unknown {
    return html`<section part="base" class="settings" aria-label=${msg('Settings')}>
      <cx-notification-settings part="notifications" theme=${this.theme ?? nothing} .phone=${this.phone}></cx-notification-settings>
      <cx-device-settings part="devices" theme=${this.theme ?? nothing} .phone=${this.phone}></cx-device-settings>
      <cx-unanswered-settings part="unanswered" theme=${this.theme ?? nothing} .phone=${this.phone}></cx-unanswered-settings>
      <cx-contact-folders part="contacts" theme=${this.theme ?? nothing} .phone=${this.phone}></cx-contact-folders>
    </section>`;
  }
}

if (globalThis.customElements && !customElements.get('cx-settings')) customElements.define('cx-settings', CxSettings);

declare global {
  interface HTMLElementTagNameMap {
    'cx-settings': CxSettings;
  }
}
