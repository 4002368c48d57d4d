// Requests on one browser-mode connection run in turn (main/browser/connection-turns.ts). A
// handling that throws before it answers must not leave its client waiting forever on an open
// connection: it was caught and dropped, the request never answered and the connection kept open.
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { inTurn } from '../../main/browser/connection-turns';

const servers: Array<ReturnType<typeof createServer>> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

it('closes the connection of a request whose handling failed without an answer', async () => {
  const server = createServer((req) =>
    inTurn(req, async () => {
      throw new Error('a fault before any answer');
    }),
  );
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const ended = await new Promise<string>((resolve) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/', agent: false }, (res) =>
      resolve(`answered ${res.statusCode}`),
    );
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.end();
  });
  expect(ended).toBe('ECONNRESET');
});
