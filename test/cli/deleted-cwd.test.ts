// A terminal whose working folder was deleted under it (`rm -rf` of the folder it is in, a build
// folder cleaned): process.cwd() throws there, which ended every command, --version included,
// with Node's own stack trace and status 1. The commands now run; a relative path is taken from
// the folder the shell says it is in, and what is not there is reported as missing.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuiltCli, CLI_PATH } from '../support/cli';

let base: string;
beforeAll(async () => {
  assertBuiltCli();
  base = await mkdtemp(path.join(tmpdir(), 'deleted-cwd-'));
});
afterAll(async () => {
  if (base) await rm(base, { recursive: true, force: true });
});

/** The command line run from a folder removed just before it starts. */
function fromDeletedFolder(name: string, args: readonly string[], env: Record<string, string> = {}) {
  const gone = path.join(base, name);
  const run = spawnSync(
    'bash',
    [
      '-c',
      // STALE_PWD: PWD as a program that changed folder would leave it (bash sets PWD at cd).
      'mkdir "$1" && cd "$1" && rmdir "$1" && shift && if [ -n "$STALE_PWD" ]; then export PWD="$STALE_PWD"; fi && exec "$@"',
      'run',
      gone,
      process.execPath,
      CLI_PATH,
      ...args,
    ],
    {
      encoding: 'utf8',
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', ...env },
      timeout: 20_000,
    },
  );
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, gone };
}

describe('a working folder that was deleted', () => {
  it('--version, help and a request run as anywhere else', () => {
    const version = fromDeletedFolder('version', ['--version']);
    expect(version.stderr).toBe('');
    expect([version.code, version.stdout]).toEqual([0, expect.stringMatching(/^telstra-token \d/)]);
    const help = fromDeletedFolder('help', ['help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage:');
    const request = fromDeletedFolder('request', ['explain', '401', 'invalid_client', '--json']);
    expect(request.code).toBe(0);
    expect(request.stderr).not.toContain('uv_cwd');
  });

  it('profiles: a relative data folder is taken from the folder the shell was in', () => {
    const run = fromDeletedFolder('relative', ['profiles', '--json', '--user-data-dir=data']);
    expect(run.stderr).not.toContain('uv_cwd');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ dataDir: path.join(run.gone, 'data'), profiles: [] });
  });

  it('a stale PWD (another folder that exists) is not taken for the deleted one', () => {
    // As when a program changed folder before starting the command line: PWD names where it was.
    const run = fromDeletedFolder('stale-pwd', ['profiles', '--json', '--user-data-dir=data'], {
      STALE_PWD: base,
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ dataDir: path.join(run.gone, 'data') });
  });

  it('profiles import of a relative file: said missing, not a crash', () => {
    const run = fromDeletedFolder('import', ['profiles', 'import', 'credentials', '--yes'], {
      TOKEN_TESTER_USER_DATA_DIR: path.join(base, 'import-data'),
    });
    expect(run.stderr).not.toContain('uv_cwd');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('There is no such file.');
  });
});
