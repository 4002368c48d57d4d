// The CLI at a real terminal: a pseudo-terminal from util-linux `script`, which a test reads and
// types into.
import { spawn } from 'node:child_process';
import { CLI_PATH } from './cli';

/** A word for the shell `script` runs the command with. */
export const quote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

/** Runs the CLI on a pseudo-terminal; `type` is called with what it printed so far. */
export function atTerminal(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  type?: (seen: string) => string | null,
) {
  const command = [process.execPath, CLI_PATH, ...args].map(quote).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    env: { ...process.env, NO_COLOR: undefined, TERM: 'xterm-256color', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let seen = '';
  let typed = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    seen += chunk;
    const keys = typed ? null : (type?.(seen) ?? null);
    if (keys !== null) {
      typed = true;
      child.stdin.write(keys);
    }
  });
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, output: seen })),
  );
}
