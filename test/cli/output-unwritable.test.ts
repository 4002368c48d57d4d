// Output that cannot be written: a full disk (/dev/full answers every write with ENOSPC). Such a
// command exited 0 with nothing written, so `profiles export > backup.json` on a full disk left
// an empty backup that a script took for a good one. Now it says so and exits 74 (EX_IOERR); a
// pipe its reader closed (`| head -c1`) still ends the output, not the command.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuiltCli, CLI_PATH } from '../support/cli';

let dataDir: string;
beforeAll(async () => {
  assertBuiltCli();
  dataDir = await mkdtemp(path.join(tmpdir(), 'output-unwritable-'));
});
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function toFullDisk(args: readonly string[], which: 'stdout' | 'stderr' | 'both' = 'stdout') {
  const full = openSync('/dev/full', 'w');
  try {
    const run = spawnSync(process.execPath, [CLI_PATH, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', which === 'stderr' ? 'pipe' : full, which === 'stdout' ? 'pipe' : full],
      env: {
        ...process.env,
        DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus',
        TOKEN_TESTER_USER_DATA_DIR: dataDir,
      },
      timeout: 20_000,
    });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  } finally {
    closeSync(full);
  }
}

describe.runIf(existsSync('/dev/full'))('output to a full disk', () => {
  it.each([[['--version']], [['profiles', 'export']], [['explain', '401', 'invalid_client', '--json']]])(
    '%j: says the output could not be written, exit 74',
    (args) => {
      const run = toFullDisk(args);
      expect(run.code).toBe(74);
      expect(run.stderr).toContain(
        'telstra-token: the output could not be written (no space left on the device)',
      );
    },
  );

  it('a failing standard error gives the same status, with nowhere to say it', () => {
    const run = toFullDisk(['explain', 'nonsense-outcome']);
    expect(run.code).toBe(74);
  });

  // Both written as the command ends, their failures not yet reported (Node says so on its next
  // tick): the process exited with the command's own status, 1, as if what it said was read.
  it('both failing at the very end (a usage error with --json): exit 74', () => {
    const run = toFullDisk(
      ['request', '--client-id', 'x', '--secret-env', 'UNSET_VARIABLE', '--json'],
      'both',
    );
    expect(run.code).toBe(74);
  });

  it('a pipe closed by its reader (one that reads nothing) is not such a failure', () => {
    const run = spawnSync(
      'bash',
      ['-c', `"${process.execPath}" "${CLI_PATH}" help | true; echo "\${PIPESTATUS[0]}"`],
      {
        encoding: 'utf8',
      },
    );
    expect(run.stdout.trim()).toBe('0');
  });
});
