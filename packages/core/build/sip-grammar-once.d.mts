/** sip.js's grammar module (`sip.js/lib/grammar/pegjs/dist/grammar.js`), by path. */
export declare const GRAMMAR_MODULE: RegExp;

/** The grammar module's code with its rule table decoded once; throws when sip.js generates it differently. */
export declare function decodeGrammarOnce(code: string): string;

/** A Rollup (and Vite) plugin: `plugins: [sipGrammarOnce()]`. */
export declare function sipGrammarOnce(): {
  name: string;
  transform(code: string, id: string): { code: string; map: null } | null;
};

/** A plugin for @web/dev-server and @web/test-runner. */
export declare function sipGrammarOnceServed(): {
  name: string;
  transform(context: { path: string; body: unknown }): { body: string } | undefined;
};
