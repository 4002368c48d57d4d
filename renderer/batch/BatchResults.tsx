// "Check all profiles": the run's table (one row per profile: status, verdict, time) and the full
// result of the row opened, asked of the main side only then. Part of the on-demand BatchPanel
// chunk (./BatchPanel.tsx is its only importer).
import { memo, useEffect, useState } from 'react';
import type { BatchRunRow } from '../../app/batch-run';
import type { IpcFailure, IpcResponse } from '../../app/ipc-contract';
import { useBridge } from '../bridge';
import { FailureView, RefusalView, SuccessView } from '../deferred';

function statusOf(row: BatchRunRow): string {
  if (row.phase === 'waiting') return 'Waiting';
  if (row.phase === 'running') return 'Checking…';
  if (row.phase === 'not-started') return 'Not started';
  if (row.verdict === null) return 'Refused';
  return row.verdict.status === null ? 'No answer' : `HTTP ${row.verdict.status}`;
}

function verdictOf(row: BatchRunRow): string {
  if (row.phase === 'not-started') return 'Cancelled before it started';
  if (row.refusal !== null) return row.refusal;
  if (row.verdict === null) return '';
  const { title, access } = row.verdict;
  return access ? `${title} · ${access.title}` : title;
}

const Row = memo(function Row({
  row,
  open,
  onOpen,
}: {
  row: BatchRunRow;
  open: boolean;
  onOpen: (profileId: string | null) => void;
}) {
  const settled = row.phase === 'done';
  const { verdict } = row;
  // Failed as the run's summary counts it: a token whose key may not use Messaging too.
  const tone = verdict?.ok && verdict.access?.ok !== false ? 'ok' : settled ? 'failed' : 'quiet';
  return (
    <div role="row" className={`batch__row batch__row--${tone}`}>
      <span role="rowheader">{row.name}</span>
      <span role="cell">{statusOf(row)}</span>
      <span role="cell">{verdictOf(row)}</span>
      <span role="cell">{row.verdict ? `${Math.round(row.verdict.durationMs)} ms` : ''}</span>
      <span role="cell">
        {settled ? (
          <button
            type="button"
            className="quiet"
            aria-expanded={open}
            aria-label={`${open ? 'Hide' : 'Explain'} ${row.name}`}
            onClick={() => onOpen(open ? null : row.profileId)}
          >
            {open ? 'Hide' : 'Explain'}
          </button>
        ) : null}
      </span>
    </div>
  );
});

/**
 * Rows in blocks of this many, each block skipped by the browser while out of view (styles.css):
 * per block, not per row, since finding out what is in view costs the window work per skipped
 * element and frame, which for a hundred rows was more than the skipping saved. Small blocks: all
 * of a block near the view is laid out, even the rows of it out of view.
 */
const CHUNK = 8;

/** A row's height, waiting or done (styles.css, .batch__row min-height). */
const ROW_HEIGHT_PX = 36;

/**
 * The blocks for a table of `count` rows, the rows it has so far in the first ones. A block is
 * keyed by its place, so it stays the same element from a run's start to its end: the browser
 * finds out once, at the start, which blocks are near the view (for a new block that is a second
 * layout in the same frame, cheap while it is empty), and the rows that come later are laid out
 * in one pass.
 */
function blocks(rows: readonly BatchRunRow[], count: number): BatchRunRow[][] {
  const out: BatchRunRow[][] = [];
  for (let i = 0; i < Math.max(count, rows.length); i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

/** How many rows of a table of `count` the block at `index` holds once filled. */
const blockSize = (count: number, index: number) => Math.min(CHUNK, count - index * CHUNK);

/**
 * The run's table. While a new run has no news yet (the main side sends news at most every
 * PROGRESS_GAP_MS, main/handlers/batch-handlers.ts), its body keeps the rows it showed last, held
 * out of sight and marked busy (useBatchRun), so a run's start redraws no row: most of a short
 * run's work in the window was drawing a hundred rows twice, once waiting and once answered.
 */
export const Results = memo(function Results({
  rows,
  count,
  held,
  openId,
  onOpen,
}: {
  rows: readonly BatchRunRow[];
  /** The rows the table is to have: a new run's, while it holds the rows shown before. */
  count: number;
  held: boolean;
  openId: string | null;
  onOpen: (profileId: string | null) => void;
}) {
  return (
    <>
      {/* A table in ARIA terms, each row a flex line of fixed widths: a <table> is laid out as a
              whole whenever a cell changes, while these rows are laid out (and painted) only when
              in view. */}
      <div role="table" aria-label="Results by profile" className="batch__results" aria-busy={held}>
        <div role="rowgroup">
          <div role="row" className="batch__row batch__row--head">
            <span role="columnheader">Profile</span>
            <span role="columnheader">Status</span>
            <span role="columnheader">Verdict</span>
            <span role="columnheader">Time</span>
            <span role="columnheader">Details</span>
          </div>
        </div>
        <div role="rowgroup" className={held ? 'batch__body batch__body--held' : 'batch__body'}>
          {blocks(rows, count).map((rows, index) => {
            // Its own height, filled or not and while out of view, so nothing below it moves
            // when its rows come or when it comes into view (the last block may be short).
            const height = `${Math.max(rows.length, blockSize(count, index)) * ROW_HEIGHT_PX}px`;
            return (
              <div
                className="batch__chunk"
                key={index}
                style={{ containIntrinsicSize: `auto ${height}`, minHeight: height }}
              >
                {rows.map((row) => (
                  <Row key={row.profileId} row={row} open={row.profileId === openId} onOpen={onOpen} />
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </>
  );
});

/**
 * A row's full result, asked of the main side when the row is opened: the rows carry only their
 * verdicts, so a run's tokens stay there until a row is opened.
 */
export function Explanation({ runId, index, row }: { runId: string; index: number; row: BatchRunRow }) {
  const api = useBridge();
  const [answer, setAnswer] = useState<IpcResponse<'batchAnswer'> | null>(null);
  const requestId = row.verdict?.requestId ?? null;
  useEffect(() => {
    if (requestId === null) return;
    let current = true;
    void api
      .batchAnswer({ runId, index })
      .catch(() => refusal(UNREACHABLE))
      .then((got) => {
        if (current) setAnswer(got);
      });
    return () => {
      current = false;
    };
  }, [api, runId, index, requestId]);
  // A refused row, an answer that could not be had, or one for another request: said as such.
  let failure: IpcFailure | null = null;
  if (requestId === null) failure = refusal(row.refusal ?? '');
  else if (answer !== null && !answer.ok) failure = answer;
  else if (answer !== null && answer.result.requestId !== requestId) failure = refusal(UNREACHABLE);
  return (
    <section
      className="batch__detail"
      aria-label={`Result for ${row.name}`}
      aria-busy={answer === null && !failure}
    >
      {failure ? (
        <RefusalView failure={failure} />
      ) : answer === null || !answer.ok ? (
        <p className="status">Loading the details…</p>
      ) : answer.result.ok ? (
        <SuccessView key={requestId} result={answer.result} access={answer.access} />
      ) : (
        <FailureView key={requestId} result={answer.result} />
      )}
    </section>
  );
}

const UNREACHABLE = 'The details could not be had from the app’s main process.';

const refusal = (message: string): IpcFailure => ({ ok: false, kind: 'app-error', message, issues: [] });
