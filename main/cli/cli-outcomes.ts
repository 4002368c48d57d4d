// The outcomes only the command line reports, beside the app's own (app/outcomes.ts): a command
// line that is wrong, and a fault of `telstra-token` itself. Each has an explanation, so
// `telstra-token explain OUTCOME` knows every outcome name `request --json` can print.
import type { Explanation } from '../../app/explanations';
import { isOutcome, type Outcome } from '../../app/outcomes';

export const CLI_EXPLANATIONS = {
  'usage-error': {
    tone: 'error',
    title: 'Usage error',
    meaning: 'The command line was wrong (exit status 1), so nothing was read from the keychain or sent.',
    causes: [
      'An unknown or repeated option, a missing value, or an argument where none belongs.',
      'The secret given the wrong way: there is no --secret option, by design.',
      'A --profile name that no saved profile has, or --endpoint other than the profile’s.',
    ],
    nextSteps: [
      'Read the message above the usage text: it names the option at fault (never its value).',
      'The command’s help lists its options: “help request”, “help profiles”…',
    ],
  },
  interrupted: {
    tone: 'error',
    title: 'Interrupted',
    meaning:
      'The command was interrupted (Ctrl-C, or the end of input, at the secret prompt; or a signal while the secret was read) before anything was sent (exit status 130).',
    causes: [
      'Ctrl-C or Ctrl-D at the prompt, or the terminal was closed.',
      'Ctrl-C, or a termination signal (kill, a CI job’s time limit), while the secret was read from standard input or the keychain.',
    ],
    nextSteps: [
      'Run the command again and type the secret, then Enter.',
      'In a script, give the secret on standard input or with --secret-env instead of at a prompt.',
    ],
  },
  'not-started': {
    tone: 'error',
    title: 'Browser mode did not start',
    meaning:
      '`telstra-token ui` (browser mode) did not start (exit status 1); its message says why. Nothing was served or sent.',
    causes: [
      'The port given with --port is in use, or not open to this user.',
      'The app already runs with this data folder (the desktop app, or another browser mode).',
      'The data folder cannot be written, or the app is not built.',
    ],
    nextSteps: [
      'Leave out --port to use a free one, or give another.',
      'Use the app that already runs, or stop it first; TOKEN_TESTER_USER_DATA_DIR picks another folder.',
    ],
  },
  'internal-error': {
    tone: 'error',
    title: 'Internal error',
    meaning:
      'telstra-token itself failed (exit status 70). Its message is not shown, in case it holds a secret.',
    causes: ['A fault in telstra-token. Your credentials are not the problem.'],
    nextSteps: [
      'Try again.',
      'If it keeps happening, report the error’s kind and the lines of code printed on standard error.',
    ],
  },
} as const satisfies Record<string, Explanation>;

export type CliOnlyOutcome = keyof typeof CLI_EXPLANATIONS;

/** Every outcome name the command line can print: the app's, and its own. */
export type CliOutcome = Outcome | CliOnlyOutcome;

export function isCliOnlyOutcome(value: string): value is CliOnlyOutcome {
  return Object.hasOwn(CLI_EXPLANATIONS, value);
}

export function isCliOutcome(value: string): value is CliOutcome {
  return isOutcome(value) || isCliOnlyOutcome(value);
}
