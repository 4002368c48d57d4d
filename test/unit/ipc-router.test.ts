import fc from 'fast-check';
import { describe, expect, it, vi, type Mock } from 'vitest';
import { IPC_CHANNELS, type IpcMethod } from '../../app/ipc-contract';
import type { TokenRequestInput } from '../../app/ipc-contract';
import { validateRequest } from '../../app/ipc-schemas';
import { createIpcRouter, type IpcHandlers } from '../../main/ipc/router';
import { isTrustedSender, trustedOriginOf } from '../../main/ipc/sender';

const trusted = { url: 'app://bundle/index.html', isMainFrame: true };
const validRequest: TokenRequestInput = {
  requestId: 'req-1',
  preset: 'v2',
  tokenUrl: 'https://tapi.telstra.com/v2/oauth/token',
  clientId: 'id',
  secret: { source: 'typed', value: 's3cret-value' },
  grantType: 'client_credentials',
  scope: 'NSMS',
};

type SpyHandlers = IpcHandlers & { readonly [M in IpcMethod]: Mock<(request: unknown) => Promise<never>> };

function spyHandlers(): SpyHandlers {
  const methods = Object.keys(IPC_CHANNELS) as IpcMethod[];
  return Object.fromEntries(
    methods.map((method) => [method, vi.fn(async () => ({ ok: true }) as never)]),
  ) as unknown as SpyHandlers;
}

function router(handlers: IpcHandlers = spyHandlers()) {
  const origin = trustedOriginOf('app://bundle/index.html');
  return createIpcRouter({ handlers, isTrusted: (sender) => isTrustedSender(sender, origin) });
}

describe('a batch run to be started', () => {
  const start = (profileIds: string[]) =>
    validateRequest('startBatch', { runId: 'run-1', profileIds, checkAccess: false });

  it('is refused when a profile is listed twice, or none is', () => {
    const id = '0b9d3c1e-7a42-4f6e-9c1d-2b3a4c5d6e7f';
    expect(start([id]).ok).toBe(true);
    expect(start([id, id])).toMatchObject({ ok: false, issues: [{ message: 'A profile is listed twice.' }] });
    expect(start([])).toMatchObject({ ok: false, issues: [{ message: 'Choose at least one profile.' }] });
  });
});

describe('an import to be confirmed', () => {
  const confirm = (rowIds: string[]) =>
    validateRequest('importProfiles', {
      previewId: '0b9d3c1e-7a42-4f6e-9c1d-2b3a4c5d6e7f',
      choices: rowIds.map((rowId) => ({ rowId, action: 'import', name: `Imported ${rowId}` })),
    });

  it('is refused when a row is chosen twice', () => {
    expect(confirm(['row-1', 'row-2']).ok).toBe(true);
    expect(confirm(['row-1', 'row-2', 'row-1'])).toMatchObject({
      ok: false,
      issues: [{ message: 'A row is chosen twice.' }],
    });
  });
});

describe('a secret to be saved', () => {
  const save = (secret: string) =>
    validateRequest('saveProfile', {
      profileId: null,
      fields: {
        name: 'Prod app',
        preset: 'v3',
        tokenUrl: '',
        clientId: 'client-id',
        grantType: 'client_credentials',
        scope: '',
      },
      secret,
    });

  it.each([
    ['a NUL', 'ab\u0000cd-rest-of-it'],
    ['a lone high surrogate', 'ab\ud800cd-rest'],
    ['a lone low surrogate', '\udc00abcd-rest'],
    ['a pair the wrong way round', 'ab\udc00\ud800cd'],
  ])('is refused with %s, which a keychain would not keep as written, never echoed', (_what, secret) => {
    const checked = save(secret);
    expect(checked).toMatchObject({
      ok: false,
      issues: [
        {
          field: 'secret',
          message: expect.stringMatching(/NUL character or a broken Unicode character/) as string,
        },
      ],
    });
    expect(JSON.stringify(checked)).not.toContain('rest');
  });

  it('is taken with any other character, a whole surrogate pair (an emoji) included', () => {
    expect(save('s3cr3t-\u{1F511}-é-\u200b')).toMatchObject({ ok: true });
  });
});

describe('the IPC router', () => {
  it('passes a valid request from the app’s main frame to its handler', async () => {
    const handlers = spyHandlers();
    await router(handlers)(IPC_CHANNELS.requestToken, trusted, validRequest);
    expect(handlers.requestToken).toHaveBeenCalledWith(validRequest);
  });

  it.each([
    ['a subframe of the app', { url: 'app://bundle/index.html', isMainFrame: false }],
    ['another scheme', { url: 'https://bundle/index.html', isMainFrame: true }],
    ['another host', { url: 'app://evil/index.html', isMainFrame: true }],
    ['a destroyed frame', { url: '', isMainFrame: false }],
    ['a file: page', { url: 'file:///index.html', isMainFrame: true }],
  ])('refuses %s', async (_name, sender) => {
    const handlers = spyHandlers();
    const answer = await router(handlers)(IPC_CHANNELS.requestToken, sender, validRequest);
    expect(answer).toMatchObject({ ok: false, kind: 'untrusted-sender' });
    expect(handlers.requestToken).not.toHaveBeenCalled();
  });

  it('refuses unknown channels', async () => {
    expect(await router()('shell:open', trusted, {})).toMatchObject({ ok: false, kind: 'unknown-channel' });
  });

  it('refuses extra fields, wrong types and over-long values, naming the field but not the value', async () => {
    const handlers = spyHandlers();
    const dispatch = router(handlers);
    const extra = await dispatch(IPC_CHANNELS.requestToken, trusted, {
      ...validRequest,
      clientSecretX: 'hunter2',
    });
    expect(extra).toMatchObject({
      ok: false,
      kind: 'invalid-input',
      issues: [{ message: 'Unexpected fields were sent.' }],
    });
    expect(JSON.stringify(extra)).not.toContain('hunter2');

    const long = await dispatch(IPC_CHANNELS.requestToken, trusted, {
      ...validRequest,
      secret: { source: 'typed', value: 'q'.repeat(5000) },
    });
    expect(long).toMatchObject({
      kind: 'invalid-input',
      issues: [{ field: 'secret.value', message: 'Client secret is longer than 4096 characters.' }],
    });
    expect(JSON.stringify(long)).not.toContain('qqqq');

    const empty = await dispatch(IPC_CHANNELS.requestToken, trusted, {
      ...validRequest,
      secret: { source: 'typed', value: '' },
    });
    expect(empty).toMatchObject({
      issues: [{ field: 'secret.value', message: 'Client secret must not be empty.' }],
    });

    const hostileId = await dispatch(IPC_CHANNELS.requestToken, trusted, {
      ...validRequest,
      secret: { source: 'profile', profileId: '../../etc/passwd' },
    });
    expect(hostileId).toMatchObject({ issues: [{ field: 'secret.profileId', message: 'Unknown profile.' }] });

    const preset = await dispatch(IPC_CHANNELS.requestToken, trusted, { ...validRequest, preset: 'v4' });
    expect(preset).toMatchObject({ issues: [{ field: 'preset' }] });
    expect(handlers.requestToken).not.toHaveBeenCalled();
  });

  it('turns a handler fault into a value, without the argument', async () => {
    const handlers = spyHandlers();
    handlers.requestToken.mockRejectedValueOnce(new Error('boom s3cret-value'));
    const onFault = vi.fn();
    const origin = trustedOriginOf('app://bundle/index.html');
    const dispatch = createIpcRouter({ handlers, isTrusted: (s) => isTrustedSender(s, origin), onFault });
    const answer = await dispatch(IPC_CHANNELS.requestToken, trusted, validRequest);
    expect(answer).toEqual({
      ok: false,
      kind: 'app-error',
      message: 'The app could not complete this operation.',
      issues: [],
    });
    expect(onFault).toHaveBeenCalledWith('requestToken', expect.any(Error));
  });

  it('answers arbitrary junk on every channel with a typed refusal, and hands a handler only what its schema allows', async () => {
    const handlers = spyHandlers();
    const dispatch = router(handlers);
    const hostile = fc.oneof(
      fc.anything({
        maxDepth: 6,
        withObjectString: true,
        withNullPrototype: true,
        withBigInt: true,
        withMap: true,
        withSet: true,
      }),
      fc.string({ minLength: 10_000, maxLength: 20_000 }),
      fc.constantFrom(
        JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
        { constructor: { prototype: { polluted: true } } },
        // An own `__proto__` key (as JSON.parse makes it), beside a valid request's fields.
        JSON.parse(`{"__proto__":{"x":1},${JSON.stringify(validRequest).slice(1)}`) as unknown,
      ),
    );
    const methods = Object.keys(IPC_CHANNELS) as IpcMethod[];
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...methods), hostile, async (method, arg) => {
        const calls = handlers[method].mock.calls.length;
        const answer = await dispatch(IPC_CHANNELS[method], trusted, arg);
        if (validateRequest(method, arg).ok) {
          // Rarely, junk is valid (no argument where none is taken, an empty settings change).
          expect(handlers[method].mock.calls.length).toBe(calls + 1);
        } else {
          refused += 1;
          expect(answer).toMatchObject({ ok: false, kind: 'invalid-input' });
          expect(handlers[method].mock.calls.length).toBe(calls);
        }
      }),
      { numRuns: 2000 },
    );
    expect(refused).toBeGreaterThan(1900);
    for (const method of [
      'requestToken',
      'saveProfile',
      'deleteProfile',
      'revealSecret',
      'copyToken',
      'openExternal',
    ] as const) {
      expect(handlers[method], method).not.toHaveBeenCalled();
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 60_000);
});
