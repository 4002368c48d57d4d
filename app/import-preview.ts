// What an import would do, shown before anything is written: one row per profile found in a file
// (or the environment), with the client ID masked, the endpoint the app guesses, what is missing,
// and which pre-flight findings apply. The secret stays on the main side; rows only say whether
// one was found.
import {
  checkTokenUrl,
  DEFAULT_GRANT_TYPE,
  isLoopbackHost,
  PRESETS,
  V2_SCOPE,
  V2_TOKEN_URL,
  V3_TOKEN_URL,
  type PresetId,
} from './endpoints';
import { maskClientId } from './credential-mask';
import { withoutHiddenCharacters, withoutMarkFloods } from './hidden-text';
import { preflight } from './preflight';
import { hostDisguise, TELSTRA_HOST_NAMES } from './preflight-endpoint';
import { nameKey, withoutRefusedInvisible } from './profiles';
import { LIMITS } from './limits';

export type ImportFormat = 'credentials-file' | 'dotenv' | 'postman' | 'profiles-export' | 'environment';

export const IMPORT_FORMAT_LABELS: Readonly<Record<ImportFormat, string>> = {
  'credentials-file': 'Telstra credentials file (INI)',
  dotenv: '.env file',
  postman: 'Postman environment',
  'profiles-export': 'Profiles exported from this app (no secrets)',
  environment: 'Environment variables',
};

/** One set of credentials found in a source, before any choice; the secret never leaves main. */
export interface FoundCredential {
  readonly name: string;
  readonly clientId: string;
  readonly clientSecret: string | null;
  readonly tokenUrl: string | null;
  readonly scope: string | null;
  /** Known exactly only for the app's own export. */
  readonly preset?: PresetId;
  readonly grantType?: string;
}

/**
 * The fields a preview row has findings for: all a file can set; the grant type (only the app's
 * own export sets one) only when a row cannot be saved with it (main/import/import-service.ts).
 */
export type ImportFindingField = 'clientId' | 'clientSecret' | 'tokenUrl' | 'scope' | 'grantType';
/** The pre-flight's findings a preview row shows. */
const FINDING_FIELDS: ReadonlySet<string> = new Set<ImportFindingField>([
  'clientId',
  'clientSecret',
  'tokenUrl',
  'scope',
]);

export interface ImportRow {
  readonly rowId: string;
  /** As found (trimmed, shortened); the name the profile gets unless the user changes it. */
  readonly name: string;
  readonly maskedClientId: string;
  readonly preset: PresetId;
  readonly endpointLabel: string;
  /** How the endpoint was chosen, in plain words. */
  readonly endpointReason: string;
  readonly missing: readonly ('client ID' | 'client secret')[];
  readonly findings: readonly { readonly field: ImportFindingField; readonly message: string }[];
  /**
   * A saved profile, or an earlier row of the same file, already has this name: the user must
   * rename, skip or (for a saved profile) explicitly replace it; it is never overwritten otherwise.
   */
  readonly clash: boolean;
  /** The clash is with an earlier row of the same file, not with a saved profile. */
  readonly clashInFile: boolean;
  /** A free name to offer when it clashes. */
  readonly suggestedName: string;
  /** False when nothing usable was found (no client ID). */
  readonly importable: boolean;
  /**
   * Where a request with this row sends its secret, as the request addresses it (an
   * international name as its xn-- form, an address written as a number as its dotted one); null
   * for the sandbox, or for a token URL the app does not send to.
   */
  readonly sendsTo: SecretDestination | null;
}

export interface SecretDestination {
  /** The URL's host, with its port unless the scheme's own. */
  readonly host: string;
  /** `other`: neither one of Telstra's token hosts nor this computer. */
  readonly whose: 'telstra' | 'this-computer' | 'other';
}

export interface ImportPreview {
  readonly previewId: string;
  readonly format: ImportFormat;
  readonly formatLabel: string;
  /** One sentence for the window: what was read, how many were found, that nothing is saved yet. */
  readonly summary: string;
  readonly rows: readonly ImportRow[];
}

/**
 * What to do with one row. `import` adds a profile under `name` (refused if the name is in use);
 * `replace` is only ever the user's explicit choice for a clashing name: the saved profile of that
 * name takes the row's fields and secret.
 */
export interface ImportChoice {
  readonly rowId: string;
  readonly action: 'import' | 'replace' | 'skip';
  readonly name: string;
}

export interface ImportRowResult {
  readonly rowId: string;
  readonly name: string;
  readonly status: 'imported' | 'skipped' | 'failed';
  readonly secret: 'stored' | 'missing' | null;
  readonly message: string;
}

export interface EndpointGuess {
  readonly preset: PresetId;
  readonly tokenUrl: string;
  readonly reason: string;
}

/** The file's own token URL if it names one, else its scope, else the current API (v3). */
export function guessEndpoint(found: Pick<FoundCredential, 'tokenUrl' | 'scope' | 'preset'>): EndpointGuess {
  if (found.preset !== undefined && found.preset !== 'custom') {
    return { preset: found.preset, tokenUrl: found.tokenUrl ?? '', reason: 'as exported' };
  }
  const url = found.tokenUrl?.trim() ?? '';
  if (url !== '') {
    if (url === V2_TOKEN_URL) return { preset: 'v2', tokenUrl: '', reason: 'from the token URL in the file' };
    if (url === V3_TOKEN_URL) return { preset: 'v3', tokenUrl: '', reason: 'from the token URL in the file' };
    return { preset: 'custom', tokenUrl: url, reason: 'the token URL in the file' };
  }
  if (found.scope?.trim() === V2_SCOPE) return { preset: 'v2', tokenUrl: '', reason: 'from the NSMS scope' };
  return { preset: 'v3', tokenUrl: '', reason: 'a guess: the file names no endpoint' };
}

const TELSTRA_TOKEN_HOSTS: readonly string[] = [V2_TOKEN_URL, V3_TOKEN_URL].map(
  (url) => new URL(url).hostname,
);

/** Where the secret of a profile with this endpoint goes (the sandbox: nowhere beyond this computer). */
export function secretDestination(
  endpoint: Pick<EndpointGuess, 'preset' | 'tokenUrl'>,
): SecretDestination | null {
  const url = addressed(endpoint);
  if (url === null) return null;
  // Written with the root's final dot, a name is the same name.
  const whose = TELSTRA_TOKEN_HOSTS.includes(url.hostname.replace(/\.$/, ''))
    ? 'telstra'
    : isLoopbackHost(url.hostname)
      ? 'this-computer'
      : 'other';
  return { host: url.host, whose };
}

/** The URL a request with this endpoint is sent to, as it parses it; null for the sandbox or a refused URL. */
function addressed(endpoint: Pick<EndpointGuess, 'preset' | 'tokenUrl'>): URL | null {
  if (endpoint.preset === 'sandbox') return null;
  const verdict = checkTokenUrl(PRESETS[endpoint.preset].tokenUrl ?? endpoint.tokenUrl);
  return verdict.ok ? new URL(verdict.url) : null;
}

/**
 * Said on a row whose secret would go to neither Telstra nor this computer: a file from someone
 * else can name a lookalike of Telstra's address (tapi.telstra.com.example.net, a letter from
 * another alphabet, a backslash read as a slash), and the next request would hand the secret, the
 * file's or one typed later, to that host. The host as a request addresses it, so a lookalike
 * shows as what it is (the form's own finding, "lookalike-host", is this one's business here).
 */
function foreignHostFinding(endpoint: EndpointGuess, host: string): string {
  const disguise = hostDisguise(endpoint.tokenUrl.trim(), addressed(endpoint)?.hostname ?? host);
  return `Its secret would be sent to ${host}, which is neither one of Telstra's token hosts (${TELSTRA_HOST_NAMES}) nor this computer.${disguise === null ? '' : ` ${disguise}`} Import this row only if you know that address.`;
}

/** The profile name a found set of credentials gets: trimmed, one line, within the limit. */
export function profileNameFrom(raw: string): string {
  // Control characters become spaces; invisible characters (zero-width, text direction, Hangul
  // fillers: those app/profiles.ts refuses in a new name, so not the joiners emoji and scripts
  // need) go, so a file cannot bring in a name that only looks like another.
  // More than four marks on a letter, drawn through the rows above, keep four: counted through a
  // zero-width non-joiner between them, which stays and which Chromium stacks marks across.
  const oneLine = withoutMarkFloods(
    withoutRefusedInvisible(
      // eslint-disable-next-line no-control-regex
      raw.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' '),
    ),
    '',
  ).trim();
  // Cut to the limit, a joiner the cut left at the end goes too: "حساب" U+200C "ها" cut after its
  // U+200C was a name the confirmation refused as invisible.
  const name = withoutRefusedInvisible(Array.from(oneLine).slice(0, LIMITS.profileName).join('')).trim();
  // Nothing but emoji presentation selectors (kept for an emoji before them) is no name either.
  return nameKey(name) === '' ? 'Imported' : name;
}

/**
 * Names in use, compared as sameName compares them, each looked up in constant time: a file's
 * rows are each checked against all names saved and given so far, and a file of hundreds of rows
 * whose names are cut to one (the name's length limit) made that, and the search for a free name,
 * take many seconds.
 */
export class TakenNames {
  private readonly keys = new Set<string>();
  /** Per name a free one was asked for: the number to try first next time. */
  private readonly nextNumber = new Map<string, number>();

  constructor(names: Iterable<string> = []) {
    for (const name of names) this.add(name);
  }

  has(name: string): boolean {
    return this.keys.has(nameKey(name));
  }

  add(name: string): void {
    this.keys.add(nameKey(name));
  }

  /** `name` if not in use, else the first free "name (2)", "name (3)", … within the length limit. */
  free(name: string): string {
    if (!this.has(name)) return name;
    const key = nameKey(name);
    for (let n = this.nextNumber.get(key) ?? 2; ; n += 1) {
      const suffix = ` (${n})`;
      const candidate = `${Array.from(name)
        .slice(0, LIMITS.profileName - suffix.length)
        .join('')
        .trimEnd()}${suffix}`;
      if (!this.has(candidate)) {
        this.nextNumber.set(key, n);
        return candidate;
      }
    }
  }
}

const asTaken = (names: TakenNames | readonly string[]) =>
  names instanceof TakenNames ? names : new TakenNames(names);

/**
 * `takenNames`: the saved profiles' names and the names earlier rows will get; `savedNames`: the
 * saved profiles' alone (to tell the two kinds of clash apart).
 */
export function previewRow(
  found: FoundCredential,
  rowId: string,
  takenNames: TakenNames | readonly string[],
  savedNames: TakenNames | readonly string[] = takenNames,
): ImportRow {
  const taken = asTaken(takenNames);
  const saved = savedNames === takenNames ? taken : asTaken(savedNames);
  const endpoint = guessEndpoint(found);
  const name = profileNameFrom(found.name);
  const missing: ImportRow['missing'][number][] = [];
  if (found.clientId === '') missing.push('client ID');
  if (found.clientSecret === null || found.clientSecret === '') missing.push('client secret');
  const findings = preflight({
    preset: endpoint.preset,
    tokenUrl: endpoint.tokenUrl,
    clientId: found.clientId,
    clientSecret: found.clientSecret === '' ? null : found.clientSecret,
    grantType: found.grantType ?? DEFAULT_GRANT_TYPE,
    scope: found.scope ?? PRESETS[endpoint.preset].scope,
  })
    // v2's retirement is the endpoint column's business (and the form's, once it is used).
    .filter(
      (f) =>
        FINDING_FIELDS.has(f.field) && f.id !== 'empty' && f.id !== 'v2-retired' && f.id !== 'lookalike-host',
    )
    .map((f) => ({ field: f.field, message: f.message }));
  // Why such a row cannot be chosen, said on the row rather than left for the user to guess.
  if (found.clientId.length > LIMITS.clientId)
    findings.push({
      field: 'clientId',
      message: `The client ID is longer than ${LIMITS.clientId} characters, which no client ID is: this row cannot be imported.`,
    });
  const sendsTo = secretDestination(endpoint);
  if (sendsTo?.whose === 'other')
    findings.push({ field: 'tokenUrl', message: foreignHostFinding(endpoint, sendsTo.host) });
  const clash = taken.has(name);
  return {
    rowId,
    name,
    // A text-direction control in what the mask keeps drew "abc" U+202E "…12" as "abc21…" in the
    // window: every character drawn as nothing is shown as U+FFFD, as a report shows it.
    maskedClientId: maskClientId(withoutHiddenCharacters(found.clientId)),
    preset: endpoint.preset,
    endpointLabel: endpoint.preset === 'custom' ? endpoint.tokenUrl : PRESETS[endpoint.preset].label,
    endpointReason: endpoint.reason,
    missing,
    findings,
    clash,
    clashInFile: clash && !saved.has(name),
    suggestedName: taken.free(name),
    importable: found.clientId !== '' && found.clientId.length <= LIMITS.clientId,
    sendsTo,
  };
}
