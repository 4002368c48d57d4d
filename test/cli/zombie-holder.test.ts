// A data folder whose lock names a process that has ended but was never reaped (a zombie): its
// parent does not wait for children, as a container's first process that is only `sleep
// infinity` does not. The process id still answers a signal, so the lock looked held for as long
// as that parent lived, and the refusal's "stop it first" could not be done.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile, readlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { alive } from '../../main/browser/process-facts';
import { assertBuiltCli, CLI_PATH, onlyJson, runCli } from '../support/cli';
import { firstJsonLine } from '../support/pair';
import { undoneAfterEach } from '../support/per-test';

const { started, folder } = undoneAfterEach();
let data = '';

beforeAll(() => assertBuiltCli());

/** A process's state letter (Linux's /proc): 'Z' once it has ended and waits to be reaped. */
function state(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0];
  } catch {
    return undefined;
  }
}

/** `telstra-token ui`, with its standard error kept for a failure's message. */
function ui(command: string, args: readonly string[]) {
  const env = { ...process.env, TOKEN_TESTER_USER_DATA_DIR: data, BROWSER: 'none' };
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const address = firstJsonLine(child).catch((error: unknown) => {
    throw new Error(`${String(error)}: ${stderr}`);
  });
  return { child, address };
}

describe('a lock whose holder ended but was never reaped', () => {
  it('does not keep browser mode from starting', async () => {
    data = await folder('zombie-holder-');
    // Browser mode started by a shell that then becomes `sleep`, which never reaps it.
    const parent = ui('bash', [
      '-c',
      '"$0" "$1" ui --json --no-open & exec sleep infinity',
      process.execPath,
      CLI_PATH,
    ]);
    await parent.address;
    const holder = Number((await readFile(path.join(data, 'browser-mode.lock'), 'utf8')).split('\n')[0]);
    expect(holder).not.toBe(parent.child.pid);
    // Killed as the out-of-memory killer does: no clean-up, the lock file stays.
    process.kill(holder, 'SIGKILL');
    await expect.poll(() => state(holder)).toBe('Z');
    // As for the desktop app's SingletonLock and a lock's leftover files, which ask the same; once
    // its other threads have ended too (its first thread is a zombie before they have).
    await expect.poll(() => alive(holder)).toBe(false);

    const next = ui(process.execPath, [CLI_PATH, 'ui', '--json', '--no-open']);
    // Refused, its one JSON line is the refusal ("already runs with this data folder").
    const answer = await next.address;
    expect(answer.origin, JSON.stringify(answer)).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const exited = new Promise((resolve) => next.child.once('exit', resolve));
    next.child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('is not a live process whose first thread ended while another runs', async () => {
    data = await folder('zombie-holder-');
    // Its state in /proc is the first thread's, Z, as a zombie's is; yet it runs and may write.
    const script = `import ctypes, threading, time
threading.Thread(target=lambda: time.sleep(1e6)).start()
ctypes.CDLL(None).pthread_exit(None)`;
    const holder = spawn('python3', ['-c', script], { stdio: 'ignore' });
    started.push(holder);
    const pid = holder.pid ?? 0;
    await expect.poll(() => state(pid)).toBe('Z');
    const start = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[19];
    const namespace = await readlink('/proc/self/ns/pid');
    await writeFile(
      path.join(data, 'browser-mode.lock'),
      `${pid}\nbrowser mode\n${start}\n${hostname()}\n${namespace}\n`,
    );
    expect(alive(pid)).toBe(true);

    const env = { TOKEN_TESTER_USER_DATA_DIR: data, BROWSER: 'none' };
    const refused = await runCli(['ui', '--json', '--no-open'], { env });
    expect(refused.code, refused.stdout).toBe(1);
    expect(String(onlyJson(refused).message)).toContain(
      `already runs with this data folder (browser mode, process ${pid})`,
    );
  });
});
