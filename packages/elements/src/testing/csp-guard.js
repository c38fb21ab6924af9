// First script of the strict-CSP test page: records every violation of
// the page's Content-Security-Policy before anything else runs, and gives
// nanostores the `process` it reads in development builds.
window.cspViolations = [];
document.addEventListener(
  'securitypolicyviolation',
  (event) => {
    window.cspViolations.push({
      directive: event.effectiveDirective,
      blocked: event.blockedURI,
      sample: event.sample,
      source: `${event.sourceFile}:${event.lineNumber}`,
    });
  },
  true,
);
globalThis.process = { env: { NODE_ENV: 'development' } };
