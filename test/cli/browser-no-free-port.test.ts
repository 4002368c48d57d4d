// `telstra-token ui` when every port it tries is taken on [::1] (browser mode holds its port on
// both loopback addresses: main/browser/loopback-guard.ts). It used to say "Port 0 is in use;
// leave out --port to use a free one." to a user who had given no --port. The built CLI, with
// each port it asks for on [::1] held first by a real listener (hold-ipv6-ports.mjs).
import { createServer } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuiltCli, runCli } from '../support/cli';

const HOLD_IPV6_PORTS = fileURLToPath(new URL('../support/hold-ipv6-ports.mjs', import.meta.url));
let data: string;

const hasIpv6 = await new Promise<boolean>((resolve) => {
  const server = createServer();
  server.once('error', () => resolve(false));
  server.listen(0, '::1', () => server.close(() => resolve(true)));
});

beforeAll(async () => {
  assertBuiltCli();
  data = await mkdtemp(path.join(tmpdir(), 'ui-no-free-port-'));
});
afterAll(() => rm(data, { recursive: true, force: true }));

describe.skipIf(!hasIpv6)('ui, with every port it tries taken on [::1]', () => {
  it('says no port was free on both loopback addresses, not that the port it was not given is in use', async () => {
    const run = await runCli(['ui', '--json', '--no-open'], {
      env: { TOKEN_TESTER_USER_DATA_DIR: data, BROWSER: 'none', NODE_OPTIONS: `--import=${HOLD_IPV6_PORTS}` },
    });
    const message =
      'No port was free on both loopback addresses (127.0.0.1 and [::1]) in 20 tries. Another program may be holding many ports on this computer; start browser mode again, or choose a port with --port.';
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`telstra-token: ${message}\n`);
    expect(JSON.parse(run.stdout)).toEqual({
      ok: false,
      exitCode: 1,
      outcome: 'not-started',
      title: 'Browser mode did not start',
      message,
    });
  });
});
