// "Import credentials…": the user picks or drops a file; the page reads its text (refusing a big
// file before reading it) and the main side parses it, so it works alike in Electron and browser
// mode. A preview row per profile found, a choice per row, one confirmation; nothing is stored
// before it, and the secrets go from the main side to the keychain only. The page holds the file's
// text (secrets too) only while sending it, as the issue asks (the page reads the file, so it works
// in browser mode); the preview it gets back carries no secret and the client ID masked. An
// on-demand part: fetched when the dialog is opened.
import { useEffect, useId, useRef, useState } from 'react';
import type { ImportPreview, ImportRow, ImportRowResult } from '../../app/import-preview';
import { importSummary } from '../../app/import-summary';
import { IMPORT_TOO_LARGE, MAX_IMPORT_CHARS } from '../../app/import-limits';
import { isIpcFailure } from '../../app/ipc-contract';
import { withoutBidiControls } from '../../app/bidi';
import { useBridge } from '../bridge';

/** `rename` is an import under another name; a clash has no choice until the user makes one. */
type Choice = 'import' | 'rename' | 'replace' | 'skip' | '';

const NOTHING = 'Nothing was imported.';

function initialChoice(row: ImportRow): Choice {
  // A row whose secret would go to a host neither Telstra's nor this computer (its note says
  // which) is imported only when the user chooses so.
  if (!row.importable || row.sendsTo?.whose === 'other') return 'skip';
  return row.clash ? '' : 'import';
}

function Row({
  row,
  choice,
  name,
  onChoice,
  onName,
}: {
  row: ImportRow;
  choice: Choice;
  name: string;
  onChoice: (choice: Choice) => void;
  onName: (name: string) => void;
}) {
  const notes = [
    ...row.missing.map((m) => `No ${m} in the file.`),
    ...row.findings.map((f) => f.message),
    ...(row.clash
      ? [
          row.clashInFile
            ? 'An earlier profile in this file has this name.'
            : 'A saved profile has this name.',
        ]
      : []),
  ];
  return (
    <tr data-row={row.rowId}>
      <th scope="row">{row.name}</th>
      <td className="mono">{row.maskedClientId || '—'}</td>
      <td title={row.endpointReason}>
        {withoutBidiControls(row.endpointLabel)} <span className="hint">({row.endpointReason})</span>
      </td>
      <td>{notes.join(' ') || 'Nothing to note.'}</td>
      <td>
        <select
          aria-label={`What to do with ${row.name}`}
          value={choice}
          disabled={!row.importable}
          onChange={(event) => onChoice(event.target.value as Choice)}
        >
          {row.clash ? <option value="">Choose…</option> : null}
          {row.importable && !row.clash ? <option value="import">Import</option> : null}
          {row.clash ? <option value="rename">Import under a new name</option> : null}
          {row.clash && !row.clashInFile ? <option value="replace">Replace the saved profile</option> : null}
          <option value="skip">Skip</option>
        </select>
        {choice === 'rename' ? (
          <input
            aria-label={`New name for ${row.name}`}
            value={name}
            onChange={(event) => onName(event.target.value)}
          />
        ) : null}
      </td>
    </tr>
  );
}

export function ImportDialog({ onClose, onImported }: { onClose: () => void; onImported: () => void }) {
  const api = useBridge();
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const reading = useRef(0);
  const closeButton = useRef<HTMLButtonElement>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [names, setNames] = useState<Record<string, string>>({});
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const [results, setResults] = useState<readonly ImportRowResult[]>([]);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (element && !element.open) element.showModal();
    return () => opener?.focus();
  }, []);

  const fail = (text: string) => {
    setPreview(null);
    setNote({ text, error: true });
  };

  const read = async (files: FileList | null | undefined) => {
    const file = files?.[0];
    if (!file) return;
    const turn = ++reading.current;
    setResults([]);
    setPreview(null);
    if (files.length > 1) return fail(`Drop one file at a time. ${NOTHING}`);
    // Refused before reading: UTF-8 takes at most 4 bytes a character.
    if (file.size > MAX_IMPORT_CHARS * 4) return fail(IMPORT_TOO_LARGE);
    // A file's name is the sender's choice: bidirectional controls in it ("creds\u202eini.exe")
    // would make it, and the sentence around it, read otherwise.
    setNote({ text: `Reading ${withoutBidiControls(file.name)}…`, error: false });
    let text: string;
    try {
      text = await file.text();
    } catch {
      return fail(`The file could not be read. ${NOTHING}`);
    }
    if (turn !== reading.current) return;
    // Checked here too, so an oversized text is never sent (browser mode's cap on a call fits
    // a plain-ASCII text within this limit; a longer one is refused as too much text: page-api.ts).
    if (text.length > MAX_IMPORT_CHARS) return fail(IMPORT_TOO_LARGE);
    const answer = await api.previewImport({ fileName: file.name, text }).catch(() => null);
    if (turn !== reading.current) return;
    if (answer === null) return fail(`The app did not answer. ${NOTHING}`);
    if (isIpcFailure(answer)) return fail(answer.message);
    setPreview(answer.preview);
    setChoices(Object.fromEntries(answer.preview.rows.map((row) => [row.rowId, initialChoice(row)])));
    setNames(Object.fromEntries(answer.preview.rows.map((row) => [row.rowId, row.suggestedName])));
    setNote({ text: `“${withoutBidiControls(file.name)}”: ${answer.preview.summary}`, error: false });
  };

  const confirm = async () => {
    if (!preview) return;
    const undecided = preview.rows.find((row) => choices[row.rowId] === '');
    if (undecided) {
      setNote({
        text: `Choose what to do with “${undecided.name}”: ${undecided.clashInFile ? 'an earlier profile in this file' : 'a saved profile'} has this name. ${NOTHING}`,
        error: true,
      });
      dialog.current?.querySelector<HTMLSelectElement>(`[data-row="${undecided.rowId}"] select`)?.focus();
      return;
    }
    setBusy(true);
    const answer = await api
      .importProfiles({
        previewId: preview.previewId,
        choices: preview.rows.map((row) => {
          const choice = choices[row.rowId] ?? 'skip';
          return {
            rowId: row.rowId,
            action:
              choice === 'rename'
                ? 'import'
                : choice === 'replace'
                  ? 'replace'
                  : choice === 'import'
                    ? 'import'
                    : 'skip',
            name: choice === 'rename' ? (names[row.rowId] ?? row.suggestedName) : row.name,
          };
        }),
      })
      .catch(() => null);
    setBusy(false);
    // A preview is good for one confirmation: choose the file again to import more from it. Its
    // Import button goes with it: focus moves to Close, the next step, not to the page.
    setPreview(null);
    closeButton.current?.focus();
    if (answer === null) return fail(`The app did not answer. ${NOTHING}`);
    if (isIpcFailure(answer)) return fail(answer.message);
    const imported = answer.results.filter((r) => r.status === 'imported').length;
    setResults(answer.results);
    setNote({
      text: importSummary(answer.results),
      error: imported === 0 && answer.results.some((r) => r.status === 'failed'),
    });
    onImported();
  };

  return (
    <dialog
      ref={dialog}
      className={`dialog import${dragging ? ' import--dragging' : ''}`}
      aria-labelledby={titleId}
      onClose={onClose}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        void read(event.dataTransfer.files);
      }}
    >
      <h2 id={titleId}>Import credentials</h2>
      <p className="hint">
        A <code>~/.telstra/credentials</code> file, a <code>.env</code> file or a Postman environment: choose
        it, or drop it here. Nothing is saved until you press Import; the file is only read.
      </p>
      <label className="import__file">
        Credentials file
        <input
          type="file"
          onChange={(event) => {
            const input = event.currentTarget;
            // Emptied once read, so choosing the same file again (after fixing it) reads it again;
            // the status line names the file.
            void read(input.files).finally(() => (input.value = ''));
          }}
        />
      </label>
      <p className={note?.error ? 'status status--error' : 'status'} role={note?.error ? 'alert' : 'status'}>
        {note?.text}
      </p>
      {preview && preview.rows.length > 0 ? (
        <div className="import__rows">
          <table aria-label="Profiles found">
            <thead>
              <tr>
                <th scope="col">Profile</th>
                <th scope="col">Client ID</th>
                <th scope="col">Endpoint</th>
                <th scope="col">Notes</th>
                <th scope="col">Choice</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((row) => (
                <Row
                  key={row.rowId}
                  row={row}
                  choice={choices[row.rowId] ?? 'skip'}
                  name={names[row.rowId] ?? ''}
                  onChoice={(choice) => setChoices((all) => ({ ...all, [row.rowId]: choice }))}
                  onName={(name) => setNames((all) => ({ ...all, [row.rowId]: name }))}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {results.length > 0 ? (
        <ul aria-label="Import results">
          {results.map((result) => (
            <li key={result.rowId}>
              {result.name || result.rowId}: {result.message}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="dialog__actions">
        <button ref={closeButton} type="button" onClick={() => dialog.current?.close()}>
          Close
        </button>
        {preview ? (
          <button type="button" disabled={busy} onClick={() => void confirm()}>
            Import
          </button>
        ) : null}
      </div>
    </dialog>
  );
}
