/*
 * The `cx-*` events of each element, by tag: what its React component
 * (`@cx/elements/react`) listens to through `onCx...` props. Plain data
 * without imports, so the framework tests (in Node) compare it with the
 * events custom-elements.json lists for each element, and a new event of an
 * element cannot be forgotten here.
 */

/** Every element's events, by tag; each name is typed by `HTMLElementEventMap` (its event class). */
export const ELEMENT_EVENTS = {
  'cx-banner': [
    'cx-connection-changed',
    'cx-call-incoming',
    'cx-call-accepted',
    'cx-call-held',
    'cx-call-resumed',
    'cx-call-muted',
    'cx-call-ended',
    'cx-call-missed',
    'cx-call-declined',
    'cx-dial-request',
    'cx-call-back-request',
    'cx-call-show-request',
    'cx-accept-request',
    'cx-before-leave',
    'cx-navigate-during-call',
    'cx-decline-request',
    'cx-mute-request',
    'cx-hold-request',
    'cx-dtmf-request',
    'cx-hang-up-request',
    'cx-transfer-request',
    'cx-transfer-action',
    'cx-merge-request',
    'cx-record-request',
    'cx-call-box-select',
    'cx-call-box-colour',
    'cx-missed-dismiss',
    'cx-command-failed',
  ],
  'cx-small-banner': [
    'cx-call-incoming',
    'cx-accept-request',
    'cx-decline-request',
    'cx-mute-request',
    'cx-hold-request',
    'cx-hang-up-request',
    'cx-command-failed',
  ],
  'cx-call-popup': ['cx-call-back-request', 'cx-accept-request', 'cx-decline-request', 'cx-command-failed', 'cx-missed-dismiss'],
  'cx-call-timer': [],
  'cx-ring-countdown': [],
  'cx-active-call': [
    'cx-mute-request',
    'cx-hold-request',
    'cx-hang-up-request',
    'cx-dtmf-request',
    'cx-transfer-request',
    'cx-merge-request',
    'cx-record-request',
    'cx-command-failed',
  ],
  'cx-call-box': ['cx-call-box-select', 'cx-hold-request', 'cx-call-box-colour', 'cx-command-failed'],
  'cx-keypad': ['cx-dtmf-request', 'cx-command-failed'],
  'cx-transfer-picker': ['cx-transfer-close', 'cx-transfer-request', 'cx-command-failed'],
  'cx-transfer-status': ['cx-transfer-action', 'cx-command-failed'],
  'cx-agent-status': ['cx-status-request', 'cx-command-failed'],
  'cx-pool-panel': ['cx-take-request', 'cx-monitor-request', 'cx-command-failed'],
  'cx-monitor-panel': ['cx-monitor-request', 'cx-command-failed'],
  'cx-missed-calls': ['cx-missed-call-back-request', 'cx-command-failed'],
  'cx-voicemail': ['cx-command-failed', 'cx-mark-heard-request'],
  'cx-call-history': ['cx-call-back-request', 'cx-call-show-request'],
  'cx-wrap-up': [
    'cx-wrap-up-save-request',
    'cx-wrap-up-extend-request',
    'cx-wrap-up-end-request',
    'cx-wrap-up-link-request',
    'cx-command-failed',
  ],
  'cx-settings': [],
  'cx-notification-settings': ['cx-notification-setting-request', 'cx-command-failed'],
  'cx-device-settings': ['cx-device-setting-request', 'cx-command-failed'],
  'cx-unanswered-settings': ['cx-unanswered-settings-request', 'cx-command-failed'],
  'cx-contact-folders': ['cx-contact-import-request', 'cx-contact-folder-remove-request', 'cx-command-failed'],
} as const satisfies Record<string, ReadonlyArray<keyof HTMLElementEventMap>>;

/** A tag of CX Banner that has a React component. */
export type CxTag = keyof typeof ELEMENT_EVENTS;

/** `cx-call-accepted` -> `CxCallAccepted`. */
export type PascalCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${PascalCase<Tail>}` : Capitalize<S>;

/** `cx-call-accepted` -> `CxCallAccepted` (a component's name from its tag, an event prop from its event). */
export function pascalCase<S extends string>(name: S): PascalCase<S> {
  return name.replace(/(?:^|-)([a-z])/g, (_, letter: string) => letter.toUpperCase()) as PascalCase<S>;
}
