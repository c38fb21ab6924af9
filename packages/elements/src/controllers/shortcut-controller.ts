import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * The page-wide keyboard shortcuts of the banner: Alt+Shift and a letter,
 * matched by physical key so they work on every keyboard layout (and with
 * Option+Shift on a Mac). Browsers and screen readers leave these free;
 * Firefox uses Alt+Shift for a page's `accesskey`s, so a page that defines
 * accesskeys on these letters can turn the shortcuts off (`no-shortcuts`).
 */
export const Shortcut = {
  Accept: 'accept',
  Decline: 'decline',
  Mute: 'mute',
  Hold: 'hold',
  HangUp: 'hang-up',
} as const;
export type Shortcut = (typeof Shortcut)[keyof typeof Shortcut];

const KEYS: Readonly<Record<Shortcut, string>> = {
  accept: 'A',
  decline: 'D',
  mute: 'M',
  hold: 'H',
  'hang-up': 'E',
};

/** The shortcut as `aria-keyshortcuts` and people write it, e.g. `Alt+Shift+A`. */
export function shortcutLabel(shortcut: Shortcut): string {
  return `Alt+Shift+${KEYS[shortcut]}`;
}

function shortcutOf(event: KeyboardEvent): Shortcut | undefined {
  if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey || event.repeat) return undefined;
  for (const [shortcut, key] of Object.entries(KEYS) as Array<[Shortcut, string]>) {
    if (event.code === `Key${key}`) return shortcut;
  }
  return undefined;
}

/** What a host does for each shortcut right now; a missing entry means the shortcut is not for it. */
export type ShortcutActions = Partial<Record<Shortcut, () => void>>;

/**
 * Listens to the page-wide shortcuts while the host is connected and
 * `enabled`. The first element that has an action for a key press takes it
 * (and cancels the key event), so two banners on one phone act once.
 */
export class ShortcutController implements ReactiveController {
  /** Whether the host listens. */
  enabled = true;
  private readonly actions: () => ShortcutActions;
  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (!this.enabled || event.defaultPrevented) return;
    const shortcut = shortcutOf(event);
    const action = shortcut === undefined ? undefined : this.actions()[shortcut];
    if (!action) return;
    event.preventDefault();
    action();
  };

  constructor(host: ReactiveControllerHost, actions: () => ShortcutActions) {
    this.actions = actions;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('keydown', this.onKeyDown, { capture: true });
  }

  hostDisconnected(): void {
    window.removeEventListener('keydown', this.onKeyDown, { capture: true });
  }
}
