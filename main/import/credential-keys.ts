// Which keys in a foreign file hold which credential. Telstra's SDKs spell them `client_id` /
// `client_secret` (credentials file) and `TELSTRA_CLIENT_ID` / `TELSTRA_CLIENT_SECRET`
// (environment); Postman environments and .env files use either, in any case, with or without
// the prefix (shared/telstra-token-endpoint.md, "Where developers already keep these credentials").
// A prefix before them (`STAGING_TELSTRA_CLIENT_ID`) names a separate set of credentials.

export type CredentialKey = 'clientId' | 'clientSecret' | 'tokenUrl' | 'scope';

const KEY_PATTERN =
  /^(.*?)[_.\s-]*(?:telstra[_.\s-]*)?(client[_.\s-]*id|client[_.\s-]*key|client[_.\s-]*secret|token[_.\s-]*url|scope)$/i;

const KINDS: Readonly<Record<string, CredentialKey>> = {
  clientid: 'clientId',
  clientkey: 'clientId',
  clientsecret: 'clientSecret',
  tokenurl: 'tokenUrl',
  scope: 'scope',
};

/** `STAGING_TELSTRA_CLIENT_ID` -> { group: 'STAGING', key: 'clientId' }; unrelated keys -> null. */
export function splitCredentialKey(raw: string): { group: string; key: CredentialKey } | null {
  if (raw.length > 200) return null;
  const match = KEY_PATTERN.exec(raw.trim());
  if (!match) return null;
  const kind = KINDS[(match[2] ?? '').toLowerCase().replace(/[^a-z]/g, '')];
  return kind ? { group: match[1] ?? '', key: kind } : null;
}

export type CredentialValues = Partial<Record<CredentialKey, string>>;

/** Whether a set of values holds anything worth a preview row. */
export const holdsCredentials = (values: CredentialValues) =>
  values.clientId !== undefined || values.clientSecret !== undefined;

/**
 * Groups key/value pairs into sets of credentials by prefix, or says which key is set twice (the
 * app will not guess which of two values the user meant).
 */
export function groupCredentials(
  pairs: readonly (readonly [string, string])[],
): { ok: true; groups: Map<string, CredentialValues> } | { ok: false; duplicate: string } {
  const groups = new Map<string, CredentialValues>();
  // Prefixes compare without case; a group is named as its first key spells it.
  const spelling = new Map<string, string>();
  for (const [raw, value] of pairs) {
    const split = splitCredentialKey(raw);
    if (!split) continue;
    const group = split.group.toLowerCase();
    if (!spelling.has(group)) spelling.set(group, split.group);
    const values = groups.get(group) ?? {};
    if (values[split.key] !== undefined) return { ok: false, duplicate: raw };
    groups.set(group, { ...values, [split.key]: value });
  }
  return { ok: true, groups: new Map([...groups].map(([g, v]) => [spelling.get(g) ?? g, v])) };
}
