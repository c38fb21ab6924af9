/**
 * @cx/elements: the Lit web components of CX Banner. They render the stores
 * of an @cx/core phone and turn clicks into its commands.
 */
export const version = '0.1.0';
