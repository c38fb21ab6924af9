// lit-localize's runtime (which installs the translating `msg` and loads a
// locale's templates), in a chunk of its own: an agent who works in
// English never downloads it. locale.ts loads it for the first other
// language asked for and configures it once (lit-localize allows one
// configuration a page). With it come the desktop notifications' texts,
// which core says in English otherwise.
export { configureLocalization } from '@lit/localize/init/runtime.js';
export { installDesktopTexts } from './desktop-texts.js';
