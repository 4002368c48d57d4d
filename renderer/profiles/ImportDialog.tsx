// "Import credentials…": the user picks or drops a file, the page reads its text and the main
// side parses it (so it works alike in Electron and in browser mode); a preview row per profile
// found, a choice per row, one confirmation. The window never sees a secret from the file: rows
// carry the client ID masked. Kept small on purpose: the renderer's bundle budget.
import { useEffect, useRef, useState } from 'react';
import type { ImportChoice, ImportPreview } from '../../app/import-preview';
import { isIpcFailure } from '../../app/ipc-contract';
import { useBridge } from '../bridge';

/** As main/import/hostile-text.ts: a bigger file is refused before it is read. */
const MAX_FILE_BYTES = 48_000;

export function ImportDialog({ onClose, onImported }: { onClose: () => void; onImported: () => void }) {
  const api = useBridge();
  const ref = useRef<HTMLDialogElement>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [choices, setChoices] = useState<Record<string, ImportChoice>>({});
  const [note, setNote] = useState('');
  useEffect(() => ref.current?.showModal?.(), []);

  const read = async (file: File | undefined) => {
    if (!file) return;
    setPreview(null);
    const answer =
      file.size > MAX_FILE_BYTES
        ? null
        : await api.previewImport({ fileName: file.name, text: await file.text() }).catch(() => null);
    if (!answer || isIpcFailure(answer)) {
      setNote(answer?.message ?? 'This file is too large. Nothing was imported.');
      return;
    }
    const { rows } = answer.preview;
    setNote(answer.preview.summary);
    setPreview(answer.preview);
    // A name already in use starts unticked, with a free name to accept or change: never overwritten.
    setChoices(
      Object.fromEntries(
        rows.map((r) => [
          r.rowId,
          { rowId: r.rowId, action: r.importable && !r.clash ? 'import' : 'skip', name: r.suggestedName },
        ]),
      ),
    );
  };

  const confirm = async () => {
    if (!preview) return;
    const answer = await api
      .importProfiles({ previewId: preview.previewId, choices: Object.values(choices) })
      .catch(() => null);
    setPreview(null);
    if (!answer || isIpcFailure(answer)) return setNote(answer?.message ?? 'The app did not answer.');
    setNote(answer.results.map((r) => `${r.name}: ${r.message}`).join(' '));
    onImported();
  };

  const set = (rowId: string, change: Partial<ImportChoice>) =>
    setChoices((all) => ({ ...all, [rowId]: { ...all[rowId]!, ...change } }));

  return (
    <dialog
      ref={ref}
      className="dialog import"
      aria-label="Import credentials"
      onClose={onClose}
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        void read(e.dataTransfer.files[0]);
      }}
    >
      <h2>Import credentials</h2>
      <input type="file" aria-label="Credentials file" onChange={(e) => void read(e.target.files?.[0])} />
      <p role="status">{note}</p>
      <ul aria-label="Profiles found">
        {preview?.rows.map((r) => (
          <li key={r.rowId}>
            <label>
              <input
                type="checkbox"
                disabled={!r.importable}
                checked={choices[r.rowId]?.action === 'import'}
                onChange={(e) => set(r.rowId, { action: e.target.checked ? 'import' : 'skip' })}
              />
              Import {r.name}
            </label>
            {r.clash ? (
              <input
                aria-label={`New name for ${r.name}, a name in use`}
                value={choices[r.rowId]?.name ?? ''}
                onChange={(e) => set(r.rowId, { name: e.target.value })}
              />
            ) : null}{' '}
            {r.maskedClientId} · {r.endpointLabel}.{' '}
            {[...r.missing.map((m) => `No ${m}.`), ...r.findings.map((f) => f.message)].join(' ')}
          </li>
        ))}
      </ul>
      <div className="dialog__actions">
        <button type="button" onClick={() => ref.current?.close?.() ?? onClose()}>
          Close
        </button>
        {preview ? (
          <button type="button" onClick={() => void confirm()}>
            Import
          </button>
        ) : null}
      </div>
    </dialog>
  );
}
