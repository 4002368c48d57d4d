// A gnome-keyring of a test's own, on a D-Bus session bus of its own, for a test that has to
// disturb the keyring (stop it with SIGSTOP) without disturbing the other test files, which share
// the keyring `npm test` starts. Its files live in a temporary HOME; nothing else is touched.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface PrivateKeyring {
  /** What a child process needs to use this keyring (and no other). */
  readonly env: Readonly<Record<string, string>>;
  /** The gnome-keyring-daemon answering for org.freedesktop.secrets on this bus. */
  readonly daemonPid: number;
  /**
   * Kills the daemon (SIGKILL, as a crash) and starts a new one on the same bus with the same
   * files, unlocked, as a desktop session's D-Bus activation or a user would: resolves once the
   * new one owns the Secret Service's name. Its bus name is a new one.
   */
  restart(): Promise<void>;
  close(): Promise<void>;
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv, stdin = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, { env, encoding: 'utf8', timeout: 20_000 }, (error, stdout) =>
      error ? reject(new Error(`${command} failed`, { cause: error })) : resolve(stdout),
    );
    // A program that exits without reading its input (dbus-send) must not fail the test run.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(stdin);
  });
}

/** The process that owns a bus name, or null while nobody does. */
async function ownerPid(env: NodeJS.ProcessEnv, name: string): Promise<number | null> {
  const reply = await run(
    'dbus-send',
    [
      '--session',
      '--print-reply',
      '--dest=org.freedesktop.DBus',
      '/',
      'org.freedesktop.DBus.GetConnectionUnixProcessID',
      `string:${name}`,
    ],
    env,
  ).catch(() => null);
  const pid = reply?.match(/uint32 (\d+)/)?.[1];
  return pid === undefined ? null : Number(pid);
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    if (child.stdout === null) return reject(new Error('no stdout'));
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      lines.close();
      resolve(line);
    });
    child.once('exit', () => reject(new Error('dbus-daemon exited before printing its address')));
  });
}

export async function startPrivateKeyring(): Promise<PrivateKeyring> {
  const home = await mkdtemp(path.join(tmpdir(), 'token-tester-private-keyring-'));
  const bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const address = await firstLine(bus);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    DBUS_SESSION_BUS_ADDRESS: address,
    XDG_RUNTIME_DIR: home,
  };
  // Creates and unlocks the login keyring (a throwaway password), then runs as a daemon.
  await run('gnome-keyring-daemon', ['--unlock', '--components=secrets'], env, 'throwaway\n');
  const started = async (before: number | null): Promise<number> => {
    let pid = await ownerPid(env, 'org.freedesktop.secrets');
    while (pid === null || pid === before) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      pid = await ownerPid(env, 'org.freedesktop.secrets');
    }
    return pid;
  };
  let daemonPid = await started(null);
  return {
    env: { DBUS_SESSION_BUS_ADDRESS: address },
    get daemonPid() {
      return daemonPid;
    },
    async restart() {
      const before = daemonPid;
      process.kill(before, 'SIGKILL');
      // Its name released first: a new daemon would otherwise find it still taken.
      while ((await ownerPid(env, 'org.freedesktop.secrets')) === before)
        await new Promise((resolve) => setTimeout(resolve, 50));
      await run('gnome-keyring-daemon', ['--unlock', '--components=secrets'], env, 'throwaway\n');
      daemonPid = await started(before);
    },
    async close() {
      for (const signal of ['SIGCONT', 'SIGTERM'] as const) {
        try {
          process.kill(daemonPid, signal);
        } catch {
          // Already gone.
        }
      }
      bus.kill();
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** True while the process is stopped (SIGSTOP), from its state in /proc. */
export async function isStopped(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // The state follows the command name, which is in parentheses and may hold spaces.
  return /^[Tt]$/.test(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] ?? '');
}
