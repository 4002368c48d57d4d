// Endpoint presets and the rule for which token URLs the app will send credentials to.
// Facts come from shared/telstra-token-endpoint.md.

export const PRESET_IDS = ['v2', 'v3', 'sandbox', 'custom'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

export const V2_TOKEN_URL = 'https://tapi.telstra.com/v2/oauth/token';
// Yes, `/v2/` in the path for the v3 API: that is Telstra's published URL.
export const V3_TOKEN_URL = 'https://products.api.telstra.com/v2/oauth/token';

export const V2_SCOPE = 'NSMS';
export const V3_SCOPES = [
  'free-trial-numbers:read',
  'free-trial-numbers:write',
  'messages:read',
  'messages:write',
  'virtual-numbers:read',
  'virtual-numbers:write',
  'reports:read',
  'reports:write',
] as const;
export const V3_SCOPE = V3_SCOPES.join(' ');

export const DEFAULT_GRANT_TYPE = 'client_credentials';

export interface EndpointPreset {
  readonly id: PresetId;
  readonly label: string;
  /** Null for the sandbox (its address is only known once it runs) and for custom URLs. */
  readonly tokenUrl: string | null;
  readonly scope: string;
  readonly note: string;
}

export const PRESETS: Readonly<Record<PresetId, EndpointPreset>> = {
  v2: {
    id: 'v2',
    label: 'Messaging API v2',
    tokenUrl: V2_TOKEN_URL,
    scope: V2_SCOPE,
    note: 'Telstra announced in July 2023 that Messaging API v2 would be decommissioned in August 2024.',
  },
  v3: {
    id: 'v3',
    label: 'Messaging API v3',
    tokenUrl: V3_TOKEN_URL,
    scope: V3_SCOPE,
    note: 'v3 keys are separate from v2 keys and carry an expiry date chosen when they were created.',
  },
  sandbox: {
    id: 'sandbox',
    label: 'Sandbox (offline)',
    tokenUrl: null,
    scope: V2_SCOPE,
    note: 'A local imitation of the documented token endpoint; nothing leaves this computer.',
  },
  custom: {
    id: 'custom',
    label: 'Custom URL',
    tokenUrl: null,
    scope: '',
    note: 'Any https: URL, or http: on this computer (127.0.0.1, ::1, localhost).',
  },
};

/**
 * What the form says under Token URL about v2 (app/preflight-endpoint.ts, "v2-retired"). Here, in
 * the window's own bundle, so the window can show it from its first paint (renderer/hooks/usePreflight.ts).
 */
export const V2_RETIRED_NOTE = `${PRESETS.v2.note} This address may now refuse every key, whatever the credentials; if your keys are for v3, choose the Messaging API v3 endpoint.`;

export const DEFAULT_PRESET: PresetId = 'v2';

export function isPresetId(value: unknown): value is PresetId {
  return typeof value === 'string' && (PRESET_IDS as readonly string[]).includes(value);
}

/** Where a request goes: a preset, and the token URL it stands for (ignored for the sandbox). */
export interface EndpointChoice {
  readonly preset: string;
  readonly tokenUrl: string;
}

/**
 * True when two choices send to the same place. The rule it serves: a stored secret is only sent
 * to the endpoint saved with its profile (the window's requests and the command line alike).
 */
export function sameEndpoint(requested: EndpointChoice, saved: EndpointChoice): boolean {
  if (requested.preset !== saved.preset) return false;
  return requested.preset === 'sandbox' || requested.tokenUrl.trim() === saved.tokenUrl.trim();
}

export type TokenUrlVerdict =
  | {
      readonly ok: true;
      readonly url: string;
      readonly loopback: boolean;
      /** Plain http: to a name ("localhost"), not to a literal 127.x or ::1: see token-service.ts. */
      readonly httpToName: boolean;
    }
  | { readonly ok: false; readonly reason: string };

/** "localhost" and any name under it, in any case, with or without the root's final dot (RFC 6761). */
export function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

/** True for hosts that never leave this machine: 127.0.0.0/8, ::1, localhost and names under it. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (isLocalhostName(host)) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** True for an address written in the URL that is loopback: 127.0.0.0/8 or ::1 (no name to resolve). */
export function isLoopbackLiteral(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Credentials only travel over TLS, except to this machine (the sandbox, local test servers).
 * URLs with embedded user info are refused: they would send a second set of credentials.
 */
export function checkTokenUrl(raw: string): TokenUrlVerdict {
  // The same URL is usually checked again and again (as the user types, and on every request).
  if (lastVerdict?.raw !== raw) lastVerdict = { raw, verdict: judgeTokenUrl(raw) };
  return lastVerdict.verdict;
}

let lastVerdict: { readonly raw: string; readonly verdict: TokenUrlVerdict } | null = null;

function judgeTokenUrl(raw: string): TokenUrlVerdict {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: 'The token URL is not a valid URL.' };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'The token URL must not contain a user name or password.' };
  }
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol === 'https:') return { ok: true, url: url.href, loopback, httpToName: false };
  if (url.protocol === 'http:') {
    if (loopback) return { ok: true, url: url.href, loopback, httpToName: !isLoopbackLiteral(url.hostname) };
    return {
      ok: false,
      reason:
        'Plain http: would send the secret unencrypted; use https: (http: is allowed only for this computer: 127.x.x.x, ::1, localhost and names ending in .localhost).',
    };
  }
  return { ok: false, reason: `The token URL must start with https: (it starts with ${url.protocol}).` };
}
