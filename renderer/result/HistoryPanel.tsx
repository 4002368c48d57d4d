// The last attempts: a list to look back at, each entry showing its explanation again.
import { memo, useEffect, useId, useState } from 'react';
import type { Explanation } from '../../app/explanations';
import type { HistoryItem } from '../../app/history';
import { isIpcFailure } from '../../app/ipc-contract';
import { useBridge } from '../bridge';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { moveInListbox } from '../common/listbox-keys';
import { PRESETS } from '../../app/endpoints';
import { ExplanationView } from './ExplanationView';

// Made at each use, as SuccessView's: after a change of time zone, times in the new one.
const when = (at: number) =>
  new Date(at).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });

function summary(entry: HistoryItem): string {
  return entry.status === null ? entry.title : `HTTP ${entry.status} · ${entry.title}`;
}

/** The catalog lives in the main process; the window asks for one explanation when needed. */
function SelectedAttempt({ entry }: { entry: HistoryItem }) {
  const api = useBridge();
  const [explanation, setExplanation] = useState<Explanation | null>(null);
  useEffect(() => {
    if (entry.batch) return; // a batch run shows its rows, not one explanation
    let live = true;
    void api
      .explainOutcome({ outcome: entry.outcome })
      .then((answer) => {
        if (live && !isIpcFailure(answer)) setExplanation(answer.explanation);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api, entry.outcome, entry.batch]);
  return (
    <div className="history__detail" aria-label="Selected attempt" role="group">
      <h3>{entry.title}</h3>
      {entry.batch ? (
        <ul className="history__batch">
          {entry.batch.rows.map((row, i) => (
            <li key={i}>
              {row.profileName}: {row.status === null ? '' : `HTTP ${row.status} · `}
              {row.outcome}
              {row.error ? ` (${row.error})` : ''}
              {row.access ? ` · ${row.access}` : ''} · {Math.round(row.durationMs)} ms
            </li>
          ))}
        </ul>
      ) : null}
      {explanation && !entry.batch ? (
        <ExplanationView
          explanation={explanation}
          details={entry.error ? [`Error code: ${entry.error}`] : []}
        />
      ) : null}
    </div>
  );
}

/**
 * One attempt in the list, keyed by its id. An entry never changes once recorded, but for a batch
 * run's, listed while it went on (a request made meanwhile): each answer records it again, with its
 * duration so far. Its title may stay (a request cancelled is not a profile checked) while its
 * verdict, time and host change, so a row renders again when its duration or selection changes,
 * not each time the list is reloaded.
 */
const HistoryRow = memo(
  function HistoryRow({
    entry,
    selected,
    onSelect,
  }: {
    entry: HistoryItem;
    selected: boolean;
    onSelect: (id: string) => void;
  }) {
    return (
      <li
        id={`history-${entry.id}`}
        role="option"
        aria-selected={selected}
        className={`history__item history__item--${entry.ok ? 'ok' : 'failed'}`}
        onClick={() => onSelect(entry.id)}
      >
        <span className="history__when">{when(entry.at)}</span>
        <span className="history__what">{summary(entry)}</span>
        <span className="history__where">
          {/* The name and the server's error each a run of text of its own, so that one in Arabic
              or Hebrew does not take the address or the time into its right-to-left order; their
              " · " come from styles.css. */}
          <span>{entry.profileName}</span>
          {entry.host || PRESETS[entry.preset].label}
          <span>{entry.error}</span> · {Math.round(entry.durationMs)} ms
        </span>
      </li>
    );
  },
  // (`onSelect` is the panel's state setter, the same function on every render.)
  (before, after) => before.entry.durationMs === after.entry.durationMs && before.selected === after.selected,
);

/** Renders again only when its entries or its handler change, not with every change in the window. */
export const HistoryPanel = memo(function HistoryPanel({
  entries: listed,
  onClear,
}: {
  /** Null until the history has been listed. */
  entries: readonly HistoryItem[] | null;
  onClear: () => void;
}) {
  const entries = listed ?? [];
  const headingId = useId();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const index = entries.findIndex((e) => e.id === selectedId);
  const selected = index >= 0 ? entries[index] : undefined;
  // Clearing asks first, as every other removal does: nothing brings the history back.
  const [asking, setAsking] = useState(false);

  return (
    <section className="history" aria-labelledby={headingId}>
      <div className="history__head">
        <h2 id={headingId}>Recent attempts</h2>
        <button
          type="button"
          onClick={entries.length ? () => setAsking(true) : undefined}
          aria-disabled={!entries.length}
        >
          Clear history
        </button>
      </div>
      {asking ? (
        <ConfirmDialog
          request={{
            title: 'Clear the history?',
            message: `${entries.length === 1 ? 'The attempt listed here is' : `The ${entries.length} attempts listed here are`} removed from this computer, for good.`,
            confirmLabel: 'Clear history',
            cancelLabel: 'Keep them',
            onConfirm: onClear,
          }}
          onClose={() => setAsking(false)}
        />
      ) : null}
      {entries.length === 0 ? (
        <p className="hint" role="status">
          {listed
            ? 'No attempts yet. Each request is listed here, without tokens or secrets.'
            : 'Loading the history…'}
        </p>
      ) : null}
      <ul
        role="listbox"
        aria-label="History"
        tabIndex={0}
        className="history__list"
        aria-activedescendant={selected ? `history-${selected.id}` : undefined}
        onKeyDown={(event) =>
          moveInListbox(event, index, entries.length, (next) => setSelectedId(entries[next]!.id))
        }
      >
        {entries.map((entry) => (
          <HistoryRow
            key={entry.id}
            entry={entry}
            selected={entry.id === selectedId}
            onSelect={setSelectedId}
          />
        ))}
      </ul>
      {selected ? <SelectedAttempt key={selected.id} entry={selected} /> : null}
    </section>
  );
});
