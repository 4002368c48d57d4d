// The `telstra-token` executable (bundled to dist/cli/telstra-token.cjs, run by plain Node): the
// process around runCli. It never imports Electron. Whatever goes wrong, nothing printed here
// quotes an error message or an argument, since either could hold the secret.
import { closeSync, readlinkSync, realpathSync, writeSync } from 'node:fs';
import { isatty } from 'node:tty';
import { startingArgBytes } from './arg-bytes';
import { EXIT, type ExitCode } from './exit-codes';
import { settleLateWrites } from './keychain/late-writes';
import { createOutput, type CliIo, type OutputStream } from './io';
import { runCli } from './run';
import { runAs } from './run-as';
import { colourAllowed } from './style';
import { FILE_PROBLEMS } from '../storage/file-problems';
import { PROGRAM } from './usage';

const argv = process.argv.slice(2);

/**
 * The code of the first write of the output that failed other than on a closed pipe: a full disk
 * (`profiles export > backup.json`), an I/O error. Such a command exited 0 with its output cut
 * short or empty, so a script took an empty backup or token file for a good one.
 */
let outputFailed: string | null = null;

/** Standard output can take no more (see CliIo.outputClosed). */
let outputGone!: () => void;
const outputClosed = new Promise<void>((resolve) => (outputGone = resolve));

/** Notes a write's failure; a closed pipe (`| head -1`) ends the output, not the program. */
function failed(error: NodeJS.ErrnoException | null): void {
  if (error !== null && error.code !== 'EPIPE') outputFailed ??= error.code ?? 'error';
}

function stream(target: NodeJS.WriteStream, onClosed?: () => void): OutputStream {
  target.on('error', (error: NodeJS.ErrnoException) => {
    failed(error);
    onClosed?.();
  });
  return { write: (text) => void target.write(text), colour: colourAllowed(target, process.env) };
}

const output = createOutput(
  stream(process.stdout, () => outputGone()),
  stream(process.stderr),
);

/**
 * The working folder. One deleted under the shell (`rm -rf` of the folder a terminal is in) makes
 * process.cwd() throw, which ended every command, --version included, with Node's own stack
 * trace and status 1: then the folder the shell says it is in (PWD) is the one a relative path
 * was meant from (what is no longer there is then reported as missing), or the root.
 */
function workingFolder(): string {
  try {
    return process.cwd();
  } catch {
    // Linux names the folder itself; PWD may be stale (a program that changed folder before
    // starting this one), and a relative path would then be read from another folder that exists.
    try {
      const link = readlinkSync('/proc/self/cwd');
      if (link.endsWith(DELETED)) return link.slice(0, -DELETED.length);
    } catch {
      // No /proc (macOS): what the shell says.
    }
    return process.env.PWD?.startsWith('/') ? process.env.PWD : '/';
  }
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/** A command's listener (io.untilStopped) took Ctrl-C or a termination signal. */
let stopRequested = false;

/** What Linux adds to the name of a folder that was deleted. */
const DELETED = ' (deleted)';

const io: CliIo = {
  env: process.env,
  // Opened only by a command that reads it.
  get stdin() {
    return process.stdin;
  },
  platform: process.platform,
  // Only the profile commands need it, and node:os with it: loaded here, not at every start.
  get homeDir() {
    const { homedir, userInfo } = process.getBuiltinModule('node:os');
    // As Chromium's GetHomeDir: HOME unless it is empty, then the account's own (never '', which
    // would put the profiles in the working folder).
    return homedir() || userInfo().homedir;
  },
  // Read when a relative path is resolved, not at start: see workingFolder.
  get cwd() {
    return workingFolder();
  },
  now: Date.now,
  startingArgs: startingArgBytes,
  untilStopped: () =>
    new Promise((resolve) => {
      for (const signal of STOP_SIGNALS)
        process.once(signal, () => {
          stopRequested = true;
          resolve();
        });
    }),
  outputClosed,
  // Only help and the sandbox suggest commands; working it out looks along PATH.
  get runAs() {
    const realpath = (file: string) => {
      try {
        return realpathSync(file);
      } catch {
        return null;
      }
    };
    const scriptPath = realpath(__filename) ?? __filename;
    return runAs({
      scriptPath,
      env: process.env,
      platform: process.platform,
      cwd: workingFolder(),
      realpath,
    });
  },
};

/** Where the error happened: the stack without its first lines, which repeat the message. */
function framesOf(error: Error): string[] {
  const messageLines = `${error.name}: ${error.message}`.split('\n').length;
  return (error.stack ?? '')
    .split('\n')
    .slice(messageLines)
    .filter((line) => /^\s+at /.test(line));
}

/** The error's kind and where it happened (stack frames hold code locations, not data). */
function reportCrash(error: unknown): ExitCode {
  const name = error instanceof Error ? error.name : typeof error;
  const frames = error instanceof Error ? framesOf(error) : [];
  output.err.line(
    `${PROGRAM}: internal error (${name}). Its message is not shown, in case it holds a secret.`,
  );
  for (const frame of frames.slice(0, 8)) output.err.line(frame);
  return internalError();
}

/** With --json, the one JSON object an internal error is; its exit status. */
function internalError(): ExitCode {
  if (argv.includes('--json')) {
    output.out.json({
      ok: false,
      exitCode: EXIT.internal,
      outcome: 'internal-error',
      title: 'Internal error',
    });
  }
  return EXIT.internal;
}

function flushed(target: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (target.destroyed || !target.writable) return resolve();
    target.write('', () => resolve());
  });
}

/** Which of standard input, output and error were a terminal when the command started. */
const startedOnTerminal = [0, 1, 2].map((fd) => isatty(fd));

/**
 * Closes standard input, output or error where it was a terminal that has since hung up (its
 * window closed, the SSH connection lost: it answers EIO, and is no terminal now). On the way out
 * Node puts every terminal it started on back as it found it, and a hung-up one fails that with an
 * assertion: the process aborted (SIGABRT, a core dump where they are kept, with whatever secret
 * was in memory) instead of exiting with its status. A descriptor closed is one it skips.
 */
function letGoOfHungUpTerminals(): void {
  if (process.platform === 'win32') return;
  for (const fd of [0, 1, 2]) {
    if (startedOnTerminal[fd] !== true || isatty(fd)) continue;
    try {
      closeSync(fd);
    } catch {
      // Closed already.
    }
  }
}

/**
 * Once a signal asked the command to stop, how long its reader may take none of the output. A
 * limit on the whole flush instead cut off a slow reader that was still reading (`| jq` on a
 * loaded computer): lines it would have taken were lost.
 */
const FLUSH_AFTER_STOP_MS = 2_000;

/** Bytes of standard output and error that their readers have not taken yet. */
const untaken = () => process.stdout.writableLength + process.stderr.writableLength;

/**
 * Resolves on Ctrl-C or a termination signal while the output is flushed, or once one came
 * before and the reader took nothing for FLUSH_AFTER_STOP_MS. A reader that does not read (a
 * stalled pipe) holds the flush for as long as it likes; a signal then was taken by a command's
 * own listener, which had nothing more to stop, and the process waited on, its signal spent (the
 * next one killed it with no exit status).
 */
function stopSignalled(): Promise<void> {
  return new Promise((resolve) => {
    for (const signal of STOP_SIGNALS) process.on(signal, () => resolve());
    if (!stopRequested) return;
    let left = untaken();
    // Looked at after the I/O that came with the timer (setImmediate): a process that was not
    // scheduled for a while sees what its reader took meanwhile before it decides.
    const look = () =>
      setImmediate(() => {
        const now = untaken();
        if (now >= left) return resolve();
        left = now;
        setTimeout(look, FLUSH_AFTER_STOP_MS);
      });
    setTimeout(look, FLUSH_AFTER_STOP_MS);
  });
}

async function finish(code: ExitCode): Promise<never> {
  await settleLateWrites((line) => output.err.line(line));
  const flushing = Promise.all([flushed(process.stdout), flushed(process.stderr)]).then(() => true);
  if (!(await Promise.race([flushing, stopSignalled().then(() => false)]))) {
    // What was not yet written is left unwritten: the status says the command was interrupted.
    letGoOfHungUpTerminals();
    process.exit(EXIT.interrupted);
  }
  // A write that failed as the command ended is reported on the next tick, after this: the stream
  // holds it already (two files written at the end, as a usage error with --json does, each
  // failing at once, exited with the command's status as if both were read).
  for (const target of [process.stdout, process.stderr]) failed(target.errored);
  if (outputFailed !== null) {
    const why = FILE_PROBLEMS[outputFailed] ?? outputFailed;
    try {
      // Directly: standard error may be the output that failed.
      writeSync(2, `${PROGRAM}: the output could not be written (${why}): what was printed is cut short.\n`);
    } catch {
      // Nowhere to say it: the exit status does.
    }
    letGoOfHungUpTerminals();
    process.exit(EXIT.output);
  }
  letGoOfHungUpTerminals();
  // Exit now: an idle keep-alive connection or a hung sandbox answer must not hold the process.
  process.exit(code);
}

/**
 * Nothing is left to wait for, yet the command has not finished: a promise that nothing will
 * settle, which is a defect. Said as one, not left to end the process with status 0 and no word,
 * which a script would take for success.
 */
function reportStall(): ExitCode {
  output.err.line(`${PROGRAM}: internal error (the command stopped without finishing).`);
  return internalError();
}

// SIGUSR1 opens Node's debugger in a running process (Node 20 has no switch to turn that off): any
// process of this user can send it, and the debugger, on 127.0.0.1:9229, lets any program on this
// computer read the secret from memory. A listener of its own keeps it shut; a developer who
// wants the debugger starts the command with `node --inspect`.
process.on('SIGUSR1', () => undefined);
process.once('beforeExit', () => void finish(reportStall()));
process.on('uncaughtException', (error) => void finish(reportCrash(error)));
process.on('unhandledRejection', (error) => void finish(reportCrash(error)));

runCli(argv, io, output).then(finish, (error: unknown) => finish(reportCrash(error)));
