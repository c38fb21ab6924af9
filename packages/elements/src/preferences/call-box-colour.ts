/**
 * The colours an agent can give a call box for their own organisation.
 * `none` is the default look. Each colour is also named in words.
 */
import { msg } from '@lit/localize';

export const CallBoxColour = {
  None: 'none',
  Red: 'red',
  Orange: 'orange',
  Green: 'green',
  Teal: 'teal',
  Blue: 'blue',
  Purple: 'purple',
} as const;
export type CallBoxColour = (typeof CallBoxColour)[keyof typeof CallBoxColour];

export const callBoxColours: readonly CallBoxColour[] = Object.freeze(Object.values(CallBoxColour));

/** The colour in words, in the locale of the moment. */
export function callBoxColourName(colour: CallBoxColour): string {
  return {
    none: msg('No colour'),
    red: msg('Red'),
    orange: msg('Orange'),
    green: msg('Green'),
    teal: msg('Teal'),
    blue: msg('Blue'),
    purple: msg('Purple'),
  }[colour];
}

export function isCallBoxColour(value: unknown): value is CallBoxColour {
  return typeof value === 'string' && (callBoxColours as readonly string[]).includes(value);
}
