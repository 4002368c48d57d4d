// The paths the app tells the user to pass to a command (main/shell-quoted.ts), read back by a
// real POSIX shell as the very same word, whatever the path holds.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellQuoted } from '../../main/shell-quoted';

/** What `sh` reads `word` as: its one argument, printed back. */
const readBack = (word: string) => execFileSync('sh', ['-c', `printf '%s|' ${word}`], { encoding: 'utf8' });

describe('shellQuoted', () => {
  it('gives POSIX shells back each path as one word, unchanged', () => {
    for (const file of [
      '/home/me/.config/x/browser-mode.lock',
      "/home/a b/it's/browser-mode.lock",
      '/tmp/$HOME `id` $(id) "x" *?[a]/~!#;&|<>(){}',
      // A backslash outside quotes escapes the next character: "a\b" was read as "ab".
      '/tmp/a\\b/browser-mode.lock',
      "/tmp/'''/\n\t",
    ])
      expect(readBack(shellQuoted(file, 'linux'))).toBe(`${file}|`);
  });

  it('leaves a plain path bare, and quotes a Windows path with a space in double quotes', () => {
    expect(shellQuoted('/home/me/x.lock', 'darwin')).toBe('/home/me/x.lock');
    expect(shellQuoted('C:\\Users\\me\\x.lock', 'win32')).toBe('C:\\Users\\me\\x.lock');
    expect(shellQuoted('C:\\Users\\A B\\x.lock', 'win32')).toBe('"C:\\Users\\A B\\x.lock"');
  });

  it('quotes a Windows path with a comma or an equals sign, which split it into two files', () => {
    // `del C:\data\a,b\x.lock` (cmd) and `Remove-Item C:\data\a,b\x.lock` (PowerShell) name
    // C:\data\a and b\x.lock; cmd's built-in commands split at `=` and `;` too.
    for (const file of ['C:\\data\\a,b\\x.lock', 'C:\\data\\a=b\\x.lock', 'C:\\data\\a;b\\x.lock'])
      expect(shellQuoted(file, 'win32')).toBe(`"${file}"`);
    expect(shellQuoted('C:\\data-1\\a_b+c.d\\x.lock', 'win32')).toBe('C:\\data-1\\a_b+c.d\\x.lock');
  });
});
