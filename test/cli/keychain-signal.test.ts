// Ctrl-C at a terminal is sent to the whole foreground process group. The command line's keychain
// helper (main/cli/keychain/helper-keytar.ts) is in a group of its own, so in its first moments,
// before it can ignore the signal, Ctrl-C cannot kill it and be read as "No keychain service": the
// command line alone decides what Ctrl-C stops. Linux (/proc), the shared test keyring.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuiltCli, CLI_PATH, runCli } from '../support/cli';
import { requireKeyringTools, testService } from '../support/keyring';
import { startServer, type TestServer } from '../support/servers';

/** [pid, parent pid, process group] of every live process (not a zombie), from /proc/PID/stat. */
function processes(): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // After the command's name in parentheses: state, ppid, pgrp.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const [state, ppid, pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state !== 'Z') out.push([Number(name), Number(ppid), Number(pgrp)]);
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}

describe.runIf(
  process.platform === 'linux' && requireKeyringTools('Ctrl-C and the keychain helper', 'secret-tool'),
)('Ctrl-C and the keychain helper (private keyring)', () => {
  let server: TestServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    assertBuiltCli();
    // Holds every request: the command waits there, its helper alive, until Ctrl-C.
    server = await startServer(() => new Promise(() => undefined));
    const dir = await mkdtemp(path.join(tmpdir(), 'cli-keychain-signal-'));
    env = {
      TOKEN_TESTER_USER_DATA_DIR: path.join(dir, 'data'),
      TOKEN_TESTER_KEYCHAIN_SERVICE: testService(),
    };
    const file = path.join(dir, 'credentials');
    await writeFile(
      file,
      `[held]\nclient_id = held-id\nclient_secret = held-secret-value\ntoken_url = ${server.url()}\n`,
    );
    expect((await runCli(['profiles', 'import', file, '--yes'], { env, timeoutMs: 60_000 })).code).toBe(0);
  }, 90_000);

  afterAll(async () => {
    await server?.close();
  });

  it('the helper is not in the terminal’s process group: Ctrl-C stops the request, not the keychain', async () => {
    // As a shell starts a job: the command leads a process group of its own.
    const child = spawn(process.execPath, [CLI_PATH, 'request', '--profile', 'held', '--json'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // The secret was read (through the helper) and the request is at the server.
    await expect.poll(() => server.received.length, { timeout: 30_000 }).toBe(1);
    const helpers = processes().filter(([, ppid]) => ppid === child.pid);
    expect(helpers.length).toBeGreaterThan(0);
    for (const [, , pgrp] of helpers) expect(pgrp).not.toBe(child.pid);
    // Ctrl-C, as the terminal sends it: to the whole group.
    process.kill(-child.pid!, 'SIGINT');
    expect(await exited).toBe(130);
    expect(JSON.parse(stdout.trim())).toMatchObject({ ok: false, outcome: 'cancelled' });
    // And the helper went with the command.
    await expect.poll(() => processes().filter(([pid]) => helpers.some(([h]) => h === pid)).length).toBe(0);
  }, 60_000);
});
