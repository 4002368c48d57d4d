// A credentials file from someone else whose token URL sends the secret to another host than
// Telstra's: a lookalike of Telstra's name (a longer name ending elsewhere, a letter from another
// alphabet, a backslash read as a slash, an escaped letter). The import's preview (text and
// --json) says for each such row the host a request would address, as it addresses it (an
// international name as its xn-- form), and that it is neither Telstra's nor this computer; rows
// for Telstra's hosts and this computer say nothing of it. At a terminal the question says it
// again. Real files, the real CLI, and the private keychain for the import itself.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../app/import-preview';
import { assertBuiltCli, CLI_PATH, onlyJson, runCli } from '../support/cli';
import { requireKeyringTools, testService } from '../support/keyring';

const ROWS: Record<string, string> = {
  suffix: 'https://tapi.telstra.com.evil.example/v2/oauth/token',
  hyphen: 'https://tapi-telstra.com/v2/oauth/token',
  // A Cyrillic а (U+0430) in "telstra": drawn as the Latin one.
  homograph: 'https://tapi.telstr\u0430.com/v2/oauth/token',
  // Backslashes, which a URL reads as slashes: the host is evil.example.
  backslash: 'https:\\\\evil.example\\\\tapi.telstra.com/v2/oauth/token',
  escaped: 'https://%65vil.example/v2/oauth/token',
  // Loopback-looking, but a name any DNS server can answer for.
  nip: 'https://127.0.0.1.nip.io/v2/oauth/token',
  // Telstra's own hosts, however written, and this computer: nothing to say.
  v3: 'https://products.api.telstra.com/v2/oauth/token',
  capitals: 'https://TAPI.TELSTRA.COM./v2/oauth/token',
  port: 'https://tapi.telstra.com:8443/v2/oauth/token',
  decimal: 'http://2130706433/v2/oauth/token',
  local: 'http://127.0.0.1:4100/v2/oauth/token',
};
const FOREIGN: Record<string, string> = {
  suffix: 'tapi.telstra.com.evil.example',
  hyphen: 'tapi-telstra.com',
  homograph: 'tapi.xn--telstr-8nf.com',
  backslash: 'evil.example',
  escaped: 'evil.example',
  nip: '127.0.0.1.nip.io',
};
const SAYS = (host: string) =>
  `Its secret would be sent to ${host}, which is neither one of Telstra's token hosts (tapi.telstra.com, products.api.telstra.com) nor this computer.`;

const CREDENTIALS = Object.entries(ROWS)
  .map(
    ([name, url]) =>
      `[${name}]\nclient_id = ${name}-client-id-0001\nclient_secret = ${name}-S3cret-value\ntoken_url = ${url}\n`,
  )
  .join('\n');

/** The CLI on a pseudo-terminal (util-linux `script`), answering "n" to the [y/N] question. */
function atTerminal(args: readonly string[], env: Record<string, string>) {
  const quote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;
  const command = [process.execPath, CLI_PATH, ...args].map(quote).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    env: { ...process.env, ...env, NO_COLOR: '1', TERM: 'xterm-256color' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let seen = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const asked = !seen.includes('[y/N]');
    seen += chunk;
    if (asked && seen.includes('[y/N]')) child.stdin.write('n\r');
  });
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, output: seen })),
  );
}

describe.runIf(requireKeyringTools('an import naming another host', 'secret-tool'))(
  'an import whose token URL sends the secret elsewhere',
  () => {
    let dir: string;
    let file: string;
    let env: Record<string, string>;

    beforeAll(async () => {
      assertBuiltCli();
      dir = await mkdtemp(path.join(tmpdir(), 'cli-import-host-'));
      file = path.join(dir, 'credentials');
      await writeFile(file, CREDENTIALS);
      env = {
        TOKEN_TESTER_USER_DATA_DIR: path.join(dir, 'data'),
        TOKEN_TESTER_KEYCHAIN_SERVICE: testService(),
      };
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('names, per row, the host the secret would go to when it is neither Telstra nor this computer', async () => {
      const json = onlyJson(await runCli(['profiles', 'import', file, '--json'], { env })) as {
        preview: ImportPreview;
      };
      const rows = json.preview.rows;
      expect(rows.map((r) => r.name)).toEqual(Object.keys(ROWS));
      for (const row of rows) {
        const host = FOREIGN[row.name];
        const said = row.findings.filter((f) => f.message.startsWith('Its secret would be sent'));
        if (host === undefined) {
          expect(said, row.name).toEqual([]);
          expect(row.sendsTo?.whose, row.name).not.toBe('other');
        } else {
          expect(row.sendsTo, row.name).toEqual({ host, whose: 'other' });
          expect(
            said.map((f) => [f.field, f.message.slice(0, SAYS(host).length)]),
            row.name,
          ).toEqual([['tokenUrl', SAYS(host)]]);
          // Never taken for one of Telstra's endpoints.
          expect(row.preset, row.name).toBe('custom');
        }
      }
      expect(rows.find((r) => r.name === 'homograph')?.findings.at(-1)?.message).toContain(
        'letters other than plain Latin ones',
      );
      expect(rows.find((r) => r.name === 'backslash')?.findings.at(-1)?.message).toContain(
        'The URL writes this address in another way',
      );
      expect(Object.fromEntries(rows.map((r) => [r.name, r.sendsTo?.whose]))).toMatchObject({
        v3: 'telstra',
        capitals: 'telstra',
        port: 'telstra',
        decimal: 'this-computer',
        local: 'this-computer',
      });
      expect(json.preview.summary).toContain(
        "11 found. 6 send their secret to a host other than Telstra's token hosts and this computer (said on their rows).",
      );
      expect(JSON.stringify(json)).not.toContain('S3cret');

      // The text preview says the same on each row, with the host as a request spells it.
      const text = await runCli(['profiles', 'import', file], { env });
      expect(text.code).toBe(0);
      for (const [name, host] of Object.entries(FOREIGN))
        expect(text.stdout).toMatch(new RegExp(`^  ${name} .*${SAYS(host).replace(/[.()]/g, '\\$&')}`, 'm'));
      expect(text.stdout).toMatch(/^ {2}v3 (?!.*Its secret would be sent)/m);
      expect(text.stdout).not.toContain('S3cret');
    });

    it('says it again in the question at a terminal, and "n" writes nothing', async () => {
      const run = await atTerminal(['profiles', 'import', file], env);
      expect(run.output).toContain(
        "Import 11 profiles, 6 of them sending their secret to a host other than Telstra's token hosts and this computer? [y/N]",
      );
      expect(run.code).toBe(0);
      const listed = onlyJson(await runCli(['profiles', '--json'], { env })) as { profiles: unknown[] };
      expect(listed.profiles).toEqual([]);
    });
  },
);
