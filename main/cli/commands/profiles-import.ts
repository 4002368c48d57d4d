// `telstra-token profiles import FILE|--from-env [--yes]`: the window's import, from a terminal.
// The preview is always printed first; profiles are written only after "y" at a terminal, or with
// --yes (for scripts). Anything else gets the preview and nothing written. Secrets go to the
// keychain only and are never printed; file text is made terminal-safe before it is shown.
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { ImportPreview } from '../../../app/import-preview';
import { isIpcFailure } from '../../../app/ipc-contract';
import { readCredentialText, readEnvironment, type ReadResult } from '../../import/credential-formats';
import { IMPORT_TOO_LARGE, MAX_IMPORT_CHARS } from '../../../app/import-limits';
import { createImportService, overCap } from '../../import/import-service';
import { EXIT, type ExitCode } from '../exit-codes';
import { table } from '../format/columns';
import { usageErrorJson } from '../format/result-json';
import { terminalSafe } from '../format/terminal-safe';
import type { CliIo, Output } from '../io';
import { PROGRAM } from '../usage';
import { DataFolderUnwritable, ifNotTheApp, unwritable } from '../../browser/data-folder';
import { holderProcess } from '../../browser/lock-elsewhere';
import { lockDataFolder } from '../../browser/data-lock';
import { openProfiles, tellNotices } from './profile-access';
import { TAKEN_OVER, TAKEN_OVER_IMPORT, type StillHeld } from '../../storage/folder-taken-over';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

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
  let handle: FileHandle | undefined;
  try {
    // Opened without waiting for a writer (a named pipe would otherwise hold the command forever).
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
    // Only a file: a pipe, a device (/dev/zero, /dev/urandom) or a folder has no end or no size to
    // judge it by before reading.
    const info = await handle.stat();
    if (!info.isFile()) {
      return {
        ok: false,
        message:
          'This is not a file (a folder, a device or a pipe). Choose a credentials file, a .env file or a Postman environment. Nothing was imported.',
      };
    }
    // Refused before reading: a huge file is not read into memory to be refused afterwards. Read
    // at most one byte past the limit, in case it grew since.
    const limit = MAX_IMPORT_CHARS * 4;
    if (info.size > limit) return { ok: false, message: IMPORT_TOO_LARGE };
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0 || (length += bytesRead) === buffer.length) break;
    }
    if (length > limit) return { ok: false, message: IMPORT_TOO_LARGE };
    return readCredentialText(buffer.toString('utf8', 0, length), file);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why =
      code === 'ENOENT'
        ? 'There is no such file.'
        : code === 'EACCES' || code === 'EPERM'
          ? 'This file may not be read (its permissions).'
          : 'The file could not be read.';
    return { ok: false, message: `${why} Nothing was imported.` };
  } finally {
    await handle?.close();
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

/**
 * Ctrl-C or a termination signal while an import may write: from the moment the data folder is
 * held to the end, so the question, the preview and the writing all end as Ctrl-C ends them
 * (the terminal restored, the folder let go, exit 130), never killed half-way.
 */
class Stop {
  readonly controller = new AbortController();
  /** Profiles are being written: a signal finishes the one in hand and starts no other. */
  writing = false;
  constructor(onStop: (first: boolean, writing: boolean) => void) {
    for (const signal of STOP_SIGNALS) {
      // Every such signal, not the first only: a second Ctrl-C while a slow keychain holds a row
      // would otherwise kill it between the row's secret and its profile.
      const listener = () => {
        onStop(!this.controller.signal.aborted, this.writing);
        this.controller.abort();
      };
      // Until the command exits: a signal after the last row would otherwise turn its exit
      // status into the signal's.
      process.on(signal, listener);
    }
  }
  get stopped(): boolean {
    return this.controller.signal.aborted;
  }
}

/** The answer at the terminal; Ctrl-C (or the input ending) is no, and Ctrl-C says so. */
async function askYes(
  io: CliIo,
  output: Output,
  count: number,
  stop: Stop | null,
  /** Of them, how many send their secret to a host other than Telstra's token hosts and this computer. */
  elsewhere = 0,
): Promise<'yes' | 'no' | 'interrupted'> {
  const prompt = createInterface({ input: io.stdin, output: process.stderr, terminal: true });
  // A terminal that hung up (closed, the connection to it lost) fails the prompt's reads and its
  // leaving raw mode (EIO): the question ends with its input, nothing written; not a crash that
  // leaves the data folder held.
  prompt.on('error', () => undefined);
  let interrupted = false;
  // A question is ended by its signal only: closing the prompt leaves it unanswered for good.
  const asking = new AbortController();
  const interrupt = () => {
    interrupted = true;
    asking.abort();
  };
  prompt.once('SIGINT', interrupt);
  // A signal from outside (a kill, the terminal hung up) as Ctrl-C: readline's raw mode ends.
  if (stop?.stopped) interrupt();
  stop?.controller.signal.addEventListener('abort', interrupt, { once: true });
  prompt.once('close', () => asking.abort());
  try {
    // Said again where the answer is typed: the preview's finding may be far up a long table.
    const warning =
      elsewhere === 0
        ? ''
        : `, ${elsewhere === count ? (count === 1 ? 'which sends its' : 'all sending their') : `${elsewhere} of them sending their`} secret to a host other than Telstra's token hosts and this computer`;
    const answer = await prompt.question(
      `Import ${count} profile${count === 1 ? '' : 's'}${warning}? [y/N] `,
      {
        signal: asking.signal,
      },
    );
    return /^y(es)?$/i.test(answer.trim()) ? 'yes' : 'no';
  } catch {
    return interrupted ? 'interrupted' : 'no';
  } finally {
    stop?.controller.signal.removeEventListener('abort', interrupt);
    prompt.close();
    output.err.write('');
  }
}

export async function profilesImportCommand(
  options: ImportOptions,
  io: CliIo,
  output: Output,
): Promise<ExitCode> {
  // Anything that may write holds the data folder while it does: the window (desktop or browser
  // mode) keeps the profiles file in memory and would write its copy over this import's profiles,
  // leaving their secrets in the keychain without them (main/browser/data-lock.ts).
  const mayWrite = options.yes || (io.stdin.isTTY === true && !options.json);
  // Each write (the file, a row's secret) first asks whether the lock still names this process:
  // an import paused past FOREIGN_FRESH_MS on a shared folder may have been taken over meanwhile
  // (storage/folder-taken-over.ts). The lock's own, once taken below; nothing is written before.
  let stillHeld: StillHeld = () => Promise.resolve(true);
  const { dataDir, store, profiles } = openProfiles(io, options.dataDir, mayWrite, () => stillHeld());
  const lock = mayWrite ? await lockDataFolder(dataDir, 'a profiles import').catch(unwritable) : null;
  if (lock instanceof DataFolderUnwritable) {
    const message = `${terminalSafe(lock.message)} Nothing was written.`;
    if (options.json) output.out.json({ ...usageErrorJson(message), written: false });
    else output.err.line(`${PROGRAM}: ${message}`);
    return EXIT.usage;
  }
  if (lock !== null && !lock.ok) {
    const which = lock.pid ? holderProcess(lock) : 'a process';
    const message = terminalSafe(
      (lock.heldBy === 'a profiles import' || lock.heldBy === 'the command line'
        ? `Another ${lock.heldBy === 'the command line' ? 'telstra-token command' : 'profiles import'} (${which}) is writing to this data folder. Wait for it to finish, then import again. Nothing was written.`
        : `Telstra Token Tester is running with this data folder (${lock.heldBy}, ${which}): it keeps its own copy of the profiles and would write it over what this import saves. Import from its window (Import credentials…), or stop it first. Nothing was written.`) +
        (lock.unsure ? ifNotTheApp(dataDir, lock.pid, io.platform) : ''),
    );
    if (options.json) output.out.json({ ...usageErrorJson(message), written: false });
    else output.err.line(`${PROGRAM}: ${message}`);
    return EXIT.usage;
  }
  if (lock !== null) stillHeld = () => lock.stillHeld();
  const stop =
    lock === null
      ? null
      : new Stop((first, writing) => {
          if (first && writing) output.err.line(`${PROGRAM}: stopping once the profile in hand is saved…`);
        });
  try {
    return await importInto(store, profiles, options, io, output, stop);
  } finally {
    await lock?.release();
  }
}

async function importInto(
  store: ReturnType<typeof openProfiles>['store'],
  profiles: ReturnType<typeof openProfiles>['profiles'],
  options: ImportOptions,
  io: CliIo,
  output: Output,
  stop: Stop | null,
): Promise<ExitCode> {
  // What became of the profiles file (set aside as damaged, left alone), before anything else;
  // read from the file alone: the keychain is asked only when a secret is saved.
  const { notices } = await store.load();
  tellNotices(notices, output);
  const imports = createImportService({
    profiles,
    now: () => io.now(),
    // Only a terminal without --json is asked (mayWrite in profilesImportCommand).
    howToConfirm:
      io.stdin.isTTY === true && !options.json
        ? 'you answer y at the terminal, or give --yes'
        : 'you give --yes',
  });
  const answer = await imports.preview(await readSource(options, io));
  if (isIpcFailure(answer)) {
    if (options.json) output.out.json({ ...usageErrorJson(answer.message), written: false });
    // The message can quote the file (a key's name): made terminal-safe as the preview is.
    else output.err.line(`${PROGRAM}: ${terminalSafe(answer.message)}`);
    return EXIT.usage;
  }
  const { preview } = answer;
  const importable = preview.rows.filter((row) => row.importable);
  // The command line imports every row it can: past the cap some would fail after others were
  // written, so nothing is (the window's preview says so too, and rows can be skipped there). Said
  // with the preview and instead of the question: asked first, a "y" was answered with a refusal.
  const cap = overCap(
    importable.length,
    await profiles.count(),
    // No row can be skipped here: the file is never changed by the app, so the user does it.
    'import a copy of the file without some of its profiles, import it from the window (Import credentials…), where rows can be skipped, or delete profiles there first',
  );
  if (!options.json) {
    output.out.line(`${preview.formatLabel}: ${preview.rows.length} found.${cap}`);
    for (const line of table(
      [['NAME', 'CLIENT ID', 'ENDPOINT', 'MISSING', 'FINDINGS'], ...previewLines(preview)],
      output.out.paint.dim,
    )) {
      output.out.line(line);
    }
  }
  const asked =
    !options.yes && io.stdin.isTTY === true && !options.json && cap === ''
      ? await askYes(
          io,
          output,
          importable.length,
          stop,
          importable.filter((row) => row.sendsTo?.whose === 'other').length,
        )
      : null;
  // A signal before anything is written (while the file was read, or at the question): nothing is.
  const interrupted = asked === 'interrupted' || stop?.stopped === true;
  const confirmed = (options.yes || asked === 'yes') && !interrupted;
  // A preview with --json says it in its summary; any other import past the cap is refused here.
  if (cap !== '' && (confirmed || (!options.json && !interrupted))) {
    const message = `${cap.trim()} Nothing was written.`;
    if (options.json) output.out.json({ ...usageErrorJson(message), written: false, preview });
    else output.err.line(`${PROGRAM}: ${message}`);
    return EXIT.usage;
  }
  if (confirmed && importable.length === 0) {
    // Every row lacks what a profile needs: nothing to write, and a script is told so.
    const message = 'Nothing was imported: no row has a client ID a profile can take.';
    if (options.json) output.out.json({ ...usageErrorJson(message), written: false, preview });
    else output.err.line(`${PROGRAM}: ${message}`);
    return EXIT.usage;
  }
  if (!confirmed) {
    if (options.json) output.out.json({ ok: !interrupted, written: false, stopped: interrupted, preview });
    else if (interrupted && asked !== 'interrupted')
      output.err.line(`${PROGRAM}: interrupted before anything was written. Nothing was written.`);
    else
      output.err.line(
        `Nothing was written. Run again with --yes to import${io.stdin.isTTY ? '' : ' without being asked'}.`,
      );
    return interrupted ? EXIT.interrupted : EXIT.token;
  }
  // Ctrl-C (or a termination signal) while profiles are written finishes the one in hand (its
  // secret and its profile together) and starts no other (Stop, from the moment the data folder
  // was held: a confirmed import always holds it).
  const isStopped = () => stop?.stopped === true;
  if (stop !== null) stop.writing = true;
  // Clashing names take the free name the preview showed; nothing is overwritten.
  const done = await imports.confirm(
    preview.previewId,
    preview.rows.map((row) => ({
      rowId: row.rowId,
      action: row.importable ? 'import' : 'skip',
      name: row.clash ? row.suggestedName : row.name,
    })),
    isStopped,
  );
  if (isIpcFailure(done)) {
    // A preview keeps the file's secrets for 15 minutes only: a yes typed later finds it gone.
    // Nothing was written and nothing is wrong with the command, so this is not its internal-error
    // status (70), and the window's "choose the file again" is said as running the command again.
    const message =
      done.kind === 'not-found'
        ? 'Nothing was written: the answer came after the preview had expired (15 minutes). Run the command again.'
        : `Nothing was written: ${done.message}`;
    if (options.json) output.out.json({ ...usageErrorJson(message), written: false });
    else output.err.line(`${PROGRAM}: ${message}`);
    return done.kind === 'not-found' ? EXIT.usage : EXIT.internal;
  }
  const stopped = isStopped();
  // The window's words say to restart the app; here there is none.
  const results = done.results.map((r) =>
    r.message === TAKEN_OVER ? { ...r, message: TAKEN_OVER_IMPORT } : r,
  );
  const failed = results.some((r) => r.status === 'failed');
  if (options.json) {
    // `ok`: every row chosen was imported; `written`: at least one profile was.
    const written = results.some((r) => r.status === 'imported');
    output.out.json({ ok: !failed && !stopped, written, stopped, results });
  } else {
    // A keychain that is down fails every row with the same long sentence: said once, then "as above".
    let said: string | null = null;
    for (const r of results) {
      const repeated = r.status === 'failed' && r.message === said;
      output.out.line(
        `${terminalSafe(r.name || r.rowId)}: ${repeated ? 'not imported, as above.' : r.message}`,
      );
      said = r.message;
    }
  }
  if (stopped) {
    output.err.line(`${PROGRAM}: stopped; the rows not yet imported were not.`);
    return EXIT.interrupted;
  }
  return failed ? EXIT.keychain : EXIT.token;
}
