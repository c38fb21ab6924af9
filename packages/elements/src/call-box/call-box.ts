import { msg, str } from '@lit/localize';
import { CxError, CxErrorCode, type CallHandle } from '@cx/core';
import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
// Loaded with <cx-active-call> (call-panels.ts): a chunk of its own in the script-tag build, so what it
// shares with the rest comes through the package index.
import {
  BannerPreferences,
  callBoxColourName,
  callBoxColours,
  callerLabel,
  callStateLabel,
  CxCallBoxColourEvent,
  CxCallBoxSelectEvent,
  CxElement,
  errorMessage,
  hotlineStyles,
  hotlineView,
  memoryStorage,
  setHeld,
  StoreController,
  type CallBoxColour,
} from '../index.js';
import type { CallBoxOptionsState, CallBoxOptionsView } from './call-box-options-view.js';
import { callBoxStyles } from './call-box.styles.js';

/**
 * @tagname cx-call-box
 * @summary One call in progress in the banner's list: the caller, where
 * the call stands and for how long. Selecting it shows the call in the
 * active call panel, and takes a held call back (the other active call goes
 * on hold). The agent can give the box a colour of their own (remembered for
 * the caller). When the call ends the Banner drops the box (the call goes to
 * Recent calls); a box used alone shows how the call ended.
 *
 * @event cx-call-box-select - The agent selected the box. Cancelable: `preventDefault()` and nothing happens.
 * @event cx-hold-request - Selecting a held call takes it off hold. Cancelable.
 * @event cx-call-box-colour - The agent chose a colour.
 * @event cx-command-failed - Taking the call off hold failed; the box shows the message.
 *
 * @csspart box - The box.
 * @csspart select-button - The button that selects the call (caller, state, timer).
 * @csspart caller - The caller.
 * @csspart state - Where the call stands, in words.
 * @csspart colour-button - Opens the colour choices.
 * @csspart colours - The colour choices.
 * @csspart error - Why the last command failed.
 * @csspart hotline - The company the caller dialled (docs/hotline.md), with `greeting` and `hotline-line`.
 *
 * @cssproperty --cx-call-box-red - The agent's colour "red" (the stripe of the box).
 * @cssproperty --cx-call-box-orange - The agent's colour "orange".
 * @cssproperty --cx-call-box-green - The agent's colour "green".
 * @cssproperty --cx-call-box-teal - The agent's colour "teal".
 * @cssproperty --cx-call-box-blue - The agent's colour "blue".
 * @cssproperty --cx-call-box-purple - The agent's colour "purple".
 */
export class CxCallBox extends CxElement {
  static override properties: PropertyDeclarations = {
    call: { attribute: false },
    preferences: { attribute: false },
    selected: { type: Boolean, reflect: true },
    coloursOpen: { state: true },
    error: { state: true },
  };

  static override shadowRootOptions: ShadowRootInit = { ...CxElement.shadowRootOptions, delegatesFocus: true };

  static override styles = [CxElement.styles, callBoxStyles, hotlineStyles];

  /** The call of the box. */
  call: CallHandle | undefined = undefined;
  /** Where colours are remembered (the banner shares its own). */
  preferences: BannerPreferences = new BannerPreferences(memoryStorage());
  /** Whether the active call panel shows this box's call. */
  selected = false;

  private coloursOpen = false;
  /** The colour choices: loaded when first opened (a chunk of its own in the script-tag build). */
  private options: CallBoxOptionsView | undefined;
  private optionsLoading: Promise<void> | undefined;
  private readonly pending = new Set<Promise<void>>();
  private error = '';
  private readonly snapshot = new StoreController(this, () => this.call?.$snapshot);
  /** Re-renders the box when the agent's colours change (in this box or another banner). */
  private readonly colours = new StoreController(this, () => this.preferences.$colours);

  /** Selects the box (and takes its call off hold), as clicking it does. */
  async select(): Promise<void> {
    const call = this.call;
    if (!call || !this.dispatchEvent(new CxCallBoxSelectEvent({ call }))) return;
    if (!call.snapshot.can.resume) return;
    const outcome = await setHeld(this, call, false);
    this.error = outcome.status === 'failed' ? errorMessage(outcome.error) : '';
  }

  /** Lit waits for the options view and what opens it: `updateComplete` means drawn. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await Promise.all([this.optionsLoading, ...this.pending]);
    return super.getUpdateComplete();
  }

  /** Runs a step that loads the options view, tracked so that `updateComplete` waits for it. */
  private async track(step: () => Promise<void>): Promise<void> {
    const running = step();
    this.pending.add(running);
    try {
      await running;
    } finally {
      this.pending.delete(running);
    }
  }

  /** Loads the colour choices, once. */
  private loadOptions(): Promise<void> {
    this.optionsLoading ??= import('./call-box-options-view.js').then(
      ({ callBoxOptionsView }) => {
        this.options = callBoxOptionsView;
        const root = this.renderRoot;
        const sheet = callBoxOptionsView.styles.styleSheet;
        if (root instanceof ShadowRoot && sheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
        this.requestUpdate();
      },
      (cause: unknown) => {
        this.optionsLoading = undefined;
        this.error = errorMessage(new CxError(CxErrorCode.FeatureUnavailable, 'The call box options could not be loaded.', { cause }));
      },
    );
    return this.optionsLoading;
  }

  private optionsState(colour: CallBoxColour): CallBoxOptionsState {
    return {
      colour,
      open: this.coloursOpen,
      onChange: (event) => this.onColourChange(event),
      onKeyDown: (event) => void this.onColoursKeyDown(event),
    };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('call')) {
      this.error = '';
      this.coloursOpen = false;
    }
  }

  protected override render(): unknown {
    const snapshot = this.snapshot.value;
    const call = this.call;
    if (!snapshot || !call) return nothing;
    const colour = this.preferences.colourOf(call);
    return html`
      <div part="box" class="box colour-${colour} ${snapshot.state}">
        <div class="row">
          <button part="select-button" class="select" aria-current=${this.selected ? 'true' : nothing} @click=${this.select}>
            <span part="caller" class="caller text"><bdi>${callerLabel(snapshot)}</bdi></span>
            <span class="line">
              <span part="state" class="state">${callStateLabel(snapshot)}</span>
              ${snapshot.answeredAt === undefined
                ? nothing
                : html`<cx-call-timer theme=${this.theme ?? nothing} .since=${snapshot.answeredAt} .until=${snapshot.endedAt}></cx-call-timer>`}
            </span>
          </button>
          <button
            part="colour-button"
            class="icon colour-button"
            aria-label=${msg(str`Call box colour: ${callBoxColourName(colour)}`)}
            aria-expanded=${this.coloursOpen ? 'true' : 'false'}
            aria-controls="colours"
            @click=${this.toggleColours}
          >
            <span class="swatch colour-${colour}" aria-hidden="true"></span>
          </button>
        </div>
        ${hotlineView(snapshot.info.hotline)}
        ${this.options?.renderColours(this.optionsState(colour)) ?? nothing}
        ${this.error ? html`<p part="error" class="error text" role="alert">${this.error}</p>` : nothing}
      </div>
    `;
  }

  private toggleColours(): Promise<void> {
    return this.track(() => this.switchColours());
  }

  private async switchColours(): Promise<void> {
    await this.loadOptions();
    this.coloursOpen = !this.coloursOpen;
    if (!this.coloursOpen) return;
    await super.getUpdateComplete();
    this.renderRoot.querySelector<HTMLInputElement>('input[name="colour"]:checked')?.focus();
  }

  private onColourChange(event: Event): void {
    const call = this.call;
    const value = (event.target as HTMLInputElement).value;
    if (!call || !(callBoxColours as readonly string[]).includes(value)) return;
    this.setColour(call, value as CallBoxColour);
  }

  private setColour(call: CallHandle, colour: CallBoxColour): void {
    this.preferences.setColour(call, colour);
    this.dispatchEvent(new CxCallBoxColourEvent({ call, colour }));
  }

  private async onColoursKeyDown(event: KeyboardEvent): Promise<void> {
    if (event.key !== 'Escape' && event.key !== 'Enter') return;
    event.preventDefault();
    this.coloursOpen = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.colour-button')?.focus();
  }
}

if (globalThis.customElements && !customElements.get('cx-call-box')) customElements.define('cx-call-box', CxCallBox);

declare global {
  interface HTMLElementTagNameMap {
    'cx-call-box': CxCallBox;
  }
}
