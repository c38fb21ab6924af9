import type { CallHandle, PhoneApi } from '@cx/core';
import { nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import {
  acceptCall,
  canHoldOrResume,
  declineCall,
  hangUpCall,
  toggleHold,
  toggleMute,
} from '../commands/call-commands.js';
import { CommandController } from '../controllers/command-controller.js';
import { Shortcut, ShortcutController, shortcutLabel, type ShortcutActions } from '../controllers/shortcut-controller.js';
import { StoreController } from '../controllers/store-controller.js';
import { SubscriptionController } from '../controllers/subscription-controller.js';
import { CxElement } from '../cx-element.js';
import { forwardPhoneEvents } from '../events/forward-phone-events.js';
import { callColourStyles } from '../styles/call-colour.styles.js';
import { connectionStatusStyles } from '../styles/connection-status.styles.js';
import type { SmallBannerState, SmallBannerView } from './small-banner-view.js';
import { LeaveGuardController } from '../close-protection/leave-guard.js';

const loadView = (): Promise<SmallBannerView> => import('./small-banner-view.js').then((m) => m.smallBannerView);

/**
 * @tagname cx-small-banner
 * @summary A compact bar for narrow places: the agent's status, the
 * ringing call with Accept and Decline, and the active call with its timer,
 * Mute my mic, Place on hold and Hang up.
 *
 * It shows a call only when the phone allows it from the small banner
 * (`phone.allowsSmallBanner(call)`: the `X-CX-Small-Banner` header of the
 * INVITE, else the `profile.smallBanner` rule of the phone, which allows
 * every call by default). Other calls appear only as "A call is in progress
 * (not shown here)", without details; their events are not dispatched from
 * here and its shortcuts do not act on them.
 *
 * Works beside a `<cx-banner>` on the same phone. Shortcuts are those of
 * `<cx-banner>` (Alt+Shift+A, D, M, H, E), for the calls shown here; only
 * one element acts on a key press.
 *
 * @event cx-call-incoming - An allowed call rings (and the other call events of `<cx-banner>`, for allowed calls).
 * @event cx-accept-request - The agent asked to accept. Cancelable.
 * @event cx-decline-request - The agent asked to decline. Cancelable.
 * @event cx-mute-request - The agent asked to mute or reactivate their mic. Cancelable.
 * @event cx-hold-request - The agent asked to place on hold or exit the hold. Cancelable.
 * @event cx-hang-up-request - The agent asked to hang up. Cancelable.
 * @event cx-command-failed - A command failed; the bar shows the message.
 *
 * @csspart base - The bar.
 * @csspart status - The agent's status.
 * @csspart ringing - The ringing call.
 * @csspart call - The active call.
 * @csspart call-type - The type of the ringing call in words.
 * @csspart caller - The caller.
 * @csspart state - Where the active call stands.
 * @csspart timer - The call timer.
 * @csspart accept-button - Accept.
 * @csspart decline-button - Decline.
 * @csspart mute-button - Mute my mic / Reactivate my mic.
 * @csspart hold-button - Place on hold / Exit the hold.
 * @csspart hang-up-button - Hang up.
 * @csspart restricted - The note shown for a call this bar may not show.
 * @csspart error - Why the last command failed.
 *
 * @cssproperty --cx-surface - Background (and the other tokens of `<cx-banner>`).
 */
export class CxSmallBanner extends CxElement {
  static override properties: PropertyDeclarations = {
    phone: { attribute: false },
    noShortcuts: { type: Boolean, attribute: 'no-shortcuts' },
  };

  static override styles = [CxElement.styles, connectionStatusStyles, callColourStyles];

  /** The agent's phone (`CX.createPhone(...)`). */
  phone: PhoneApi | undefined = undefined;
  /** Turns off the page-wide keyboard shortcuts. */
  noShortcuts = false;

  private readonly commands = new CommandController(this);
  /** How the bar is drawn: loaded when it is first put in a page (a chunk of its own in the script-tag build). */
  private view: SmallBannerView | undefined;
  private viewLoading: Promise<void> | undefined;
  private readonly calls = new StoreController(this, () => this.phone?.$calls);
  /** While a call is live in this tab: leaving the page asks first (close-protection/). */
  private readonly leaveGuard = new LeaveGuardController(this, () => this.phone);
  private readonly connection = new StoreController(this, () => this.phone?.$connection);
  private readonly agent = new StoreController(this, () => this.phone?.$agent);
  private readonly activeCall = new StoreController(this, () => this.phone?.$activeCall);
  private readonly shortcuts = new ShortcutController(this, () => this.shortcutActions());
  /** The phone's events for the calls this bar may show, dispatched as `cx-*` DOM events. */
  private readonly phoneEvents = new SubscriptionController(this, () => this.phone, (phone) =>
    forwardPhoneEvents(this, phone, (call) => this.allows(call)),
  );

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('phone')) this.commands.clear();
    this.shortcuts.enabled = !this.noShortcuts;
  }

  protected override render(): unknown {
    return this.view ? this.view.render(this.viewState()) : nothing;
  }

  /** Lit waits for the view too: `updateComplete` means drawn. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await this.viewLoading;
    return super.getUpdateComplete();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.viewLoading ??= loadView().then(
      (view) => {
        this.view = view;
        const root = this.renderRoot;
        const sheet = view.styles.styleSheet;
        if (root instanceof ShadowRoot && sheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
        this.requestUpdate();
      },
      () => {
        this.viewLoading = undefined;
      },
    );
  }

  /** What the view draws. */
  private viewState(): SmallBannerState {
    return {
      host: this,
      phone: this.phone,
      theme: this.theme,
      connection: this.connection.value ?? { state: 'disconnected' },
      agent: this.agent.value ?? 'available',
      ringing: this.ringingCall(),
      current: this.currentCall(),
      hidden: (this.calls.value ?? []).some((call) => !call.ended && !this.allows(call)),
      error: this.commands.error,
      keys: (shortcut) => this.keys(shortcut),
      run: (command) => void this.commands.run('command', command),
    };
  }

  /** The phone's rule (core): may this bar show `call`? */
  private allows(call: CallHandle): boolean {
    return this.phone?.allowsSmallBanner(call) ?? false;
  }

  /** The oldest ringing call this bar may show. */
  private ringingCall(): CallHandle | undefined {
    const calls = this.calls.value ?? [];
    for (let i = calls.length - 1; i >= 0; i -= 1) {
      const call = calls[i];
      if (call?.snapshot.can.accept && this.allows(call)) return call;
    }
    return undefined;
  }

  /** The phone's active call, when this bar may show it. */
  private currentCall(): CallHandle | undefined {
    const call = this.activeCall.value;
    return call && call.snapshot.can.hangup && !call.snapshot.can.accept && this.allows(call) ? call : undefined;
  }

  private keys(shortcut: Shortcut): string | typeof nothing {
    return this.noShortcuts ? nothing : shortcutLabel(shortcut);
  }

  private shortcutActions(): ShortcutActions {
    const actions: ShortcutActions = {};
    const ringing = this.ringingCall();
    if (ringing) {
      actions[Shortcut.Accept] = () => void this.commands.run('command', () => acceptCall(this, ringing));
      actions[Shortcut.Decline] = () => void this.commands.run('command', () => declineCall(this, ringing));
    }
    const current = this.currentCall();
    if (current) {
      if (current.snapshot.can.mute) actions[Shortcut.Mute] = () => void this.commands.run('command', () => toggleMute(this, current));
      if (canHoldOrResume(current.snapshot)) actions[Shortcut.Hold] = () => void this.commands.run('command', () => toggleHold(this, current));
      actions[Shortcut.HangUp] = () => void this.commands.run('command', () => hangUpCall(this, current));
    }
    return actions;
  }

}

declare global {
  interface HTMLElementTagNameMap {
    'cx-small-banner': CxSmallBanner;
  }
}
