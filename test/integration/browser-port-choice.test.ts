// Browser mode's port, when any free one will do: it must be free on 127.0.0.1 and on [::1] (held
// there too: loopback-guard.ts), and another local user may hold ports on [::1]. Each try that
// finds its port taken is followed by another, 20 in all; then the error says what happened
// (it used to be the clash's own EADDRINUSE, which `telstra-token ui` read as "Port 0 is in use").
// The tries' ports are picked by the test (pickPort), among ports it really holds on [::1].
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost } from '../../main/browser/browser-host';
import { NoFreeLoopbackPort, type PortPicker } from '../../main/browser/loopback-guard';
import { createPageEvents } from '../../main/browser/page-events';
import { countedHandlers, rendererStub } from '../support/renderer-stub';

let dir: string;
const { handlers } = countedHandlers();
/** Ports held on [::1] only (127.0.0.1 at the same port left free), as another user's program would. */
const held: NetServer[] = [];

/** Listens on `address`:`port`; resolves with the server, or the error's code. */
function squat(address: string, port: number): Promise<NetServer | string> {
  return new Promise((resolve) => {
    const server = createNetServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    server.listen({ host: address, port }, () => resolve(server));
  });
}
const closed = (server: NetServer) => new Promise((resolve) => server.close(resolve));
const portOf = (server: NetServer) => (server.address() as { port: number }).port;

const hasIpv6 = await squat('::1', 0).then(async (server) => {
  if (typeof server === 'string') return false;
  await closed(server);
  return true;
});

function start(pickPort: PortPicker) {
  return startBrowserHost({
    handlers,
    rendererDir: dir,
    pageScriptFile: path.join(dir, 'page-api.js'),
    events: createPageEvents(),
    pickPort,
  });
}

beforeAll(async () => {
  dir = await rendererStub('browser-port-choice-');
  if (!hasIpv6) return;
  for (let count = 0; count < 20; count += 1) held.push((await squat('::1', 0)) as NetServer);
});
afterAll(async () => {
  await Promise.all(held.map(closed));
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!hasIpv6)('a free port, with ports taken on [::1]', () => {
  it('after 20 tries each taken there, fails saying no port was free, and holds none of them', async () => {
    const asked: number[] = [];
    const failure = await start((attempt) => {
      asked.push(attempt);
      return portOf(held[attempt - 1]!);
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NoFreeLoopbackPort);
    expect(failure).toMatchObject({ code: 'ENOFREEPORT', attempts: 20 });
    expect((failure as Error).message).toBe(
      'No port was free on both loopback addresses (127.0.0.1 and [::1]) in 20 tries.',
    );
    expect(asked).toEqual(Array.from({ length: 20 }, (_, at) => at + 1));
    // 127.0.0.1 at each port tried was let go again.
    for (const server of held) {
      const v4 = await squat('127.0.0.1', portOf(server));
      expect(typeof v4).not.toBe('string');
      await closed(v4 as NetServer);
    }
  });

  it('starts at the first try whose port is free on both', async () => {
    // 19 taken, then the OS's choice (0): a port free on 127.0.0.1, and here on [::1] too.
    const host = await start((attempt) => (attempt < 20 ? portOf(held[attempt - 1]!) : 0));
    try {
      expect(held.map(portOf)).not.toContain(host.port);
      expect((await fetch(`${host.origin}/`)).status).toBe(404);
    } finally {
      await host.close();
    }
  });
});
