/**
 * The colours an agent can give a call box for their own organisation.
 * `none` is the default look. Each colour is also named in words.
 */
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

const NAMES: Readonly<Record<CallBoxColour, string>> = {
  none: 'No colour',
  red: 'Red',
  orange: 'Orange',
  green: 'Green',
  teal: 'Teal',
  blue: 'Blue',
  purple: 'Purple',
};

/** The colour in words. */
export function callBoxColourName(colour: CallBoxColour): string {
  return NAMES[colour];
}

export function isCallBoxColour(value: unknown): value is CallBoxColour {
  return typeof value === 'string' && (callBoxColours as readonly string[]).includes(value);
}
