// Browser mode's loopback server answers everything, refusals included, with its usual headers:
// the page's CSP, no framing, no sniffing, no caching. Checked on a raw answer's head.
import { expect } from 'vitest';
import { BROWSER_CONTENT_SECURITY_POLICY } from '../../app/csp';

/** Expects `answer` (a raw HTTP answer, head and body) to carry the usual headers. */
export function expectUsualHeaders(answer: string): void {
  const head = (answer.split('\r\n\r\n')[0] ?? '').toLowerCase();
  expect(head).toContain(`content-security-policy: ${BROWSER_CONTENT_SECURITY_POLICY.toLowerCase()}`);
  expect(head).toContain('x-frame-options: deny');
  expect(head).toContain('x-content-type-options: nosniff');
  expect(head).toContain('cache-control: no-store');
}
