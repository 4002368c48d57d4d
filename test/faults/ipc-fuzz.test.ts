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

const PROFILE_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const REF = { requestId: 'r1' };

/** A valid argument for each operation: the fuzz changes one thing in it at a time. */
const SAMPLES: { readonly [M in IpcMethod]: unknown } = {
  requestToken: {
    requestId: 'r1',
    preset: 'v2',
    tokenUrl: 'https://tapi.telstra.com/v2/oauth/token',
    clientId: 'id',
    secret: { source: 'typed', value: 'secret' },
    grantType: 'client_credentials',
    scope: 'NSMS',
  },
  cancelRequest: REF,
  startBatch: { runId: 'run1', profileIds: [PROFILE_ID], checkAccess: false },
  batchProgress: { runId: 'run1', seen: 0 },
  batchAnswer: { runId: 'run1', index: 0 },
  cancelBatch: { runId: 'run1' },
  copyBatchReport: { runId: 'run1' },
  previewImport: { fileName: 'credentials', text: '[default]\nclient_id = a\nclient_secret = b\n' },
  importProfiles: { previewId: PROFILE_ID, choices: [{ rowId: 'row-1', action: 'import', name: 'P' }] },
  exportProfiles: undefined,
  checkMessagingAccess: { requestId: 'r1', messagingUrl: 'https://products.api.telstra.com/messaging/v3' },
  getSandboxInfo: undefined,
  getHostInfo: undefined,
  copyToken: REF,
  listProfiles: undefined,
  saveProfile: {
    profileId: null,
    fields: {
      name: 'Prod',
      clientId: 'id',
      preset: 'v2',
      tokenUrl: 'https://tapi.telstra.com/v2/oauth/token',
      grantType: 'client_credentials',
      scope: 'NSMS',
    },
    secret: 'secret',
  },
  duplicateProfile: { profileId: PROFILE_ID },
  deleteProfile: { profileId: PROFILE_ID },
  revealSecret: { profileId: PROFILE_ID },
  openExternal: { url: 'https://dev.telstra.com/' },
  copyAuthorizationHeader: REF,
  clearClipboard: undefined,
  getSettings: undefined,
  updateSettings: { clipboardClearSeconds: 30, notifyBeforeExpiry: true, autoRenew: false },
  listHistory: undefined,
  clearHistory: undefined,
  copyCurl: REF,
  copyReport: REF,
  saveReport: REF,
  probeBasicAuth: REF,
  checkForm: {
    preset: 'v2',
    tokenUrl: 'https://tapi.telstra.com/v2/oauth/token',
    clientId: 'id',
    clientSecret: 'secret',
    grantType: 'client_credentials',
    scope: 'NSMS',
  },
  explainOutcome: { outcome: 'http:401' },
};

/** Paths to every value inside a sample (nested objects included), to replace one of them. */
function pathsIn(value: unknown, prefix: readonly string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return prefix.length > 0 ? [[...prefix]] : [];
  return Object.entries(value).flatMap(([key, inner]) => [
    [...prefix, key],
    ...pathsIn(inner, [...prefix, key]),
  ]);
}

function replaced(value: unknown, at: readonly string[], by: unknown): unknown {
  const [key, ...rest] = at;
  if (key === undefined) return by;
  const copy = { ...(value as Record<string, unknown>) };
  copy[key] = replaced(copy[key], rest, by);
  return copy;
}

/** The sample with one value replaced by junk, or with a hostile key added beside the others. */
function nearlyValid(sample: unknown): fc.Arbitrary<unknown> {
  const paths = pathsIn(sample);
  if (paths.length === 0) return hostile;
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.tuple(fc.constantFrom(...paths), hostile).map(([at, by]) => replaced(sample, at, by)),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('__proto__', 'constructor', 'extra', 'prototype')
        .map(
          (key) => ({ ...JSON.parse(`{"${key}": {"polluted": true}}`), ...(sample as object) }) as unknown,
        ),
    },
  );
}

describe('IPC fuzzing', () => {
  it('refuses, never throws, for a field whose length is an object without a prototype', () => {
    // Found by the fuzzing below (seed -1398594758): zod checks the length of anything that has one.
    const weird = { length: Object.create(null) as object };
    for (const method of Object.keys(IPC_CHANNELS) as IpcMethod[]) {
      const sample = SAMPLES[method];
      const fields = sample !== null && typeof sample === 'object' ? Object.keys(sample) : [];
      for (const field of fields) {
        const answer = validateRequest(method, { ...(sample as object), [field]: weird });
        expect(answer.ok, `${method}.${field}`).toBe(false);
      }
    }
  });

  it('starts from a valid argument for every operation', () => {
    for (const method of Object.keys(IPC_CHANNELS) as IpcMethod[]) {
      expect(validateRequest(method, SAMPLES[method]).ok, method).toBe(true);
    }
  });

  for (const method of Object.keys(IPC_CHANNELS) as IpcMethod[]) {
    it(`${method} answers junk with a typed validation error and touches nothing`, async () => {
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(fc.oneof(hostile, nearlyValid(SAMPLES[method])), async (arg) => {
          // Junk that happens to be valid (a string where any string goes) is not sent: a valid
          // call does its work, which this test must not let touch anything.
          if (validateRequest(method, arg).ok) return;
          const answer = await dispatch(IPC_CHANNELS[method], sender, arg);
          expect(answer).toMatchObject({ ok: false, kind: 'invalid-input' });
          expect(JSON.parse(JSON.stringify(answer))).toEqual(answer);
          refused += 1;
        }),
        { numRuns: 1500 },
      );
      expect(refused).toBeGreaterThanOrEqual(1000);
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
