// A chunk of its own in the script-tag build: loaded when the settings are
// opened (see `loadContactFolders()` in the package index).
import { msg, str } from '@lit/localize';
import type { ContactFolder, PhoneApi } from '@cx/core';
import { css, html, nothing, type PropertyDeclarations } from 'lit';
import { CommandController, CxElement, CxEvent, formatTime, requestCommand, StoreController } from '../index.js';
import { settingsFormStyles } from '../settings/settings-form.styles.js';

/** The agent chose a vCard or CSV file to import into a local contact folder. Cancelable. */
export class CxContactImportRequestEvent extends CxEvent<{ readonly file: File }> {
  static readonly type = 'cx-contact-import-request';
  constructor(file: File) {
    super(CxContactImportRequestEvent.type, { file }, { cancelable: true });
  }
}

/** The agent asked to remove a local contact folder. Cancelable. */
export class CxContactFolderRemoveRequestEvent extends CxEvent<{ readonly folder: ContactFolder }> {
  static readonly type = 'cx-contact-folder-remove-request';
  constructor(folder: ContactFolder) {
    super(CxContactFolderRemoveRequestEvent.type, { folder }, { cancelable: true });
  }
}

/** The files the picker offers: what `phone.contacts.import()` reads. */
const ACCEPT = '.vcf,.vcard,.csv,text/vcard,text/csv';

const styles = css`
  ul {
    list-style: none;
    margin: 0 0 0.6rem;
    padding: 0;
    display: grid;
    gap: 0.25rem;
  }
  li {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0 0.5rem;
    align-items: center;
  }
  .details {
    grid-column: 1;
    color: var(--_text-muted);
    font-size: 0.85rem;
  }
  li button {
    grid-column: 2;
    grid-row: 1 / span 2;
  }
  .empty,
  .hint {
    margin: 0 0 0.6rem;
  }
  .hint {
    margin: 0.3rem 0 0;
    color: var(--_text-muted);
    font-size: 0.85rem;
  }
  input[type='file'] {
    min-width: 0;
  }
`;

/**
 * @tagname cx-contact-folders
 * @summary The region "Contacts": the agent's local contact folders
 * (`phone.contacts.$folders`), each with its name, how many contacts it
 * holds and when it was imported, and a button "Remove <folder name>"; and
 * "Import contacts", a file picker for a vCard (.vcf) or CSV file that
 * `phone.contacts.import()` reads into a folder named after the file. The
 * import and its result ("Imported 12 contacts into Front desk") are
 * announced politely; a file that cannot be read is shown and announced at
 * once, and changes nothing. Callers found in the folders are named.
 *
 * @event cx-contact-import-request - The agent chose a file to import. Cancelable.
 * @event cx-contact-folder-remove-request - The agent asked to remove a folder. Cancelable.
 * @event cx-command-failed - The file could not be imported, or the folder removed; the region says why.
 * @csspart import-input - The file picker "Import contacts".
 * @csspart remove-button - Each folder's Remove button.
 */
export class CxContactFolders extends CxElement {
  static override properties: PropertyDeclarations = {
    phone: { attribute: false },
    announcement: { state: true },
  };

  static override styles = [CxElement.styles, settingsFormStyles, styles];

  /** The agent's phone. */
  phone: PhoneApi | undefined = undefined;
  /** What the polite live region says (an import under way or done, a folder removed). */
  protected announcement = '';

  private readonly folders = new StoreController(this, () => this.phone?.contacts.$folders);
  private readonly commands = new CommandController(this);

  protected override render(): unknown {
    const folders: readonly ContactFolder[] = this.folders.value ?? [];
    return html`<section aria-labelledby="contacts-title">
      <h2 id="contacts-title">${msg('Contacts')}</h2>
      ${folders.length === 0
        ? html`<p class="empty text">${msg('No contact folder yet: import a file to see the names of your callers.')}</p>`
        : html`<ul aria-label=${msg('Contact folders')}>
            ${folders.map((folder) => this.renderFolder(folder))}
          </ul>`}
      <div class="rows">
        <label for="import-file">${msg('Import contacts')}</label>
        <input id="import-file" part="import-input" type="file" accept=${ACCEPT} aria-describedby="import-hint" @change=${this.importFile} />
      </div>
      <p id="import-hint" class="hint text">${msg('A vCard file (.vcf), or a CSV file with a header row (name, phone, email, organization).')}</p>
      ${this.commands.error ? html`<p class="error text" role="alert">${this.commands.error}</p>` : nothing}
      <p class="visually-hidden" aria-live="polite" aria-atomic="true">${this.announcement}</p>
    </section>`;
  }

  private renderFolder(folder: ContactFolder): unknown {
    const imported = new Date(folder.importedAt);
    const when = Number.isNaN(imported.getTime()) ? '' : formatTime(imported, { dateStyle: 'medium', timeStyle: 'short' });
    return html`<li>
      <bdi class="text">${folder.name}</bdi>
      <span class="details text"
        >${folder.count === 1 ? msg('1 contact') : msg(str`${folder.count} contacts`)} ·
        <time datetime=${Number.isNaN(imported.getTime()) ? nothing : imported.toISOString()}>${msg(str`imported ${when}`)}</time></span
      >
      <button part="remove-button" aria-label=${msg(str`Remove ${folder.name}`)} @click=${() => this.removeFolder(folder)}>${msg('Remove')}</button>
    </li>`;
  }

  private readonly importFile = async (event: Event): Promise<void> => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    const phone = this.phone;
    if (!file || !phone) return;
    this.say(msg(str`Importing ${file.name}…`));
    const outcome = await this.commands.run('import', () =>
      requestCommand(this, new CxContactImportRequestEvent(file), 'contact-import', undefined, async () => {
        const folder = await phone.contacts.import(file);
        this.say(folder.count === 1 ? msg(str`Imported 1 contact into ${folder.name}`) : msg(str`Imported ${folder.count} contacts into ${folder.name}`));
      }),
    );
    // The same file may be chosen again (an updated export).
    input.value = '';
    if (outcome?.status !== 'done') this.say('');
  };

  private async removeFolder(folder: ContactFolder): Promise<void> {
    const phone = this.phone;
    if (!phone) return;
    const outcome = await this.commands.run(`remove:${folder.id}`, () =>
      requestCommand(this, new CxContactFolderRemoveRequestEvent(folder), 'contact-folder-remove', undefined, () => phone.contacts.removeFolder(folder.id)),
    );
    if (outcome?.status !== 'done') return;
    this.say(msg(str`Removed ${folder.name}`));
    // Its button is gone: keep the keyboard in the region.
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part="remove-button"], [part="import-input"]')?.focus();
  }

  /** Says `text` in the polite live region (a repeat is still read out). */
  private say(text: string): void {
    this.announcement = text !== '' && text === this.announcement ? `${text}\u00a0` : text;
  }
}

if (globalThis.customElements && !customElements.get('cx-contact-folders')) customElements.define('cx-contact-folders', CxContactFolders);

declare global {
  interface HTMLElementTagNameMap {
    'cx-contact-folders': CxContactFolders;
  }
  interface HTMLElementEventMap {
    'cx-contact-import-request': CxContactImportRequestEvent;
    'cx-contact-folder-remove-request': CxContactFolderRemoveRequestEvent;
  }
}
