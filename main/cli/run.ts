// From argv to an exit status: parse, then hand over to the command. The profile, sandbox and
// browser-mode commands are imported on demand, so the others never load the profile code,
// keytar, the sandbox's server or browser mode.
import { version } from '../../package.json';
import { configNotices } from '../config';
import { argumentName, notUtf8Argument } from './arg-bytes';
import { parseInvocation } from './args';
import { explainCommand } from './commands/explain';
import { requestCommand } from './commands/request';
import { EXIT, type ExitCode } from './exit-codes';
import type { CliIo, Output } from './io';
import { helpText, PROGRAM, reportUsageError } from './usage';

export async function runCli(argv: readonly string[], io: CliIo, output: Output): Promise<ExitCode> {
  const invocation = parseInvocation(argv);
  if (invocation.kind === 'help') {
    output.out.line(helpText(invocation.command, io.runAs));
    return EXIT.token;
  }
  if (invocation.kind === 'version') {
    if (invocation.json) output.out.json({ program: PROGRAM, version });
    else output.out.line(`${PROGRAM} ${version}`);
    return EXIT.token;
  }
  if (invocation.kind === 'usage-error') return reportUsageError(output, invocation, io.runAs);
  const { options, positionals } = invocation;
  const json = options.json === true;
  const mangled = io.startingArgs === undefined ? -1 : notUtf8Argument(argv, io.startingArgs);
  if (mangled >= 0) {
    const which = argumentName(argv, mangled);
    const message =
      `${which[0]!.toUpperCase()}${which.slice(1)} is not UTF-8 text, so it cannot be used as typed; nothing was ${invocation.command === 'request' ? 'sent' : 'done'}. ` +
      'The terminal may be set to another character set (such as ISO-8859-1): set it to UTF-8, or give the value in plain ASCII.';
    return reportUsageError(output, { command: invocation.command, message, json }, io.runAs);
  }
  // A variable set to something unusable is said, not silently replaced by its default (on
  // standard error: the output itself may be one JSON object per line).
  if (['request', 'profiles', 'ui', 'start'].includes(invocation.command))
    for (const notice of configNotices(io.env)) output.err.line(`${PROGRAM}: ${notice}`);
  switch (invocation.command) {
    case 'request':
      return requestCommand(options, io, output);
    case 'profiles': {
      const dataDir = typeof options['user-data-dir'] === 'string' ? options['user-data-dir'] : null;
      if (dataDir === '') {
        const message = '--user-data-dir must not be empty.';
        return reportUsageError(output, { command: 'profiles', message, json }, io.runAs);
      }
      const [action, file] = positionals;
      const usage = (message: string) =>
        reportUsageError(output, { command: 'profiles', message, json }, io.runAs);
      if (action === 'import') {
        const fromEnv = options['from-env'] === true;
        if (fromEnv === (file !== undefined))
          return usage('profiles import takes a FILE or --from-env (one of them).');
        const importOptions = { file: file ?? null, fromEnv, yes: options.yes === true, json, dataDir };
        return (await import('./commands/profiles-import')).profilesImportCommand(importOptions, io, output);
      }
      if (action === 'export' && file === undefined) {
        return (await import('./commands/profiles-export')).profilesExportCommand(dataDir, json, io, output);
      }
      if (action !== undefined || options.yes === true || options['from-env'] === true) {
        return usage('Use “profiles”, “profiles import FILE|--from-env [--yes]” or “profiles export”.');
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
