// A chunk of its own in the script-tag build: loaded when the settings are
// opened (see `loadUnansweredSettings()` in the package index).
import { msg } from '@lit/localize';
import type { PhoneApi, UnansweredException, UnansweredSettings, UnansweredSettingsChange, UnansweredSettingsField } from '@cx/core';
import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { CommandController, CxElement, CxEvent, requestCommand, StoreController } from '../index.js';
import { settingsFormStyles } from '../settings/settings-form.styles.js';
import { unansweredSettingsStyles } from './unanswered-settings.styles.js';

/** The agent pressed Save in "Unanswered calls": the change for `phone.setUnansweredSettings`. Cancelable. */
export class CxUnansweredSettingsRequestEvent extends CxEvent<{ readonly change: UnansweredSettingsChange }> {
  static readonly type = 'cx-unanswered-settings-request';
  constructor(change: UnansweredSettingsChange) {
    super(CxUnansweredSettingsRequestEvent.type, { change }, { cancelable: true });
  }
}

/** The telephony link's choice: a usual prefix, a custom one, or no links. */
type LinkChoice = 'tel:' | 'phone:' | 'callto:' | 'custom' | 'none';
const PRESETS: readonly string[] = ['tel:', 'phone:', 'callto:'];

/** The exceptions in the order the region lists them. */
const EXCEPTIONS: readonly UnansweredException[] = ['internal', 'withheld', 'unknown-contact', 'same-day', 'not-logged-in', 'short-ring', 'excluded'];

const exceptionNames = (): Readonly<Record<UnansweredException, string>> => ({
  internal: msg('Internal calls'),
  withheld: msg('Blocked or withheld numbers'),
  'unknown-contact': msg('Callers whose contact could not be determined'),
  'same-day': msg('Further attempts by a caller on the same day'),
  'not-logged-in': msg('Repeated calls while I am not logged in'),
  'short-ring': msg('Calls that rang less than 2 seconds'),
  excluded: msg('Numbers in the exclusion list'),
});

/** What the agent reads next to a field the phone refused, in the locale of the moment. */
const fieldErrors = (): Readonly<Partial<Record<UnansweredSettingsField, string>>> => ({
  'email.to': msg('Enter an email address, such as name@example.com.'),
  'email.linkPrefix': msg('A custom prefix has 1 to 9 letters, digits, +, . or -, and ends with a colon, such as crm:.'),
  'sms.provider': msg('The provider name has at most 100 characters.'),
  'sms.to': msg('Enter a phone number, such as +33612345678.'),
  exclusions: msg('Put one phone number on each line.'),
});

/** The fields shown in this region, each with the id of its control. */
const CONTROLS: Readonly<Partial<Record<UnansweredSettingsField, string>>> = {
  'email.to': 'email-to',
  'email.linkPrefix': 'link-custom',
  'sms.provider': 'sms-provider',
  'sms.to': 'sms-to',
  exclusions: 'exclusions',
};

function choiceOf(prefix: string): LinkChoice {
  return PRESETS.includes(prefix) ? (prefix as LinkChoice) : prefix === '' ? 'none' : 'custom';
}

/**
 * @tagname cx-unanswered-settings
 * @summary The region "Unanswered calls": whether the agent gets an email
 * and/or an SMS for a call nobody answered, where they go (Email address,
 * SMS provider, SMS recipient), the vCard and the telephony link in the
 * email (tel:, phone:, callto:, a custom prefix, or no links), the
 * exceptions that send nothing, and the exclusion list (one number per
 * line). Save hands the form to `phone.setUnansweredSettings`; a value the
 * phone refuses is said next to its field (and announced), the settings in
 * force staying as they were; a save is announced ("Saved").
 *
 * @event cx-unanswered-settings-request - The agent pressed Save (`change`). Cancelable.
 * @event cx-command-failed - The settings could not be saved (`unanswered-settings`); the region says why.
 * @csspart save-button - Save.
 * @csspart status - The live region that says "Saved".
 * @csspart field-error - What is wrong with a field.
 */
export class CxUnansweredSettings extends CxElement {
  static override properties: PropertyDeclarations = {
    phone: { attribute: false },
    linkChoice: { state: true },
    errors: { state: true },
    status: { state: true },
  };

  static override styles = [CxElement.styles, settingsFormStyles, unansweredSettingsStyles];

  /** The agent's phone. */
  phone: PhoneApi | undefined = undefined;
  /** The telephony link chosen in the form; undefined follows the settings in force. */
  protected linkChoice: LinkChoice | undefined = undefined;
  /** What the phone refused at the last Save, by field. */
  protected errors: Partial<Record<UnansweredSettingsField, string>> = {};
  /** What the status region says ('' or "Saved"). */
  protected status = '';

  private readonly settings = new StoreController(this, () => this.phone?.$unansweredSettings);
  private readonly commands = new CommandController(this);
  #seen: UnansweredSettings | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // New settings (saved here or in another tab): the link choice follows them again.
    const now = this.settings.value;
    if (now !== this.#seen) {
      this.#seen = now;
      this.linkChoice = undefined;
    }
  }

  protected override render(): unknown {
    // Undefined until the phone has read them (it does when it connects): the form waits, disabled.
    const settings = this.settings.value;
    const email = settings?.email ?? { enabled: false, to: '', attachVCard: false, linkPrefix: 'tel:' };
    const sms = settings?.sms ?? { enabled: false, provider: '', to: '' };
    const choice = this.linkChoice ?? choiceOf(email.linkPrefix);
    const names = exceptionNames();
    const disabled = !this.phone || !settings;
    return html`<section aria-labelledby="unanswered-title">
      <h2 id="unanswered-title">${msg('Unanswered calls')}</h2>
      <form novalidate @submit=${(event: Event) => this.save(event)}>
        <fieldset ?disabled=${disabled}>
          <legend>${msg('Email')}</legend>
          ${this.checkbox('email-enabled', msg('Notify me by email'), email.enabled)}
          ${this.textField('email.to', 'email-to', msg('Email address'), email.to, 'email', 'email')}
          ${this.checkbox('email-vcard', msg("Attach the caller's vCard"), email.attachVCard)}
          <div class="rows">
            <label for="link">${msg('Telephony link')}</label>
            <select id="link" @change=${(event: Event) => (this.linkChoice = (event.currentTarget as HTMLSelectElement).value as LinkChoice)}>
              ${PRESETS.map((prefix) => html`<option value=${prefix} ?selected=${choice === prefix}>${prefix}</option>`)}
              <option value="custom" ?selected=${choice === 'custom'}>${msg('Custom')}</option>
              <option value="none" ?selected=${choice === 'none'}>${msg('No links')}</option>
            </select>
          </div>
          ${choice === 'custom'
            ? this.textField('email.linkPrefix', 'link-custom', msg('Custom prefix'), PRESETS.includes(email.linkPrefix) ? '' : email.linkPrefix, 'text', 'off', msg('1 to 9 characters ending with a colon, such as crm:'))
            : nothing}
        </fieldset>
        <fieldset ?disabled=${disabled}>
          <legend>${msg('SMS')}</legend>
          ${this.checkbox('sms-enabled', msg('Notify me by SMS'), sms.enabled)}
          ${this.textField('sms.provider', 'sms-provider', msg('SMS provider'), sms.provider, 'text', 'off')}
          ${this.textField('sms.to', 'sms-to', msg('SMS recipient'), sms.to, 'tel', 'tel')}
        </fieldset>
        <fieldset ?disabled=${disabled}>
          <legend>${msg('No notification for')}</legend>
          ${EXCEPTIONS.map((name) => this.checkbox(`exception-${name}`, names[name], settings?.exceptions[name] ?? false))}
          ${this.textField('exclusions', 'exclusions', msg('Exclusion list'), (settings?.exclusions ?? []).join('\n'), 'textarea', 'off', msg('One number per line'))}
        </fieldset>
        <div class="actions">
          <button part="save-button" class="primary" type="submit" ?disabled=${disabled}>${msg('Save')}</button>
          <p part="status" class="text" role="status">${this.status}</p>
        </div>
        ${this.commands.error && Object.keys(this.errors).length === 0 ? html`<p class="error text" role="alert">${this.commands.error}</p>` : nothing}
      </form>
    </section>`;
  }

  private checkbox(id: string, label: string, checked: boolean): TemplateResult {
    return html`<div class="check"><input id=${id} type="checkbox" .checked=${checked} /><label for=${id}>${label}</label></div>`;
  }

  /** A labelled text control, with its hint and the phone's refusal tied to it (aria-describedby). */
  private textField(field: UnansweredSettingsField, id: string, label: string, value: string, type: 'text' | 'email' | 'tel' | 'textarea', autocomplete: string, hint?: string): TemplateResult {
    const error = this.errors[field];
    const described = [hint === undefined ? '' : `${id}-hint`, error === undefined ? '' : `${id}-error`].filter(Boolean).join(' ');
    const invalid = error === undefined ? nothing : 'true';
    const control =
      type === 'textarea'
        ? html`<textarea id=${id} .value=${value} aria-invalid=${invalid} aria-describedby=${described || nothing}></textarea>`
        : html`<input id=${id} type=${type} autocomplete=${autocomplete} .value=${value} aria-invalid=${invalid} aria-describedby=${described || nothing} />`;
    return html`<div class="field">
      <label for=${id}>${label}</label>
      ${control}
      ${hint === undefined ? nothing : html`<p id="${id}-hint" class="hint text">${hint}</p>`}
      ${error === undefined ? nothing : html`<p id="${id}-error" part="field-error" class="field-error error text" role="alert">${error}</p>`}
    </div>`;
  }

  /** The form as a change of the settings (all of them: what the agent sees is what is saved). */
  private change(): UnansweredSettingsChange | undefined {
    const root = this.renderRoot as ShadowRoot;
    const value = (id: string): string => (root.getElementById(id) as HTMLInputElement | HTMLTextAreaElement | null)?.value ?? '';
    const checked = (id: string): boolean => (root.getElementById(id) as HTMLInputElement | null)?.checked ?? false;
    const choice = (root.getElementById('link') as HTMLSelectElement | null)?.value as LinkChoice | undefined;
    // '' means "no links" to the phone: a custom prefix left empty is a mistake, not that.
    if (choice === 'custom' && value('link-custom').trim() === '') return undefined;
    return {
      email: {
        enabled: checked('email-enabled'),
        to: value('email-to'),
        attachVCard: checked('email-vcard'),
        linkPrefix: choice === 'custom' ? value('link-custom') : choice === 'none' ? '' : (choice ?? 'tel:'),
      },
      sms: { enabled: checked('sms-enabled'), provider: value('sms-provider'), to: value('sms-to') },
      exceptions: Object.fromEntries(EXCEPTIONS.map((name) => [name, checked(`exception-${name}`)])) as Record<UnansweredException, boolean>,
      exclusions: value('exclusions')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== ''),
    };
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    const phone = this.phone;
    if (!phone) return;
    // Cleared first, so that the same refusal (or "Saved") is announced again.
    this.errors = {};
    this.status = '';
    this.commands.clear();
    await this.updateComplete;
    const change = this.change();
    if (!change) {
      this.showErrors({ 'email.linkPrefix': '' });
      return;
    }
    const outcome = await this.commands.run('save', () =>
      requestCommand(this, new CxUnansweredSettingsRequestEvent(change), 'unanswered-settings', undefined, () => phone.setUnansweredSettings(change)),
    );
    if (outcome?.status === 'done') this.status = msg('Saved');
    else if (outcome?.status === 'failed') {
      const fields = (outcome.error as { fields?: unknown }).fields;
      if (typeof fields === 'object' && fields !== null) this.showErrors(fields as Partial<Record<UnansweredSettingsField, string>>);
    }
  }

  /** The refused fields' messages next to them, the first one focused; a refusal of another field is the general error. */
  private showErrors(refused: Partial<Record<UnansweredSettingsField, string>>): void {
    const words = fieldErrors();
    const shown: Partial<Record<UnansweredSettingsField, string>> = {};
    for (const field of Object.keys(refused) as UnansweredSettingsField[]) {
      const text = words[field];
      if (CONTROLS[field] && text) shown[field] = text;
    }
    this.errors = shown;
    if (Object.keys(shown).length === 0) return;
    void this.updateComplete.then(() => {
      const first = Object.keys(CONTROLS).find((field) => field in shown) as UnansweredSettingsField | undefined;
      const id = first && CONTROLS[first];
      if (id) (this.renderRoot as ShadowRoot).getElementById(id)?.focus();
    });
  }
}

if (globalThis.customElements && !customElements.get('cx-unanswered-settings')) customElements.define('cx-unanswered-settings', CxUnansweredSettings);

declare global {
  interface HTMLElementTagNameMap {
    'cx-unanswered-settings': CxUnansweredSettings;
  }
  interface HTMLElementEventMap {
    'cx-unanswered-settings-request': CxUnansweredSettingsRequestEvent;
  }
}
