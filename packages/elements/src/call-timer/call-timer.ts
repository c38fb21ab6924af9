import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { TickController } from '../controllers/tick-controller.js';
import { CxElement } from '../cx-element.js';
import { formatClock, isoDuration } from '../format/format-duration.js';
import { callTimerStyles } from './call-timer.styles.js';

/**
 * @tagname cx-call-timer
 * @summary How long a call has lasted (`1:05`), updated on each second by
 * this element alone.
 *
 * @csspart time - The running time.
 */
export class CxCallTimer extends CxElement {
  static override properties: PropertyDeclarations = {
    since: { type: Number },
    until: { type: Number },
  };

  static override styles = [CxElement.styles, callTimerStyles];

  /** Epoch ms the clock starts from (when the call was answered). Unset shows nothing. */
  since: number | undefined = undefined;
  /** Epoch ms the clock stops at (when the call ended). Unset keeps it running. */
  until: number | undefined = undefined;

  private readonly tick = new TickController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('since') || changed.has('until')) {
      this.tick.running = this.since !== undefined && this.until === undefined;
    }
  }

  protected override render(): unknown {
    if (this.since === undefined) return nothing;
    // Rounded: every clock of the page ticks on the same whole second, whatever its start.
    const seconds = Math.round(((this.until ?? Date.now()) - this.since) / 1000);
    return html`<time part="time" role="timer" datetime=${isoDuration(seconds)}>${formatClock(seconds)}</time>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cx-call-timer': CxCallTimer;
  }
}
