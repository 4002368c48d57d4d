// `telstra-token request` from a cold start to exit, beside bare Node starting and exiting
// (`node -e ''`), alternating. The budget (the CLI issue's: at most 40 ms more) applies to a
// request to the sandbox running in its own process (`telstra-token sandbox`), as a request to
// Telstra is to a server elsewhere. For context, also `--endpoint sandbox`, which starts the
// sandbox's server inside the CLI for that one request.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '../../../app/sandbox';
import { CLI_PATH } from '../../support/cli';
import { differenceRows, median, ms, percentile, timeProcess, type Figure } from '../figure';

const env: NodeJS.ProcessEnv = { ...process.env, TT_BENCH_SECRET: SANDBOX_CLIENT_SECRET };
for (const name of Object.keys(env)) if (name.startsWith('TOKEN_TESTER_')) delete env[name];

const requestArgs = (endpoint: string) => [
  CLI_PATH,
  'request',
  '--endpoint',
  endpoint,
  '--client-id',
  SANDBOX_CLIENT_ID,
  '--secret-env',
  'TT_BENCH_SECRET',
];

/** `telstra-token sandbox --json` in the background; its first line says where it listens. */
async function runningSandbox(): Promise<{ tokenUrl: string; stop: () => void }> {
  const child = spawn(process.execPath, [CLI_PATH, 'sandbox', '--json'], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`telstra-token sandbox exited with ${code}`)));
  });
  const { tokenUrl } = JSON.parse(first) as { tokenUrl: string };
  return { tokenUrl, stop: () => child.kill('SIGTERM') };
}

export const cliStart: Figure = {
  name: 'CLI cold start',
  async measure({ runs }) {
    const sandbox = await runningSandbox();
    try {
      const floor = () => timeProcess(process.execPath, ['-e', ''], { env });
      const toRunning = () => timeProcess(process.execPath, requestArgs(sandbox.tokenUrl), { env });
      const inProcess = () => timeProcess(process.execPath, requestArgs('sandbox'), { env });
      for (let i = 0; i < 3; i += 1) {
        floor();
        toRunning();
        inProcess();
      }
      const floorMs: number[] = [];
      const runningMs: number[] = [];
      const inProcessMs: number[] = [];
      for (let i = 0; i < runs; i += 1) {
        floorMs.push(floor());
        runningMs.push(toRunning());
        inProcessMs.push(inProcess());
      }
      const above = median(inProcessMs) - median(floorMs);
      return [
        ...differenceRows(
          'telstra-token request to the running sandbox, cold start to exit',
          "node -e ''",
          { samplesMs: runningMs, baselineSamplesMs: floorMs },
          40,
        ),
        {
          figure: 'for context: the same with --endpoint sandbox (starts the sandbox in the CLI)',
          median: `${ms(median(inProcessMs))} (+${ms(above)})`,
          p95: ms(percentile(inProcessMs, 95)),
          budget: '—',
          within: null,
          data: { samplesMs: inProcessMs, aboveMs: above },
        },
      ];
    } finally {
      sandbox.stop();
    }
  },
};
