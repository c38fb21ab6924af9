// A chunk of its own in the script-tag build: the Banner loads it when a
// post-interaction begins (see `loadWrapUp()` in the package index).
import { msg, str } from '@lit/localize';
import type { FormField, PhoneApi, WrapUp, WrapUpValue } from '@cx/core';
import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import {
  CommandController,
  CxElement,
  CxEvent,
  formatClock,
  formatNumber,
  formatTime,
  requestCommand,
  StoreController,
  TickController,
  type CommandAction,
  type CommandOutcome,
} from '../index.js';
import { wrapUpStyles } from './wrap-up.styles.js';

/** What the wrap-up request events carry: the post-interaction as the agent saw it. */
export interface WrapUpRequestDetail {
  readonly wrapUp: WrapUp;
}

/** The agent asked to save the post-interaction (Save). Cancelable. */
export class CxWrapUpSaveRequestEvent extends CxEvent<WrapUpRequestDetail> {
  static readonly type = 'cx-wrap-up-save-request';
  constructor(wrapUp: WrapUp) {
    super(CxWrapUpSaveRequestEvent.type, { wrapUp }, { cancelable: true });
  }
}

/** The agent asked for more time (Extend the post-interaction time). Cancelable. */
export class CxWrapUpExtendRequestEvent extends CxEvent<WrapUpRequestDetail & { readonly seconds: number }> {
  static readonly type = 'cx-wrap-up-extend-request';
  constructor(wrapUp: WrapUp, seconds: number) {
    super(CxWrapUpExtendRequestEvent.type, { wrapUp, seconds }, { cancelable: true });
  }
}

/** The agent asked to end the post-interaction now (End the post-interaction). Cancelable. */
export class CxWrapUpEndRequestEvent extends CxEvent<WrapUpRequestDetail> {
  static readonly type = 'cx-wrap-up-end-request';
  constructor(wrapUp: WrapUp) {
    super(CxWrapUpEndRequestEvent.type, { wrapUp }, { cancelable: true });
  }
}

/** The agent asked to link a CRM contact or case (Link a contact, Link a case). Cancelable. */
export class CxWrapUpLinkRequestEvent extends CxEvent<WrapUpRequestDetail & { readonly kind: 'contact' | 'case' }> {
  static readonly type = 'cx-wrap-up-link-request';
  constructor(wrapUp: WrapUp, kind: 'contact' | 'case') {
    super(CxWrapUpLinkRequestEvent.type, { wrapUp, kind }, { cancelable: true });
  }
}

/** Seconds Extend adds (core's default). */
const EXTEND_SECONDS = 30;
/** Seconds left at which screen readers hear that the time is nearly up. */
const WARNING_SECONDS = 10;
/**
 * A live region speaks of changes, not of what it held when it appeared: a
 * region mounted with a post-interaction under way says so after this delay (ms).
 */
const FIRST_ANNOUNCEMENT_DELAY = 150;

const CLOCK: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', second: '2-digit' };

const queuedText = (): string => msg('The contact center cannot be reached: your entries are kept and will be sent when it is back');

/** Whole seconds left before the agent becomes available by themselves; undefined without a set time. */
function secondsLeft(wrapUp: WrapUp, now: number): number | undefined {
  return wrapUp.endsAt === undefined ? undefined : Math.max(0, Math.ceil((wrapUp.endsAt - now) / 1000));
}

/** "1 field needs attention", "2 fields need attention". */
function attentionText(count: number): string {
  return count === 1 ? msg('1 field needs attention') : msg(str`${count} fields need attention`);
}

/** The wrap-up's caller in words: the name, else the number (plain text). */
function callerText(wrapUp: WrapUp): string {
  const caller = wrapUp.caller;
  if (!caller) return msg('Unknown caller');
  return caller.name || formatNumber(caller.number) || msg('Unknown caller');
}

/** What the agent typed for a text field, as text. */
function textOf(value: WrapUpValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

/** What the elements last saw of the post-interaction, so that they speak of changes only. */
interface Seen {
  readonly interactionId: string;
  totalSeconds: number;
  save: WrapUp['save'];
  /** The 10-seconds warning was given (or is pointless: there were fewer from the start). */
  warned: boolean;
  /** The queued message was given; retries that stay queued say nothing more. */
  queuedTold: boolean;
}

/**
 * @tagname cx-wrap-up
 * @summary The region "Post-interaction": after a queue call, the caller and
 * queue, the time left (it counts down; Extend adds to it), the queue's form
 * (each field labelled by its own label, required ones marked), the tags,
 * CRM links (Link a contact, Link a case, with the page's hooks), and Save,
 * Extend the post-interaction time and End the post-interaction. What the
 * agent types goes to `phone.wrapUp.update()` at each keystroke (core keeps
 * it on this device); the platform's refusals show next to each field, and
 * the first field in error gets the focus. Screen readers hear when it
 * starts, when it is extended, when 10 seconds are left, and how a save went,
 * not every second.
 *
 * @event cx-wrap-up-save-request - The agent pressed Save. Cancelable.
 * @event cx-wrap-up-extend-request - The agent asked for more time (`seconds`). Cancelable.
 * @event cx-wrap-up-end-request - The agent ended the post-interaction. Cancelable.
 * @event cx-wrap-up-link-request - The agent asked to link a CRM `contact` or `case` (`kind`). Cancelable.
 * @event cx-command-failed - A command failed (`wrap-up-save`, `wrap-up-extend`, `wrap-up-end`, `wrap-up-link`); the region says why.
 * @csspart region - The region.
 * @csspart header - The caller and the queue.
 * @csspart caller - The caller's name, else number.
 * @csspart queue - The queue's name.
 * @csspart time - The time left and the whole time.
 * @csspart form - The queue's form (fields and tags).
 * @csspart field - One field: its label, control and error.
 * @csspart field-error - What is wrong with a field (or with the tags).
 * @csspart tags - The Tags fieldset.
 * @csspart links - The CRM links.
 * @csspart link-contact-button - Link a contact.
 * @csspart link-case-button - Link a case.
 * @csspart status - Where the entries are (Saving…, Saved, queued, refused).
 * @csspart error - Why the last command failed.
 * @csspart actions - The commands.
 * @csspart save-button - Save.
 * @csspart extend-button - Extend the post-interaction time.
 * @csspart end-button - End the post-interaction.
 */
export class CxWrapUp extends CxElement {
  static override properties: PropertyDeclarations = {
    phone: { attribute: false },
    announcement: { state: true },
  };

  static override styles = [CxElement.styles, wrapUpStyles];

  /** The agent's phone. */
  phone: PhoneApi | undefined = undefined;

  private readonly wrapUp = new StoreController(this, () => this.phone?.$wrapUp);
  private readonly commands = new CommandController(this);
  private readonly tick = new TickController(this);
  /** What the polite live region says. */
  private announcement = '';
  /** An announcement made before the live region was on the page (see {@link FIRST_ANNOUNCEMENT_DELAY}). */
  private early: string | undefined;
  private seen: Seen | undefined;

  /** Focuses the region (screen readers say "Post-interaction"); Tab then reaches its first field. */
  override focus(options?: FocusOptions): void {
    const target = this.renderRoot.querySelector<HTMLElement>('section');
    if (target) target.focus(options);
    else super.focus(options);
  }

  protected override willUpdate(): void {
    const wrapUp = this.wrapUp.value;
    this.tick.running = wrapUp !== undefined && wrapUp.endsAt !== undefined;
    if (!wrapUp) {
      this.seen = undefined;
      return;
    }
    const left = secondsLeft(wrapUp, Date.now());
    const seen = this.seen;
    if (!seen || seen.interactionId !== wrapUp.interactionId) {
      if (seen) this.commands.clear();
      this.seen = {
        interactionId: wrapUp.interactionId,
        totalSeconds: wrapUp.totalSeconds,
        save: wrapUp.save,
        warned: left !== undefined && left <= WARNING_SECONDS,
        queuedTold: wrapUp.save.state === 'queued',
      };
      this.announce(left === undefined ? msg('Post-interaction started') : msg(str`Post-interaction: ${formatClock(left)} to wrap up`));
      return;
    }
    const said: string[] = [];
    if (wrapUp.totalSeconds > seen.totalSeconds && left !== undefined) {
      said.push(msg(str`Extended: ${formatClock(left)} left`));
      seen.warned = left <= WARNING_SECONDS;
    }
    seen.totalSeconds = wrapUp.totalSeconds;
    if (wrapUp.save !== seen.save) {
      seen.save = wrapUp.save;
      const outcome = this.saveAnnouncement(wrapUp, seen);
      if (outcome) said.push(outcome);
    }
    if (!seen.warned && left !== undefined && left > 0 && left <= WARNING_SECONDS) {
      seen.warned = true;
      said.push(msg(str`${left} seconds left`));
    }
    if (said.length > 0) this.announce(said.join('. '));
  }

  protected override firstUpdated(): void {
    const text = this.early;
    this.early = undefined;
    if (text === undefined) return;
    setTimeout(() => {
      // Unless something newer was said meanwhile.
      if (this.announcement === '') this.announce(text);
    }, FIRST_ANNOUNCEMENT_DELAY);
  }

  protected override render(): unknown {
    const wrapUp = this.wrapUp.value;
    return html`${wrapUp ? this.renderWrapUp(wrapUp) : nothing}
      <p class="visually-hidden" aria-live="polite" aria-atomic="true">${this.announcement}</p>`;
  }

  /**
   * The region. Its status line is `role="status"` but not live (`aria-live="off"`):
   * the hidden live region speaks of each save outcome once, and two polite
   * regions would say it twice.
   */
  private renderWrapUp(wrapUp: WrapUp): TemplateResult {
    const busy = wrapUp.save.state === 'saving';
    return html`<section part="region" role="region" aria-label=${msg('Post-interaction')} tabindex="-1">
      <h2 part="header" class="text">
        <bdi part="caller">${callerText(wrapUp)}</bdi>
        ${wrapUp.queue ? html`<span class="queue">· <bdi part="queue">${wrapUp.queue.name}</bdi></span>` : nothing}
      </h2>
      ${this.renderTime(wrapUp)}
      ${this.commands.error ? html`<p part="error" class="error text" role="alert">${this.commands.error}</p>` : nothing}
      ${this.renderForm(wrapUp)} ${this.renderLinks(wrapUp)}
      <p part="status" class="status text ${wrapUp.save.state}" role="status" aria-live="off">${this.statusText(wrapUp)}</p>
      <div part="actions" class="actions">
        ${wrapUp.can.save
          ? html`<button part="save-button" class="primary" ?disabled=${busy} @click=${() => this.save()}>${msg('Save')}</button>`
          : nothing}
        ${wrapUp.can.extend
          ? html`<button part="extend-button" @click=${() => this.extend()}>${msg('Extend the post-interaction time')}</button>`
          : nothing}
        <button part="end-button" @click=${() => this.end()}>${msg('End the post-interaction')}</button>
      </div>
    </section>`;
  }

  private renderTime(wrapUp: WrapUp): TemplateResult {
    const left = secondsLeft(wrapUp, Date.now());
    if (left === undefined) return html`<p part="time" class="time muted">${msg('No set time: end it when you are done.')}</p>`;
    const ending = left <= WARNING_SECONDS;
    return html`<p part="time" class="time ${ending ? 'ending' : ''}" role="timer">
      ${msg(html`<span class="left">${formatClock(left)} left</span> of ${formatClock(wrapUp.totalSeconds)}`)}
    </p>`;
  }

  private renderForm(wrapUp: WrapUp): unknown {
    switch (wrapUp.formState) {
      case 'loading':
        return html`<p part="form" class="muted">${msg('Loading the form…')}</p>`;
      case 'failed':
        return html`<div part="form" class="form">
          <p class="error text">${wrapUp.formError || msg('The form could not be loaded.')}</p>
          <p class="text">${msg('You can still end the post-interaction.')}</p>
        </div>`;
      case 'none':
        return nothing;
      case 'ready': {
        const form = wrapUp.form;
        if (!form) return nothing;
        return html`<div part="form" class="form">
          ${form.fields.map((field, index) => this.renderField(wrapUp, field, index))}
          ${form.tags.length > 0 ? this.renderTags(wrapUp, form.tags) : nothing}
        </div>`;
      }
    }
  }

  private renderField(wrapUp: WrapUp, field: FormField, index: number): TemplateResult {
    // Ids from the position, never from the platform's names: they stay valid ids.
    const id = `field-${index}`;
    const errorId = `${id}-error`;
    const error = wrapUp.errors[field.name];
    const value = wrapUp.draft.values[field.name];
    const required = field.required === true;
    const invalid = error === undefined ? nothing : 'true';
    const describedBy = error === undefined ? nothing : errorId;
    const errorLine = error === undefined ? nothing : html`<p id=${errorId} part="field-error" class="field-error error text">${error}</p>`;
    const marker = required ? html`<span class="required" aria-hidden="true">*</span>` : nothing;

    if (field.type === 'checkbox') {
      return html`<div part="field" class="field checkbox">
        <input
          id=${id}
          type="checkbox"
          data-field=${field.name}
          .checked=${value === true}
          ?required=${required}
          aria-required=${required ? 'true' : nothing}
          aria-invalid=${invalid}
          aria-describedby=${describedBy}
          @change=${(event: Event) => this.change(field.name, (event.target as HTMLInputElement).checked)}
        />
        <label for=${id} class="text">${field.label}</label>${marker} ${errorLine}
      </div>`;
    }

    const onInput = (event: Event): void => this.change(field.name, (event.target as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement).value);
    const text = textOf(value);
    let control: TemplateResult;
    if (field.type === 'textarea') {
      control = html`<textarea
        id=${id}
        data-field=${field.name}
        .value=${text}
        ?required=${required}
        aria-required=${required ? 'true' : nothing}
        aria-invalid=${invalid}
        aria-describedby=${describedBy}
        @input=${onInput}
      ></textarea>`;
    } else if (field.type === 'select') {
      const options = field.options ?? [];
      control = html`<select
        id=${id}
        data-field=${field.name}
        .value=${options.includes(text) ? text : ''}
        ?required=${required}
        aria-required=${required ? 'true' : nothing}
        aria-invalid=${invalid}
        aria-describedby=${describedBy}
        @change=${onInput}
      >
        <option value="" ?selected=${!options.includes(text)}></option>
        ${options.map((option) => html`<option value=${option} ?selected=${option === text}>${option}</option>`)}
      </select>`;
    } else {
      control = html`<input
        id=${id}
        type="text"
        data-field=${field.name}
        .value=${text}
        ?required=${required}
        aria-required=${required ? 'true' : nothing}
        aria-invalid=${invalid}
        aria-describedby=${describedBy}
        @input=${onInput}
      />`;
    }
    return html`<div part="field" class="field">
      <span class="label-row"><label for=${id} class="text">${field.label}</label>${marker}</span>
      ${control} ${errorLine}
    </div>`;
  }

  private renderTags(wrapUp: WrapUp, tags: readonly string[]): TemplateResult {
    const error = wrapUp.errors['tags'];
    const chosen = new Set(wrapUp.draft.tags);
    return html`<fieldset part="tags" aria-describedby=${error === undefined ? nothing : 'tags-error'}>
      <legend>${msg('Tags')}</legend>
      ${tags.map(
        (tag, index) => html`<span class="tag">
          <input
            id=${`tag-${index}`}
            type="checkbox"
            data-field="tags"
            .checked=${chosen.has(tag)}
            aria-invalid=${error === undefined ? nothing : 'true'}
            @change=${(event: Event) => this.toggleTag(tags, tag, (event.target as HTMLInputElement).checked)}
          />
          <label for=${`tag-${index}`} class="text">${tag}</label>
        </span>`,
      )}
      ${error === undefined ? nothing : html`<p id="tags-error" part="field-error" class="field-error error text">${error}</p>`}
    </fieldset>`;
  }

  private renderLinks(wrapUp: WrapUp): unknown {
    const { can, draft } = wrapUp;
    if (!can.pickContact && !can.pickCase && draft.contactId === undefined && draft.caseId === undefined) return nothing;
    return html`<div part="links" class="links">
      ${draft.contactId === undefined ? nothing : html`<span class="text">${msg(html`Contact: <bdi>${draft.contactName || draft.contactId}</bdi>`)}</span>`}
      ${can.pickContact
        ? html`<button part="link-contact-button" @click=${() => this.link(wrapUp, 'contact')}>${msg('Link a contact')}</button>`
        : nothing}
      ${draft.caseId === undefined ? nothing : html`<span class="text">${msg(html`Case: <bdi>${draft.caseName || draft.caseId}</bdi>`)}</span>`}
      ${can.pickCase ? html`<button part="link-case-button" @click=${() => this.link(wrapUp, 'case')}>${msg('Link a case')}</button>` : nothing}
    </div>`;
  }

  /** The status line: where the entries are. */
  private statusText(wrapUp: WrapUp): string {
    const { save } = wrapUp;
    switch (save.state) {
      case 'idle':
        return '';
      case 'saving':
        return msg('Saving…');
      case 'saved':
        return msg('Saved');
      case 'queued':
        return save.retryAt === undefined
          ? `${queuedText()}.`
          : `${queuedText()}. ${msg(str`Next attempt at ${formatTime(new Date(save.retryAt), CLOCK)}.`)}`;
      case 'refused':
        return this.refusalText(wrapUp);
    }
  }

  private refusalText(wrapUp: WrapUp): string {
    const count = Object.keys(wrapUp.errors).length;
    if (count > 0) return `${attentionText(count)}.`;
    // The platform's own words (plain text) say why, when it gave them.
    return wrapUp.save.message
      ? msg(str`The contact center refused these entries: ${wrapUp.save.message}`)
      : msg('The contact center refused these entries.');
  }

  /** What screen readers hear of a new save status, if anything. */
  private saveAnnouncement(wrapUp: WrapUp, seen: Seen): string | undefined {
    switch (wrapUp.save.state) {
      case 'idle':
        seen.queuedTold = false;
        return undefined;
      case 'saving':
        return undefined;
      case 'saved':
        seen.queuedTold = false;
        return msg('Saved');
      case 'queued':
        if (seen.queuedTold) return undefined;
        seen.queuedTold = true;
        return queuedText();
      case 'refused': {
        seen.queuedTold = false;
        const count = Object.keys(wrapUp.errors).length;
        return count > 0 ? attentionText(count) : this.refusalText(wrapUp);
      }
    }
  }

  private announce(text: string): void {
    if (!this.hasUpdated) {
      this.early = text;
      return;
    }
    // The same words again are still news: a live region only speaks of a change.
    this.announcement = text === this.announcement ? `${text}\u00a0` : text;
  }

  private change(name: string, value: WrapUpValue): void {
    // Only while there is a post-interaction: core refuses changes after it.
    if (this.wrapUp.value) this.phone?.wrapUp.update({ values: { [name]: value } });
  }

  private toggleTag(tags: readonly string[], tag: string, on: boolean): void {
    const current = this.wrapUp.value;
    if (!current) return;
    const chosen = new Set(current.draft.tags);
    if (on) chosen.add(tag);
    else chosen.delete(tag);
    // In the form's order, then any the draft had that the form no longer lists.
    const next = [...tags.filter((t) => chosen.has(t)), ...[...chosen].filter((t) => !tags.includes(t))];
    this.phone?.wrapUp.update({ tags: next });
  }

  private async save(): Promise<void> {
    const phone = this.phone;
    const wrapUp = this.wrapUp.value;
    if (!phone || !wrapUp) return;
    await this.run('save', new CxWrapUpSaveRequestEvent(wrapUp), 'wrap-up-save', () => phone.wrapUp.save());
  }

  private async extend(): Promise<void> {
    const phone = this.phone;
    const wrapUp = this.wrapUp.value;
    if (!phone || !wrapUp) return;
    await this.run('extend', new CxWrapUpExtendRequestEvent(wrapUp, EXTEND_SECONDS), 'wrap-up-extend', () => phone.wrapUp.extend(EXTEND_SECONDS));
  }

  private async end(): Promise<void> {
    const phone = this.phone;
    const wrapUp = this.wrapUp.value;
    if (!phone || !wrapUp) return;
    // End sends unsaved entries first: a refusal of them keeps the post-interaction going.
    await this.run('end', new CxWrapUpEndRequestEvent(wrapUp), 'wrap-up-end', () => phone.wrapUp.end());
  }

  private async link(wrapUp: WrapUp, kind: 'contact' | 'case'): Promise<void> {
    const phone = this.phone;
    if (!phone) return;
    await this.run(`link:${kind}`, new CxWrapUpLinkRequestEvent(wrapUp, kind), 'wrap-up-link', () =>
      kind === 'contact' ? phone.wrapUp.pickContact() : phone.wrapUp.pickCase(),
    );
  }

  /**
   * Runs a command through the request event. When the entries were refused
   * with field errors, those speak for themselves (next to each field, in
   * the status line): the focus moves to the first field in error.
   */
  private async run(key: string, request: CxEvent<unknown>, action: CommandAction, command: () => Promise<unknown>): Promise<void> {
    const outcome: CommandOutcome | undefined = await this.commands.run(key, () => requestCommand(this, request, action, undefined, command));
    if (outcome?.status !== 'failed') return;
    const wrapUp = this.wrapUp.value;
    if (wrapUp?.save.state !== 'refused') return;
    // The status line says why: no second message above it.
    this.commands.clear();
    if (Object.keys(wrapUp.errors).length > 0) await this.focusFirstInvalid();
  }

  private async focusFirstInvalid(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }
}

if (globalThis.customElements && !customElements.get('cx-wrap-up')) customElements.define('cx-wrap-up', CxWrapUp);

declare global {
  interface HTMLElementTagNameMap {
    'cx-wrap-up': CxWrapUp;
  }
  interface HTMLElementEventMap {
    'cx-wrap-up-save-request': CxWrapUpSaveRequestEvent;
    'cx-wrap-up-extend-request': CxWrapUpExtendRequestEvent;
    'cx-wrap-up-end-request': CxWrapUpEndRequestEvent;
    'cx-wrap-up-link-request': CxWrapUpLinkRequestEvent;
  }
}
