import type { CallLeg, DialogId } from '../call/call-leg.js';

/**
 * The live legs of a phone, found by their dialog: an INVITE with
 * `Replaces` names a dialog (RFC 3891), and after a reconnect every dialog
 * is refreshed. Legs add themselves when their dialog is confirmed and
 * leave when it ends.
 */
export class LegRegistry {
  readonly #byDialog = new Map<string, CallLeg>();

  /** Records (or, with `undefined`, forgets) the dialog of `leg`. */
  update(leg: CallLeg, dialog: DialogId | undefined): void {
    for (const [key, known] of this.#byDialog) if (known === leg) this.#byDialog.delete(key);
    if (dialog) this.#byDialog.set(keyOf(dialog), leg);
  }

  /** The live leg of this dialog, if any. */
  find(dialog: DialogId): CallLeg | undefined {
    return this.#byDialog.get(keyOf(dialog));
  }
}

function keyOf(dialog: DialogId): string {
  return `${dialog.callId}\u0000${dialog.localTag}\u0000${dialog.remoteTag}`;
}
