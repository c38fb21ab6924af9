// Loaded by `enableClickToCall()` (a chunk of its own in the script-tag build).
import { CxError, CxErrorCode, isCxError, type PhoneApi } from '@cx/core';
import { msg, str } from '@lit/localize';
import { CxCommandFailedEvent } from '../index.js';
import type { ClickToCallOptions } from './enable-click-to-call.js';
import { linkTarget } from './link-target.js';

/**
 * Listens for clicks on `tel:`, `callto:` and `sip:` links under the root
 * (one listener: links added later are heard too) until `signal` aborts.
 * See `enableClickToCall` for which clicks are taken.
 */
export function listenForCalls(phone: PhoneApi, options: ClickToCallOptions, signal: AbortSignal): void {
  const root = options.root ?? document;
  const onClick = (event: Event): void => {
    const click = event as MouseEvent;
    // Another handler took it, or the agent asked the browser for something else (new tab, menu, save).
    if (click.defaultPrevented || click.button !== 0 || click.ctrlKey || click.metaKey || click.shiftKey || click.altKey) return;
    // The nearest link, also inside open shadow roots.
    const link = click.composedPath().find((node): node is HTMLAnchorElement | HTMLAreaElement => node instanceof HTMLAnchorElement || node instanceof HTMLAreaElement);
    if (!link || link.hasAttribute('download')) return;
    const target = linkTarget(link.getAttribute('href') ?? '');
    const state = phone.$connection.get().state;
    // Not ours to dial (or no phone to dial with): the browser opens it as always.
    if (target === undefined || (state !== 'registered' && state !== 'connected')) return;
    click.preventDefault();
    void dial(phone, target, link, options.confirm);
  };
  root.addEventListener('click', onClick, { signal });
}

async function dial(phone: PhoneApi, target: string, link: Element, confirm: ClickToCallOptions['confirm']): Promise<void> {
  try {
    if (confirm === true ? !window.confirm(msg(str`Call ${target}?`)) : confirm && !(await confirm(target))) return;
    await phone.call(target, { origin: 'click-to-call' });
  } catch (error) {
    const failure = isCxError(error) ? error : new CxError(CxErrorCode.DialCancelled, 'The confirmation failed: nothing was dialled.', { cause: error });
    link.dispatchEvent(new CxCommandFailedEvent({ action: 'dial', call: undefined, error: failure }));
  }
}
