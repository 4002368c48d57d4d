// Browser mode's start: `telstra-token start --browser` of a built app (what `npm start` runs once
// its build is done) from spawn to the address printed, beside bare Node starting and exiting
// (`node -e ''`), alternating. Budget (issue 8): at most 300 ms above the floor.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CLI_PATH } from '../../support/cli';
import { differenceRows, timeProcess, type Figure } from '../figure';

const env: NodeJS.ProcessEnv = { ...process.env, BROWSER: 'none' };
for (const name of Object.keys(env)) if (name.startsWith('TOKEN_TESTER_')) delete env[name];

/** Milliseconds from spawn to the line with the address; then stops it and waits for its exit. */
function timeToAddress(dataDir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI_PATH, 'start', '--browser', '--no-open', '--json'], {
      env: { ...env, TOKEN_TESTER_USER_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let elapsed: number | null = null;
    child.stdout.on('data', (chunk: Buffer) => {
      if (elapsed === null && chunk.includes('"url"')) {
        elapsed = performance.now() - started;
        child.kill('SIGINT');
      }
    });
    child.once('exit', () =>
      elapsed === null
        ? reject(new Error('browser mode exited before printing its address'))
        : resolve(elapsed),
    );
  });
}

export const browserModeStart: Figure = {
  name: 'browser mode start',
  async measure({ runs }) {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-browser-start-'));
    try {
      const floor = () => timeProcess(process.execPath, ['-e', ''], { env });
      for (let i = 0; i < 3; i += 1) {
        floor();
        await timeToAddress(dataDir);
      }
      const floorMs: number[] = [];
      const startMs: number[] = [];
      for (let i = 0; i < runs; i += 1) {
        floorMs.push(floor());
        startMs.push(await timeToAddress(dataDir));
      }
      return differenceRows(
        'browser mode: telstra-token start --browser (built app) to the address printed',
        "node -e ''",
        { samplesMs: startMs, baselineSamplesMs: floorMs },
        300,
      );
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};
