// `telstra-token sandbox`: the app's built-in sandbox in the foreground, for trying requests
// (from this CLI, curl, or the app's Custom URL) without Telstra keys.
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, SANDBOX_SCENARIOS } from '../../../app/sandbox';
import { startSandboxServer } from '../../sandbox/sandbox-server';
import { EXIT, type ExitCode } from '../exit-codes';
import { facts, table } from '../format/columns';
import type { CliIo, Output } from '../io';

export async function sandboxCommand(json: boolean, io: CliIo, output: Output): Promise<ExitCode> {
  const sandbox = await startSandboxServer();
  try {
    const scenarios = SANDBOX_SCENARIOS.map(({ clientId, description }) => ({ clientId, description }));
    const { out } = output;
    if (json) {
      out.json({
        tokenUrl: sandbox.tokenUrl,
        clientId: SANDBOX_CLIENT_ID,
        clientSecret: SANDBOX_CLIENT_SECRET,
        scenarios,
      });
    } else {
      out.line(`${out.paint.good('Sandbox running')} at ${sandbox.tokenUrl} (Ctrl-C stops it)`);
      out.line();
      for (const line of facts(
        [
          ['Client ID', SANDBOX_CLIENT_ID],
          ['Client secret', SANDBOX_CLIENT_SECRET],
        ],
        out.paint.dim,
      )) {
        out.line(line);
      }
      out.line();
      out.line('These client IDs misbehave on purpose, with any secret:');
      const rows = scenarios.map((s) => [s.clientId, s.description]);
      for (const line of table([['CLIENT ID', 'ANSWER'], ...rows], out.paint.dim)) out.line(line);
      out.line();
      out.line('Try it:');
      out.line(
        `  printf %s ${SANDBOX_CLIENT_SECRET} | ${io.runAs} request --endpoint ${sandbox.tokenUrl} --client-id ${SANDBOX_CLIENT_ID} --secret-stdin`,
      );
    }
    await io.untilStopped();
  } finally {
    await sandbox.close();
  }
  return EXIT.token;
}
