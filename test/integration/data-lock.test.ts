// The data folder's lock (main/browser/data-lock.ts) between real processes: two that start at
// the same moment over a lock file a crashed app left must never both take the folder, or each
// would write its own copy of the profiles over the other's.
import {
  fork,
  spawn,
  spawnSync,
  type ChildProcess,
  type ChildProcessWithoutNullStreams,
} from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { readlinkSync } from 'node:fs';
import { hostname, tmpdir, uptime } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOREIGN_FRESH_MS, lockDataFolder, LOCK_FILE } from '../../main/browser/data-lock';
import { processStart } from '../../main/browser/process-facts';

const CONTENDER = fileURLToPath(new URL('../support/lock-contender.ts', import.meta.url));

interface Contender {
  /** Sends a command and resolves with the line it prints. */
  ask(command: string): Promise<string>;
  readonly child: ChildProcessWithoutNullStreams;
}

/** `under`: a command (and its arguments) to run the contender under, such as `unshare`. */
function contender(under: readonly string[] = []): Contender {
  const [command, ...args] = [...under, process.execPath, '--import', 'tsx', CONTENDER];
  const child = spawn(command, args, { stdio: 'pipe' });
  const waiting: Array<(line: string) => void> = [];
  createInterface({ input: child.stdout }).on('line', (line) => waiting.shift()?.(line));
  return {
    child,
    ask: (command) =>
      new Promise((resolve) => {
        waiting.push(resolve);
        child.stdin.write(`${command}\n`);
      }),
  };
}

const GATED = fileURLToPath(new URL('../support/lock-gated.ts', import.meta.url));

/**
 * A process taking `folder`'s lock with its file operations stopped at `gates` (lock-gated.ts).
 * Started at once, unless `start()` is awaited by the test: B is started first, A when told.
 */
function gated(folder: string, gates: string) {
  const stops = new Map<string, Array<() => void>>();
  const seen = new Set<string>();
  let settle!: (result: string) => void;
  const result = new Promise<string>((resolve) => (settle = resolve));
  let child: ChildProcess | null = null;
  let exitedResolve!: () => void;
  const exited = new Promise<void>((resolve) => (exitedResolve = resolve));
  const start = () => {
    child = fork(GATED, [folder], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, LOCK_GATES: gates },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (message: { at?: string; result?: string }) => {
      if (message.at) {
        seen.add(message.at);
        for (const wake of stops.get(message.at) ?? []) wake();
      }
      if (message.result) settle(message.result);
    });
    child.once('exit', () => exitedResolve());
  };
  if (!gates.includes('write-after-takeover')) start();
  return {
    start,
    result,
    exited,
    reached: (gate: string) =>
      seen.has(gate)
        ? Promise.resolve()
        : new Promise<void>((resolve) => stops.set(gate, [...(stops.get(gate) ?? []), resolve])),
    go: (gate: string) => child?.send({ go: gate }),
    release: () => (child?.connected ? child.send({ go: 'release' }) : undefined),
  };
}

/** A process id no process has now: one that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

let dir: string;
let both: Contender[];
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'data-lock-'));
  both = [contender(), contender()];
  // Each has started and answers (its module loaded) before any race.
  for (const one of both) expect(await one.ask('release')).toBe('released');
});
afterAll(async () => {
  for (const one of both) one.child.kill();
  await rm(dir, { recursive: true, force: true });
});

describe('the data folder lock', () => {
  it('is taken by exactly one of two processes starting together over a crashed app’s lock file', async () => {
    const dead = await deadPid();
    for (let trial = 0; trial < 25; trial += 1) {
      const folder = path.join(dir, `race-${trial}`);
      await rm(folder, { recursive: true, force: true });
      await mkdir(folder, { recursive: true });
      await writeFile(path.join(folder, LOCK_FILE), `${dead}\nbrowser mode\n`);
      const at = Date.now() + 150;
      const outcomes = await Promise.all(both.map((one) => one.ask(`take ${folder} ${at}`)));
      expect(outcomes.sort(), `trial ${trial}`).toEqual(['ok', 'refused']);
      for (const one of both) await one.ask('release');
      // Nothing of the takeover is left behind.
      expect(await readdir(folder)).toEqual([]);
    }
  }, 60_000);

  it('lets exactly one take the folder when the second takes over just after the first, before its lock is written', async () => {
    // A scheduler could pause either process anywhere; this is the order that once let both in:
    // B judges the leftover stale, then waits; A takes it over and removes it, then waits before
    // writing its own lock; B, on its turn, finds no file (and must not remove what is there next).
    const folder = path.join(dir, 'interleaved');
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, LOCK_FILE), `${await deadPid()}\nbrowser mode\n`);
    const a = gated(folder, 'write-after-takeover');
    const b = gated(folder, 'takeover,remove-lock');
    try {
      await b.reached('takeover');
      a.start();
      await a.reached('write-after-takeover');
      b.go('takeover');
      // B either finishes (it removes nothing that is not a leftover) or stops before removing.
      const early = await Promise.race([b.result, b.reached('remove-lock').then(() => null)]);
      a.go('write-after-takeover');
      const first = await a.result;
      if (early === null) b.go('remove-lock');
      expect([first, await b.result].sort()).toEqual(['ok', 'refused']);
    } finally {
      a.release();
      b.release();
      await Promise.all([a.exited, b.exited]);
    }
  });

  it('takes over a takeover lock a process that died while taking over left behind', async () => {
    const folder = path.join(dir, 'left-mid-takeover');
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, LOCK_FILE), `${await deadPid()}\nbrowser mode\n`);
    const guard = path.join(folder, `${LOCK_FILE}.takeover`);
    await writeFile(guard, `${await deadPid()}\n`);
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(guard, longAgo, longAgo);
    const lock = await lockDataFolder(folder, 'a profiles import');
    expect(lock.ok).toBe(true);
    if (lock.ok) await lock.release();
    expect(await readdir(folder)).toEqual([]);
  });

  it.runIf(process.platform === 'linux')(
    'stays held by a live holder whose lock looks older than this computer’s start (the clock set forward since)',
    async () => {
      const folder = path.join(dir, 'clock-forward');
      await mkdir(folder, { recursive: true });
      const [holder] = both;
      expect(await holder!.ask(`take ${folder} 0`)).toBe('ok');
      try {
        // The lock says when its process started, as the system counts it (never stepped).
        const text = await readFile(path.join(folder, LOCK_FILE), 'utf8');
        // (and where that process id means something: this computer's name, its PID namespace).
        expect(text).toBe(
          `${holder!.child.pid}\na profiles import\n${processStart(holder!.child.pid!)}\n${hostname()}\n${readlinkSync('/proc/self/ns/pid')}\n`,
        );
        // The wall clock moved forward by more than the computer has been up: by the clock, the
        // lock was written before the computer started.
        const beforeBoot = new Date(Date.now() - uptime() * 1000 - 60_000);
        await utimes(path.join(folder, LOCK_FILE), beforeBoot, beforeBoot);
        const second = await lockDataFolder(folder, 'a profiles import');
        expect(second).toEqual({ ok: false, heldBy: 'a profiles import', pid: holder!.child.pid });
        expect(await readFile(path.join(folder, LOCK_FILE), 'utf8')).toBe(text);
      } finally {
        await holder!.ask('release');
      }
    },
  );

  it.runIf(process.platform === 'linux')(
    'is taken over from a lock naming a live process that started at another time (its id given again)',
    async () => {
      const folder = path.join(dir, 'id-reused');
      await mkdir(folder, { recursive: true });
      const live = both[0]!.child.pid!;
      await writeFile(path.join(folder, LOCK_FILE), `${live}\nbrowser mode\n${processStart(live)! - 1}\n`);
      const lock = await lockDataFolder(folder, 'a profiles import');
      expect(lock.ok).toBe(true);
      if (lock.ok) await lock.release();
      expect(await readdir(folder)).toEqual([]);
    },
  );

  it('counts an empty lock file as one being written, and as a leftover once it has stayed empty', async () => {
    const folder = path.join(dir, 'empty-lock');
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, LOCK_FILE), '');
    expect(await lockDataFolder(folder, 'a profiles import')).toMatchObject({ ok: false });
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(path.join(folder, LOCK_FILE), longAgo, longAgo);
    const lock = await lockDataFolder(folder, 'a profiles import');
    expect(lock.ok).toBe(true);
    if (lock.ok) await lock.release();
    // A file the lock was written from, left by a process that died, goes too.
    await writeFile(path.join(folder, `${LOCK_FILE}.${await deadPid()}.tmp`), 'x');
    const again = await lockDataFolder(folder, 'a profiles import');
    if (again.ok) await again.release();
    expect(await readdir(folder)).toEqual([]);
  });

  it('is refused while the desktop app runs with the folder (its SingletonLock names a live process here)', async () => {
    const folder = path.join(dir, 'desktop-app');
    await mkdir(folder, { recursive: true });
    await symlink(`${hostname()}-${process.ppid}`, path.join(folder, 'SingletonLock'));
    expect(await lockDataFolder(folder)).toEqual({
      ok: false,
      heldBy: 'the desktop app',
      pid: process.ppid,
      unsure: true,
    });
    expect(await readdir(folder)).toEqual(['SingletonLock']);
  });

  it('is released only while it is still this process’s: a lock another process wrote since stays', async () => {
    for (const how of ['release', 'releaseSync'] as const) {
      const folder = path.join(dir, `released-${how}`);
      const lock = await lockDataFolder(folder);
      if (!lock.ok) throw new Error('expected the lock');
      // Taken over meanwhile (this process was judged gone): the lock file is now another's.
      const others = `${process.ppid}\nbrowser mode\n`;
      await writeFile(path.join(folder, LOCK_FILE), others);
      if (how === 'release') await lock.release();
      else lock.releaseSync();
      expect(await readFile(path.join(folder, LOCK_FILE), 'utf8'), how).toBe(others);
    }
  });

  it('is released only while it is still this process’s, not another’s of the same process id', async () => {
    // A process of another computer or container can have this one's process id: its lock, taken
    // over from this process meanwhile, names that id too, and stays.
    for (const how of ['release', 'releaseSync'] as const) {
      const folder = path.join(dir, `released-same-pid-${how}`);
      const lock = await lockDataFolder(folder);
      if (!lock.ok) throw new Error('expected the lock');
      const others = `${process.pid}\nbrowser mode\n\nanother-computer.example\n\n`;
      await writeFile(path.join(folder, LOCK_FILE), others);
      if (how === 'release') await lock.release();
      else lock.releaseSync();
      expect(await readFile(path.join(folder, LOCK_FILE), 'utf8'), how).toBe(others);
    }
  });

  // Another time namespace (a container, a sandbox) counts start times from another boot: the
  // holder's recorded start time is not what this process reads for it.
  const timeNamespaces =
    process.platform === 'linux' && spawnSync('unshare', ['--time', '--fork', 'true']).status === 0;
  it.runIf(timeNamespaces)('stays held by a live holder in another time namespace', async () => {
    const folder = path.join(dir, 'other-clock');
    await mkdir(folder, { recursive: true });
    const holder = contender(['unshare', '--time', '--fork', '--boottime', '100000']);
    try {
      expect(await holder.ask(`take ${folder} 0`)).toBe('ok');
      expect(await lockDataFolder(folder, 'a profiles import')).toMatchObject({ ok: false });
      expect(await holder.ask('release')).toBe('released');
    } finally {
      holder.child.kill();
    }
  });

  // A holder whose process id means nothing here: another PID namespace (a container, a sandbox
  // such as bubblewrap), or another computer sharing the folder over the network. Its id was
  // looked up among this computer's processes, found dead or another's, and the lock taken over
  // under the running app.
  const pidNamespaces =
    process.platform === 'linux' && spawnSync('unshare', ['--pid', '--fork', 'true']).status === 0;
  it.runIf(pidNamespaces)('stays held by a live holder in another PID namespace', async () => {
    const folder = path.join(dir, 'other-pids');
    await mkdir(folder, { recursive: true });
    // Some processes first, so the holder's id there is not 1 (as a rule a live process here too).
    const holder = contender([
      'unshare',
      '--pid',
      '--fork',
      '--mount-proc',
      'bash',
      '-c',
      'for i in $(seq 20); do true & done; wait; "$@"; true',
      'holder',
    ]);
    try {
      expect(await holder.ask(`take ${folder} 0`)).toBe('ok');
      expect(await lockDataFolder(folder, 'a profiles import')).toMatchObject({ ok: false });
      expect(await holder.ask('release')).toBe('released');
      expect(await readdir(folder)).toEqual([]);
    } finally {
      holder.child.kill();
    }
  });

  // The same, without `unshare` (refused in most containers a CI runs in, where the test above is
  // skipped): a lock of this computer written in another PID namespace, naming this test's own
  // process id, is held while it is fresh, never judged by that id here.
  it('stays held by a lock of another PID namespace while it is kept fresh, and is taken over once not', async () => {
    const folder = path.join(dir, 'other-namespace');
    await mkdir(folder, { recursive: true });
    const file = path.join(folder, LOCK_FILE);
    await writeFile(file, `${process.pid}\nbrowser mode\n12345\n${hostname()}\npid:[1]\n`);
    expect(await lockDataFolder(folder, 'a profiles import')).toEqual({
      ok: false,
      heldBy: 'browser mode',
      pid: process.pid,
      elsewhere: { computer: null },
    });
    const stale = new Date(Date.now() - FOREIGN_FRESH_MS - 5_000);
    await utimes(file, stale, stale);
    const lock = await lockDataFolder(folder, 'a profiles import');
    expect(lock.ok).toBe(true);
    if (lock.ok) await lock.release();
    expect(await readdir(folder)).toEqual([]);
  });

  it('stays held by a lock of another computer while it is kept fresh, and is taken over once not', async () => {
    const folder = path.join(dir, 'other-computer');
    await mkdir(folder, { recursive: true });
    const file = path.join(folder, LOCK_FILE);
    // A process id that is this test's own, to show that it is not taken for this process either.
    await writeFile(file, `${process.pid}\nbrowser mode\n12345\nanother-computer.example\n\n`);
    expect(await lockDataFolder(folder, 'a profiles import')).toEqual({
      ok: false,
      heldBy: 'browser mode',
      pid: process.pid,
      elsewhere: { computer: 'another-computer.example' },
    });
    const stale = new Date(Date.now() - FOREIGN_FRESH_MS - 5_000);
    await utimes(file, stale, stale);
    const lock = await lockDataFolder(folder, 'a profiles import');
    expect(lock.ok).toBe(true);
    if (lock.ok) await lock.release();
    expect(await readdir(folder)).toEqual([]);
  });

  it('keeps its own lock file fresh while it holds it', async () => {
    const folder = path.join(dir, 'heartbeat');
    await mkdir(folder, { recursive: true });
    const lock = await lockDataFolder(folder, 'browser mode', null, 20);
    try {
      const file = path.join(folder, LOCK_FILE);
      const old = new Date(Date.now() - 3_600_000);
      await utimes(file, old, old);
      await expect
        .poll(async () => (await stat(file)).mtimeMs, { timeout: 5_000 })
        .toBeGreaterThan(Date.now() - 60_000);
    } finally {
      if (lock.ok) await lock.release();
    }
  });

  // Something in the lock's place no app wrote: before, a pipe held the app for good (deaf to
  // Ctrl-C), a link to /dev/zero was read without end, and a folder or a link to nothing was taken
  // for another app's lock after 20 tries to take it over ("already runs").
  it.each([
    ['a folder', (file: string) => mkdir(file)],
    ['a link to nothing', (file: string) => symlink(path.join(dir, 'nothing-here'), file)],
    ['a link to /dev/zero', (file: string) => symlink('/dev/zero', file)],
    ['a named pipe', async (file: string) => void spawnSync('mkfifo', [file])],
  ])('is refused, in words, when the lock file is %s, which is left as it is', async (kind, make) => {
    const folder = path.join(dir, `not-a-lock-${kind.replace(/\W+/g, '-')}`);
    await mkdir(folder, { recursive: true });
    const file = path.join(folder, LOCK_FILE);
    await make(file);
    await expect(lockDataFolder(folder)).rejects.toThrow(
      `The data folder ${folder} cannot be written (its ${LOCK_FILE} is not a file the app wrote`,
    );
    expect(await readdir(folder)).toEqual([LOCK_FILE]);
  });

  // The same for the second lock a takeover of a leftover is made under: a link to nothing there
  // was 'busy' for good, and the folder said to be in use by another app after 20 tries; a folder
  // there, once old, ended in an internal error (EISDIR).
  it.each([
    ['a link to nothing', (guard: string) => symlink(path.join(dir, 'nothing-here'), guard)],
    [
      'an old folder',
      async (guard: string) => {
        await mkdir(guard);
        const old = new Date(Date.now() - 3_600_000);
        await utimes(guard, old, old);
      },
    ],
  ])('is refused, in words, when its takeover lock is %s, which is left as it is', async (kind, make) => {
    const folder = path.join(dir, `not-a-takeover-${kind.replace(/\W+/g, '-')}`);
    await mkdir(folder, { recursive: true });
    // A leftover (no such process), to be taken over.
    await writeFile(path.join(folder, LOCK_FILE), `999999999\nbrowser mode\n\n${hostname()}\n\n`);
    await make(path.join(folder, `${LOCK_FILE}.takeover`));
    await expect(lockDataFolder(folder)).rejects.toThrow(
      `The data folder ${folder} cannot be written (its ${LOCK_FILE}.takeover is not a file the app wrote`,
    );
    expect((await readdir(folder)).sort()).toEqual([LOCK_FILE, `${LOCK_FILE}.takeover`]);
  });

  // Only a file is a leftover of makeLock's: a folder of that name ended the lock just taken in an
  // internal error (EISDIR), leaving it held.
  it('takes the folder, and leaves alone what is named like a leftover but is not a file', async () => {
    const folder = path.join(dir, 'leftover-folder');
    const odd = path.join(folder, `${LOCK_FILE}.999999999.tmp`);
    await mkdir(odd, { recursive: true });
    const lock = await lockDataFolder(folder);
    expect(lock.ok).toBe(true);
    if (lock.ok) await lock.release();
    expect(await readdir(folder)).toEqual([path.basename(odd)]);
  });
});
