// node:http's transport always ends a call: a request that closes with neither an answer nor an
// error (what Node does with a 101 it has no listener for, or whatever else may come) is a
// failure, not a promise left open. The real server cases are in test/integration.
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nodeHttpFetch } from '../../main/token/node-http-fetch';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a request that closes without a word', () => {
  it('fails with ERR_STREAM_PREMATURE_CLOSE', async () => {
    const http = process.getBuiltinModule('node:http');
    vi.spyOn(http, 'request').mockImplementation(() => {
      const request = Object.assign(new EventEmitter(), {
        end: () => setImmediate(() => request.emit('close')),
        destroy: () => undefined,
      });
      return request as unknown as ReturnType<typeof http.request>;
    });
    await expect(
      nodeHttpFetch('http://127.0.0.1:9/v2/oauth/token', {
        method: 'POST',
        headers: {},
        body: new URLSearchParams({ grant_type: 'client_credentials' }),
        redirect: 'manual',
        signal: new AbortController().signal,
      }),
    ).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });
    expect(http.request).toHaveBeenCalledTimes(1);
  });
});
