// terser's settings for every minified build, and for the size budget's
// "sip.js alone" (built the same way, so that the ratio is fair).
/** Two compression passes and ES2020 output (the browsers the elements need have it). */
export const minifyOptions = { ecma: 2020, compress: { passes: 2 }, format: { comments: /^!/ } };
