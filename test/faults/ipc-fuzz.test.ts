// Every IPC handler, fed arbitrary values through the real router and the real services: a typed
// validation error every time, never an exception, and no adapter touched — no network, no
// keychain, no clipboard, no browser, no file.
import fc from 'fast-check';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS, type IpcMethod } from '../../app/ipc-contract';
import { validateRequest } from '../../app/ipc-schemas';
import { createIpcRouter, type Dispatch } from '../../main/ipc/router';
import { createMainServices, type MainServices } from '../../main/services';

const sender = { url: 'app://bundle/index.html', isMainFrame: true };

const adapters = {
  fetch: vi.fn(() => Promise.reject(new Error('network touched'))),
  clipboard: {
    writeText: vi.fn(async () => undefined),
    readText: vi.fn(async () => ''),
    clear: vi.fn(async () => undefined),
  },
  keychain: {
    setSecret: vi.fn(async () => undefined),
    getSecret: vi.fn(async () => null),
    deleteSecret: vi.fn(async () => false),
    accounts: vi.fn(async () => new Set<string>()),
  },
  openExternal: vi.fn(async () => undefined),
  notify: vi.fn(),
};

let services: MainServices;
let dispatch: Dispatch;
let userDataDir: string;

beforeAll(async () => {
  userDataDir = await mkdtemp(path.join(tmpdir(), 'fuzz-'));
  services = createMainServices({ ...adapters, env: {}, userDataDir });
  dispatch = createIpcRouter({ handlers: services.handlers, isTrusted: () => true });
});
afterAll(() => services.dispose());

const hostile = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.anything({
      maxDepth: 4,
      maxKeys: 8,
      withNullPrototype: true,
      withBigInt: true,
      withMap: true,
      withSet: true,
      withObjectString: true,
    }),
  },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(100_000), '\u0000'.repeat(50_000), 'é'.repeat(70_000)) },
  { weight: 1, arbitrary: fc.array(fc.integer(), { minLength: 1000, maxLength: 2000 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      JSON.parse('{"__proto__":{"polluted":true}}'),
      JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
      { requestId: 'x'.repeat(10_000) },
      { profileId: '../../../etc/passwd' },
      { url: 'javascript:alert(1)' },
      Object.create(null) as unknown,
    ),
  },
  // Deeply nested objects.
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 200, max: 2000 })
      .map((depth) => Array.from({ length: depth }).reduce<unknown>((inner) => ({ inner }), {})),
  },
);

describe('IPC fuzzing', () => {
  for (const method of Object.keys(IPC_CHANNELS) as IpcMethod[]) {
    it(`${method} answers junk with a typed validation error and touches nothing`, async () => {
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(hostile, async (arg) => {
          if (validateRequest(method, arg).ok) return; // rare valid junk (e.g. no argument) is out of scope
          const answer = await dispatch(IPC_CHANNELS[method], sender, arg);
          expect(answer).toMatchObject({ ok: false, kind: 'invalid-input' });
          expect(JSON.parse(JSON.stringify(answer))).toEqual(answer);
          refused += 1;
        }),
        { numRuns: 1000 },
      );
      // Most junk is refused; what passed validation (an empty settings change, no argument) was skipped.
      expect(refused).toBeGreaterThan(600);
    }, 120_000);
  }

  it('touched no adapter and wrote no file', async () => {
    expect(adapters.fetch).not.toHaveBeenCalled();
    for (const fn of [
      ...Object.values(adapters.clipboard),
      ...Object.values(adapters.keychain),
      adapters.openExternal,
      adapters.notify,
    ]) {
      expect(fn).not.toHaveBeenCalled();
    }
    expect(await readdir(userDataDir)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
