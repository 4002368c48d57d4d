// "Copy diagnostic report": one Markdown page support staff can paste into a ticket. It holds
// what helps to diagnose a token request and never the secret, the token or the full client ID.
// Text from outside (what the server said) is redacted of the known values, masked where it looks
// like a credential, and put only into code spans and fenced blocks sized to it, where Markdown
// renders no link, image or HTML. The app's own text is left exactly as written. The finished
// page is checked once more (app/outside-text.ts): where formatting joined a value back together
// with outside text, that outside piece is withheld; nothing is scrubbed out of the page's syntax.
import { maskCredentials } from './credential-mask';
import { code, fenced, plain, tableRow, type Mark } from './markdown';
import { outside, settle } from './outside-text';
import type { Finding } from './preflight';
import { MIN_MASKED_ID_LENGTH, redactor, type KnownValue } from './redact';
import type { AccessCheckResult } from './access-check';
import type { Explainable } from './explanations';
import { ID_HEADER_RANK } from './id-headers';
import type { HeaderList } from './token-result';

export interface ReportInput {
  readonly appVersion: string;
  readonly os: string;
  /** Epoch milliseconds, printed in UTC. */
  readonly generatedAt: number;
  readonly tokenUrl: string;
  readonly clientAuth: 'body' | 'basic';
  /** e.g. ['client_id', 'client_secret', 'grant_type', 'scope'] */
  readonly fieldsSent: readonly string[];
  /** Printed only masked. */
  readonly clientId: string;
  /**
   * Fingerprint: hex of a keyed hash (HMAC) of the secret, whose key never leaves this machine,
   * so two reports can tell two secrets apart and nobody can test a guess against it. Null when
   * the secret is unknown.
   */
  readonly secret: { readonly length: number; readonly fingerprint: string } | null;
  readonly findings: readonly Finding[];
  /** A success holds the token: it is never printed. */
  /** The result (its explanation, if any, is not read: the title comes separately). */
  readonly result: Explainable;
  readonly explanationTitle: string;
  /** Used only to redact what the server said; never printed. */
  readonly scrub: { readonly secret: string | null; readonly token: string | null };
  /** The latest "Check Messaging access" with this token: its verdict, never the token. */
  readonly access?: AccessCheckResult;
}

export { MIN_MASKED_ID_LENGTH };

function characters(count: number): string {
  return `${count} character${count === 1 ? '' : 's'}`;
}

function seconds(count: number): string {
  return `${count} second${count === 1 ? '' : 's'}`;
}

/** The first four and last two characters ("abcd…yz"), or null when the ID is too short to show any. */
function clientIdGlimpse(clientId: string): string | null {
  const chars = [...clientId];
  return chars.length < MIN_MASKED_ID_LENGTH
    ? null
    : `${chars.slice(0, 4).join('')}…${chars.slice(-2).join('')}`;
}

/** "abcd…yz (32 characters)"; an ID shorter than 8 characters shows only its length. */
export function maskClientId(clientId: string): string {
  const length = characters([...clientId].length);
  const glimpse = clientIdGlimpse(clientId);
  return glimpse === null ? length : `${glimpse} (${length})`;
}

/** Headers shown exactly as received (scrubbed only): support needs them character for character. */
const VERBATIM_HEADERS = new Set(['content-type', 'retry-after', 'date', 'server']);
const verbatimHeader = (name: string) =>
  VERBATIM_HEADERS.has(name.toLowerCase()) || ID_HEADER_RANK.has(name.toLowerCase());

function utc(ms: number): string {
  // Outside Date's range toISOString throws; a report must still come out.
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : 'unknown';
}

function duration(ms: number): string {
  return Number.isFinite(ms) && ms >= 0 ? `${Math.round(ms)} ms` : 'unknown';
}

function fingerprint(value: string): string | null {
  return /^[0-9a-f]{6,64}$/i.test(value) ? value.slice(0, 12).toLowerCase() : null;
}

type Clean = (text: string) => string;

/** Outside text in a code span: redacted and masked, then marked for the last check. */
interface Outside {
  readonly code: (text: string, inTable?: boolean) => string;
  readonly fenced: (text: string) => string;
  /** Redacted only (headers support needs character for character). */
  readonly verbatim: (text: string, inTable?: boolean) => string;
}

function outsideText(redact: Clean): Outside {
  const mark: Mark = outside;
  const masked = (text: string) => maskCredentials(redact(text));
  return {
    code: (text, inTable = false) => code(masked(text), inTable, mark),
    fenced: (text) => fenced(masked(text), 'text', mark),
    verbatim: (text, inTable = false) => code(redact(text), inTable, mark),
  };
}

function factsTable(input: ReportInput, server: Outside): string[] {
  const { result } = input;
  const rows: Array<[string, string]> = [
    ['App version', plain(input.appVersion)],
    ['Operating system', plain(input.os)],
    ['Report time (UTC)', utc(input.generatedAt)],
    // The URL the user typed, and where the request went: the app's own, not redacted.
    ['Token URL', code(input.tokenUrl, true)],
  ];
  // The sandbox's real address, or the URL as the app normalised it.
  if (result.tokenUrl !== input.tokenUrl) rows.push(['Request went to', code(result.tokenUrl, true)]);
  rows.push(['Result', plain(input.explanationTitle)], ['Outcome code', code(result.outcome, true)]);
  const status =
    result.status === null
      ? 'none (no answer from the server)'
      : `${result.status}${result.statusText ? ` ${server.code(result.statusText, true)}` : ''}`;
  rows.push(['HTTP status', status]);
  if (!result.ok) {
    if (result.error !== null) rows.push(['OAuth error', server.code(result.error, true)]);
    if (result.errorDescription !== null) {
      rows.push(['Error description', server.code(result.errorDescription, true)]);
    }
    if (result.networkCode !== null) rows.push(['Network error code', code(result.networkCode, true)]);
  }
  rows.push(['Time taken', duration(result.durationMs)], ['Finished (UTC)', utc(result.receivedAt)]);
  return ['| Fact | Value |', '|---|---|', ...rows.map((row) => tableRow(row))];
}

function requestSection(input: ReportInput): string[] {
  const length = characters([...input.clientId].length);
  const glimpse = clientIdGlimpse(input.clientId);
  const clientId =
    glimpse === null ? `${length} (too short to show any of it)` : `${code(glimpse)} (${length})`;
  let secret = 'not known here (a saved secret the window cannot read)';
  if (input.secret !== null) {
    const length = Number.isSafeInteger(input.secret.length)
      ? characters(input.secret.length)
      : 'unknown length';
    const print = fingerprint(input.secret.fingerprint);
    secret =
      print === null
        ? length
        : `${length}, keyed fingerprint ${code(print)} (comparable only between reports from this run of the app)`;
  }
  const auth =
    input.clientAuth === 'basic'
      ? 'HTTP Basic (RFC 6749 §2.3.1: ID and secret form-encoded, then base64)'
      : 'in the form body (`client_id` and `client_secret` fields)';
  const fields =
    input.fieldsSent.length === 0 ? 'none' : input.fieldsSent.map((name) => code(name)).join(', ');
  return [
    '## Request',
    '',
    `- Client authentication: ${auth}`,
    `- Fields sent: ${fields}`,
    `- Client ID: ${clientId}`,
    `- Client secret: ${secret}`,
  ];
}

function findingsSection(findings: readonly Finding[]): string[] {
  const lines = findings.map(
    (finding) =>
      `- **${finding.severity === 'warning' ? 'Warning' : 'Note'}** (${code(finding.field)}, ${code(finding.id)}): ${plain(finding.message)}`,
  );
  return ['## Pre-flight findings', '', ...(lines.length === 0 ? ['- None.'] : lines)];
}

function headersTable(headers: HeaderList, server: Outside): string[] {
  if (headers.length === 0) return ['No headers were kept.'];
  const rows = headers.map(([name, value]) =>
    tableRow([
      server.verbatim(name, true),
      verbatimHeader(name) ? server.verbatim(value, true) : server.code(value, true),
    ]),
  );
  return ['| Header | Value |', '|---|---|', ...rows];
}

function responseSection(result: Explainable, server: Outside): string[] {
  const lines = ['## Response', ''];
  if (result.ok) {
    lines.push('- A token was issued. It is not part of this report.');
    if (result.tokenType !== null) lines.push(`- Token type: ${server.code(result.tokenType)}`);
    lines.push(
      `- Expires in: ${result.expiresInSeconds === null ? 'unknown (no usable expires_in)' : seconds(result.expiresInSeconds)}`,
    );
    if (result.scope !== null) lines.push(`- Granted scope: ${server.code(result.scope)}`);
    const difference = result.scopeDifference;
    if (difference) {
      if (difference.notGranted.length > 0)
        lines.push(
          `- Requested but not granted: ${difference.notGranted.map((s) => server.code(s)).join(', ')}`,
        );
      if (difference.notRequested.length > 0)
        lines.push(
          `- Granted but not requested: ${difference.notRequested.map((s) => server.code(s)).join(', ')}`,
        );
    }
    if (result.contentType !== null) lines.push(`- Content type: ${server.verbatim(result.contentType)}`);
    lines.push('', '### Headers', '', ...headersTable(result.headers, server));
    return lines;
  }
  // The app's sentence, which may quote the server's reason phrase: a code span, like server text.
  lines.push(`- What the app saw: ${server.code(result.message)}`, `- Failure kind: ${code(result.kind)}`);
  if (result.errorShape !== null) lines.push(`- Error body shape: ${code(result.errorShape)}`);
  if (result.retryAfterSeconds !== null) lines.push(`- Retry-After: ${seconds(result.retryAfterSeconds)}`);
  if (result.redirectLocation !== null)
    lines.push(`- Redirect location: ${server.code(result.redirectLocation)}`);
  if (result.contentType !== null) lines.push(`- Content type: ${server.verbatim(result.contentType)}`);
  lines.push('', '### Headers', '', ...headersTable(result.headers, server), '', '### Body excerpt', '');
  lines.push(result.bodyExcerpt === null ? 'No body.' : server.fenced(result.bodyExcerpt));
  return lines;
}

/** What the check called; one refused before sending (invalid-input) called nothing. */
function called({ checkUrl, outcome }: AccessCheckResult): string {
  if (checkUrl === '') return 'nothing (not sent)';
  const request = code(`GET ${checkUrl}`);
  return outcome === 'invalid-input' ? `nothing (${request} was refused before sending)` : request;
}

/** The Messaging access check's verdict; what the Messaging API said is outside text. */
function accessSection(access: AccessCheckResult, server: Outside): string[] {
  const lines = [
    '## Messaging access check',
    '',
    `- Verdict: ${plain(access.explanation.title)} (${code(access.outcome)})`,
    `- Called: ${called(access)}`,
    `- HTTP status: ${access.status === null ? 'none' : String(access.status)}`,
  ];
  if (access.virtualNumbers !== null) lines.push(`- Virtual numbers: ${access.virtualNumbers}`);
  if (access.code !== null) lines.push(`- Code: ${server.code(access.code)}`);
  if (access.issue !== null) lines.push(`- Issue: ${server.code(access.issue)}`);
  if (access.suggestedAction !== null)
    lines.push(`- Suggested action: ${server.code(access.suggestedAction)}`);
  lines.push(
    // The server's words where its WWW-Authenticate header named the scope (main/access).
    `- Scope ${server.code(access.scope.needed)}: ${access.scope.requested ? 'requested' : 'not requested'}, ${access.scope.granted === null ? 'grant not stated' : access.scope.granted ? 'granted' : 'not granted'}`,
  );
  if (access.retryAfterSeconds !== null) lines.push(`- Retry-After: ${seconds(access.retryAfterSeconds)}`);
  if (access.networkCode !== null) lines.push(`- Network error code: ${server.code(access.networkCode)}`);
  if (access.redirectLocation !== null)
    lines.push(`- Redirect location: ${server.code(access.redirectLocation)}`);
  // Ids exactly as received (scrubbed only), as in the token's headers: support needs them so.
  for (const [name, value] of access.requestIds)
    lines.push(`- Id header ${server.code(name)}: ${server.verbatim(value)}`);
  lines.push(`- What the app saw: ${server.code(access.message)}`);
  if (access.bodyExcerpt !== null) lines.push('', server.fenced(access.bodyExcerpt));
  return lines;
}

/** What a report must never show, in any form: the secret, the token, the full client ID. */
function knownValues(input: ReportInput): KnownValue[] {
  const { result } = input;
  const known: KnownValue[] = [];
  if (input.scrub.secret !== null)
    known.push({ value: input.scrub.secret, label: 'secret removed', fragments: true });
  for (const token of new Set([input.scrub.token, result.ok ? result.accessToken : null])) {
    if (token !== null) known.push({ value: token, label: 'token removed' });
  }
  if ([...input.clientId].length >= MIN_MASKED_ID_LENGTH)
    known.push({ value: input.clientId, label: 'client ID removed' });
  return known;
}

export function diagnosticReport(input: ReportInput): string {
  const { result } = input;
  const redact = redactor(knownValues(input));
  const server = outsideText(redact);
  const page = [
    '# Telstra Token Tester diagnostic report',
    '',
    ...factsTable(input, server),
    '',
    ...requestSection(input),
    '',
    ...findingsSection(input.findings),
    '',
    ...responseSection(result, server),
    '',
    ...(input.access ? [...accessSection(input.access, server), ''] : []),
    '---',
    '',
    '_The client secret, the access token and the full client ID are never part of this report: where a server echoed one, a marker such as [secret removed] stands in its place. Other values that looked like credentials show as [masked]._',
    '',
  ].join('\n');
  return settle(page, redact, '[withheld]');
}
