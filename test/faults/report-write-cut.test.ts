// Save report writes the whole report or leaves the file as it was. It wrote with a plain
// writeFile, which empties the file first: a write cut off midway (a full disk, the process
// stopped) left half a report where the last one had been. The cut here is real: the desktop app's
// Save report (its own handlers, test/support/save-report.ts) in a process whose files may grow to
// 1 KiB only (`ulimit -f 1`), so the system refuses the write past that point (EFBIG), as a full
// disk would; the report is about 1.5 KiB.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/launch';

const SAVE_REPORT = path.join(projectRoot, 'test/support/save-report.ts');

/** Save report to `file`, in a process whose files may grow to `limitKiB` (none: no limit). */
function saveReport(file: string, limitKiB?: number): unknown {
  const limit = limitKiB === undefined ? '' : `ulimit -f ${limitKiB} && `;
  const run = spawnSync(
    'bash',
    ['-c', `${limit}exec "$0" "$@"`, process.execPath, '--import', 'tsx', SAVE_REPORT, file],
    { cwd: projectRoot, encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`save-report ended with ${run.status}: ${run.stderr.slice(-500)}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? 'null');
}

describe.runIf(process.platform !== 'win32')('a report whose write is cut off midway', () => {
  it('leaves the report saved before as it was, and no half report', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'report-cut-'));
    const file = path.join(dir, 'report.md');
    expect(saveReport(file)).toEqual({ ok: true, saved: file });
    const before = await readFile(file, 'utf8');
    expect(before).toMatch(/invalid_client/);
    expect(Buffer.byteLength(before)).toBeGreaterThan(1024);

    // Said as what it is, the system's refusal in words: not the router's "could not complete".
    const refused = saveReport(file, 1) as { ok: boolean; message: string };
    expect(refused).toMatchObject({ ok: false, kind: 'app-error' });
    expect(refused.message).toBe(
      'The report was not saved: the file could not be written there (a file over the size this system allows). Choose another folder, or check that the disk has room, then try again.',
    );
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(await readdir(dir)).toEqual(['report.md']);
  }, 60_000);
});
