// "Check all profiles" (or a selection): progress, Cancel, and one row per profile (status,
// verdict, time), each opening that profile's full explanation in the usual result views.
// Loaded on demand (./BatchCheck.tsx), so none of this is in the window's first paint.
import { memo, useCallback, useEffect, useId, useRef, useState } from 'react';
import { batchProgress, type BatchRunRow } from '../../app/batch-run';
import type { BatchHistory, IpcFailure, IpcResponse } from '../../app/ipc-contract';
import type { ProfileSummary } from '../../app/profiles';
import { useBridge } from '../bridge';
import { FailureView, RefusalView, SuccessView } from '../deferred';
import { useBatchRun } from './useBatchRun';

export interface BatchPanelProps {
  readonly profiles: readonly ProfileSummary[];
  /** Raised by each press of "Check all profiles": a new value starts a run of every profile. */
  readonly checkAll: number;
  /**
   * Filled by the panel while it is open with what a later press of "Check all profiles" does, so
   * such a press starts a run without redrawing the whole window (App's state stays as it is).
   */
  readonly checkAllRef?: { current: (() => void) | null };
  readonly onClose: () => void;
  /** After a run, with the history as its last answer left it, if it brought it (useBatchRun). */
  readonly onRunEnded: (history: BatchHistory | undefined) => void;
}

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
  const tone = row.verdict?.ok ? 'ok' : settled ? 'failed' : 'quiet';
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
            aria-label={`Explanation for ${row.name}`}
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
 * element and frame, which for a hundred rows was more than the skipping saved.
 */
const CHUNK = 20;

/** A row's height, waiting or done (styles.css, .batch__row min-height). */
const ROW_HEIGHT_PX = 36;

function chunks(rows: readonly BatchRunRow[]): BatchRunRow[][] {
  const out: BatchRunRow[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

/**
 * The run's table. While a new run has no news yet (the main side sends news at most every
 * PROGRESS_GAP_MS, main/handlers/batch-handlers.ts), its body keeps the rows it showed last, held
 * out of sight and marked busy (useBatchRun), so a run's start redraws no row: most of a short
 * run's work in the window was drawing a hundred rows twice, once waiting and once answered.
 */
const Results = memo(function Results({
  rows,
  held,
  openId,
  onOpen,
}: {
  rows: readonly BatchRunRow[];
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
          {chunks(rows).map((rows) => (
            <div
              className="batch__chunk"
              key={rows[0]!.profileId}
              // Its own height while out of view (the last block may be short), so nothing
              // below it moves when it comes into view.
              style={{ containIntrinsicSize: `auto ${rows.length * ROW_HEIGHT_PX}px` }}
            >
              {rows.map((row) => (
                <Row key={row.profileId} row={row} open={row.profileId === openId} onOpen={onOpen} />
              ))}
            </div>
          ))}
        </div>
      </div>
    </>
  );
});

/**
 * A row's full result, asked of the main side when the row is opened: the rows carry only their
 * verdicts, so a run's tokens stay there until a row is opened.
 */
function Explanation({ runId, index, row }: { runId: string; index: number; row: BatchRunRow }) {
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
        <SuccessView key={requestId} result={answer.result} />
      ) : (
        <FailureView key={requestId} result={answer.result} />
      )}
    </section>
  );
}

const UNREACHABLE = 'The details could not be had from the app’s main process.';

const refusal = (message: string): IpcFailure => ({ ok: false, kind: 'app-error', message, issues: [] });

/**
 * The profiles to choose from, apart from everything a run changes: neither its progress nor its
 * start and end redraw (or restyle) a hundred checkboxes. The choice stays open during a run; it
 * only decides what the next "Check selected" checks.
 */
const ChoiceList = memo(function ChoiceList({
  profiles,
  chosen,
  onToggle,
}: {
  profiles: readonly ProfileSummary[];
  chosen: ReadonlySet<string>;
  onToggle: (profileId: string) => void;
}) {
  return (
    <ul>
      {profiles.map((profile) => (
        <li key={profile.id}>
          <label>
            <input type="checkbox" checked={chosen.has(profile.id)} onChange={() => onToggle(profile.id)} />{' '}
            {profile.name}
          </label>
        </li>
      ))}
    </ul>
  );
});

function Chooser({
  profiles,
  chosen,
  onToggle,
  withAccess,
  onWithAccess,
  running,
  onCheck,
}: {
  profiles: readonly ProfileSummary[];
  chosen: ReadonlySet<string>;
  onToggle: (profileId: string) => void;
  withAccess: boolean;
  onWithAccess: (on: boolean) => void;
  running: boolean;
  onCheck: () => void;
}) {
  const count = profiles.filter((p) => chosen.has(p.id)).length;
  return (
    <fieldset className="batch__choose">
      <legend>Profiles to check</legend>
      <ChoiceList profiles={profiles} chosen={chosen} onToggle={onToggle} />
      <label>
        <input type="checkbox" checked={withAccess} onChange={() => onWithAccess(!withAccess)} /> Also check
        Messaging access
      </label>
      {/* One run at a time: the next waits for this one's end (or its Cancel). */}
      <button type="button" disabled={count === 0 || running} onClick={onCheck}>
        Check selected ({count})
      </button>
    </fieldset>
  );
}

export function BatchPanel({ profiles, checkAll, checkAllRef, onClose, onRunEnded }: BatchPanelProps) {
  const api = useBridge();
  const headingId = useId();
  const { run, shown, held, start, cancel } = useBatchRun(onRunEnded);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(profiles.map((p) => p.id)));
  const [withAccess, setWithAccess] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const progress = run ? batchProgress(run) : null;
  const running = progress !== null && !progress.finished;

  // Each press of "Check all profiles" starts one run of every profile (once, even if React
  // runs this effect twice).
  const handled = useRef(0);
  useEffect(() => {
    if (checkAll === 0 || checkAll === handled.current) return;
    handled.current = checkAll;
    setOpenId(null);
    start(profiles, withAccess);
  }, [checkAll, profiles, start, withAccess]);
  useEffect(() => {
    if (!checkAllRef) return;
    checkAllRef.current = () => {
      setOpenId(null);
      start(profiles, withAccess);
    };
    return () => {
      checkAllRef.current = null;
    };
  }, [checkAllRef, profiles, start, withAccess]);

  const toggle = useCallback(
    (profileId: string) =>
      setChosen((before) => {
        const next = new Set(before);
        if (!next.delete(profileId)) next.add(profileId);
        return next;
      }),
    [],
  );
  const checkChosen = useCallback(() => {
    setOpenId(null);
    start(
      profiles.filter((p) => chosen.has(p.id)),
      withAccess,
    );
  }, [profiles, chosen, withAccess, start]);
  const openIndex = run?.rows.findIndex((row) => row.profileId === openId) ?? -1;
  const openRow = run?.rows[openIndex] ?? null;

  return (
    <section className="batch" aria-labelledby={headingId}>
      <div className="batch__head">
        <h2 id={headingId}>Check profiles</h2>
        <button
          type="button"
          className="quiet"
          onClick={() => {
            // Closing stops the run: nothing more is sent for a panel no longer shown.
            cancel();
            onClose();
          }}
        >
          Close
        </button>
      </div>
      <Chooser
        profiles={profiles}
        chosen={chosen}
        onToggle={toggle}
        withAccess={withAccess}
        onWithAccess={setWithAccess}
        running={running}
        onCheck={checkChosen}
      />
      {run && progress ? (
        <>
          <div className="batch__progress">
            <p role="status">
              {progress.done} of {progress.total} checked
              {run.cancelled ? (running ? ' · cancelling…' : ' · cancelled') : ''}
            </p>
            <progress max={progress.total} value={progress.done} aria-label="Profiles checked" />
            {running ? (
              <button type="button" onClick={cancel} disabled={run.cancelled}>
                Cancel
              </button>
            ) : (
              <button
                type="button"
                onClick={() =>
                  void api
                    .copyBatchReport({ runId: run.runId })
                    .then((answer) => setNote(answer.message))
                    .catch(() => setNote('The report could not be copied.'))
                }
              >
                Copy report
              </button>
            )}
          </div>
          {note ? (
            <p className="status" role="status">
              {note}
            </p>
          ) : null}
          <Results rows={shown} held={held} openId={openId} onOpen={setOpenId} />
          {openRow ? (
            <Explanation
              key={`${run.runId} ${openIndex}`}
              runId={run.runId}
              index={openIndex}
              row={openRow}
            />
          ) : null}
        </>
      ) : null}
    </section>
  );
}
