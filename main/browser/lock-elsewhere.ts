// Where a data folder's lock holder runs when it is not here (data-lock.ts): a lock written on
// another computer sharing the folder, or in a container with its own process ids, names a
// process id that means nothing on this computer, and the refusals said only "process 1234",
// which sent users looking for it here. They now say where it runs.
import { withoutHiddenCharacters, withoutMarkFloods } from '../../app/hidden-text';
import { visibleControls } from '../cli/format/terminal-safe';

/**
 * Where the lock was written: another computer (`computer`, its name as shownHost gives it), or
 * (`computer` null) another PID namespace of this one, a container or sandbox.
 */
export type Elsewhere = { readonly computer: string | null };

/** Linux's longest host name (HOST_NAME_MAX): a longer name is cut to it, with "…". */
const MAX_HOST = 64;

const capped = (text: string) => {
  const chars = Array.from(text);
  return chars.length > MAX_HOST ? `${chars.slice(0, MAX_HOST - 1).join('')}…` : text;
};

/**
 * The host name a lock file's fourth line gives, as a sentence may quote it: anyone sharing the
 * folder can write that line. Short; controls, bidirectional and other format characters as
 * visible escapes ("\x1b", "\u202e"), the other invisible ones and a flood of marks as U+FFFD, and
 * the quotes it is shown in (“ ”) as U+FFFD, so it cannot end the quotation and go on in the app's
 * words.
 */
export function shownHost(line: string): string {
  const safe = withoutMarkFloods(withoutHiddenCharacters(visibleControls(capped(line))));
  return capped(safe.replace(/[“”]/g, '\ufffd'));
}

/**
 * The process a refused lock names, and where it runs when not here: "process 1234", "process 1234
 * on the computer “otherhost”", "process 1234 in another container or PID namespace".
 */
export function holderProcess(lock: { readonly pid: number; readonly elsewhere?: Elsewhere }): string {
  const where =
    lock.elsewhere === undefined
      ? ''
      : lock.elsewhere.computer === null
        ? ' in another container or PID namespace'
        : ` on the computer “${lock.elsewhere.computer}”`;
  return `process ${lock.pid}${where}`;
}
