// Turns argv into a command and its options with parseArgs' tokens (./arg-tokens.ts, which gives
// the same tokens as node:util's parseArgs without loading it), then applies the strict
// rules (unknown options, missing values, repeats, stray arguments) itself. Node's own strict-mode
// messages quote the offending argument, and an argument may be a secret typed in the wrong
// place, so every message here names options only and never repeats a value.
import { argTokens } from './arg-tokens';

export const COMMANDS = ['request', 'profiles', 'sandbox', 'explain', 'ui', 'start'] as const;
export type CommandName = (typeof COMMANDS)[number];

interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
}

const COMMON = { help: { type: 'boolean', short: 'h' }, json: { type: 'boolean' } } as const;

export const COMMAND_OPTIONS = {
  request: {
    ...COMMON,
    profile: { type: 'string' },
    'all-profiles': { type: 'boolean' },
    'client-id': { type: 'string' },
    'secret-stdin': { type: 'boolean' },
    'secret-env': { type: 'string' },
    endpoint: { type: 'string' },
    scope: { type: 'string' },
    'grant-type': { type: 'string' },
    timeout: { type: 'string' },
    'show-token': { type: 'boolean' },
    'check-access': { type: 'boolean' },
    'messaging-url': { type: 'string' },
    'user-data-dir': { type: 'string' },
  },
  profiles: {
    ...COMMON,
    'user-data-dir': { type: 'string' },
    'from-env': { type: 'boolean' },
    yes: { type: 'boolean' },
  },
  sandbox: COMMON,
  explain: COMMON,
  ui: { ...COMMON, port: { type: 'string' }, 'no-open': { type: 'boolean' } },
  start: {
    ...COMMON,
    browser: { type: 'boolean' },
    port: { type: 'string' },
    'no-open': { type: 'boolean' },
  },
} as const satisfies Record<CommandName, Record<string, OptionSpec>>;

/** How many plain arguments each command takes. */
const MAX_POSITIONALS: Record<CommandName, number> = {
  request: 0,
  // `profiles`, `profiles import FILE`, `profiles export`
  profiles: 2,
  sandbox: 0,
  explain: 2,
  ui: 0,
  start: 0,
};

export type OptionValues = Readonly<Record<string, string | boolean | undefined>>;

export type Invocation =
  | { readonly kind: 'help'; readonly command: CommandName | null }
  | { readonly kind: 'version'; readonly json: boolean }
  | {
      readonly kind: 'run';
      readonly command: CommandName;
      readonly options: OptionValues;
      readonly positionals: readonly string[];
    }
  | {
      readonly kind: 'usage-error';
      readonly command: CommandName | null;
      readonly message: string;
      /** --json was asked for, so the error is also reported as JSON. */
      readonly json: boolean;
    };

/** Names people reach for when they want to pass the secret itself. */
const SECRET_OPTION = /^(client[-_]?)?secret$|^password$/i;

export const NO_SECRET_OPTION = [
  'There is no --secret option: command-line arguments are visible to every user of this machine',
  'in the process list (ps, top, Task Manager) and are kept in shell history, so the secret is',
  'never taken from one. Instead use:',
  '  --secret-stdin      read it from standard input (a pipe, or typed without being shown)',
  '  --secret-env VAR    read it from the environment variable VAR',
  '  --profile NAME      a profile saved in the app (the secret stays in the OS keychain)',
  'If you typed a real secret on this command line, it may now be in your shell history.',
].join('\n');

export function isCommand(value: string | undefined): value is CommandName {
  return (COMMANDS as readonly (string | undefined)[]).includes(value);
}

/** Names an unknown option as written, if it looks like an option name rather than data. */
function unknownOption(rawName: string, command: CommandName): string {
  return /^--?[A-Za-z][A-Za-z0-9_-]{0,30}$/.test(rawName)
    ? `Unknown option ${rawName} for “${command}”.`
    : `An unknown option was given to “${command}” (not repeated here, in case it is a secret).`;
}

export function parseInvocation(argv: readonly string[]): Invocation {
  const json = argv.includes('--json');
  const [first, ...rest] = argv;
  if (first === undefined) {
    return { kind: 'usage-error', command: null, message: 'Name a command.', json };
  }
  if (first === '--version' || first === '-V') {
    if (rest.every((arg) => arg === '--json')) return { kind: 'version', json };
    return {
      kind: 'usage-error',
      command: null,
      message: `${first} takes no other argument but --json.`,
      json,
    };
  }
  if (first === 'help' || first === '--help' || first === '-h') {
    const topic = rest[0];
    // `help help` is the general help, as is `help` alone.
    if (topic === undefined || topic.startsWith('-') || topic === 'help')
      return { kind: 'help', command: null };
    if (isCommand(topic)) return { kind: 'help', command: topic };
    // As for an unknown command, the word is not repeated.
    const message = `There is no help on that. Name a command: ${COMMANDS.join(', ')}.`;
    return { kind: 'usage-error', command: null, message, json };
  }
  if (!isCommand(first)) {
    if (first.startsWith('-') && SECRET_OPTION.test(first.replace(/^--?|=.*$/gs, ''))) {
      return { kind: 'usage-error', command: null, message: NO_SECRET_OPTION, json };
    }
    // The word itself is never repeated: it may be a secret pasted in the wrong place.
    const near = COMMANDS.find((name) => first.length >= 3 && name.startsWith(first.slice(0, 3)));
    const what = near ? `Unknown command; did you mean “${near}”?` : 'Unknown command.';
    return { kind: 'usage-error', command: null, message: `${what} Name a command first.`, json };
  }
  return parseCommand(first, rest, json);
}

function parseCommand(command: CommandName, args: readonly string[], json: boolean): Invocation {
  const spec: Readonly<Record<string, OptionSpec>> = COMMAND_OPTIONS[command];
  const fail = (message: string): Invocation => ({ kind: 'usage-error', command, message, json });
  const tokens = argTokens(args, spec);

  // The secret rule first: it is the one mistake that matters more than any other.
  if (tokens.some((t) => t.kind === 'option' && SECRET_OPTION.test(t.name))) return fail(NO_SECRET_OPTION);
  if (tokens.some((t) => t.kind === 'option' && t.name === 'help')) return { kind: 'help', command };

  const options: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind !== 'option') continue;
    const option = Object.hasOwn(spec, token.name) ? spec[token.name] : undefined;
    if (option === undefined) {
      return fail(unknownOption(token.rawName, command));
    }
    const name = `--${token.name}`;
    if (Object.hasOwn(options, token.name)) return fail(`${name} was given more than once.`);
    if (option.type === 'boolean') {
      if (token.value !== undefined) return fail(`${name} takes no value.`);
      options[token.name] = true;
      continue;
    }
    // A value taken from the next argument that looks like an option is most likely a
    // forgotten value (as parseArgs' strict mode also judges).
    if (token.value === undefined || (!token.inlineValue && token.value.startsWith('-'))) {
      return fail(`${name} needs a value. To give one that starts with “-”, write ${name}=VALUE.`);
    }
    options[token.name] = token.value;
  }
  if (positionals.length > MAX_POSITIONALS[command]) {
    const extra = positionals.length - MAX_POSITIONALS[command];
    return fail(
      `Unexpected argument${extra === 1 ? '' : 's'} after “${command}” (not repeated here, in case ${extra === 1 ? 'it is' : 'one is'} a secret).`,
    );
  }
  return { kind: 'run', command, options, positionals };
}
