// At a real terminal (a pseudo-terminal from util-linux `script`): colour unless NO_COLOR, and
// the secret typed at the prompt is neither echoed nor printed.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuiltCli, CLI_PATH } from '../support/cli';
import { sendJson, startServer, type TestServer } from '../support/servers';

const SECRET = 'typed-Secret-4d9e';
const quote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

/** Runs the CLI on a pseudo-terminal; `type` is called with what it printed so far. */
function atTerminal(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  type?: (seen: string) => string | null,
) {
  const command = [process.execPath, CLI_PATH, ...args].map(quote).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    env: { ...process.env, NO_COLOR: undefined, TERM: 'xterm-256color', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let seen = '';
  let typed = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    seen += chunk;
    const keys = typed ? null : (type?.(seen) ?? null);
    if (keys !== null) {
      typed = true;
      child.stdin.write(keys);
    }
  });
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, output: seen })),
  );
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
});
