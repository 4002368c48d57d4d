// The command line as this process was started with it. Node reads an argument's bytes that are
// not UTF-8 as U+FFFD: typed in a terminal set to another character set (Latin-1's "café" is
// 63 61 66 e9), a client ID, scope or grant type was sent as other text than typed, and rejected
// as a wrong key, where a --secret-env variable or standard input in such bytes is refused.
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';

/** The bytes of the last `count` arguments as the process was started (Linux's /proc), or null. */
export function startingArgBytes(count: number): Buffer[] | null {
  try {
    const cmdline = readFileSync('/proc/self/cmdline');
    const args: Buffer[] = [];
    for (let start = 0; start < cmdline.length;) {
      let end = cmdline.indexOf(0, start);
      if (end === -1) end = cmdline.length;
      args.push(cmdline.subarray(start, end));
      start = end + 1;
    }
    return args.length >= count ? args.slice(args.length - count) : null;
  } catch {
    return null;
  }
}

/**
 * The first argument that is not the UTF-8 text it was started with (its index in `argv`), or -1:
 * also where its bytes cannot be known (no /proc), and a U+FFFD really typed, which is UTF-8.
 */
export function notUtf8Argument(
  argv: readonly string[],
  bytesOf: (count: number) => readonly Buffer[] | null = startingArgBytes,
): number {
  if (!argv.some((arg) => arg.includes('\uFFFD'))) return -1;
  const bytes = bytesOf(argv.length);
  if (bytes === null || bytes.length !== argv.length) return -1;
  // Bytes that do not read as the arguments are not theirs: a process title (node --title=…, in
  // NODE_OPTIONS too) is written over the command line, which /proc then shows as the title and
  // empty arguments, so a U+FFFD really typed was refused as not UTF-8.
  if (argv.some((arg, i) => bytes[i]!.toString('utf8') !== arg)) return -1;
  return argv.findIndex((arg, i) => arg.includes('\uFFFD') && !isUtf8(bytes[i]!));
}

/** "--client-id's value" or "an argument": which one, never what it holds (it could be a secret). */
export function argumentName(argv: readonly string[], index: number): string {
  const option =
    /^--[a-z-]+(?==)/.exec(argv[index] ?? '')?.[0] ?? /^--[a-z-]+$/.exec(argv[index - 1] ?? '')?.[0];
  return option === undefined ? 'an argument' : `the value of ${option}`;
}
