// Serves pages with a strict Content-Security-Policy: one for the component
// tests (the ES modules of the sources), one for the end-to-end tests (the
// built script tag cx-banner.js and its lazy chunks, as a CRM embeds it).
// The elements and the phone must run in them without one violation.
import { randomBytes } from 'node:crypto';

export const STRICT_CSP_PATH = '/__cx/strict-csp.html';

/**
 * The page of the built script tag: `?copies=2` loads it twice (the second
 * time under another URL, so that it runs again); `?nonce=1` allows scripts
 * by a nonce instead of by origin (`script-src 'nonce-...'`, no host).
 */
export const SCRIPT_TAG_CSP_PATH = '/__cx/strict-csp-script-tag.html';

/**
 * The policy many CRM pages ship, and stricter: no inline script or style,
 * no eval, and Trusted Types for every script sink.
 */
export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self' ws: wss:",
  "media-src 'self' blob:",
  "require-trusted-types-for 'script'",
].join('; ');

/**
 * The policy of the script-tag page: {@link STRICT_CSP}, and only the Trusted
 * Types policies CX Banner creates may be created: `lit-html` (Lit's, for
 * its templates). Two copies on one page create it twice, which
 * `'allow-duplicates'` allows; `?duplicates=no` leaves that out.
 */
export function scriptTagCsp({ duplicates = true, nonce = undefined } = {}) {
  const policy = nonce ? STRICT_CSP.replace("script-src 'self'", `script-src 'nonce-${nonce}'`) : STRICT_CSP;
  return `${policy}; trusted-types lit-html${duplicates ? " 'allow-duplicates'" : ''}`;
}

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function strictCspPage() {
  return {
    name: 'cx-strict-csp-page',
    transform(context) {
      // The test server adds its own script to every page (its web socket):
      // under a nonce-only policy it gets the page's nonce, like the CRM's own scripts.
      if (context.path !== SCRIPT_TAG_CSP_PATH || typeof context.body !== 'string') return undefined;
      const nonce = /'nonce-([^']+)'/.exec(context.response.get('content-security-policy') ?? '')?.[1];
      if (!nonce) return undefined;
      return { body: context.body.replace(/<script(?![^>]*\snonce=)/g, `<script nonce="${nonce}"`) };
    },
    serve(context) {
      if (context.path === SCRIPT_TAG_CSP_PATH) return scriptTagPage(context.URL.searchParams);
      if (context.path !== STRICT_CSP_PATH) return undefined;
      return page(STRICT_CSP, 'A CRM page with a strict Content-Security-Policy', [
        '<script src="/packages/elements/src/testing/csp-guard.js"></script>',
        '<script type="module" src="/packages/elements/src/testing/csp-page.ts"></script>',
      ]);
    },
  };
}

/** The script-tag page, as a CRM with the strict policy embeds the Banner (once or twice). */
function scriptTagPage(params) {
  const copies = params.get('copies') === '2' ? 2 : 1;
  const nonce = params.get('nonce') === '1' ? randomBytes(16).toString('base64') : undefined;
  const scripts = ['/packages/elements/src/testing/csp-guard.js', '/packages/elements/dist/cx-banner.js', '/packages/elements/dist/cx-banner.js?copy=2'].slice(0, copies + 1);
  const csp = scriptTagCsp({ duplicates: params.get('duplicates') !== 'no', nonce });
  return page(
    csp,
    'A CRM page with a strict Content-Security-Policy and the script tag',
    scripts.map((src) => `<script src="${src}"${nonce ? ` nonce="${nonce}"` : ''}></script>`),
  );
}

/** An HTML page served under `csp`, with these lines in its head. */
function page(csp, title, head) {
  return {
    type: 'html',
    headers: { 'content-security-policy': csp, 'cache-control': 'no-store' },
    body: `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${title}</title>
${head.map((line) => `  ${line}`).join('\n')}
</head>
<body><main></main></body>
</html>
`,
  };
}
