// The desktop app's dialog for a data folder held by another (main/desktop-lock-refusal.ts), from
// real lock files judged by lockDataFolder. Where the lock is known to be its holder's (its start
// time matches here, or it was written on another computer sharing the folder and is fresh), the
// dialog must not say to delete it: a user who found "nothing running" on this computer and did
// so made two apps write one folder (as the command line's refusals, a9eb51e). Where the holder is
// unsure (no start time in the lock), the way out is still given.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockDataFolder, LOCK_FILE } from '../../main/browser/data-lock';
import { desktopLockRefusal } from '../../main/desktop-lock-refusal';

const started: ChildProcess[] = [];
let data = '';
afterEach(async () => {
  for (const child of started.splice(0)) child.kill('SIGKILL');
  await rm(data, { recursive: true, force: true });
});

/** The dialog the desktop app would show for `lockText` in a fresh data folder named from `prefix`. */
async function dialogFor(lockText: string, prefix = 'desktop-lock-refusal-', platform?: NodeJS.Platform) {
  data = await mkdtemp(path.join(tmpdir(), prefix));
  await writeFile(path.join(data, LOCK_FILE), lockText);
  const lock = await lockDataFolder(data, 'the desktop app', 'the desktop app');
  if (lock.ok) {
    await lock.release();
    throw new Error('the lock was taken');
  }
  return desktopLockRefusal(data, lock, platform);
}

describe("the desktop app's dialog for a held data folder", () => {
  it('does not say to delete a lock known to be its holder’s (here, or another computer’s)', async () => {
    const holder = spawn('sleep', ['infinity'], { stdio: 'ignore' });
    started.push(holder);
    const start = readFileSync(`/proc/${holder.pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[19];
    const pidNs = readlinkSync('/proc/self/ns/pid');
    for (const holderLine of ['browser mode', 'a profiles import', 'the command line']) {
      const local = `${holder.pid}\n${holderLine}\n${start}\n${hostname()}\n${pidNs}\n`;
      const another = `1\n${holderLine}\n\nanother-computer.invalid\n\n`;
      for (const text of [local, another]) {
        const { title, message } = await dialogFor(text);
        expect(title).toMatch(/using this data folder/);
        expect(message).not.toContain('delete');
        await rm(data, { recursive: true, force: true });
      }
    }
  });

  it('still names the file to delete where the holder is not known (no start time)', async () => {
    const other = spawn('sleep', ['infinity'], { stdio: 'ignore' });
    started.push(other);
    const { message } = await dialogFor(`${other.pid}\nbrowser mode\n`);
    expect(message).toContain(`delete ${path.join(data, LOCK_FILE)}`);
  });

  it("quotes the lock file's path for the shell, where a space or a quote would split it", async () => {
    const other = spawn('sleep', ['infinity'], { stdio: 'ignore' });
    started.push(other);
    // Printed bare, "delete /tmp/it's a $HOME x/browser-mode.lock" pasted into a shell named
    // other files (and an unclosed quote).
    const { message } = await dialogFor(`${other.pid}\nbrowser mode\n`, "it's a $HOME folder-", 'linux');
    const quoted = /delete (.+) and start the app again/.exec(message)?.[1] ?? '';
    expect(quoted).not.toBe(path.join(data, LOCK_FILE));
    expect(execFileSync('sh', ['-c', `ls -d -- ${quoted}`], { encoding: 'utf8' })).toBe(
      `${path.join(data, LOCK_FILE)}\n`,
    );
    await rm(data, { recursive: true, force: true });
    const windows = await dialogFor(`${other.pid}\nbrowser mode\n`, 'a folder-', 'win32');
    expect(windows.message).toContain(`delete "${path.join(data, LOCK_FILE)}" and start`);
  });

  it('says where a holder runs that is not here, its host name made short and safe', async () => {
    // Anyone sharing the folder writes the host name: escapes that retitle a terminal, a bidi
    // override, a quote that would end the name's and go on in the app's words, 10 kB of it.
    const hostile = `evil\x1b]0;pwned\x07\r\u202eexe.txt\u2066” is not running; delete all “${'x'.repeat(10_000)}`;
    const { message } = await dialogFor(`1\nbrowser mode\n\n${hostile}\n\n`);
    const host = /\(process 1 on the computer “([^“”]*)”\) with the same saved profiles/.exec(message)?.[1];
    expect(host, message).toMatch(/^evil\\x1b\]0;pwned\\x07\\x0d\\u202eexe\.txt\\u2066\ufffd is not/);
    expect(Array.from(host ?? '').length).toBeLessThanOrEqual(64);
    expect(message).not.toMatch(/[\p{Cc}\p{Cf}\u2028\u2029]/u);
    await rm(data, { recursive: true, force: true });

    // Here, but in another PID namespace (a container): its process ids are not this one's.
    const contained = await dialogFor(`1\nbrowser mode\n\n${hostname()}\npid:[1]\n`);
    expect(contained.message).toContain('(process 1 in another container or PID namespace) with');
  });
});
