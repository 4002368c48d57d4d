// `request --secret-stdin` with a standard input that cannot be read: open for writing only
// (`0>file` in a shell, or a descriptor a parent left so). Reading it fails (EBADF), which
// ended the command as an "internal error" (exit 70: "a fault in telstra-token"); it is the
// command line that is wrong, so it is a usage error that says so, and nothing is sent.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { assertBuiltCli, CLI_PATH } from '../support/cli';
import { startServer, type TestServer } from '../support/servers';

let dir = '';
let api: TestServer;
beforeAll(async () => {
  assertBuiltCli();
  dir = await mkdtemp(path.join(tmpdir(), 'stdin-unreadable-'));
  api = await startServer((_req, res) => void res.end());
});
afterAll(async () => {
  await api?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('standard input open for writing only: a usage error (exit 1) that says so, nothing sent', () => {
  const writeOnly = openSync(path.join(dir, 'stdin'), 'w');
  try {
    const args = ['request', '--client-id', 'x', '--secret-stdin', '--endpoint', api.url(), '--json'];
    const run = spawnSync(process.execPath, [CLI_PATH, ...args], {
      encoding: 'utf8',
      stdio: [writeOnly, 'pipe', 'pipe'],
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      outcome: 'usage-error',
      message: 'Standard input could not be read (EBADF), so no secret was read from it; nothing was sent.',
    });
    expect(run.stderr).not.toContain('internal error');
    expect(api.received).toHaveLength(0);
  } finally {
    closeSync(writeOnly);
  }
});
