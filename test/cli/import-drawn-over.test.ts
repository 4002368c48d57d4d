// What an import file can make its preview draw otherwise than it is, found with a hostile file in
// the window's Import dialog (browser mode, Chromium): a section name with twenty accents on one
// letter drew a tower through the row above it; a client ID "abc" U+202E "defghij12" had its
// masked form "abc" U+202E "…12" drawn as "abc21…". Checked here through the built command line's
// preview (--json: the rows the window is given) and the name rules themselves.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileNameSchema } from '../../app/profiles';
import { assertBuiltCli, onlyJson, runCli } from '../support/cli';

const NO_KEYCHAIN = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };

interface PreviewRow {
  readonly name: string;
  readonly maskedClientId: string;
}

async function previewRows(ini: string): Promise<PreviewRow[]> {
  assertBuiltCli();
  const dir = await mkdtemp(path.join(tmpdir(), 'cli-import-drawn-'));
  const file = path.join(dir, 'credentials');
  await writeFile(file, ini);
  const run = await runCli(['profiles', 'import', file, '--json'], {
    env: { ...NO_KEYCHAIN, TOKEN_TESTER_USER_DATA_DIR: path.join(dir, 'data') },
  });
  expect(run.code, run.stderr).toBe(0);
  return (onlyJson(run) as { preview: { rows: PreviewRow[] } }).preview.rows;
}

describe('an import file’s names', () => {
  it('keep four marks on a letter at most, and a typed name may not stack more', async () => {
    const flood = `Ga${'\u0301'.repeat(20)}mma`;
    const [row] = await previewRows(`[${flood}]\nclient_id = client-0001\nclient_secret = s3cret-0001\n`);
    expect(row?.name).toBe(`Ga${'\u0301'.repeat(4)}mma`);
    expect(profileNameSchema.safeParse(flood).success).toBe(false);
    expect(profileNameSchema.safeParse(row?.name).success).toBe(true);
    // With a zero-width non-joiner between each four, which a name may keep and across which
    // Chromium stacks the marks: still four.
    const joined = `Ga${`${'\u0301'.repeat(4)}\u200c`.repeat(5)}mma`;
    const [second] = await previewRows(`[${joined}]\nclient_id = client-0002\nclient_secret = s3cret-0002\n`);
    expect(second?.name).toBe(`Ga${'\u0301'.repeat(4)}mma`);
    expect(profileNameSchema.safeParse(`Ga${'\u0301'.repeat(4)}\u200c\u0301mma`).success).toBe(false);
    // Names that write their marks: Vietnamese, pointed Hebrew, an emoji keycap.
    for (const name of [
      'Khóa chính',
      'שָׁלֹ֑ום',
      '1\ufe0f\u20e3 Prod',
      'می\u200cخواهم',
      'ñ\u0301\u200c\u0301\u0301',
    ]) {
      expect(profileNameSchema.safeParse(name).success, name).toBe(true);
    }
  });
});

describe('an import file’s client IDs, masked', () => {
  it('show a character drawn as nothing, or turning the text around, as U+FFFD', async () => {
    const ini = (id: string, n: number) => `[p${n}]\nclient_id = ${id}\nclient_secret = s3cret-000${n}\n`;
    const rows = await previewRows(
      [ini('abc\u202edefghij12', 1), ini('abc\u200bdefghij\u2067', 2), ini('cid\u3164value12', 3)].join(''),
    );
    expect(rows.map((row) => row.maskedClientId)).toEqual([
      'abc\ufffd…12',
      'abc\ufffd…j\ufffd',
      'cid\ufffd…12',
    ]);
  });
});
