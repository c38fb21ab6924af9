import type { CallHandle, PhoneApi } from '@cx/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CxEvent } from '../events/cx-event.js';

export interface LeaveDetail {
  /** The live calls the page would leave. */
  readonly calls: readonly CallHandle[];
}

export interface NavigateDetail extends LeaveDetail {
  /** Where the single-page app is going. */
  readonly url: string;
}

/**
 * The page is about to be left or reloaded during a call. Cancelable:
 * `preventDefault()` and the browser does not ask the agent to confirm (the
 * page handles it its own way).
 */
export class CxBeforeLeaveEvent extends CxEvent<LeaveDetail> {
  static readonly type = 'cx-before-leave';
  constructor(detail: LeaveDetail) {
    super(CxBeforeLeaveEvent.type, detail, { cancelable: true });
  }
}

/**
 * A navigation inside the page (a single-page CRM's router) during a call:
 * the call goes on, since the page stays, but the host may want to warn.
 * Cancelable where the browser lets the navigation be cancelled (the
 * Navigation API): `preventDefault()` and it does not happen.
 */
export class CxNavigateDuringCallEvent extends CxEvent<NavigateDetail> {
  static readonly type = 'cx-navigate-during-call';
  constructor(detail: NavigateDetail) {
    super(CxNavigateDuringCallEvent.type, detail, { cancelable: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'cx-before-leave': CxBeforeLeaveEvent;
    'cx-navigate-during-call': CxNavigateDuringCallEvent;
  }
}

interface NavigateEventLike extends Event {
  readonly destination: { readonly url: string; readonly sameDocument: boolean };
}

/**
 * Close protection: while the phone carries a live call in this tab,
 * leaving or reloading the page asks the agent to confirm (`beforeunload`),
 * unless the host cancels `cx-before-leave`; a navigation inside the page
 * fires `cx-navigate-during-call` for the host. Idle, or in a tab that only
 * mirrors the agent's phone (closing it loses nothing), it listens to
 * nothing, so the page stays eligible for the back/forward cache.
 */
export class LeaveGuardController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #phone: () => PhoneApi | undefined;
  #armed = false;

  constructor(host: ReactiveControllerHost & HTMLElement, phone: () => PhoneApi | undefined) {
    this.#host = host;
    this.#phone = phone;
    host.addController(this);
  }

  hostUpdated(): void {
    const phone = this.#phone();
    const carries = (phone as { holdsRegistration?: boolean } | undefined)?.holdsRegistration !== false;
    this.#arm(this.#host.isConnected && carries && this.#live().length > 0);
  }

  hostDisconnected(): void {
    this.#arm(false);
  }

  #live(): CallHandle[] {
    return this.#phone()?.$calls.get().filter((call) => !call.ended) ?? [];
  }

  #arm(on: boolean): void {
    if (on === this.#armed) return;
    this.#armed = on;
    const navigation = (globalThis as { navigation?: EventTarget }).navigation;
    const method = on ? 'addEventListener' : 'removeEventListener';
    globalThis[method]('beforeunload', this.#onBeforeUnload);
    navigation?.[method]('navigate', this.#onNavigate);
  }

  readonly #onBeforeUnload = (event: BeforeUnloadEvent): void => {
    const calls = this.#live();
    if (calls.length === 0) return;
    if (!this.#host.dispatchEvent(new CxBeforeLeaveEvent({ calls }))) return;
    // The browser asks the agent to confirm (every current browser; returnValue is the legacy way).
    event.preventDefault();
  };

  readonly #onNavigate = (event: Event): void => {
    const { destination } = event as NavigateEventLike;
    const calls = this.#live();
    if (calls.length === 0 || !destination.sameDocument) return;
    if (!this.#host.dispatchEvent(new CxNavigateDuringCallEvent({ calls, url: destination.url })) && event.cancelable) {
      event.preventDefault();
    }
  };
}
