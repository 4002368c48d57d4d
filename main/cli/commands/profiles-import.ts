// `telstra-token profiles import FILE|--from-env [--yes]`: the window's import, from a terminal.
// The preview is always printed first; profiles are written only after "y" at a terminal, or with
// --yes (for scripts). Anything else gets the preview and nothing written. Secrets go to the
// keychain only and are never printed; file text is made terminal-safe before it is shown.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { ImportPreview } from '../../../app/import-preview';
import { isIpcFailure } from '../../../app/ipc-contract';
import { readCredentialText, readEnvironment, type ReadResult } from '../../import/credential-formats';
import { MAX_IMPORT_CHARS } from '../../import/hostile-text';
import { createImportService } from '../../import/import-service';
import { EXIT, type ExitCode } from '../exit-codes';
import { table } from '../format/columns';
import { terminalSafe } from '../format/terminal-safe';
import type { CliIo, Output } from '../io';
import { PROGRAM } from '../usage';
import { openProfiles } from './profile-access';

export interface ImportOptions {
  readonly file: string | null;
  readonly fromEnv: boolean;
  readonly yes: boolean;
  readonly json: boolean;
  readonly dataDir: string | null;
}

async function readSource(options: ImportOptions, io: CliIo): Promise<ReadResult> {
  if (options.fromEnv) return readEnvironment(io.env);
  const file = path.resolve(io.cwd, options.file ?? '');
  try {
    // Refused before reading: a huge file is not read into memory to be refused afterwards.
    if ((await stat(file)).size > MAX_IMPORT_CHARS * 4)
      return readCredentialText('x'.repeat(MAX_IMPORT_CHARS + 1), file);
    return readCredentialText(await readFile(file, 'utf8'), file);
  } catch {
    return { ok: false, message: 'The file could not be read. Nothing was imported.' };
  }
}

function previewLines(preview: ImportPreview): string[][] {
  return preview.rows.map((row) => [
    terminalSafe(row.clash ? `${row.name} -> ${row.suggestedName}` : row.name),
    row.maskedClientId ? terminalSafe(row.maskedClientId) : '-',
    terminalSafe(row.endpointLabel),
    row.missing.length > 0 ? `missing ${row.missing.join(', ')}` : '',
    row.findings.map((f) => terminalSafe(f.message)).join(' '),
  ]);
}

async function askYes(io: CliIo, output: Output, count: number): Promise<boolean> {
  const prompt = createInterface({ input: io.stdin, output: process.stderr, terminal: true });
  try {
    const answer = await prompt.question(`Import ${count} profile${count === 1 ? '' : 's'}? [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } catch {
    return false;
  } finally {
    prompt.close();
    output.err.write('');
  }
}

export async function profilesImportCommand(
  options: ImportOptions,
  io: CliIo,
  output: Output,
): Promise<ExitCode> {
  const { profiles } = openProfiles(io, options.dataDir);
  const imports = createImportService({ profiles, now: () => io.now() });
  const answer = await imports.preview(await readSource(options, io));
  if (isIpcFailure(answer)) {
    if (options.json) output.out.json({ ok: false, message: answer.message });
    else output.err.line(`${PROGRAM}: ${answer.message}`);
    return EXIT.usage;
  }
  const { preview } = answer;
  const importable = preview.rows.filter((row) => row.importable);
  if (!options.json) {
    output.out.line(`${preview.formatLabel}: ${preview.rows.length} found.`);
    for (const line of table(
      [['NAME', 'CLIENT ID', 'ENDPOINT', 'MISSING', 'FINDINGS'], ...previewLines(preview)],
      output.out.paint.dim,
    )) {
      output.out.line(line);
    }
  }
  const confirmed =
    options.yes ||
    (io.stdin.isTTY === true && !options.json && (await askYes(io, output, importable.length)));
  if (!confirmed) {
    if (options.json) output.out.json({ ok: true, written: false, preview });
    else
      output.err.line(
        `Nothing was written. Run again with --yes to import${io.stdin.isTTY ? '' : ' without being asked'}.`,
      );
    return EXIT.token;
  }
  // Clashing names take the free name the preview showed; nothing is overwritten.
  const done = await imports.confirm(
    preview.previewId,
    preview.rows.map((row) => ({
      rowId: row.rowId,
      action: row.importable ? 'import' : 'skip',
      name: row.clash ? row.suggestedName : row.name,
    })),
  );
  if (isIpcFailure(done)) {
    output.err.line(`${PROGRAM}: ${done.message}`);
    return EXIT.internal;
  }
  if (options.json) output.out.json({ ok: true, written: true, results: done.results });
  else for (const r of done.results) output.out.line(`${terminalSafe(r.name || r.rowId)}: ${r.message}`);
  return done.results.some((r) => r.status === 'failed') ? EXIT.keychain : EXIT.token;
}
