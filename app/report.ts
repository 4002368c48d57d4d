// "Copy diagnostic report": one Markdown page support staff can paste into a ticket. It holds
// what helps to diagnose a token request and never the secret, the token or the full client ID.
// Two layers make sure of that: every piece of server text is scrubbed of the known values and
// masked where it looks like a credential before it is formatted, and the finished page is
// scrubbed once more, so no formatting step (escaping, joining lines) can reassemble a value.
import { maskCredentials } from './credential-mask';
import { code, fenced, plain, tableRow } from './markdown';
import type { Finding } from './preflight';
import { scrubber } from './redact';
import type { Explainable } from './explanations';
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
  /** Fingerprint: the first 12 hex characters of the secret's SHA-256. Null when unknown. */
  readonly secret: { readonly length: number; readonly fingerprint: string } | null;
  readonly findings: readonly Finding[];
  /** A success holds the token: it is never printed. */
  /** The result (its explanation, if any, is not read: the title comes separately). */
  readonly result: Explainable;
  readonly explanationTitle: string;
  /** Used only to scrub the final text; never printed. */
  readonly scrub: { readonly secret: string | null; readonly token: string | null };
}

/** Shorter client IDs would show most of themselves in the first-four-last-two form. */
export const MIN_MASKED_ID_LENGTH = 8;

function characters(count: number): string {
  return `${count} character${count === 1 ? '' : 's'}`;
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
const VERBATIM_HEADER =
  /^(content-type|retry-after|date|server)$|(request|correlation|trace|message|transaction)[-_]?id$|^traceparent$/i;

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

function factsTable(input: ReportInput, server: Clean, own: Clean): string[] {
  const { result } = input;
  const rows: Array<[string, string]> = [
    ['App version', plain(own(input.appVersion))],
    ['Operating system', plain(own(input.os))],
    ['Report time (UTC)', utc(input.generatedAt)],
    ['Token URL', code(server(input.tokenUrl), true)],
  ];
  // The sandbox's real address, or the URL as the app normalised it.
  if (result.tokenUrl !== input.tokenUrl) rows.push(['Request went to', code(server(result.tokenUrl), true)]);
  rows.push(
    ['Result', plain(own(input.explanationTitle))],
    ['Outcome code', code(own(result.outcome), true)],
  );
  const status =
    result.status === null
      ? 'none (no answer from the server)'
      : `${result.status}${result.statusText ? ` ${plain(server(result.statusText))}` : ''}`;
  rows.push(['HTTP status', status]);
  if (!result.ok) {
    if (result.error !== null) rows.push(['OAuth error', code(server(result.error), true)]);
    if (result.errorDescription !== null) {
      rows.push(['Error description', code(server(result.errorDescription), true)]);
    }
    if (result.networkCode !== null)
      rows.push(['Network error code', code(server(result.networkCode), true)]);
  }
  rows.push(['Time taken', duration(result.durationMs)], ['Finished (UTC)', utc(result.receivedAt)]);
  return ['| Fact | Value |', '|---|---|', ...rows.map((row) => tableRow(row))];
}

function requestSection(input: ReportInput, own: Clean): string[] {
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
    secret = print === null ? length : `${length}, SHA-256 fingerprint ${code(print)}`;
  }
  const auth =
    input.clientAuth === 'basic'
      ? 'HTTP Basic (RFC 6749 §2.3.1: ID and secret form-encoded, then base64)'
      : 'in the form body (`client_id` and `client_secret` fields)';
  const fields =
    input.fieldsSent.length === 0 ? 'none' : input.fieldsSent.map((name) => code(own(name))).join(', ');
  return [
    '## Request',
    '',
    `- Client authentication: ${auth}`,
    `- Fields sent: ${fields}`,
    `- Client ID: ${clientId}`,
    `- Client secret: ${secret}`,
  ];
}

function findingsSection(findings: readonly Finding[], own: Clean): string[] {
  const lines = findings.map(
    (finding) =>
      `- **${finding.severity === 'warning' ? 'Warning' : 'Note'}** (${code(own(finding.field))}, ${code(own(finding.id))}): ${plain(own(finding.message))}`,
  );
  return ['## Pre-flight findings', '', ...(lines.length === 0 ? ['- None.'] : lines)];
}

function headersTable(headers: HeaderList, server: Clean, scrubOnly: Clean): string[] {
  if (headers.length === 0) return ['No headers were kept.'];
  const rows = headers.map(([name, value]) =>
    tableRow([
      code(scrubOnly(name), true),
      code(VERBATIM_HEADER.test(name) ? scrubOnly(value) : server(value), true),
    ]),
  );
  return ['| Header | Value |', '|---|---|', ...rows];
}

function responseSection(result: Explainable, server: Clean, scrubOnly: Clean): string[] {
  const lines = ['## Response', ''];
  if (result.ok) {
    lines.push('- A token was issued. It is not part of this report.');
    if (result.tokenType !== null) lines.push(`- Token type: ${code(server(result.tokenType))}`);
    lines.push(
      `- Expires in: ${result.expiresInSeconds === null ? 'unknown (no usable expires_in)' : `${result.expiresInSeconds} seconds`}`,
    );
    if (result.scope !== null) lines.push(`- Granted scope: ${code(server(result.scope))}`);
    if (result.contentType !== null) lines.push(`- Content type: ${code(scrubOnly(result.contentType))}`);
    lines.push('', '### Headers', '', ...headersTable(result.headers, server, scrubOnly));
    return lines;
  }
  lines.push(
    `- What the app saw: ${plain(server(result.message))}`,
    `- Failure kind: ${code(scrubOnly(result.kind))}`,
  );
  if (result.errorShape !== null) lines.push(`- Error body shape: ${code(scrubOnly(result.errorShape))}`);
  if (result.retryAfterSeconds !== null) lines.push(`- Retry-After: ${result.retryAfterSeconds} seconds`);
  if (result.redirectLocation !== null)
    lines.push(`- Redirect location: ${code(server(result.redirectLocation))}`);
  if (result.contentType !== null) lines.push(`- Content type: ${code(scrubOnly(result.contentType))}`);
  lines.push(
    '',
    '### Headers',
    '',
    ...headersTable(result.headers, server, scrubOnly),
    '',
    '### Body excerpt',
    '',
  );
  lines.push(result.bodyExcerpt === null ? 'No body.' : fenced(server(result.bodyExcerpt)));
  return lines;
}

export function diagnosticReport(input: ReportInput): string {
  const { result } = input;
  const known = [input.scrub.secret, input.scrub.token, result.ok ? result.accessToken : null];
  if ([...input.clientId].length >= MIN_MASKED_ID_LENGTH) known.push(input.clientId);
  const scrubOnly = scrubber(known.filter((value): value is string => value !== null && value !== ''));
  // Server text is also masked; the app's own text (versions, findings, codes) is only scrubbed.
  const server: Clean = (text) => maskCredentials(scrubOnly(text));
  const page = [
    '# Telstra Token Tester diagnostic report',
    '',
    ...factsTable(input, server, scrubOnly),
    '',
    ...requestSection(input, scrubOnly),
    '',
    ...findingsSection(input.findings, scrubOnly),
    '',
    ...responseSection(result, server, scrubOnly),
    '',
    '---',
    '',
    '_The client secret, the access token and the full client ID are never part of this report: where a server echoed one, a marker such as [removed] stands in its place. Other values that looked like credentials show as [masked]._',
    '',
  ].join('\n');
  return scrubOnly(page);
}
