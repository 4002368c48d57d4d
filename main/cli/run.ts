// From argv to an exit status: parse, then hand over to the command. The commands that use
// saved profiles are imported on demand, so the rest never load the profile code or keytar.
import { parseInvocation } from './args';
import { explainCommand } from './commands/explain';
import { requestCommand } from './commands/request';
import { sandboxCommand } from './commands/sandbox';
import { EXIT, type ExitCode } from './exit-codes';
import type { CliIo, Output } from './io';
import { helpText, reportUsageError } from './usage';

export async function runCli(argv: readonly string[], io: CliIo, output: Output): Promise<ExitCode> {
  const invocation = parseInvocation(argv);
  if (invocation.kind === 'help') {
    output.out.line(helpText(invocation.command));
    return EXIT.token;
  }
  if (invocation.kind === 'usage-error') return reportUsageError(output, invocation);
  const { options, positionals } = invocation;
  const json = options.json === true;
  switch (invocation.command) {
    case 'request':
      return requestCommand(options, io, output);
    case 'profiles':
      return (await import('./commands/profiles')).profilesCommand(json, io, output);
    case 'sandbox':
      return sandboxCommand(json, io, output);
    case 'explain':
      return explainCommand(positionals, json, output);
  }
}
