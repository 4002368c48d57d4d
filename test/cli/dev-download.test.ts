// `npm run dev` (Vite's dev server, vite.config.ts) while Electron's first download runs: Ctrl-C
// stops it as asked. The download's signal handling (main/launcher/electron-binary.ts) keeps the
// process alive until the installer has ended; the dev server must then stop, not report a
// desktop window that "cannot start" with advice to connect to the internet, and exit 1.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { electronBinary } from '../support/launch';

const root = path.resolve(__dirname, '../..');
const dirs: string[] = [];

afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('npm run dev while Electron is fetched', () => {
  it.skipIf(electronBinary() !== null || process.platform !== 'linux')(
    'Ctrl-C during the download stops it, with nothing said about a window that cannot start',
    async () => {
      // A mirror that takes the connection and never answers: the download goes on until stopped.
      const held: Socket[] = [];
      const mirror = createServer((socket) => void held.push(socket));
      await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve));
      const cache = await mkdtemp(path.join(tmpdir(), 'electron-cache-'));
      dirs.push(cache);
      try {
        const { port } = mirror.address() as AddressInfo;
        // A process group of its own, as a terminal's foreground job: Ctrl-C reaches all of it.
        const dev = spawn(
          process.execPath,
          [path.join(root, 'node_modules/vite/bin/vite.js'), '--port', '0'],
          {
            cwd: root,
            env: {
              ...process.env,
              BROWSER: 'none',
              DISPLAY: ':99',
              ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
              electron_config_cache: cache,
            },
            stdio: 'pipe',
            detached: true,
          },
        );
        let output = '';
        dev.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
        dev.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
        const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
          dev.once('exit', (code, signal) => resolve({ code, signal })),
        );
        try {
          // The installer has reached the mirror, which holds it.
          await expect.poll(() => held.length, { timeout: 30_000 }).toBeGreaterThan(0);
          expect(output).toContain('Fetching Electron’s binary');
          process.kill(-dev.pid!, 'SIGINT');
          const { code, signal } = await exited;
          expect(output).not.toContain('cannot start');
          expect(code === 130 || signal === 'SIGINT').toBe(true);
        } finally {
          if (dev.exitCode === null && dev.signalCode === null) process.kill(-dev.pid!, 'SIGKILL');
        }
      } finally {
        for (const socket of held) socket.destroy();
        await new Promise((resolve) => mirror.close(resolve));
      }
    },
  );
});
