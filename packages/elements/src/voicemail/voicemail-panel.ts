// A chunk of its own in the script-tag build: the Banner loads it once the
// platform has a voicemail for the agent (see `loadVoicemail()` in the index).
import { msg, str } from '@lit/localize';
import { CxError, CxErrorCode, isCxError, type PhoneApi, type Voicemail, type VoicemailPlayback } from '@cx/core';
import { css, html, nothing, type PropertyDeclarations } from 'lit';
import {
  CommandController,
  CxCommandFailedEvent,
  CxElement,
  CxEvent,
  formatClock,
  formatTime,
  requestCommand,
  StoreController,
  type CommandOutcome,
} from '../index.js';
import { partyText } from '../format/party-text.js';
import { listRegionStyles } from '../styles/list-region.styles.js';

/** The agent asked to mark a voicemail heard. Cancelable. */
export class CxMarkHeardRequestEvent extends CxEvent<{ readonly voicemail: Voicemail }> {
  static readonly type = 'cx-mark-heard-request';
  constructor(voicemail: Voicemail) {
    super(CxMarkHeardRequestEvent.type, { voicemail }, { cancelable: true });
  }
}

const WHEN: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' };

const styles = css`
  .badge {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  ul {
    gap: 0.5rem;
  }
  li {
    display: grid;
    gap: 0.25rem;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  .unheard .caller {
    font-weight: 600;
  }
  .transcription,
  .mailbox {
    margin: 0;
    color: var(--_text-muted);
  }
  .actions {
    display: flex;
    gap: 0.35rem;
  }
`;

/**
 * @tagname cx-voicemail
 * @summary The region "Voicemail": the agent's messages from the platform,
 * newest first, with the caller, when, how long, the transcription when
 * there is one, Play (the audio, fetched with the token) and Mark as heard; a
 * badge counts the unheard ones. The mailbox's email notification setting
 * is shown when the platform gives it.
 *
 * @event cx-mark-heard-request - The agent marked a message heard. Cancelable.
 * @event cx-command-failed - Playing or marking failed; the region says why.
 * @csspart badge - The count of unheard messages.
 * @csspart mailbox - The mailbox's email notification setting (from `/me`).
 * @csspart play-button - Play.
 * @csspart heard-button - Mark as heard.
 */
export class CxVoicemail extends CxElement {
  static override properties: PropertyDeclarations = {
    phone: { attribute: false },
    playing: { state: true },
  };

  static override styles = [CxElement.styles, listRegionStyles, styles];

  /** The agent's phone. */
  phone: PhoneApi | undefined = undefined;

  private readonly voicemails = new StoreController(this, () => this.phone?.$voicemails);
  private readonly me = new StoreController(this, () => this.phone?.$me);
  private readonly commands = new CommandController(this);
  /** The message playing (the phone plays it, through its media graph). */
  private playing: VoicemailPlayback | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  protected override render(): unknown {
    const list = this.voicemails.value ?? [];
    const unheard = list.filter((v) => !v.heard).length;
    return html`<section aria-labelledby="voicemail-title">
      <h2 id="voicemail-title">
        ${msg('Voicemail')} ${unheard > 0 ? html`<span part="badge" class="badge" aria-label=${msg(str`${unheard} not heard`)}>${unheard}</span>` : nothing}
      </h2>
      ${this.commands.error ? html`<p class="error text" role="alert">${this.commands.error}</p>` : nothing}
      ${this.renderMailbox()}
      ${list.length === 0
        ? html`<p class="text">${msg('No message.')}</p>`
        : html`<ul>
            ${list.map((v) => this.renderItem(v))}
          </ul>`}
    </section>`;
  }

  /** The mailbox's email notification setting, from the platform's `/me`. */
  private renderMailbox(): unknown {
    const mailbox = this.me.value?.voicemail;
    if (!mailbox) return nothing;
    const text = !mailbox.emailNotification
      ? msg('Email notification: off.')
      : mailbox.email
        ? msg(html`Email notification: on, to <bdi>${mailbox.email}</bdi>.`)
        : msg('Email notification: on.');
    return html`<p part="mailbox" class="mailbox text">${text}</p>`;
  }

  private renderItem(v: Voicemail): unknown {
    const who = partyText(v.caller);
    const at = new Date(v.at);
    const playing = this.playing?.id === v.id;
    return html`<li class=${v.heard ? '' : 'unheard'}>
      <span class="meta"
        ><span class="caller text"><bdi>${who}</bdi></span>
        <time datetime=${v.at}>${Number.isNaN(at.getTime()) ? '' : formatTime(at, WHEN)}</time>
        <span aria-label=${msg(str`${Math.round(v.duration)} seconds`)}>${formatClock(Math.round(v.duration))}</span></span
      >
      ${v.transcription ? html`<p class="transcription text"><bdi>${v.transcription}</bdi></p>` : nothing}
      <span class="actions">
        <button part="play-button" aria-label=${playing ? msg('Stop') : msg('Play')} title=${who} @click=${() => (playing ? this.stop() : this.play(v))}>
          ${playing ? msg('Stop') : msg('Play')}
        </button>
        ${v.heard
          ? nothing
          : html`<button part="heard-button" aria-label=${msg('Mark as heard')} title=${who} @click=${() => this.markHeard(v)}>${msg('Mark as heard')}</button>`}
      </span>
    </li>`;
  }

  private async play(v: Voicemail): Promise<void> {
    const phone = this.phone;
    if (!phone) return;
    await this.commands.run(`play:${v.id}`, async (): Promise<CommandOutcome> => {
      try {
        this.stop();
        const playback = await phone.playVoicemail(v.id);
        this.playing = playback;
        void playback.ended.then(() => {
          if (this.playing === playback) this.playing = undefined;
        });
        return { status: 'done' };
      } catch (cause) {
        const error = isCxError(cause) ? cause : new CxError(CxErrorCode.MediaFailed, 'The message could not be played.', { cause });
        this.dispatchEvent(new CxCommandFailedEvent({ action: 'play', call: undefined, error }));
        return { status: 'failed', error };
      }
    });
  }

  private stop(): void {
    const playing = this.playing;
    this.playing = undefined;
    playing?.stop();
  }

  private async markHeard(v: Voicemail): Promise<void> {
    const phone = this.phone;
    if (!phone) return;
    await this.commands.run(`heard:${v.id}`, () =>
      requestCommand(this, new CxMarkHeardRequestEvent(v), 'heard', undefined, () => phone.markHeard(v.id)),
    );
  }

  /** The message playing, for tests and meters: its audio element. */
  get player(): HTMLAudioElement | undefined {
    return this.playing?.audio;
  }
}

if (globalThis.customElements && !customElements.get('cx-voicemail')) customElements.define('cx-voicemail', CxVoicemail);

declare global {
  interface HTMLElementTagNameMap {
    'cx-voicemail': CxVoicemail;
  }
  interface HTMLElementEventMap {
    'cx-mark-heard-request': CxMarkHeardRequestEvent;
  }
}
