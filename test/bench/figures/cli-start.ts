// `telstra-token request` against the built-in sandbox, from a cold start to exit, beside bare
// Node starting and exiting (`node -e ''`). The budget is the issue's: at most 40 ms more.
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '../../../app/sandbox';
import { CLI_PATH } from '../../support/cli';
import { alternate, differenceRows, timeProcess, type Figure } from '../figure';

const env: NodeJS.ProcessEnv = { ...process.env, TT_BENCH_SECRET: SANDBOX_CLIENT_SECRET };
for (const name of Object.keys(env)) if (name.startsWith('TOKEN_TESTER_')) delete env[name];

export const cliStart: Figure = {
  name: 'CLI cold start',
  async measure({ runs }) {
    const args = [
      CLI_PATH,
      'request',
      '--endpoint',
      'sandbox',
      '--client-id',
      SANDBOX_CLIENT_ID,
      '--secret-env',
      'TT_BENCH_SECRET',
    ];
    const measured = alternate(
      runs,
      3,
      () => timeProcess(process.execPath, args, { env }),
      () => timeProcess(process.execPath, ['-e', ''], { env }),
    );
    return differenceRows(
      'telstra-token request --endpoint sandbox, cold start to exit',
      "node -e ''",
      measured,
      40,
    );
  },
};
