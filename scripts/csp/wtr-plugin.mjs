// Serves a page with a strict Content-Security-Policy for the component
// tests: the elements and the phone must run in it without one violation.
export const STRICT_CSP_PATH = '/__cx/strict-csp.html';

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

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function strictCspPage() {
  return {
    name: 'cx-strict-csp-page',
    serve(context) {
      if (context.path !== STRICT_CSP_PATH) return undefined;
      return {
        type: 'html',
        headers: { 'content-security-policy': STRICT_CSP, 'cache-control': 'no-store' },
        body: `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>A CRM page with a strict Content-Security-Policy</title>
  <script src="/packages/elements/src/testing/csp-guard.js"></script>
  <script type="module" src="/packages/elements/src/testing/csp-page.ts"></script>
</head>
<body><main></main></body>
</html>
`,
      };
    },
  };
}
