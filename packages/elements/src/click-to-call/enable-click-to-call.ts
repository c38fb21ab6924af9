import type { PhoneApi } from '@cx/core';

/** Options of {@link enableClickToCall}. */
export interface ClickToCallOptions {
  /** Where links are taken from (default the whole document): links added later under it are taken too. */
  root?: Document | Element | ShadowRoot;
  /**
   * Ask before dialling: `true` asks the browser's confirm dialog ("Call
   * +33123456789?", in the Banner's language); a function is given the
   * number and answers (or resolves) `true` to dial. Default: dial at once.
   */
  confirm?: boolean | ((target: string) => boolean | Promise<boolean>);
}

/** Turns click-to-call off (call it); `ready` resolves once clicks are taken (the listener loads first). */
export interface ClickToCall {
  (): void;
  readonly ready: Promise<void>;
}

/**
 * Click-to-call: a click on a `tel:`, `callto:` or `sip:` link under
 * `root` places the call with `phone.call()` (`hooks.beforeDial` runs, with
 * origin `click-to-call`) instead of opening the link. One click listener
 * on `root`, so links added later work too; the links stay plain links,
 * and keep opening the system's phone app while the phone is not
 * connected, when the link has `download`, or with a modifier key or
 * another button than the main one. A failed call dispatches
 * `cx-command-failed` (action `dial`) from the link.
 *
 * The listener loads on its own (a few KB) as soon as this is called;
 * `ready` resolves once it listens (it rejects if it could not be loaded).
 *
 * @example
 * const off = CX.enableClickToCall(phone, { confirm: true });
 * // later: off();
 */
export function enableClickToCall(phone: PhoneApi, options: ClickToCallOptions = {}): ClickToCall {
  // Aborting removes the listener at once, or keeps it from being added when the listener loads later.
  const stop = new AbortController();
  const ready = import('./click-to-call.js').then((m) => m.listenForCalls(phone, options, stop.signal));
  ready.catch(() => undefined); // Not loaded: the links keep opening as links; only a caller of `ready` hears of it.
  return Object.assign(() => stop.abort(), { ready });
}
