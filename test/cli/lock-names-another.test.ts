// A data folder's lock that a crash left where a process's start time cannot be read (macOS,
// Windows: the lock has none), naming a process id another program was given since. It is taken
// for the app's, and the refusal said only "stop it first" or "wait for it to finish": stopping
// process N stops that other program, and waiting never ends. The refusal now says which file to
// delete if process N is not the app, and doing so lets the app start.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readlink, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../main/browser/data-lock';
import { assertBuiltCli, CLI_PATH, onlyJson, runCli } from '../support/cli';
import { firstJsonLine } from '../support/pair';
import { undoneAfterEach } from '../support/per-test';

const { started, folder } = undoneAfterEach();
let data = '';

beforeAll(() => assertBuiltCli());

describe('a lock naming a process that is not the app', () => {
  it('is refused with the file to delete, and deleting it lets browser mode start', async () => {
    data = await folder('lock-names-another-');
    // Another program, given the id of the crashed app's process.
    const other = spawn('sleep', ['infinity'], { stdio: 'ignore' });
    started.push(other);
    const lockFile = path.join(data, LOCK_FILE);
    const advice = `If process ${other.pid} is not telstra-token or Telstra Token Tester (a crash can leave a lock naming a process started since), delete ${lockFile} and try again.`;
    const env = { TOKEN_TESTER_USER_DATA_DIR: data, BROWSER: 'none' };

    for (const holder of ['browser mode', 'a profiles import']) {
      await writeFile(lockFile, `${other.pid}\n${holder}\n`);
      const ui = await runCli(['ui', '--json', '--no-open'], { env });
      expect(ui.code).toBe(1);
      expect(String(onlyJson(ui).message)).toContain(advice);
      const imported = await runCli(['profiles', 'import', '--from-env', '--yes', '--json'], { env });
      expect(imported.code).toBe(1);
      expect(onlyJson(imported)).toMatchObject({ written: false });
      expect(String(onlyJson(imported).message)).toContain(advice);
    }

    await rm(lockFile);
    const ui = spawn(process.execPath, [CLI_PATH, 'ui', '--json', '--no-open'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    started.push(ui);
    expect((await firstJsonLine(ui)).origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const exited = new Promise((resolve) => ui.once('exit', resolve));
    ui.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('has no file to delete where the lock is known to be its holder', async () => {
    data = await folder('lock-names-another-');
    // A running holder: its start time in the lock matches (Linux), or it runs on another computer
    // (this lock is fresh). The named process is the app, or the id means nothing here: checking
    // it here, finding another program, and deleting the lock made two apps write the folder.
    const holder = spawn('sleep', ['infinity'], { stdio: 'ignore' });
    started.push(holder);
    const start = readFileSync(`/proc/${holder.pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[19];
    const local = `${holder.pid}\nbrowser mode\n${start}\n${hostname()}\n${await readlink('/proc/self/ns/pid')}\n`;
    const env = { TOKEN_TESTER_USER_DATA_DIR: data, BROWSER: 'none' };
    for (const lock of [local, `1\nbrowser mode\n\nanother-computer.invalid\n\n`]) {
      await writeFile(path.join(data, LOCK_FILE), lock);
      const ui = await runCli(['ui', '--json', '--no-open'], { env, timeoutMs: 10_000 });
      expect(ui.code).toBe(1);
      expect(String(onlyJson(ui).message)).toContain('already runs with this data folder');
      expect(String(onlyJson(ui).message)).not.toContain('delete');
      const imported = await runCli(['profiles', 'import', '--from-env', '--yes', '--json'], { env });
      expect(onlyJson(imported)).toMatchObject({ written: false });
      expect(String(onlyJson(imported).message)).not.toContain('delete');
    }
  });

  it('quotes the file to delete for the shell, in a folder named with a space and a quote', async () => {
    // Printed bare, "delete /tmp/it's a $HOME x/browser-mode.lock" pasted into `rm` named other files.
    data = await folder("it's a $HOME folder-");
    const other = spawn('sleep', ['infinity'], { stdio: 'ignore' });
    started.push(other);
    const lockFile = path.join(data, LOCK_FILE);
    await writeFile(lockFile, `${other.pid}\nbrowser mode\n`);
    const env = { TOKEN_TESTER_USER_DATA_DIR: data, BROWSER: 'none' };
    const ui = await runCli(['ui', '--no-open'], { env });
    const imported = await runCli(['profiles', 'import', '--from-env', '--yes', '--json'], { env });
    for (const message of [ui.stderr, String(onlyJson(imported).message)]) {
      const quoted = /delete (.+) and try again/.exec(message)?.[1] ?? '';
      expect(quoted, message).not.toBe(lockFile);
      expect(execFileSync('sh', ['-c', `ls -d -- ${quoted}`], { encoding: 'utf8' })).toBe(`${lockFile}\n`);
    }
  });
});
