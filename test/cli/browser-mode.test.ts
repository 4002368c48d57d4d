// `telstra-token ui` and `start` as a user runs them (the built CLI, a child process): the address
// it prints works, the capability stays out of everything but that address, Ctrl-C stops it
// cleanly, and `start` falls back to browser mode with its reason when Electron cannot start.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CAPABILITY_HEADER, PAIRING_HEADER } from '../../main/browser/access';
import { electronBinary } from '../support/launch';
import { assertBuiltCli, CLI_PATH } from '../support/cli';
import { firstJsonLine, pairedCapability, sandboxTokenRequest } from '../support/pair';
import { closedPort } from '../support/servers';

interface Running {
  readonly child: ChildProcessWithoutNullStreams;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
  /** Resolves with the first line of stdout that is JSON. */
  readonly started: Promise<{ url: string; opened?: boolean; origin: string; port: number }>;
}

const dirs: string[] = [];
const children: ChildProcessWithoutNullStreams[] = [];

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

function run(args: string[], env: Record<string, string | undefined>): Running {
  const merged: NodeJS.ProcessEnv = { ...process.env, BROWSER: 'none' };
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete merged[name];
    else merged[name] = value;
  }
  const child = spawn(process.execPath, [CLI_PATH, ...args], { env: merged, stdio: 'pipe' });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const started = firstJsonLine(child).catch((error: unknown) => {
    throw new Error(`${String(error)}:\n${stdout}\n${stderr}`);
  });
  started.catch(() => undefined);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited, started };
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

beforeAll(() => assertBuiltCli());
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('telstra-token ui', () => {
  it('serves the app on 127.0.0.1, keeps its capability out of logs, files, history and reports, and stops on Ctrl-C', async () => {
    const data = await tempDir('ui-data-');
    const app = run(['ui', '--json', '--no-open'], { TOKEN_TESTER_USER_DATA_DIR: data });
    const { url, origin, port } = await app.started;
    expect(origin).toBe(`http://127.0.0.1:${port}`);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[\w-]{16}\/#pair=[\w-]{43}$/);
    // The page trades the address's single-use code for the capability.
    const paired = await fetch(`${origin}/api/pair`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        [PAIRING_HEADER]: new URL(url).hash.slice('#pair='.length),
      },
      body: '{}',
    });
    const { capability } = (await paired.json()) as { capability: string };
    expect(capability).toMatch(/^[\w-]{43}$/);

    const call = async (channel: string, arg?: unknown) => {
      const answer = await fetch(`${origin}/api/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [CAPABILITY_HEADER]: capability },
        body: JSON.stringify(arg === undefined ? {} : { arg }),
      });
      expect(answer.status).toBe(200);
      return (await answer.json()) as {
        value: Record<string, unknown>;
        effects: Array<Record<string, unknown>>;
      };
    };
    const host = await call('app:host-info');
    expect(host.value).toMatchObject({ ok: true, host: { kind: 'browser' } });
    const sandbox = (await call('sandbox:info')).value.sandbox as { tokenUrl: string };
    const token = await call('token:request', sandboxTokenRequest('r-1', sandbox.tokenUrl));
    expect(token.value).toMatchObject({ ok: true, outcome: 'token-received' });
    // The copy goes back to the page as an effect of that call, with the receipt.
    const copied = await call('clipboard:copy-token', { requestId: 'r-1' });
    expect(copied.effects).toEqual([{ type: 'clipboard', text: token.value.accessToken }]);
    const report = await call('clipboard:copy-report', { requestId: 'r-1' });
    const reportText = (report.effects[0] as { text?: string } | undefined)?.text ?? '';
    expect(reportText).toContain('# Telstra Token Tester diagnostic report');
    const saved = await call('report:save', { requestId: 'r-1' });
    expect(saved.value).toMatchObject({ ok: true, saved: expect.stringMatching(/\.md$/) as unknown });
    expect(saved.effects[0]).toMatchObject({ type: 'download', name: saved.value.saved });
    const history = await call('history:list');

    app.child.kill('SIGINT');
    expect(await app.exited).toBe(0);
    expect(await portOpen(port)).toBe(false);

    // The capability appears nowhere: not even in the address printed for the user.
    expect(app.stdout()).not.toContain(capability);
    expect(app.stderr()).not.toContain(capability);
    for (const text of [reportText, JSON.stringify(history), JSON.stringify(saved)]) {
      expect(text).not.toContain(capability);
    }
    for (const file of await readdir(data, { recursive: true })) {
      const content = await readFile(path.join(data, file)).catch(() => Buffer.alloc(0));
      expect(content.toString('utf8'), file).not.toContain(capability);
    }
  });

  it('refuses a port that is not a number, or empty, as a usage error (with --json, its object)', async () => {
    for (const value of ['abc', '', '70000']) {
      const bad = run(['ui', '--no-open', '--json', '--port', value], {
        TOKEN_TESTER_USER_DATA_DIR: await tempDir('ui-port-'),
      });
      expect(await bad.exited, value).toBe(1);
      expect(JSON.parse(bad.stdout())).toMatchObject({ ok: false, exitCode: 1, outcome: 'usage-error' });
      expect(bad.stderr()).toContain('--port takes a port number');
    }
  });

  it('says so plainly when the port is taken', async () => {
    const first = run(['ui', '--json', '--no-open'], { TOKEN_TESTER_USER_DATA_DIR: await tempDir('ui-a-') });
    const { port } = await first.started;
    const second = run(['ui', '--no-open', '--json', '--port', String(port)], {
      TOKEN_TESTER_USER_DATA_DIR: await tempDir('ui-b-'),
    });
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toContain(`Port ${port} is in use`);
    // With --json, the one line a script reads says it too.
    expect(JSON.parse(second.stdout())).toEqual({
      ok: false,
      exitCode: 1,
      outcome: 'not-started',
      title: 'Browser mode did not start',
      message: `Port ${port} is in use; leave out --port to use a free one.`,
    });
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
  });
});

describe('one app per data folder', () => {
  it('a second browser mode on the same folder refuses to start (it would overwrite profiles); a stale lock is taken over', async () => {
    const data = await tempDir('ui-shared-');
    const first = run(['ui', '--json', '--no-open'], { TOKEN_TESTER_USER_DATA_DIR: data });
    await first.started;
    const second = run(['ui', '--json', '--no-open'], { TOKEN_TESTER_USER_DATA_DIR: data });
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toContain('already runs with this data folder (browser mode');
    expect(JSON.parse(second.stdout())).toMatchObject({ ok: false, exitCode: 1, outcome: 'not-started' });
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    // Released on a clean stop; and a lock left by a process that is gone does not block.
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(data, 'browser-mode.lock'), '999999999\n');
    const third = run(['ui', '--json', '--no-open'], { TOKEN_TESTER_USER_DATA_DIR: data });
    await third.started;
    third.child.kill('SIGINT');
    expect(await third.exited).toBe(0);
  });

  it('while an import writes to the folder, says to start again once it has finished', async () => {
    const data = await tempDir('ui-importing-');
    const { writeFile } = await import('node:fs/promises');
    // This test's own process stands in for the import (its pid is alive).
    await writeFile(path.join(data, 'browser-mode.lock'), `${process.pid}\na profiles import\n`);
    const refused = run(['ui', '--json', '--no-open'], { TOKEN_TESTER_USER_DATA_DIR: data });
    expect(await refused.exited).toBe(1);
    expect(JSON.parse(refused.stdout())).toMatchObject({
      outcome: 'not-started',
      message: `A profiles import (process ${process.pid}) is writing to this data folder. Start browser mode again once it has finished. (TOKEN_TESTER_USER_DATA_DIR picks another folder.) If process ${process.pid} is not telstra-token or Telstra Token Tester (a crash can leave a lock naming a process started since), delete ${path.join(data, 'browser-mode.lock')} and try again.`,
    });
  });
});

describe('telstra-token ui opening the browser', () => {
  /** A PATH whose xdg-open records what it was given and exits with `status`. */
  async function fakeOpener(status: number): Promise<{ path: string; given: () => Promise<string> }> {
    const dir = await tempDir('opener-');
    const record = path.join(dir, 'given');
    await writeFile(
      path.join(dir, 'xdg-open'),
      `#!/bin/sh\nprintf '%s' "$1" > '${record}'\nexit ${status}\n`,
      {
        mode: 0o700,
      },
    );
    return { path: `${dir}:${process.env.PATH ?? ''}`, given: () => readFile(record, 'utf8') };
  }

  it.each([
    [0, 'Opened in your browser.'],
    [3, 'Your browser could not be opened (xdg-open failed).'],
  ])('says what became of it when the opener exits with %i', async (status, said) => {
    const opener = await fakeOpener(status);
    const app = run(['ui'], {
      TOKEN_TESTER_USER_DATA_DIR: await tempDir('ui-data-'),
      // No page comes: the late address must not be due before this test looks (15 s by default).
      TOKEN_TESTER_OPEN_WAIT_MS: '120000',
      BROWSER: undefined,
      DISPLAY: ':99',
      PATH: opener.path,
    });
    await expect.poll(() => app.stdout(), { timeout: 15_000 }).toContain('Ctrl-C stops it');
    expect(app.stdout()).toContain(`\n${said}\n`);
    expect(app.stdout()).not.toContain(status === 0 ? 'could not be opened' : 'Opened in your browser');
    // An address is printed only for a browser not opened with one: one no one uses would stay
    // good in the terminal's scroll-back (or a log of it).
    if (status === 0) expect(app.stdout()).not.toContain('#pair=');
    else expect(app.stdout()).toMatch(/^ {2}http:\/\/127\.0\.0\.1:\d+\/[\w-]{16}\/#pair=\S+$/m);
    // The opener was handed a file of ours, never the address itself (a process list shows it).
    expect(await opener.given()).toMatch(/^file:\/\/\/.*token-tester-open-.*\/open\.html$/);
    app.child.kill('SIGINT');
    expect(await app.exited).toBe(0);
  });

  /** A PATH whose xdg-open is a browser that opens the opener page: it pairs with its address. */
  async function pairingOpener(): Promise<string> {
    const dir = await tempDir('opener-');
    const script = `const html = require('fs').readFileSync(new URL(process.argv[2]), 'utf8');
const url = new URL(/url=([^"]+)"/.exec(html)[1]);
fetch(url.origin + '/api/pair', { method: 'POST', headers: { 'Content-Type': 'application/json', '${PAIRING_HEADER}': url.hash.slice(6) }, body: '{}' }).then((answer) => process.exit(answer.ok ? 0 : 4));`;
    await writeFile(path.join(dir, 'open.cjs'), script);
    await writeFile(
      path.join(dir, 'xdg-open'),
      `#!/bin/sh\nexec '${process.execPath}' '${path.join(dir, 'open.cjs')}' "$1"\n`,
      { mode: 0o700 },
    );
    return `${dir}:${process.env.PATH ?? ''}`;
  }

  it('prints an address after all when the browser it opened does not reach the app (a snap browser cannot read /tmp)', async () => {
    // xdg-open exits 0, yet no page comes: as when the browser shows "File not found".
    const opener = await fakeOpener(0);
    const app = run(['ui'], {
      TOKEN_TESTER_USER_DATA_DIR: await tempDir('ui-data-'),
      TOKEN_TESTER_OPEN_WAIT_MS: '100',
      BROWSER: undefined,
      DISPLAY: ':99',
      PATH: opener.path,
    });
    await expect.poll(() => app.stdout(), { timeout: 15_000 }).toMatch(/#pair=\S+\n/);
    expect(app.stdout()).toContain('Opened in your browser.');
    expect(app.stdout()).toContain('Your browser has not opened the app yet. If it shows “File not found”');
    // The address printed works.
    const address = /^ {2}(http:\/\/127\.0\.0\.1:\d+\/[\w-]{16}\/#pair=\S+)$/m.exec(app.stdout())?.[1];
    expect(await pairedCapability(address!)).toMatch(/^[\w-]{43}$/);
    app.child.kill('SIGINT');
    expect(await app.exited).toBe(0);
  });

  it('prints no address when the browser it opened reached the app', async () => {
    const app = run(['ui'], {
      TOKEN_TESTER_USER_DATA_DIR: await tempDir('ui-data-'),
      TOKEN_TESTER_OPEN_WAIT_MS: '100',
      BROWSER: undefined,
      DISPLAY: ':99',
      PATH: await pairingOpener(),
    });
    await expect.poll(() => app.stdout(), { timeout: 15_000 }).toContain('Ctrl-C stops it');
    expect(app.stdout()).toContain('Opened in your browser.');
    app.child.kill('SIGINT');
    expect(await app.exited).toBe(0);
    expect(app.stdout()).not.toContain('has not opened');
    expect(app.stdout()).not.toContain('#pair=');
  });

  it('says in words when its data folder cannot be made, and serves nothing', async () => {
    const blocker = path.join(await tempDir('ui-blocked-'), 'a-file');
    await writeFile(blocker, 'not a folder');
    const app = run(['ui', '--no-open'], { TOKEN_TESTER_USER_DATA_DIR: path.join(blocker, 'data') });
    expect(await app.exited).toBe(1);
    expect(app.stderr()).toContain('cannot be written (a file is where a folder should be)');
    expect(app.stderr()).not.toContain('internal error');
  });

  it('with --json, gives no address when the browser was opened with one', async () => {
    const opener = await fakeOpener(0);
    const app = run(['ui', '--json'], {
      TOKEN_TESTER_USER_DATA_DIR: await tempDir('ui-data-'),
      BROWSER: undefined,
      DISPLAY: ':99',
      PATH: opener.path,
    });
    const started = await app.started;
    expect(started).toMatchObject({
      url: null,
      opened: true,
      origin: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) as string,
    });
    expect(app.stdout()).not.toContain('#pair=');
    app.child.kill('SIGINT');
    expect(await app.exited).toBe(0);
  });
});

describe('telstra-token start (npm start)', () => {
  it('without a display, says why in three lines and starts browser mode', async () => {
    const app = run(['start', '--json', '--no-open'], {
      TOKEN_TESTER_USER_DATA_DIR: await tempDir('start-'),
      DISPLAY: undefined,
      WAYLAND_DISPLAY: undefined,
    });
    const { url } = await app.started;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[\w-]{16}\/#pair=/);
    // stderr is a pipe of its own: wait for its last line rather than assume it came first.
    await expect.poll(() => app.stderr()).toContain('Starting browser mode instead');
    const lines = app.stderr().trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('no graphical display');
    // Over SSH: the whole command to run, as npm passes options on.
    expect(lines[1]).toContain('npm start -- --browser --port PORT');
    // ssh that cannot forward the port (another program on the user's computer has it) only warns
    // and goes on, and one told only a port listens on ::1 where it can and calls that success: the
    // address opened at 127.0.0.1 would go to that program.
    expect(lines[1]).toContain('ssh -o ExitOnForwardFailure=yes -L 127.0.0.1:PORT:127.0.0.1:PORT');
    expect(lines[2]).toContain('Starting browser mode instead');
    app.child.kill('SIGINT');
    expect(await app.exited).toBe(0);
  });

  /**
   * A stand-in for Electron's binary (ELECTRON_OVERRIDE_DIST_PATH): a shell script, under the
   * name Electron's binary has on Linux (elsewhere it is an .exe or inside an .app).
   */
  const withFakeElectron = it.skipIf(process.platform !== 'linux');
  const fakeElectron = async (script: string) => {
    const dir = await tempDir('fake-electron-');
    const binary = path.join(dir, 'electron');
    await writeFile(binary, `#!/bin/sh\n${script}\n`);
    await chmod(binary, 0o755);
    return {
      DISPLAY: ':99',
      ELECTRON_OVERRIDE_DIST_PATH: dir,
      TOKEN_TESTER_USER_DATA_DIR: await tempDir('start-'),
    };
  };

  withFakeElectron(
    'refuses a --port that is not a port before starting anything, Electron or browser mode',
    async () => {
      const env = await fakeElectron('touch "$0.ran"');
      for (const port of ['0x10', '1e3', '65536', ' 80']) {
        const app = run(['start', '--json', '--no-open', '--port', port], env);
        expect(await app.exited).toBe(1);
        expect(JSON.parse(app.stdout())).toMatchObject({ ok: false, exitCode: 1 });
        expect(app.stderr()).toContain('--port takes a port number');
      }
      const ran = await readdir(env.ELECTRON_OVERRIDE_DIST_PATH);
      expect(ran).toEqual(['electron']);
    },
  );

  withFakeElectron(
    'says with its code how the desktop app ended when it failed, and takes an app ended by a signal as interrupted',
    async () => {
      const failed = run(['start'], await fakeElectron('exit 3'));
      expect(await failed.exited).toBe(70);
      expect(failed.stderr()).toContain('the desktop app ended with exit code 3');
      // Electron ends at once when its window cannot open (a display it cannot reach, a library
      // missing): the way to the app without one is said.
      expect(failed.stderr()).toContain('`npm start -- --browser` runs the same app in your browser');
      const killed = run(['start'], await fakeElectron('kill -TERM $$'));
      expect(await killed.exited).toBe(130);
      expect(killed.stderr()).not.toContain('desktop app');
    },
  );

  withFakeElectron(
    'says that the desktop app crashed when a signal other than a request to stop ended it (Chromium’s failed checks: SIGTRAP)',
    async () => {
      for (const signal of ['TRAP', 'SEGV', 'ABRT']) {
        const crashed = run(['start'], await fakeElectron(`kill -${signal} $$`));
        expect(await crashed.exited, signal).toBe(70);
        expect(crashed.stderr(), signal).toContain(`the desktop app crashed (it was ended by SIG${signal})`);
        expect(crashed.stderr(), signal).toContain(
          '`npm start -- --browser` runs the same app in your browser',
        );
      }
    },
  );

  withFakeElectron(
    'when Electron’s binary cannot be run at all (not executable), says so and starts browser mode',
    async () => {
      const env = await fakeElectron('exit 0');
      await chmod(path.join(env.ELECTRON_OVERRIDE_DIST_PATH, 'electron'), 0o644);
      const app = run(['start', '--json', '--no-open'], env);
      const { url } = await app.started;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[\w-]{16}\/#pair=/);
      await expect.poll(() => app.stderr()).toContain('Starting browser mode instead');
      expect(app.stderr()).toContain('The desktop window cannot start: its binary could not be run (');
      expect(app.stderr()).not.toContain('internal error');
      // Nothing ran, so nothing ended: Node also reports the failed start as a close (code -13).
      expect(app.stderr()).not.toContain('ended with exit code');
      expect(app.stderr()).not.toContain('npm start -- --browser');
      app.child.kill('SIGINT');
      expect(await app.exited).toBe(0);
    },
  );

  withFakeElectron(
    'when Electron’s binary is still being written (spawn throws ETXTBSY), says so and starts browser mode',
    async () => {
      const env = await fakeElectron('exit 0');
      // Open for writing, as by a download or an unpacking still under way.
      const writing = await open(path.join(env.ELECTRON_OVERRIDE_DIST_PATH, 'electron'), 'r+');
      try {
        const app = run(['start', '--json', '--no-open'], env);
        const { url } = await app.started;
        expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[\w-]{16}\/#pair=/);
        await expect.poll(() => app.stderr()).toContain('Starting browser mode instead');
        expect(app.stderr()).toContain('its binary could not be run (spawn ETXTBSY)');
        expect(app.stderr()).not.toContain('internal error');
        app.child.kill('SIGINT');
        expect(await app.exited).toBe(0);
      } finally {
        await writing.close();
      }
    },
  );

  it.skipIf(electronBinary() !== null)(
    'when Electron’s binary cannot be downloaded, says so and how to get it, and starts browser mode',
    async () => {
      const mirror = await closedPort();
      const app = run(['start', '--json', '--no-open'], {
        TOKEN_TESTER_USER_DATA_DIR: await tempDir('start-'),
        DISPLAY: ':99',
        ELECTRON_MIRROR: `http://127.0.0.1:${mirror}/`,
        electron_config_cache: await tempDir('electron-cache-'),
      });
      await app.started;
      await expect.poll(() => app.stderr()).toContain('Starting browser mode instead');
      const text = app.stderr();
      expect(text).toContain('could not be downloaded');
      expect(text).toContain('ELECTRON_MIRROR');
      expect(text).toContain('ELECTRON_OVERRIDE_DIST_PATH');
      expect(text).toContain('Starting browser mode instead');
      app.child.kill('SIGINT');
      expect(await app.exited).toBe(0);
    },
  );

  it.skipIf(electronBinary() !== null || process.platform !== 'linux')(
    'while a mirror holds Electron’s download without answering, says it is still fetching and what to do instead; a kill ends the download too',
    async () => {
      // A mirror that takes the connection and never answers (a proxy or firewall that does).
      const held: Socket[] = [];
      const mirror = createServer((socket) => void held.push(socket));
      await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = mirror.address() as AddressInfo;
        const app = run(['start', '--json', '--no-open'], {
          TOKEN_TESTER_USER_DATA_DIR: await tempDir('start-'),
          TOKEN_TESTER_FETCH_WAIT_MS: '200',
          DISPLAY: ':99',
          ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
          electron_config_cache: await tempDir('electron-cache-'),
        });
        await expect
          .poll(() => app.stderr(), { timeout: 30_000 })
          .toContain('Still fetching Electron’s binary (');
        expect(app.stderr()).toContain('Ctrl-C, then `npm start -- --browser`');
        // The installer has reached the mirror, which holds it.
        await expect.poll(() => held.length).toBeGreaterThan(0);
        const installers = childrenOf(app.child.pid!);
        expect(installers.length).toBe(1);
        // As a closed terminal or a `kill` does: the signal reaches this process, not the installer.
        app.child.kill('SIGTERM');
        expect(await app.exited).toBe(130);
        expect(app.stderr()).not.toContain('Starting browser mode instead');
        await expect.poll(() => installers.filter(running)).toEqual([]);
      } finally {
        for (const socket of held) socket.destroy();
        await new Promise((resolve) => mirror.close(resolve));
      }
    },
  );
});

/** The process ids whose parent is `pid` (Linux's /proc). */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        // "pid (comm) state ppid …": comm may hold spaces and parentheses, so after the last ')'.
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Whether `pid` still runs (a zombie, ended but not yet reaped, does not). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}
