// At a real terminal (a pseudo-terminal from util-linux `script`): colour unless NO_COLOR, and
// the secret typed at the prompt is neither echoed nor printed.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROFILES_FILE } from '../../main/profiles/profile-store';
import { fileURLToPath } from 'node:url';
import { assertBuiltCli, CLI_PATH } from '../support/cli';
import { atTerminal, quote } from '../support/terminal';
import { sendJson, startServer, type TestServer } from '../support/servers';

const SECRET = 'typed-Secret-4d9e';

/** Every process below `pid`, from /proc (Linux). */
function descendants(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  const below = (parent: number): number[] =>
    [...parents].filter(([, ppid]) => ppid === parent).flatMap(([child]) => [child, ...below(child)]);
  return below(pid);
}

const commandLine = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
};

/**
 * Runs the CLI on a pseudo-terminal and sends it SIGHUP (the terminal hung up, or `kill -HUP`)
 * once `ready` shows; then the shell prints the command's status and the terminal's settings.
 */
async function signalledAtTerminal(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  ready: string,
): Promise<string> {
  const command = `${[process.execPath, CLI_PATH, ...args].map(quote).join(' ')}; echo "status $?"; stty -a`;
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    env: { ...process.env, NO_COLOR: '1', TERM: 'xterm-256color', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let seen = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (seen += chunk));
  const closed = new Promise((resolve) => child.on('close', resolve));
  await expect.poll(() => seen, { timeout: 15_000 }).toContain(ready);
  // The command itself, not the shell that runs it.
  const pid = descendants(child.pid ?? 0).find((p) =>
    commandLine(p).startsWith(`${process.execPath} ${CLI_PATH} `),
  );
  expect(pid).toBeDefined();
  process.kill(pid ?? 0, 'SIGHUP');
  await closed;
  return seen;
}

/**
 * Echo and line editing back on. Node resets the terminal itself only for SIGINT and SIGTERM:
 * after a SIGHUP it stayed in raw mode, what was typed next never shown.
 */
function expectTerminalRestored(seen: string) {
  expect(seen).toMatch(/(^|\s)echo(\s|$)/m);
  expect(seen).toMatch(/(^|\s)icanon(\s|$)/m);
}

/** Whether process `pid` has ended (gone, or a zombie not yet reaped). */
function ended(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

/**
 * Runs the CLI on a pseudo-terminal (its output and errors to files) and hangs that terminal up
 * once `ready` is in its errors: `script`, which holds the terminal's other end, is killed, as a
 * terminal window closed or an SSH connection lost. The CLI gets SIGHUP, and its terminal answers
 * EIO from then on. Its exit status has no one to go to: what it wrote is returned.
 */
async function hungUpAtTerminal(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  ready: string,
): Promise<{ out: string; err: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cli-hangup-'));
  try {
    const [out, err] = [path.join(dir, 'out'), path.join(dir, 'err')];
    const command = `exec ${[process.execPath, CLI_PATH, ...args].map(quote).join(' ')} >${quote(out)} 2>${quote(err)}`;
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      env: { ...process.env, NO_COLOR: '1', TERM: 'xterm-256color', ...env },
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    const closed = new Promise((resolve) => child.on('close', resolve));
    const read = (file: string) => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return '';
      }
    };
    await expect.poll(() => read(err), { timeout: 15_000 }).toContain(ready);
    const pid = descendants(child.pid ?? 0).find((p) =>
      commandLine(p).startsWith(`${process.execPath} ${CLI_PATH} `),
    );
    expect(pid).toBeDefined();
    child.kill('SIGKILL');
    await closed;
    await expect.poll(() => ended(pid ?? 0), { timeout: 15_000 }).toBe(true);
    return { out: read(out), err: read(err) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A credentials file of one section (client ID `NAME-client-id-1`) and a data folder path beside
 * it, in a folder of its own for `run`, removed after.
 */
async function withCredentialsFile(
  prefix: string,
  name: string,
  run: (paths: { file: string; data: string }) => Promise<void>,
): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  try {
    const file = path.join(dir, 'credentials');
    await writeFile(file, `[default]\nclient_id = ${name}-client-id-1\nclient_secret = ${name}-S3cret\n`);
    await run({ file, data: path.join(dir, 'data') });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe.skipIf(process.platform !== 'linux')('at a terminal', () => {
  let api: TestServer;
  beforeAll(async () => {
    assertBuiltCli();
    api = await startServer((_req, res) => sendJson(res, 200, { access_token: 'tok', expires_in: 3599 }));
  });
  afterAll(async () => {
    await api?.close();
  });

  it('colours the output, unless NO_COLOR is set', async () => {
    const coloured = await atTerminal(['explain', '401', 'invalid_client']);
    expect(coloured.code).toBe(0);
    expect(coloured.output).toContain('\u001b[1m\u001b[31mClient authentication failed');
    const plain = await atTerminal(['explain', '401', 'invalid_client'], { NO_COLOR: '1' });
    expect(plain.code).toBe(0);
    expect(plain.output).toContain('Client authentication failed');
    expect(plain.output).not.toContain('\u001b[');
  });

  it('asks for the secret without echoing it, and sends it as typed', async () => {
    const run = await atTerminal(
      ['request', '--endpoint', api.url(), '--client-id', 'abc', '--secret-stdin'],
      {},
      (seen) => (seen.includes('Client secret (not shown as you type): ') ? `${SECRET}\r` : null),
    );
    expect(run.code).toBe(0);
    expect(new URLSearchParams(api.received.at(-1)?.body).get('client_secret')).toBe(SECRET);
    expect(run.output).toMatch(/Token received/);
    expect(run.output).not.toContain(SECRET);
  });

  it('a signal at the secret prompt (the terminal hung up, a kill) ends it as Ctrl-C does: exit 130, one JSON object, echo back on', async () => {
    const sent = api.received.length;
    const seen = await signalledAtTerminal(
      ['request', '--endpoint', api.url(), '--client-id', 'abc', '--secret-stdin', '--json'],
      {},
      'Client secret (not shown as you type): ',
    );
    expect(seen).toContain('status 130');
    const objects = seen
      .split(/\r?\n/)
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(objects).toEqual([
      {
        ok: false,
        exitCode: 130,
        outcome: 'interrupted',
        title: 'Interrupted',
        message: 'Interrupted at the secret prompt: no secret was read, and nothing was sent.',
      },
    ]);
    expectTerminalRestored(seen);
    expect(api.received).toHaveLength(sent);
  });

  it('a terminal that hangs up at the secret prompt ends it as an interruption, not as an internal error or an abort', async () => {
    const sent = api.received.length;
    const { out, err } = await hungUpAtTerminal(
      ['request', '--endpoint', api.url(), '--client-id', 'abc', '--secret-stdin', '--json'],
      {},
      'Client secret (not shown as you type): ',
    );
    // Leaving raw mode on a hung-up terminal threw (EIO), and exiting with it aborted in Node.
    expect(JSON.parse(out)).toMatchObject({ ok: false, exitCode: 130, outcome: 'interrupted' });
    expect(err).not.toMatch(/internal error|Assertion failed|Native stack/);
    expect(api.received).toHaveLength(sent);
  });

  it.each([
    ['Ctrl-C', `${SECRET.slice(0, 5)}\u0003`],
    ['Ctrl-D on nothing typed', '\u0004'],
  ])(
    'with --json, an interrupted prompt (%s) prints one JSON object and nothing typed',
    async (_key, keys) => {
      const sent = api.received.length;
      const run = await atTerminal(
        ['request', '--endpoint', api.url(), '--client-id', 'abc', '--secret-stdin', '--json'],
        { NO_COLOR: '1' },
        (seen) => (seen.includes('Client secret (not shown as you type): ') ? keys : null),
      );
      expect(run.code).toBe(130);
      // The terminal shows stderr (the prompt) and stdout together; the object is the one JSON line.
      const objects = run.output
        .split(/\r?\n/)
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(objects).toEqual([
        {
          ok: false,
          exitCode: 130,
          outcome: 'interrupted',
          title: 'Interrupted',
          message: expect.stringContaining('nothing was sent') as unknown,
        },
      ]);
      expect(run.output).not.toContain(SECRET.slice(0, 5));
      expect(api.received).toHaveLength(sent);
      // Its outcome is one `explain` knows, as for every outcome --json prints.
      const explained = await atTerminal(['explain', 'interrupted', '--json'], { NO_COLOR: '1' });
      expect(explained.output).toContain('"title":"Interrupted"');
    },
  );

  it.each([
    ['Ctrl-C', `${SECRET.slice(0, 5)}\u0003`],
    ['Ctrl-D on nothing typed', '\u0004'],
  ])('in text, an interrupted prompt (%s) says so and that nothing was sent', async (_key, keys) => {
    const sent = api.received.length;
    const run = await atTerminal(
      ['request', '--endpoint', api.url(), '--client-id', 'abc', '--secret-stdin'],
      { NO_COLOR: '1' },
      (seen) => (seen.includes('Client secret (not shown as you type): ') ? keys : null),
    );
    expect(run.code).toBe(130);
    expect(run.output).toContain(
      'Interrupted at the secret prompt: no secret was read, and nothing was sent.',
    );
    expect(run.output).not.toContain(SECRET.slice(0, 5));
    expect(api.received).toHaveLength(sent);
  });

  it('profiles import: Ctrl-C at the question writes nothing and exits 130, as an interrupted command', async () => {
    await withCredentialsFile('cli-import-tty-', 'tty', async ({ file, data }) => {
      const env = { NO_COLOR: '1', TOKEN_TESTER_USER_DATA_DIR: data };
      const run = await atTerminal(['profiles', 'import', file], env, (seen) =>
        seen.includes('[y/N]') ? '\u0003' : null,
      );
      expect(run.code).toBe(130);
      expect(run.output).toContain('Nothing was written');
      expect(run.output).not.toContain('internal error');
      const listed = await atTerminal(['profiles', '--json'], env);
      expect(JSON.parse(listed.output.trim())).toMatchObject({ profiles: [] });
    });
  });

  it('profiles import: a signal at the question (the terminal hung up, a kill) is Ctrl-C: nothing written, exit 130, the terminal and the data folder let go', async () => {
    await withCredentialsFile('cli-import-hup-', 'hup', async ({ file, data }) => {
      const seen = await signalledAtTerminal(
        ['profiles', 'import', file],
        { TOKEN_TESTER_USER_DATA_DIR: data },
        '[y/N]',
      );
      expect(seen).toContain('status 130');
      expect(seen).toContain('Nothing was written');
      expectTerminalRestored(seen);
      // The data folder's lock is gone with the command, not left for the next one to judge stale.
      expect(await readdir(data)).toEqual([]);
      const listed = await atTerminal(['profiles', '--json'], { TOKEN_TESTER_USER_DATA_DIR: data });
      expect(JSON.parse(listed.output.trim())).toMatchObject({ profiles: [] });
    });
  });

  it('profiles import: a terminal that hangs up at the question writes nothing, lets go of the data folder and does not crash', async () => {
    await withCredentialsFile('cli-import-hangup-', 'hup', async ({ file, data }) => {
      const { err } = await hungUpAtTerminal(
        ['profiles', 'import', file],
        { TOKEN_TESTER_USER_DATA_DIR: data },
        '[y/N]',
      );
      expect(err).toContain('Nothing was written');
      expect(err).not.toMatch(/internal error|Assertion failed|Native stack/);
      // The lock was left behind when readline's leaving raw mode threw (EIO).
      expect(await readdir(data)).toEqual([]);
    });
  });

  it('profiles import: a yes given after the preview expired writes nothing and is no internal error', async () => {
    await withCredentialsFile('cli-import-late-', 'late', async ({ file, data }) => {
      const clockJump = fileURLToPath(new URL('../support/clock-jump-at-question.mjs', import.meta.url));
      const env = {
        NO_COLOR: '1',
        TOKEN_TESTER_USER_DATA_DIR: data,
        NODE_OPTIONS: `--import=${clockJump}`,
      };
      const run = await atTerminal(['profiles', 'import', file], env, (seen) =>
        seen.includes('[y/N]') ? 'y\r' : null,
      );
      expect(run.code).toBe(1);
      expect(run.output).toContain('Nothing was written: the answer came after the preview had expired');
      expect(run.output).not.toContain('internal error');
      const listed = await atTerminal(['profiles', '--json'], {
        TOKEN_TESTER_USER_DATA_DIR: env.TOKEN_TESTER_USER_DATA_DIR,
      });
      expect(JSON.parse(listed.output.trim())).toMatchObject({ profiles: [] });
    });
  });

  it('profiles: what a profiles file holds reaches the terminal with its control characters shown', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cli-profiles-tty-'));
    try {
      // Saved by hand, or before control characters were refused: listed, never acted on.
      const saved = {
        id: '00000000-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
        name: 'legacy\u202e',
        clientId: 'id\u001b]52;c;cHduZWQ=\u0007x',
        preset: 'custom',
        tokenUrl: 'https://x.example/\u009b2J',
        grantType: 'client_credentials',
        scope: '',
        createdAt: 1,
        updatedAt: 1,
      };
      await mkdir(path.join(dir, 'data'));
      await writeFile(
        path.join(dir, 'data', PROFILES_FILE),
        JSON.stringify({ version: 1, profiles: [saved] }),
      );
      const env = { NO_COLOR: '1', TOKEN_TESTER_USER_DATA_DIR: path.join(dir, 'data') };
      const run = await atTerminal(['profiles'], env);
      expect(run.code).toBe(0);
      expect(run.output).toContain('legacy\\u202e');
      expect(run.output).toContain('id\\x1b]52;c;cHduZWQ=\\x07x');
      expect(run.output).toContain('https://x.example/\\x9b2J');
      // eslint-disable-next-line no-control-regex
      expect(run.output).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
      // The export too: escaped as JSON spells them, the same text once parsed.
      const exported = await atTerminal(['profiles', 'export'], env);
      expect(exported.code).toBe(0);
      expect(exported.output).toContain('"tokenUrl": "https://x.example/\\u009b2J"');
      // eslint-disable-next-line no-control-regex
      expect(exported.output).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
      const document = JSON.parse(exported.output.slice(exported.output.indexOf('{'))) as {
        profiles: Array<{ clientId: string }>;
      };
      expect(document.profiles[0]?.clientId).toBe(saved.clientId);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
