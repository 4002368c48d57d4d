// "Check all profiles" (or a selection): the profiles to check, the run's progress, Cancel and the
// report; the table of results and each row's full explanation are ./BatchResults.tsx. Loaded on
// demand (./BatchCheck.tsx), so none of this is in the window's first paint.
import { memo, useCallback, useEffect, useId, useRef, useState, type RefObject } from 'react';
import { batchProgress } from '../../app/batch-run';
import type { BatchHistory } from '../../app/ipc-contract';
import type { ProfileSummary } from '../../app/profiles';
import { useBridge } from '../bridge';
import { useFocusHandoff } from '../hooks/useFocusHandoff';
import { Explanation, Results } from './BatchResults';
import { useBatchRun } from './useBatchRun';

export interface BatchPanelProps {
  readonly profiles: readonly ProfileSummary[];
  /** Raised by each press of "Check all profiles": a new value starts a run of every profile. */
  readonly checkAll: number;
  /**
   * Filled by the panel while it is open with what a later press of "Check all profiles" (true) or
   * "Check some…" (false) does, so such a press starts a run or brings focus to the panel without
   * redrawing the whole window (App's state stays as it is).
   */
  readonly checkAllRef?: { current: ((all: boolean) => void) | null };
  readonly onClose: () => void;
  /** After a run, with the history as its last answer left it, if it brought it (useBatchRun). */
  readonly onRunEnded: (history: BatchHistory | undefined) => void;
}

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
  startRef,
}: {
  profiles: readonly ProfileSummary[];
  chosen: ReadonlySet<string>;
  onToggle: (profileId: string) => void;
  withAccess: boolean;
  onWithAccess: (on: boolean) => void;
  running: boolean;
  onCheck: () => void;
  startRef: RefObject<HTMLButtonElement | null>;
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
      <button ref={startRef} type="button" disabled={count === 0 || running} onClick={onCheck}>
        Check selected ({count})
      </button>
    </fieldset>
  );
}

const BUSY = 'A run is going: Cancel it, or wait for its end.';

export function BatchPanel({ profiles, checkAll, checkAllRef, onClose, onRunEnded }: BatchPanelProps) {
  const api = useBridge();
  const headingId = useId();
  const { run, shown, held, wait, start, cancel } = useBatchRun(onRunEnded);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(profiles.map((p) => p.id)));
  const [withAccess, setWithAccess] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const progress = run ? batchProgress(run) : null;
  const running = progress !== null && !progress.finished;
  const checkButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const copyButton = useRef<HTMLButtonElement>(null);
  // From "Check selected" to Cancel at a run's start; at its end to "Copy report", where an Enter
  // meant as a late Cancel does no harm (on "Check selected" it would send every secret again).
  useFocusHandoff(
    running,
    {
      get current() {
        return running ? checkButton.current : copyButton.current;
      },
    },
    cancelButton,
  );

  // Opened, it takes the focus, at its heading: it comes after the whole form in reading order, and
  // the button that opened it is far from it. Closed, it gives focus back to that button.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const opener = document.activeElement;
    heading.current?.focus();
    return () => {
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);

  // One run at a time: a press while one goes on is answered, not ignored.
  const startRun = useCallback(
    (chosenProfiles: readonly ProfileSummary[]) => {
      setOpenId(null);
      const started = start(chosenProfiles, withAccess);
      // Emptied first, so that pressing again says it again.
      setNote(null);
      if (!started) requestAnimationFrame(() => setNote(BUSY));
    },
    [start, withAccess],
  );
  // Each press of "Check all profiles" starts one run of every profile (once, even if React
  // runs this effect twice).
  const handled = useRef(0);
  useEffect(() => {
    if (checkAll === 0 || checkAll === handled.current) return;
    handled.current = checkAll;
    startRun(profiles);
  }, [checkAll, profiles, startRun]);
  useEffect(() => {
    if (!checkAllRef) return;
    checkAllRef.current = (all) => {
      if (all) startRun(profiles);
      heading.current?.focus();
    };
    return () => {
      checkAllRef.current = null;
    };
  }, [checkAllRef, profiles, startRun]);

  const toggle = useCallback(
    (profileId: string) =>
      setChosen((before) => {
        const next = new Set(before);
        if (!next.delete(profileId)) next.add(profileId);
        return next;
      }),
    [],
  );
  const checkChosen = useCallback(
    () => startRun(profiles.filter((p) => chosen.has(p.id))),
    [profiles, chosen, startRun],
  );
  const openIndex = run?.rows.findIndex((row) => row.profileId === openId) ?? -1;
  const openRow = run?.rows[openIndex] ?? null;

  return (
    <section className="batch" aria-labelledby={headingId}>
      <div className="batch__head">
        <h2 id={headingId} ref={heading} tabIndex={-1}>
          Check profiles
        </h2>
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
        startRef={checkButton}
      />
      {run && progress ? (
        <>
          <div className="batch__progress">
            <p role="status">
              {/* A request Cancel stopped in flight is not a profile checked. */}
              {progress.done - progress.stopped} of {progress.total} checked
              {run.cancelled
                ? running
                  ? ' · cancelling…'
                  : ' · cancelled'
                : running && wait
                  ? ` · ${wait}`
                  : ''}
            </p>
            <progress
              max={progress.total}
              value={progress.done - progress.stopped}
              aria-label="Profiles checked"
            />
            {running ? (
              // Keyed apart: the same element would keep the focus from Cancel on "Copy report",
              // and the next Enter, meant as Cancel, would copy the report.
              <button key="cancel" ref={cancelButton} type="button" onClick={cancel} disabled={run.cancelled}>
                Cancel
              </button>
            ) : (
              <button
                key="copy"
                ref={copyButton}
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
          {/* "A run is going" is said only while one is. */}
          {note && (running || note !== BUSY) ? (
            <p className="status" role="status">
              {note}
            </p>
          ) : null}
          <Results
            rows={shown}
            count={held ? run.rows.length : shown.length}
            held={held}
            openId={openId}
            onOpen={setOpenId}
          />
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
