// The command line's parser: strict rules, and messages that never repeat a value (any argument
// may be a secret typed in the wrong place).
import { describe, expect, it } from 'vitest';
import {
  COMMAND_OPTIONS,
  COMMANDS,
  NO_SECRET_OPTION,
  parseInvocation,
  type Invocation,
} from '../../main/cli/args';
import { helpText, PROGRAM } from '../../main/cli/usage';

const SECRET = 'Zq9-s3cr3t-VALUE';

function usageError(invocation: Invocation): string {
  if (invocation.kind !== 'usage-error') throw new Error(`expected a usage error, got ${invocation.kind}`);
  expect(invocation.message).not.toContain(SECRET);
  return invocation.message;
}

describe('parseInvocation', () => {
  it('reads a request with its options', () => {
    expect(
      parseInvocation([
        'request',
        '--client-id',
        'abc',
        '--secret-env=MY_SECRET',
        '--endpoint',
        'v3',
        '--json',
        '--show-token',
      ]),
    ).toEqual({
      kind: 'run',
      command: 'request',
      options: {
        'client-id': 'abc',
        'secret-env': 'MY_SECRET',
        endpoint: 'v3',
        json: true,
        'show-token': true,
      },
      positionals: [],
    });
  });

  it('reads explain’s status and code, also after --', () => {
    expect(parseInvocation(['explain', '401', 'invalid_client'])).toMatchObject({
      kind: 'run',
      positionals: ['401', 'invalid_client'],
    });
    expect(parseInvocation(['explain', '--', '503'])).toMatchObject({ kind: 'run', positionals: ['503'] });
  });

  it('answers help in every spelling', () => {
    expect(parseInvocation(['--help'])).toEqual({ kind: 'help', command: null });
    expect(parseInvocation(['help', 'request'])).toEqual({ kind: 'help', command: 'request' });
    // The usage line says help [COMMAND]: help on help is the general help.
    expect(parseInvocation(['help', 'help'])).toEqual({ kind: 'help', command: null });
    expect(parseInvocation(['explain', '-h'])).toEqual({ kind: 'help', command: 'explain' });
    // An unknown topic is a usage error that names the commands, never repeating the word.
    const unknown = parseInvocation(['help', 'hunter2-secret']);
    expect(unknown).toMatchObject({ kind: 'usage-error', command: null });
    expect(JSON.stringify(unknown)).not.toContain('hunter2');
    expect(JSON.stringify(unknown)).toContain('Name a command: request,');
  });

  it.each([
    [['request', '--secret', SECRET]],
    [['request', `--secret=${SECRET}`]],
    [['request', '--client-secret', SECRET, '--client-id', 'x']],
    [['request', '--help', '--password', SECRET]],
    [['--secret', SECRET, 'request']],
    // In any case: a shell user typing --Client-Secret means the same.
    [['request', '--Client-Secret', SECRET]],
    [['--PASSWORD', SECRET, 'request']],
  ])('refuses a secret on the command line and says why: %j', (argv) => {
    const message = usageError(parseInvocation(argv));
    expect(message).toBe(NO_SECRET_OPTION);
    expect(message).toMatch(/visible to every user of this machine/);
    expect(message).toMatch(/process list/);
    expect(message).toMatch(/--secret-stdin/);
  });

  it('names an unknown option but not its value', () => {
    expect(usageError(parseInvocation(['request', `--client_id=${SECRET}`]))).toBe(
      'Unknown option --client_id for “request”.',
    );
    expect(usageError(parseInvocation(['request', `--${SECRET}${SECRET}${SECRET}`]))).toBe(
      'An unknown option was given to “request” (not repeated here, in case it is a secret).',
    );
  });

  it('never repeats a stray argument, which may be the secret itself', () => {
    const message = usageError(parseInvocation(['request', '--client-id', 'abc', SECRET]));
    expect(message).toMatch(/Unexpected argument after “request”/);
    expect(usageError(parseInvocation(['explain', '401', 'invalid_client', SECRET]))).toMatch(/Unexpected/);
  });

  it('refuses a missing value, or an option taken for one', () => {
    expect(usageError(parseInvocation(['request', '--client-id']))).toMatch(/^--client-id needs a value/);
    expect(usageError(parseInvocation(['request', '--client-id', '--secret-stdin']))).toMatch(
      /^--client-id needs a value\. To give one that starts with “-”, write --client-id=VALUE\./,
    );
    expect(parseInvocation(['request', '--client-id=-dash'])).toMatchObject({
      kind: 'run',
      options: { 'client-id': '-dash' },
    });
  });

  it('refuses repeats and values on switches', () => {
    expect(usageError(parseInvocation(['request', '--endpoint', 'v2', '--endpoint', 'v3']))).toBe(
      '--endpoint was given more than once.',
    );
    expect(usageError(parseInvocation(['request', '--json=yes']))).toBe('--json takes no value.');
  });

  it('refuses unknown commands, naming only what looks like a command', () => {
    expect(usageError(parseInvocation(['reqest']))).toBe(
      'Unknown command; did you mean “request”? Name a command first.',
    );
    // Never repeated: a lower-case secret pasted first must not appear on screen.
    expect(usageError(parseInvocation(['zkqjwmxvbplr']))).toBe('Unknown command. Name a command first.');
    expect(usageError(parseInvocation([SECRET]))).toBe('Unknown command. Name a command first.');
    expect(usageError(parseInvocation([]))).toBe('Name a command.');
  });

  it('remembers --json for reporting a usage error as JSON', () => {
    expect(parseInvocation(['request', '--json', '--nope'])).toMatchObject({
      kind: 'usage-error',
      json: true,
    });
    expect(parseInvocation(['request', '--nope'])).toMatchObject({ kind: 'usage-error', json: false });
  });
});

describe('the help names every option', () => {
  it.each(COMMANDS)('%s: its own help lists each option it takes', (command) => {
    const text = helpText(command);
    for (const option of Object.keys(COMMAND_OPTIONS[command]).filter((name) => name !== 'help'))
      expect(text, `--${option}`).toContain(`--${option}`);
  });

  it.each(['ui', 'start', 'sandbox', 'explain'] as const)(
    '%s: the general usage line lists each option it takes',
    (command) => {
      const line = helpText(null)
        .split('\n')
        .find(
          (l) => l.trimStart().startsWith(`${PROGRAM} ${command} `) || l.trim() === `${PROGRAM} ${command}`,
        );
      for (const option of Object.keys(COMMAND_OPTIONS[command]).filter((name) => name !== 'help'))
        expect(line, `--${option}`).toContain(`--${option}`);
    },
  );

  it('profiles export: both usage lines give --json, which says why with one object when it cannot export', () => {
    for (const text of [helpText(null), helpText('profiles')]) {
      const line = text.split('\n').find((l) => l.trimStart().startsWith(`${PROGRAM} profiles export`));
      expect(line).toContain('--json');
    }
  });
});
