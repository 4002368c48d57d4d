// The CLI starts from V8's code cache the build made (main/cli/code-cache.ts): the cache belongs to
// this very bundle, V8 takes it, and a cache that does not fit changes nothing but the speed.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheFileName, MAIN_FILE } from '../../main/cli/code-cache';
import { assertBuiltCli, CLI_PATH } from '../support/cli';
import { sendJson, startServer, type TestServer } from '../support/servers';

const PROBE = fileURLToPath(new URL('../support/code-cache-probe.cjs', import.meta.url));
const CLI_DIR = path.dirname(CLI_PATH);

interface ProbedRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly cache: Array<{ given: boolean; rejected: boolean | null }>;
}

function probedRequest(cli: string, url: string): Promise<ProbedRun> {
  const args = [
    '--require',
    PROBE,
    cli,
    'request',
    '--endpoint',
    url,
    '--client-id',
    'abc',
    '--secret-env',
    'S',
  ];
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, S: 'secret' };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stderr.split('\n').find((l) => l.startsWith('code cache: '));
      if (line === undefined) return reject(new Error(`no probe report:\n${stderr}`));
      resolve({ code, stdout, cache: JSON.parse(line.slice('code cache: '.length)) as ProbedRun['cache'] });
    });
  });
}

let api: TestServer;
beforeAll(async () => {
  assertBuiltCli();
  api = await startServer((_req, res) => sendJson(res, 200, { access_token: 'tok', expires_in: 3600 }));
});
afterAll(() => api.close());

describe('the CLI code cache', () => {
  it('belongs to the bundle beside it: named after a hash of its text', async () => {
    const bundle = await readFile(path.join(CLI_DIR, MAIN_FILE));
    const expected = cacheFileName(createHash('sha256').update(bundle).digest('hex'));
    expect(await readdir(CLI_DIR)).toContain(expected);
    expect(await readFile(CLI_PATH, 'utf8')).toContain(JSON.stringify(expected));
  });

  it('is taken by V8 when the CLI starts', async () => {
    const run = await probedRequest(CLI_PATH, api.url());
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Token received/);
    expect(run.cache).toEqual([{ given: true, rejected: false }]);
  });

  it('that does not fit (damaged anywhere, or missing) is not used, and the CLI works as before', async () => {
    const copy = await mkdtemp(path.join(tmpdir(), 'cli-code-cache-'));
    try {
      await cp(CLI_DIR, copy, { recursive: true });
      const cache = (await readdir(copy)).find((name) => name.endsWith('.v8cache'));
      expect(cache).toBeDefined();
      const cacheFile = path.join(copy, cache ?? '');
      const cli = path.join(copy, path.basename(CLI_PATH));
      const whole = await readFile(cacheFile);

      // One byte changed deep inside: V8 checks only a cache's header, and would crash on this.
      const flipped = Buffer.from(whole);
      flipped[Math.floor(flipped.length / 2)]! ^= 0x55;
      await writeFile(cacheFile, flipped);
      const damaged = await probedRequest(cli, api.url());
      expect(damaged.code).toBe(0);
      expect(damaged.stdout).toMatch(/^Token received/);
      expect(damaged.cache).toEqual([{ given: false, rejected: null }]);

      // Cut short, as by an interrupted copy.
      await writeFile(cacheFile, whole.subarray(0, whole.length - 1000));
      const cut = await probedRequest(cli, api.url());
      expect(cut.code).toBe(0);
      expect(cut.cache).toEqual([{ given: false, rejected: null }]);

      await writeFile(cacheFile, Buffer.alloc(4096, 0x5a));
      const garbage = await probedRequest(cli, api.url());
      expect(garbage.code).toBe(0);
      expect(garbage.cache).toEqual([{ given: false, rejected: null }]);

      await rm(cacheFile);
      const missing = await probedRequest(cli, api.url());
      expect(missing.code).toBe(0);
      expect(missing.stdout).toMatch(/^Token received/);
      expect(missing.cache).toEqual([{ given: false, rejected: null }]);
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });

  it('is not used for a bundle edited since, even one of the same length (the edit is what runs)', async () => {
    const copy = await mkdtemp(path.join(tmpdir(), 'cli-code-cache-'));
    try {
      await cp(CLI_DIR, copy, { recursive: true });
      const bundleFile = path.join(copy, MAIN_FILE);
      const bundle = await readFile(bundleFile, 'utf8');
      expect(bundle).toContain('Token received');
      // Same length: all V8 itself would compare.
      await writeFile(bundleFile, bundle.replaceAll('Token received', 'TOKEN RECEIVED'));
      const run = await probedRequest(path.join(copy, path.basename(CLI_PATH)), api.url());
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^TOKEN RECEIVED/);
      expect(run.cache).toEqual([{ given: false, rejected: null }]);
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });

  it('is never written by the CLI as shipped, whatever its environment says', async () => {
    const loader = await readFile(CLI_PATH, 'utf8');
    expect(loader).not.toMatch(/createCachedData|writeFile/);
    expect(await readdir(CLI_DIR)).not.toContain('cache-writer.tmp.cjs');
  });
});
