// "Copy report" of a batch run: one Markdown table, a row per profile checked, for a support
// ticket. Built from the history's entry, which holds no token, secret or client ID. Profile
// names may come from an imported file and the error codes from a server, so both are outside
// text, put only into code spans (app/markdown.ts), where Markdown renders no link, image or HTML;
// the server's words are also masked where they look like a credential.
import { batchTitle, rowCancelled, rowPassed } from './batch-summary';
import { maskCredentials } from './credential-mask';
import type { BatchRow, HistoryEntry } from './history';
import { code, plain, tableRow } from './markdown';
import { outside, settle } from './outside-text';
import { redactor } from './redact';

export interface BatchReportInput {
  readonly appVersion: string;
  readonly os: string;
  readonly generatedAt: number;
  readonly entry: HistoryEntry & { readonly batch: NonNullable<HistoryEntry['batch']> };
  /** The catalog's title of an outcome (the report carries the app's words, not the catalog). */
  readonly titleOf: (outcome: BatchRow['outcome']) => string;
}

function utc(ms: number): string {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : 'unknown';
}

const server = (text: string) => code(maskCredentials(text), true, outside);
const named = (text: string) => code(text, true, outside);

function rowLine(row: BatchRow, titleOf: BatchReportInput['titleOf']): string {
  const status = row.status === null ? 'none' : String(row.status);
  const verdict = plain(titleOf(row.outcome)) + (row.error !== null ? ` (${server(row.error)})` : '');
  const access = row.access === null ? '' : plain(titleOf(row.access));
  return tableRow([
    named(row.profileName),
    row.host === '' ? '' : server(row.host),
    status,
    verdict,
    access,
    `${Math.round(row.durationMs)} ms`,
    // Stopped by Cancel in flight: neither passed nor failed, as the summary counts it.
    rowCancelled(row)
      ? 'cancelled'
      : row.outcome === 'profile-deleted'
        ? 'deleted'
        : rowPassed(row)
          ? 'passed'
          : 'failed',
  ]);
}

/** The profiles a Cancel kept from starting: not in the table, so counted here. */
function notStarted(batch: BatchReportInput['entry']['batch']): string[] {
  const count = batch.total - batch.rows.length;
  if (count <= 0) return [];
  return [`- Not started (cancelled before their turn): ${count} profile${count === 1 ? '' : 's'}`];
}

export function batchReport(input: BatchReportInput): string {
  const { entry, titleOf } = input;
  const page = [
    '# Telstra Token Tester batch check report',
    '',
    `- ${plain(batchTitle(entry.batch))}`,
    ...notStarted(entry.batch),
    `- App version: ${plain(input.appVersion)}`,
    `- Operating system: ${plain(input.os)}`,
    `- Run finished (UTC): ${utc(entry.at)}`,
    `- Report time (UTC): ${utc(input.generatedAt)}`,
    '',
    '| Profile | Host | HTTP status | Verdict | Messaging access | Time | |',
    '|---|---|---|---|---|---|---|',
    ...entry.batch.rows.map((row) => rowLine(row, titleOf)),
    '',
    '---',
    '',
    '_No client secret, access token or client ID is part of this report._',
    '',
  ].join('\n');
  // No known value is at hand here (the entry never held one): settling only removes the marks.
  return settle(page, redactor([]), '[withheld]');
}
