// Pre-flight rules for where the request goes: the token URL and the scope, which must belong to
// the same Telstra API (v2: tapi.telstra.com and NSMS; v3: products.api.telstra.com and its scopes).
import { checkTokenUrl, isLoopbackHost, V2_RETIRED_NOTE, V2_SCOPE, V3_SCOPE } from './endpoints';
import { insideQuotes, kindsIn, trimEdges, withoutZeroWidth } from './preflight-characters';
import { fix, located, pasteDamage, sentence, SEVERE, type Check } from './preflight-draft';
import { FIX_LABELS } from './preflight-messages';

type Endpoint = 'v2' | 'v3';

function parsedUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** Which Telstra API a token URL belongs to, by its host; null for any other address. */
export function endpointOf(tokenUrl: string): Endpoint | null {
  const host = parsedUrl(trimEdges(tokenUrl))?.hostname.toLowerCase();
  if (host === 'tapi.telstra.com') return 'v2';
  if (host === 'products.api.telstra.com') return 'v3';
  return null;
}

const TELSTRA_HOSTS = new Set(['tapi.telstra.com', 'products.api.telstra.com']);
/** Telstra's token hosts, as the app's words name them. */
export const TELSTRA_HOST_NAMES = [...TELSTRA_HOSTS].join(', ');

/**
 * Why a host that is neither Telstra's nor this computer can pass for Telstra's, or for another
 * than it is, as a sentence; null when it reads as what it is. `raw` is the URL as written, `host`
 * its host as a request addresses it (new URL(raw).hostname): a name with letters from another
 * alphabet is addressed by its xn-- form (a Cyrillic а in "telstrа" is drawn as the Latin one),
 * and a URL can spell its host otherwise than it is (a backslash read as a slash, an escaped
 * letter, an address written as a number). A name holding "telstra" is no proof of Telstra's.
 */
export function hostDisguise(raw: string, host: string): string | null {
  if (/(^|\.)xn--/.test(host))
    return 'Its name has letters other than plain Latin ones, which can look like other letters: this is how a request spells it.';
  // The host as written is what follows "//" up to the first "/", "?" or "#" (a backslash is no
  // end of it to a reader, though it is to a request): "https://evil.example\@tapi.telstra.com"
  // holds "//evil.example" and is still not written plainly.
  const written = /^[a-z][a-z\d+.-]*:\/\/([^/?#]*)/i.exec(raw)?.[1]?.toLowerCase();
  if (written !== host && written?.startsWith(`${host}:`) !== true)
    return 'The URL writes this address in another way (a backslash, an escape, a number): this is where a request goes.';
  if (/(^|\.)telstra\.com\.?$/.test(host)) return null;
  if (host.includes('telstra')) return `Its name has "telstra" in it, which does not make it Telstra's.`;
  // "https://evil.example#@tapi.telstra.com/": read as a user name at Telstra's host, it is not.
  if (raw.toLowerCase().includes('telstra.com')) return 'The URL names telstra.com, but not as its host.';
  return null;
}

export const tokenUrlChecks: Check = (value, input) => {
  // The sandbox's address is the main process's business; the field is not what gets used.
  if (input.preset === 'sandbox') return [];
  const core = trimEdges(value);
  if (core === '') return [{ id: 'empty', severity: SEVERE, message: sentence('tokenUrl', 'empty') }];
  // Surrounding white space is harmless here (the request trims the URL), so only the rest counts.
  const drafts = pasteDamage('tokenUrl', value, SEVERE).filter((draft) => draft.id !== 'edge-whitespace');
  const url = parsedUrl(core);
  const verdict = checkTokenUrl(value);
  if (!verdict.ok) {
    const plainHttp =
      url?.protocol === 'http:' &&
      url.username === '' &&
      url.password === '' &&
      !isLoopbackHost(url.hostname);
    if (plainHttp) {
      drafts.push({
        id: 'insecure-url',
        severity: SEVERE,
        message:
          'The token URL starts with http:, which would send the secret unencrypted. The app sends credentials over http: only to this computer (127.0.0.1, ::1, localhost).',
        // Telstra's hosts answer on https: only, so the upgrade is certain there and nowhere else.
        fix: TELSTRA_HOSTS.has(url.hostname) ? fix(FIX_LABELS.https, `https:${core.slice(5)}`) : null,
      });
    } else {
      drafts.push({
        id: 'invalid-url',
        severity: SEVERE,
        message: `${verdict.reason} The app will not send credentials to it.`,
      });
    }
  }
  // A token URL made to pass for Telstra's (or for another host than it is): where the secret
  // goes, said plainly. Any other host is the user's to read in the field as it is.
  const host = verdict.ok && input.preset === 'custom' ? new URL(verdict.url).hostname : null;
  const disguise =
    host === null || verdict.ok === false || verdict.loopback || TELSTRA_HOSTS.has(host.replace(/\.$/, ''))
      ? null
      : hostDisguise(core, host);
  if (host !== null && disguise !== null) {
    drafts.push({
      id: 'lookalike-host',
      severity: SEVERE,
      message: `The secret is sent to ${host}, which is not one of Telstra's token hosts (${TELSTRA_HOST_NAMES}). ${disguise}`,
    });
  }
  if (input.preset === 'v2' || endpointOf(value) === 'v2') {
    drafts.push({
      id: 'v2-retired',
      severity: 'note',
      message: V2_RETIRED_NOTE,
    });
  }
  return drafts;
};

/** Separators other than single U+0020 spaces: tabs, line breaks, other spaces, runs of spaces. */
const ODD_SEPARATOR = /[\t\v\f\n\r\u2028\u2029\u1680\u2000-\u2006\u2008-\u200a\u205f\u3000]| {2}/;
const SEPARATOR_RUN = /[\t\v\f\n\r \u2028\u2029\u1680\u2000-\u2006\u2008-\u200a\u205f\u3000]+/;
const V3_STYLE = /^[a-z0-9-]+:(read|write)$/i;
const SCOPE_TYPO = 'messaging:write';

export const scopeChecks: Check = (value, input) => {
  if (value === '') return [];
  // Spacing in a scope rarely matters to servers, so those findings are notes.
  const drafts = pasteDamage('scope', value, 'note');
  const inner = insideQuotes(trimEdges(value));
  if (ODD_SEPARATOR.test(inner)) {
    drafts.push({
      id: 'inner-whitespace',
      severity: 'note',
      message:
        `The scope separates its values with something other than single spaces (tabs, line breaks or repeated spaces). ${located(value, ['space', 'line-break'])}`.trim(),
      fix: fix(FIX_LABELS.singleSpaces, value.split(SEPARATOR_RUN).filter(Boolean).join(' ')),
    });
  }
  if (kindsIn(inner).has('other')) {
    drafts.push({
      id: 'non-ascii',
      severity: SEVERE,
      message: sentence('scope', 'nonAscii', located(value, ['other'])),
    });
  }
  const tokens = withoutZeroWidth(inner).split(/\s+/).filter(Boolean);
  // The sandbox accepts both APIs' scopes, so only Telstra's own hosts can mismatch.
  const endpoint = input.preset === 'sandbox' ? null : endpointOf(input.tokenUrl);
  const isV2Scope = (token: string) => token.toUpperCase() === V2_SCOPE;
  if (endpoint === 'v3' && tokens.some(isV2Scope)) {
    drafts.push({
      id: 'scope-endpoint-mismatch',
      severity: SEVERE,
      message:
        'The scope NSMS belongs to Messaging API v2, but the token URL is the v3 endpoint (products.api.telstra.com), whose scopes look like messages:write.',
      fix: tokens.every(isV2Scope) ? fix(FIX_LABELS.v3Scope, V3_SCOPE) : null,
    });
  }
  if (endpoint === 'v2' && tokens.some((token) => V3_STYLE.test(token))) {
    drafts.push({
      id: 'scope-endpoint-mismatch',
      severity: SEVERE,
      message:
        'The scope holds Messaging API v3 scopes (such as messages:write), but the token URL is the v2 endpoint (tapi.telstra.com), whose only scope is NSMS.',
      fix: tokens.every((token) => V3_STYLE.test(token)) ? fix(FIX_LABELS.v2Scope, V2_SCOPE) : null,
    });
  }
  if (endpoint !== 'v2' && tokens.includes(SCOPE_TYPO)) {
    drafts.push({
      id: 'scope-typo',
      severity: SEVERE,
      message:
        'The scope contains messaging:write, a typo from some 2023 Telstra SDKs; the v3 scope is messages:write.',
      fix: fix(
        FIX_LABELS.scopeTypo,
        value.replace(
          /(^|\s)messaging:write(?=\s|$)/g,
          (_match, before: string) => `${before}messages:write`,
        ),
      ),
    });
  }
  return drafts;
};
