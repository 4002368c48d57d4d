// The client secret, from an environment variable, a pipe, or typed at a terminal without being
// shown — never from an argument (see args.ts). Values are kept exactly as given, as the window
// sends them: only the one line break that `echo` or an editor adds at the end is dropped.
import { isUtf8 } from 'node:buffer';
import { fstatSync, readFileSync } from 'node:fs';
import type { Env } from '../config';

/** Far more than any client secret: a bigger input is the wrong file or pipe, not a secret. */
export const MAX_SECRET_BYTES = 64 * 1024;

export type SecretRead =
  | { readonly ok: true; readonly secret: string }
  | { readonly ok: false; readonly message: string; readonly interrupted: boolean };

const refuse = (message: string, interrupted = false): SecretRead => ({ ok: false, message, interrupted });

function checked(secret: string): SecretRead {
  return secret === '' ? refuse('The client secret is empty.') : { ok: true, secret };
}

export function stripOneLineBreak(text: string): string {
  if (text.endsWith('\r\n')) return text.slice(0, -2);
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

/**
 * The variable's bytes as this process was started with them (Linux's /proc), or null where that
 * cannot be known. The first of a name given twice, as getenv and process.env read it.
 */
export function startingEnvBytes(variable: string): Buffer | null {
  try {
    const prefix = Buffer.from(`${variable}=`);
    const environ = readFileSync('/proc/self/environ');
    for (let start = 0; start < environ.length;) {
      let end = environ.indexOf(0, start);
      if (end === -1) end = environ.length;
      const entry = environ.subarray(start, end);
      if (entry.subarray(0, prefix.length).equals(prefix)) return entry.subarray(prefix.length);
      start = end + 1;
    }
    return null;
  } catch {
    return null;
  }
}

/** Half of a UTF-16 surrogate pair on its own (a Windows environment can hold one). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The value is the variable's bytes read as UTF-8, each as it was (none mended into U+FFFD). */
const asStarted = (value: string, bytes: Buffer | null) =>
  bytes !== null && isUtf8(bytes) && bytes.toString('utf8') === value;

export function secretFromEnv(
  env: Env,
  variable: string,
  bytesOf: (variable: string) => Buffer | null = startingEnvBytes,
): SecretRead {
  // Only the environment's own variables: process.env inherits from Object.prototype, so a name
  // such as `constructor`, `toString` or `__proto__` would otherwise read a function or an object
  // (and crash as an internal error) instead of being the unset variable it is.
  const value = Object.hasOwn(env, variable) ? env[variable] : undefined;
  // The variable's name is not repeated: it could itself be a secret given in the wrong place.
  if (typeof value !== 'string') return refuse('The environment variable named by --secret-env is not set.');
  // Node reads the environment's bytes that are not UTF-8 as U+FFFD, and the form body turns a
  // lone surrogate into one: either would be sent as a secret other than the one given, as
  // standard input's would (refused there too). A U+FFFD really typed is UTF-8 in the bytes.
  if (LONE_SURROGATE.test(value) || (value.includes('\uFFFD') && !asStarted(value, bytesOf(variable)))) {
    return refuse(
      'The environment variable named by --secret-env is not UTF-8 text, so the secret cannot be sent as given; nothing was sent.',
    );
  }
  return checked(value);
}

/** A pipe or file, read to its end but no further than any secret could be. */
async function readAll(stream: AsyncIterable<unknown>, maxBytes: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += bytes.byteLength;
    if (size > maxBytes) return null;
    chunks.push(bytes);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    return NOT_UTF8;
  }
}

/** Bytes that are not UTF-8 cannot be sent as given (the form body is UTF-8): refused, not mended. */
const NOT_UTF8 = '\u0000not utf-8';

export type HiddenLine = {
  readonly value: string;
  readonly end: 'more' | 'enter' | 'interrupt';
  /** The start of an escape sequence the keys ended in: kept for the next keys (see typeHidden). */
  readonly pending: string;
};

// Escape sequences (arrow keys, bracketed paste markers, Alt with a key) are keys, not characters
// of the secret. Never a control key after ESC: Enter, Ctrl-C and Backspace keep their meaning.
// eslint-disable-next-line no-control-regex
const ESCAPE_SEQUENCE = /\u001b(\[[0-?]*[ -/]*[@-~]|O[ -~]|[ -~])?/gu;

/** A control sequence cut short at the end of the keys read so far (ESC, ESC [ 2 0 1 …). */
// eslint-disable-next-line no-control-regex
const INCOMPLETE_ESCAPE = /\u001b(\[[0-?]*[ -/]*)?$/u;

/**
 * Applies keys typed in raw mode: Enter or Ctrl-D ends, Backspace deletes, Ctrl-U clears, Ctrl-C
 * stops. Ctrl-D on nothing typed is the end of input, as at a shell: it stops too. Tab is white
 * space typed, kept as any other character. A terminal may deliver an escape sequence (a pasted
 * text's end marker, ESC [ 2 0 1 ~) in two reads: its start is kept in `pending` and read with the
 * next keys, so no part of it becomes part of the secret. An Escape key pressed on its own is
 * dropped when the next keys come, unless they start with "[" (a sequence's second half).
 */
export function typeHidden(value: string, keys: string, pending = ''): HiddenLine {
  let input = pending + keys;
  if (pending === '\u001b' && keys !== '' && keys[0] !== '[') input = keys;
  const incomplete = INCOMPLETE_ESCAPE.exec(input);
  const rest = incomplete === null ? '' : input.slice(incomplete.index);
  let current = value;
  for (const key of input.slice(0, input.length - rest.length).replace(ESCAPE_SEQUENCE, '')) {
    if (key === '\u0004' && current === '') return { value: '', end: 'interrupt', pending: '' };
    if (key === '\r' || key === '\n' || key === '\u0004')
      return { value: current, end: 'enter', pending: '' };
    if (key === '\u0003') return { value: '', end: 'interrupt', pending: '' };
    if (key === '\u007f' || key === '\b') current = [...current].slice(0, -1).join('');
    else if (key === '\u0015') current = '';
    else if (key >= ' ' || key === '\t') current += key;
  }
  return { value: current, end: 'more', pending: rest };
}

export interface SecretInput extends AsyncIterable<unknown> {
  readonly isTTY?: boolean;
  setRawMode?(raw: boolean): unknown;
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  off(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  off(event: 'end', listener: () => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

function promptHidden(
  stdin: SecretInput & { setRawMode(raw: boolean): unknown },
  say: (text: string) => void,
  stopped: AbortSignal | undefined,
) {
  return new Promise<SecretRead>((resolve) => {
    let value = '';
    let pending = '';
    // Bytes, decoded here: a terminal set to another encoding (Latin-1: é is one byte, E9) would
    // otherwise have its keys mended into U+FFFD and another secret sent than the one typed, which
    // a pipe or --secret-env refuse. The keys are still read to Enter, so none is echoed after.
    // ignoreBOM: a secret that starts with U+FEFF (pasted, invisible) keeps it, as --secret-env
    // and the window keep it; TextDecoder would otherwise drop it and send another secret.
    const utf8 = () => new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    let decoder = utf8();
    let notUtf8 = false;
    const decode = (chunk: Buffer | string): string => {
      if (typeof chunk === 'string') return chunk;
      try {
        return decoder.decode(chunk, { stream: true });
      } catch {
        notUtf8 = true;
        decoder = utf8();
        // Enter and Ctrl-C are still read as keys.
        return new TextDecoder('utf-8').decode(chunk);
      }
    };
    const finish = (read: SecretRead) => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stopped?.removeEventListener('abort', onStop);
      try {
        stdin.setRawMode(false);
      } catch {
        // The terminal hung up (closed, the connection to it lost): there is no echo to restore,
        // and Node throws (EIO) for want of an 'error' listener.
      }
      stdin.pause();
      say('\n');
      resolve(read);
    };
    const onData = (chunk: Buffer | string) => {
      const typed = typeHidden(value, decode(chunk), pending);
      value = typed.value;
      pending = typed.pending;
      if (typed.end === 'more') return;
      finish(
        typed.end === 'interrupt'
          ? refuse('Interrupted.', true)
          : notUtf8
            ? refuse(
                'What was typed is not UTF-8 text (is the terminal set to another encoding?), so the secret cannot be sent as given; nothing was sent.',
              )
            : checked(value),
      );
    };
    // The terminal went away (hung up, closed): what was typed so far is not a secret to send.
    const onEnd = () => finish(refuse('Interrupted.', true));
    // A signal (Ctrl-C sent by another process, a kill, the terminal hung up): the prompt ends as
    // Ctrl-C ends it, the terminal's echo back on.
    const onStop = () => finish(refuse('Interrupted.', true));
    if (stopped?.aborted) return resolve(refuse('Interrupted.', true));
    stopped?.addEventListener('abort', onStop, { once: true });
    // Echo goes off before the prompt appears, so nothing typed after it can be shown.
    stdin.setRawMode(true);
    say('Client secret (not shown as you type): ');
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.resume();
  });
}

/** Standard input is a folder (`< /some/dir`): Node then gives a stream that is simply empty. */
function stdinIsFolder(): boolean {
  try {
    return fstatSync(0).isDirectory();
  } catch {
    return false;
  }
}

/** Resolves (to null) when `stopped` aborts, which may be never. */
function whenStopped(stopped: AbortSignal | undefined): Promise<null> {
  return new Promise((resolve) => {
    if (stopped?.aborted) resolve(null);
    else stopped?.addEventListener('abort', () => resolve(null), { once: true });
  });
}

/**
 * `--secret-stdin`: a terminal is asked, without echo; a pipe or file is read to its end.
 * `stopped` (a signal) ends either as an interruption: nothing read is a secret to send.
 */
export async function secretFromStdin(
  stdin: SecretInput,
  say: (text: string) => void,
  isFolder: () => boolean = stdinIsFolder,
  stopped?: AbortSignal,
): Promise<SecretRead> {
  if (stdin.isTTY && stdin.setRawMode) {
    return promptHidden(stdin as SecretInput & { setRawMode(raw: boolean): unknown }, say, stopped);
  }
  if (isFolder()) {
    return refuse('Standard input is a folder, not a file or a pipe: no secret could be read from it.');
  }
  let text: string | null;
  try {
    text = await Promise.race([readAll(stdin, MAX_SECRET_BYTES), whenStopped(stopped)]);
  } catch (error) {
    // Open for writing only (`0>file`), a device that fails: the command line's input is wrong,
    // not this program. Only the error's code is said (its message is not this program's words).
    if (stopped?.aborted) return refuse('Interrupted.', true);
    const code = (error as NodeJS.ErrnoException | null)?.code;
    const why = typeof code === 'string' && /^E[A-Z]+$/.test(code) ? ` (${code})` : '';
    return refuse(`Standard input could not be read${why}, so no secret was read from it; nothing was sent.`);
  }
  if (stopped?.aborted) return refuse('Interrupted.', true);
  if (text === null) {
    return refuse(
      `Standard input holds more than ${MAX_SECRET_BYTES / 1024} KiB: that is not a client secret.`,
    );
  }
  if (text === NOT_UTF8) {
    return refuse(
      'Standard input is not UTF-8 text, so the secret cannot be sent as given; nothing was sent.',
    );
  }
  return checked(stripOneLineBreak(text));
}
