// The renderer's Content Security Policy. Rule: the window talks to nothing on the network
// (connect-src 'none'; all HTTP happens in the main process), runs only the app's own scripts and
// styles, never eval, and cannot retarget links or submit forms anywhere.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "manifest-src 'none'",
  "media-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  // No string ever becomes HTML or script: React renders through the DOM API, never innerHTML.
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');

/**
 * Browser mode's policy differs in one directive: the page talks to its own loopback server (the
 * API) and nothing else. Served as a header too, with what only a header can say: no framing.
 */
export const BROWSER_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
  "connect-src 'none'",
  "connect-src 'self'",
);
export const BROWSER_CSP_HEADER = `${BROWSER_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;
