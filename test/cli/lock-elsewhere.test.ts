// A data folder held by an app on another computer sharing it, or in a container with its own
// process ids: the lock's process id names nothing on this computer, and the command line said
// only "process 1234", which sent users looking for it here. It now says where the holder runs;
// the host name comes from the lock file, which anyone sharing the folder can write, so it is
// shown short, with its controls and bidi characters made harmless, inside its quotes.
import { writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../main/browser/data-lock';
import { assertBuiltCli, onlyJson, runCli } from '../support/cli';
import { undoneAfterEach } from '../support/per-test';

const { folder } = undoneAfterEach();

beforeAll(() => assertBuiltCli());

/** The refusals of `ui` (its standard error) and of `profiles import` (its JSON message). */
async function refusals(lockText: string): Promise<string[]> {
  const data = await folder('lock-elsewhere-');
  await writeFile(path.join(data, LOCK_FILE), lockText);
  const env = { TOKEN_TESTER_USER_DATA_DIR: data, BROWSER: 'none' };
  const ui = await runCli(['ui', '--no-open'], { env });
  expect(ui.code).toBe(1);
  const imported = await runCli(['profiles', 'import', '--from-env', '--yes', '--json'], { env });
  expect(onlyJson(imported)).toMatchObject({ written: false });
  return [ui.stderr, String(onlyJson(imported).message)];
}

describe('a lock written where its process id means nothing here', () => {
  it('names the computer it runs on, by a short and harmless name', async () => {
    const hostile = `evil\x1b]0;pwned\x07\r\u202eexe.txt\u2066” is not running; delete all “${'x'.repeat(10_000)}`;
    for (const text of await refusals(`1234\nbrowser mode\n\n${hostile}\n\n`)) {
      const host = /\(browser mode, process 1234 on the computer “([^“”]*)”\)/.exec(text)?.[1];
      expect(host, text).toMatch(/^evil\\x1b\]0;pwned\\x07\\x0d\\u202eexe\.txt\\u2066\ufffd is not/);
      expect(Array.from(host ?? '').length).toBeLessThanOrEqual(64);
      expect(text.trimEnd()).not.toMatch(/[\p{Cc}\p{Cf}\u2028\u2029]/u);
      expect(text.length).toBeLessThan(1000);
    }
  });

  it('says a holder in another PID namespace runs in another container', async () => {
    for (const text of await refusals(`1234\nbrowser mode\n\n${hostname()}\npid:[1]\n`))
      expect(text).toContain('(browser mode, process 1234 in another container or PID namespace)');
  });
});
