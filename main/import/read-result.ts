// What reading a credentials file comes to, said the same way for every format (main/import/
// credential-formats.ts, json-formats.ts): the rows found, or why nothing is imported; and the
// checks every format's rows pass before they are offered.
import type { FoundCredential, ImportFormat } from '../../app/import-preview';
import { hasControlCharacters, hasUserInfo, MAX_PROFILES } from '../../app/profiles';
import { hasUnstorableCharacters } from '../../app/limits';
import { credentialRedactor, MIN_SUBSTRING_LENGTH } from '../../app/redact';
import { secretInTokenUrl } from '../profiles/profile-answers';
import { urlPartToSearch } from '../token/secret-in-url';
import { groupCredentials, holdsCredentials, type CredentialValues } from './credential-keys';

export type ReadResult =
  | { readonly ok: true; readonly format: ImportFormat; readonly found: readonly FoundCredential[] }
  | { readonly ok: false; readonly message: string };

export const NOTHING = 'Nothing was imported.';
export const refuse = (message: string): ReadResult => ({ ok: false, message: `${message} ${NOTHING}` });

export const LABELS = {
  clientId: 'client ID',
  clientSecret: 'client secret',
  tokenUrl: 'token URL',
  scope: 'scope',
} as const;

export function found(name: string, values: CredentialValues): FoundCredential {
  return {
    name,
    clientId: values.clientId ?? '',
    clientSecret: values.clientSecret ?? null,
    tokenUrl: values.tokenUrl ?? null,
    scope: values.scope ?? null,
  };
}

export function fromGroups(
  format: ImportFormat,
  pairs: readonly (readonly [string, string])[],
  nameOf: (group: string) => string,
): ReadResult {
  const grouped = groupCredentials(pairs);
  if (!grouped.ok)
    return refuse(
      `The file sets ${grouped.duplicate} more than once, so it is not clear which value is meant.`,
    );
  const rows = [...grouped.groups]
    .filter(([, v]) => holdsCredentials(v))
    .map(([g, v]) => found(nameOf(g), v));
  return done(format, rows);
}

export function done(format: ImportFormat, rows: FoundCredential[]): ReadResult {
  const where = format === 'environment' ? 'in the environment' : 'in this file';
  // No client ID, token URL or scope has a line break or a control character: a quote left open
  // in a .env file joins the next lines into the value (the secret's line too), and escapes in
  // JSON can spell anything. Refused, so none of it is stored in the profiles file or printed.
  // (A secret goes to the keychain only, and may have what a .env escape spells: "line\nbreak".)
  for (const row of rows) {
    for (const key of ['clientId', 'tokenUrl', 'scope'] as const) {
      if (hasControlCharacters(row[key] ?? ''))
        return refuse(
          `A ${LABELS[key]} ${where} holds a line break or another control character${format === 'environment' ? '' : ' (a quote left open, or a damaged file)'}, which no Telstra credential has.`,
        );
    }
  }
  // A password in a token URL is a second secret, which would be stored in the profiles file
  // (outside the keychain) and shown in the preview; the app never sends one (checkTokenUrl).
  if (rows.some((row) => hasUserInfo(row.tokenUrl)))
    return refuse(
      `A token URL ${where} holds a user name or password (user:password@host), which the app never sends and does not keep outside the keychain. Remove it from the URL, then import again.`,
    );
  // So is the secret itself written into the URL (main/profiles/profile-answers.ts).
  if (rows.some((row) => secretInTokenUrl(row.tokenUrl ?? '', row.clientSecret ?? null) !== null))
    return refuse(
      `A token URL ${where} holds its client secret (or a part of it), which the app never sends in a URL and does not keep outside the keychain. Remove it from the URL, then import again.`,
    );
  // Or another row's secret: checked against its own only, it was kept in the profiles file.
  if (holdsAnothersSecret(rows))
    return refuse(
      `A token URL ${where} holds the client secret of another set of credentials in it (or a part of it), which the app never sends in a URL and does not keep outside the keychain. Remove it from the URL, then import again.`,
    );
  if (rows.some((row) => hasUnstorableCharacters(row.clientSecret ?? '')))
    return refuse(
      `A client secret ${where} holds a NUL character or a broken Unicode character${format === 'environment' ? '' : ' (a damaged file, or an escape such as \\u0000)'}, which a keychain would not keep as it is written.`,
    );
  if (rows.length === 0) {
    // The app's own export of no profiles is no file without credentials in it to look into.
    return refuse(
      format === 'profiles-export'
        ? 'This profiles export holds no profiles: it was made when none were saved.'
        : 'No Telstra credentials were found in this file (the app looks for client_id and client_secret, or TELSTRA_CLIENT_ID and TELSTRA_CLIENT_SECRET).',
    );
  }
  if (rows.length > MAX_PROFILES)
    return refuse(`This file holds more than ${MAX_PROFILES} sets of credentials.`);
  return { ok: true, format, found: rows };
}

/**
 * Whether a row's token URL holds the secret of another row, where it would be kept in the
 * profiles file and sent to that row's server. Secrets shorter than MIN_SUBSTRING_LENGTH are not
 * looked for in other rows' URLs ("test" in a path), as a request is not redacted of other
 * profiles' short secrets (main/token/sent-secrets.ts). One search of each URL for all of them.
 */
function holdsAnothersSecret(rows: readonly FoundCredential[]): boolean {
  const secrets = [
    ...new Set(
      rows.map((row) => row.clientSecret ?? '').filter((s) => [...s].length >= MIN_SUBSTRING_LENGTH),
    ),
  ];
  const [first, ...rest] = secrets;
  if (first === undefined || rows.length < 2) return false;
  const search = credentialRedactor(first, ...rest);
  // Rows mostly share a token URL (or have none): each one searched once.
  const secretsAt = new Map<string, Set<string | null>>();
  for (const row of rows) {
    // All long: the whole URL is searched, but for the app's own (urlPartToSearch).
    const url = urlPartToSearch(row.tokenUrl ?? '', first);
    if (url !== '') secretsAt.set(url, (secretsAt.get(url) ?? new Set()).add(row.clientSecret));
  }
  for (const [url, own] of secretsAt) {
    const found = search.spans(url);
    if (found.some((span) => [...own].some((secret) => secrets[span.which] !== secret))) return true;
  }
  return false;
}
