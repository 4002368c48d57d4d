// `help ui` describes every line `ui --json` can print. The README gives both shapes, the address
// and the refusal when browser mode cannot start; the help gave only the first, so a script
// written from `telstra-token help ui` did not know the refusal's keys.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertBuiltCli, onlyJson, runCli } from '../support/cli';

beforeAll(() => assertBuiltCli());

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A port of 127.0.0.1 held by another program for the test's length. */
async function heldPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('help ui', () => {
  it('names the keys of the line ui --json prints when browser mode cannot start, as it prints them', async () => {
    const help = await runCli(['help', 'ui']);
    expect(help.code).toBe(0);
    const text = help.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('{"ok": false, "exitCode": 1, "outcome": "not-started", "title", "message"}');

    const dataDir = await mkdtemp(path.join(tmpdir(), 'help-ui-json-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const port = await heldPort();
    const refused = await runCli(['ui', '--json', '--no-open', '--port', String(port)], {
      env: { TOKEN_TESTER_USER_DATA_DIR: dataDir, BROWSER: 'none' },
    });
    expect(refused.code).toBe(1);
    const line = onlyJson(refused);
    expect(Object.keys(line)).toEqual(['ok', 'exitCode', 'outcome', 'title', 'message']);
    expect(line).toMatchObject({ ok: false, exitCode: 1, outcome: 'not-started' });
  });
});
