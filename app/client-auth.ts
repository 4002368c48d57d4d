// HTTP Basic client authentication as RFC 6749 §2.3.1 defines it for OAuth clients: the id and
// the secret are each form-urlencoded (Appendix B) BEFORE being joined with ':' and base64-encoded.
// Plain RFC 7617 Basic skips that step, which breaks secrets containing ':', '%', '+' or non-ASCII.
// Telstra documents credentials in the form body; Basic is offered only for comparison.
import { base64, FORM_URLENCODED, percentEncode } from './text-encoding';

export { base64 } from './text-encoding';

/**
 * application/x-www-form-urlencoded as RFC 6749 Appendix B and the WHATWG URL standard define it:
 * UTF-8, space as '+', alphanumerics and *-._ kept, every other byte as %XX (upper case).
 * Lone surrogates become U+FFFD (%EF%BF%BD), as URLSearchParams does.
 */
export function formEncode(value: string): string {
  return percentEncode(value, FORM_URLENCODED);
}

/** The Authorization header value; ':' cannot occur in the encoded id, so servers split at the first one. */
export function basicAuthorization(clientId: string, clientSecret: string): string {
  return `Basic ${base64(`${formEncode(clientId)}:${formEncode(clientSecret)}`)}`;
}
