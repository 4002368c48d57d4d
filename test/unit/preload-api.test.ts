import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../app/ipc-contract';
import { createTokenTesterApi } from '../../app/preload-api';

describe('the preload API', () => {
  it('has one named method per operation, each bound to its own channel', async () => {
    const invoke = vi.fn(async () => 'answer');
    const api = createTokenTesterApi(invoke);
    expect(Object.keys(api).sort()).toEqual(Object.keys(IPC_CHANNELS).sort());
    expect(await api.cancelRequest({ requestId: 'r' })).toBe('answer');
    expect(invoke).toHaveBeenLastCalledWith('token:cancel', { requestId: 'r' });
    await api.getSandboxInfo();
    expect(invoke).toHaveBeenLastCalledWith('sandbox:info', undefined);
  });

  it('passes only the first argument and cannot be altered by the page', () => {
    const invoke = vi.fn(async () => undefined);
    const api = createTokenTesterApi(invoke);
    (api.copyToken as (...args: unknown[]) => unknown)({ requestId: 'a' }, 'extra', 'args');
    expect(invoke).toHaveBeenCalledWith('clipboard:copy-token', { requestId: 'a' });
    expect(Object.isFrozen(api)).toBe(true);
  });
});
