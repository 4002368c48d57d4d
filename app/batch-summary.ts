// A batch run as the history keeps it: one entry for the whole run, a row per profile checked.
// Built on the main side from the results themselves (never from what the window says), without
// a token, a secret or a client ID; server text is only the OAuth error code the token service
// already redacted, without the client ID, cut to the history's length.
import type { AccessCheckResult } from './access-check';
import type { PresetId } from './endpoints';
import type { BatchRow, BatchSummary, HistoryEntry } from './history';
import type { BatchVerdict } from './ipc-contract';
import { cutRedacted, MIN_MASKED_ID_LENGTH, redactor } from './redact';
import type { TokenResult } from './token-result';

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/**
 * A failure's OAuth error code as the history keeps it: without the client ID (a server may echo
 * it there, and the run's report promises none), nor any other client ID given (a run's other
 * profiles': a server may answer one profile with another's), cut to the history's length. An ID
 * too short to show any of in a report is too short to find without hitting other words.
 */
export function keptError(
  result: TokenResult,
  clientId: string,
  otherClientIds: readonly string[] = [],
): string | null {
  if (result.ok || result.error === null) return null;
  return keptCode(result.error, [clientId, ...otherClientIds]);
}

/**
 * A server's error code as the history keeps it: without the client IDs given, cut (keptError).
 * Cut as cutRedacted cuts: never inside a marker (the code's "[secret removed]", already there, or
 * a "[client ID removed]" put in here, which is longer than the ID), nor inside an emoji.
 */
export function keptCode(code: string, clientIds: readonly string[]): string {
  const ids = clientIds.filter((id) => [...id].length >= MIN_MASKED_ID_LENGTH);
  const redact =
    ids.length === 0
      ? (text: string) => text
      : redactor([...new Set(ids)].map((value) => ({ value, label: 'client ID removed' })));
  return cutRedacted(redact(code), 200, redact);
}

/** What the window's row shows of an answer (the whole answer stays on the main side). */
export function batchVerdict(result: TokenResult, access: AccessCheckResult | null): BatchVerdict {
  return {
    requestId: result.requestId,
    ok: result.ok,
    outcome: result.outcome,
    status: result.status,
    title: result.explanation.title,
    durationMs: result.durationMs,
    access: access === null ? null : { ok: accessPassed(access.outcome), title: access.explanation.title },
  };
}

/** `otherClientIds`: the run's other profiles' (and any sent instead), kept out of the row too. */
export function batchRow(
  profileName: string,
  clientId: string,
  result: TokenResult,
  access: AccessCheckResult | null,
  otherClientIds: readonly string[] = [],
): BatchRow {
  return {
    profileName: profileName.slice(0, 200),
    host: hostOf(result.tokenUrl).slice(0, 300),
    outcome: result.outcome,
    ok: result.ok,
    status: result.status,
    error: keptError(result, clientId, otherClientIds),
    durationMs: result.durationMs,
    access: access?.outcome ?? null,
  };
}

/**
 * A row counts as passed when its token came (and its access check, if any, confirmed access). A
 * custom URL's check a run does not make counts as none, as a v2 profile's does.
 */
export function rowPassed(row: BatchRow): boolean {
  return row.ok && accessPassed(row.access);
}

/** An access check's outcome as a run counts it (null: none made). */
function accessPassed(outcome: string | null): boolean {
  return outcome === null || outcome === 'access:confirmed' || outcome === 'access:custom-not-checked';
}

/**
 * Whether Cancel stopped the row's check in flight: its token request, or the Messaging access
 * check after its token came (a check asked for and not made is no check passed or failed).
 */
export function rowCancelled(row: BatchRow): boolean {
  return row.outcome === 'cancelled' || row.access === 'cancelled';
}

/**
 * "12 profiles checked: 9 passed, 3 failed" (and "of 50" when the run was cut short). A request
 * Cancel stopped in flight is not a profile checked, nor one that failed, as the window counts it.
 */
export function batchTitle(batch: BatchSummary): string {
  // Nor is a profile deleted before its turn (nothing was sent for it).
  const rows = batch.rows.filter((row) => !rowCancelled(row) && row.outcome !== 'profile-deleted');
  const passed = rows.filter(rowPassed).length;
  const failed = rows.length - passed;
  const of = rows.length < batch.total ? ` of ${batch.total}` : '';
  const checked = `${rows.length}${of} profile${batch.total === 1 ? '' : 's'} checked`;
  return `Batch check: ${checked}: ${passed} passed, ${failed} failed`;
}

/**
 * The run's entry: its summary fields describe the run as a whole (the first failure's outcome, or
 * the first row's when all passed), so older views of the history still read sensibly.
 */
export function batchEntry(
  runId: string,
  at: number,
  /** Measured on a monotonic clock: the wall clock may be set back or forward mid-run. */
  durationMs: number,
  preset: PresetId,
  batch: BatchSummary,
): HistoryEntry {
  const failure = batch.rows.find((row) => !rowPassed(row));
  const lead = failure ?? batch.rows[0];
  const hosts = new Set(batch.rows.map((row) => row.host));
  return {
    id: runId,
    at,
    profileName: null,
    host: hosts.size === 1 ? [...hosts][0]! : '',
    preset,
    outcome: lead?.outcome ?? 'cancelled',
    ok: failure === undefined && batch.rows.length > 0,
    status: null,
    error: null,
    durationMs: Math.max(0, durationMs),
    batch,
  };
}
