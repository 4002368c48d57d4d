// From argv to an exit status: parse, then hand over to the command. The profile, sandbox and
// browser-mode commands are imported on demand, so the others never load the profile code,
// keytar, the sandbox's server or browser mode.
import { parseInvocation } from './args';
import { explainCommand } from './commands/explain';
import { requestCommand } from './commands/request';
import { EXIT, type ExitCode } from './exit-codes';
import type { CliIo, Output } from './io';
import { helpText, reportUsageError } from './usage';

export async function runCli(argv: readonly string[], io: CliIo, output: Output): Promise<ExitCode> {
  const invocation = parseInvocation(argv);
  if (invocation.kind === 'help') {
    output.out.line(helpText(invocation.command, io.runAs));
    return EXIT.token;
  }
  if (invocation.kind === 'usage-error') return reportUsageError(output, invocation, io.runAs);
  const { options, positionals } = invocation;
  const json = options.json === true;
  switch (invocation.command) {
    case 'request':
      return requestCommand(options, io, output);
    case 'profiles': {
      const dataDir = typeof options['user-data-dir'] === 'string' ? options['user-data-dir'] : null;
      if (dataDir === '') {
        const message = '--user-data-dir must not be empty.';
        return reportUsageError(output, { command: 'profiles', message, json }, io.runAs);
      }
      return (await import('./commands/profiles')).profilesCommand(json, dataDir, io, output);
    }
    case 'sandbox':
      return (await import('./commands/sandbox')).sandboxCommand(json, io, output);
    case 'explain':
      return explainCommand(positionals, json, output, io.runAs);
    case 'ui':
      return (await import('./commands/ui')).uiCommand(options, io, output);
    case 'start':
      return (await import('./commands/start')).startCommand(options, io, output);
  }
}
