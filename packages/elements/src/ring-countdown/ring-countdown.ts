import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { TickController } from '../controllers/tick-controller.js';
import { CxElement } from '../cx-element.js';
import { ringCountdownStyles } from './ring-countdown.styles.js';

/** Seconds left at which the countdown speaks up (politely), largest first. */
const MILESTONES = [10, 5] as const;

/**
 * @tagname cx-ring-countdown
 * @summary The seconds left before an unanswered call is offered to another
 * agent, with a shrinking bar. Screen readers hear it at 10 and at 5
 * seconds left, not every second.
 *
 * @csspart label - "Redistributed in".
 * @csspart seconds - The seconds left.
 * @csspart bar - The track of the bar.
 * @csspart bar-fill - The part of the bar that shrinks.
 *
 * @cssproperty --cx-countdown-colour - Colour of the bar (default: the text colour).
 */
export class CxRingCountdown extends CxElement {
  static override properties: PropertyDeclarations = {
    deadline: { type: Number },
    start: { type: Number },
    announcement: { state: true },
  };

  static override styles = [CxElement.styles, ringCountdownStyles];

  /** Epoch ms at which the call is redistributed. Unset shows nothing. */
  deadline: number | undefined = undefined;
  /** Epoch ms at which the call started ringing (sets the length of the bar). */
  start: number | undefined = undefined;

  private announcement = '';
  private milestone: number | undefined;
  /** The bar's animation, set once per offer (see {@link barAnimation}). */
  private bar: BarAnimation | undefined;
  private readonly tick = new TickController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    const left = this.secondsLeft();
    if (changed.has('deadline') || changed.has('start')) {
      this.tick.running = this.deadline !== undefined;
      // A new offer: learn where we are without speaking over the popup's own announcement.
      this.milestone = milestoneOf(left);
      this.announcement = '';
      this.bar = this.barAnimation();
    } else {
      const milestone = milestoneOf(left);
      if (milestone !== this.milestone) {
        this.milestone = milestone;
        if (milestone !== undefined && left > 0) this.announcement = msg(str`${left} seconds left to answer`);
      }
    }
  }

  protected override render(): unknown {
    if (this.deadline === undefined) return nothing;
    const left = this.secondsLeft();
    return html`
      <p class="row">
        <span part="label">${msg('Redistributed in')}</span>
        <span part="seconds" class="seconds" role="timer">${msg(str`${left} s`)}</span>
      </p>
      <div part="bar" class="bar" aria-hidden="true">
        <div part="bar-fill" class="fill"></div>
      </div>
      <p class="visually-hidden" aria-live="polite">${this.announcement}</p>
    `;
  }

  protected override updated(changed: PropertyValues<this>): void {
    // CSS custom properties set from script, not an inline `style`
    // attribute: a page whose Content-Security-Policy forbids inline
    // styles (style-src 'self') still gets its countdown bar.
    if (!changed.has('deadline') && !changed.has('start')) return;
    const fill = this.renderRoot.querySelector<HTMLElement>('.fill');
    if (!fill || !this.bar) return;
    fill.style.setProperty('--_from', String(this.bar.from));
    fill.style.setProperty('animation-duration', `${this.bar.duration}ms`);
  }

  private secondsLeft(): number {
    return this.deadline === undefined ? 0 : Math.max(0, Math.ceil((this.deadline - Date.now()) / 1000));
  }

  /** One CSS animation from the share left now to nothing at the deadline; no work per frame. */
  private barAnimation(): BarAnimation | undefined {
    if (this.deadline === undefined) return undefined;
    const now = Date.now();
    const remaining = Math.max(0, this.deadline - now);
    const total = this.start === undefined ? remaining : Math.max(remaining, this.deadline - this.start);
    const share = total === 0 ? 0 : remaining / total;
    return { from: share, duration: remaining };
  }
}

/** Where the bar starts (share of its length) and how long it takes to empty, ms. */
interface BarAnimation {
  readonly from: number;
  readonly duration: number;
}

function milestoneOf(left: number): number | undefined {
  let found: number | undefined;
  for (const milestone of MILESTONES) if (left <= milestone) found = milestone;
  return found;
}

declare global {
  interface HTMLElementTagNameMap {
    'cx-ring-countdown': CxRingCountdown;
  }
}
