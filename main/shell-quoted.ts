// A path or word as the user's shell reads it back, for the commands the app tells the user to run
// (the command line's own path, run-as.ts; the lock file to delete, data-folder.ts ifNotTheApp).
// Printed bare, "delete /home/a b/.config/x/browser-mode.lock" pasted into `rm` named two other
// files, and a quote or `$(…)` in the path did worse.

/** Characters no shell acts on; a backslash only on Windows (POSIX shells drop it, unquoted). */
const PLAIN_POSIX = /^[\w@%+=:,./-]+$/;
/**
 * Not `,` `=` `;` (cmd's built-in commands, del among them, split words there, and PowerShell
 * reads `a,b` as two), nor `%` or `@` (harmless quoted): "C:\data\a,b\x.lock" printed bare named
 * two files.
 */
const PLAIN_WINDOWS = /^[\w+.:/\\-]+$/;

/**
 * `text` as one word for the shell of `platform`: as it is where nothing in it needs quoting;
 * else in POSIX single quotes, each `'` written `'\''` (Linux, macOS), or in double quotes
 * (Windows, where a path cannot hold one). Windows has no quoting both its shells read alike:
 * inside double quotes cmd still expands `%NAME%`, and PowerShell `$name` and a backtick; a path
 * with those is not made safe for them here.
 */
export function shellQuoted(text: string, platform: NodeJS.Platform): string {
  if (platform === 'win32') return PLAIN_WINDOWS.test(text) ? text : `"${text}"`;
  return PLAIN_POSIX.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
