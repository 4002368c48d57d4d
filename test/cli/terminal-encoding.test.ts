// The secret typed at a terminal set to an encoding other than UTF-8 (a Latin-1 terminal: "é" is
// the one byte E9). Node read the keys as UTF-8 and mended that byte into U+FFFD, so another
// secret than the one typed was sent, and refused by the server as invalid_client, while the same
// bytes from a pipe or --secret-env are refused before sending. A real pseudo-terminal (util-linux
// `script`), keys written to it as bytes.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuiltCli, CLI_PATH } from '../support/cli';
import { sendJson, startServer, type TestServer } from '../support/servers';

const quote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

/** Runs the CLI on a pseudo-terminal and types `keys` (bytes) at its secret prompt. */
function typedAtPrompt(args: readonly string[], keys: Buffer) {
  const command = [process.execPath, CLI_PATH, ...args].map(quote).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    env: { ...process.env, NO_COLOR: '1', TERM: 'xterm', LANG: 'en_AU.ISO-8859-1', LC_ALL: undefined },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let seen = '';
  let typed = false;
  child.stdout.setEncoding('latin1').on('data', (chunk: string) => {
    seen += chunk;
    if (!typed && seen.includes('Client secret (not shown as you type): ')) {
      typed = true;
      child.stdin.write(keys);
    }
  });
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, output: seen })),
  );
}

describe.skipIf(process.platform !== 'linux')('a secret typed at a terminal that is not UTF-8', () => {
  let api: TestServer;
  beforeAll(async () => {
    assertBuiltCli();
    api = await startServer((_req, res) => sendJson(res, 401, { error: 'invalid_client' }));
  });
  afterAll(async () => {
    await api?.close();
  });

  it('is refused as not UTF-8, nothing sent, read to Enter so no key after it is echoed', async () => {
    const before = api.received.length;
    // "Sécret" in Latin-1, then Enter.
    const run = await typedAtPrompt(
      ['request', '--endpoint', api.url(), '--client-id', 'abc', '--secret-stdin', '--json'],
      Buffer.concat([Buffer.from('S'), Buffer.from([0xe9]), Buffer.from('cret-tail\r')]),
    );
    expect(run.code).toBe(1);
    expect(api.received.length).toBe(before);
    const line = run.output.split(/\r?\n/).find((l) => l.startsWith('{'));
    expect(JSON.parse(line ?? 'null')).toMatchObject({
      ok: false,
      exitCode: 1,
      outcome: 'usage-error',
      message: expect.stringContaining('not UTF-8') as unknown,
    });
    expect(run.output).not.toContain('cret-tail');
  });

  it('the same secret typed in UTF-8 is sent as typed', async () => {
    const secret = 'Sécret-tail';
    const run = await typedAtPrompt(
      ['request', '--endpoint', api.url(), '--client-id', 'abc', '--secret-stdin', '--json'],
      Buffer.from(`${secret}\r`),
    );
    expect(run.code).toBe(2);
    expect(new URLSearchParams(api.received.at(-1)?.body).get('client_secret')).toBe(secret);
  });
});
