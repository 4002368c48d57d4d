// Settings the environment may override (documented in the README). Read once at start-up and
// validated: a bad value falls back to the default, and configNotices says so (the window's
// notices, the command line's standard error), so a mistyped override is never ignored unseen.
import { DEFAULT_KEYCHAIN_SERVICE, DEFAULT_KEYCHAIN_TIMEOUT_MS } from '../app/keychain';
import { DEFAULT_DEADLINE_MS } from './token/token-service';

export type Env = Readonly<Record<string, string | undefined>>;

export interface MainConfig {
  /** Overall deadline of one token request. */
  readonly deadlineMs: number;
  /** The keychain service name secrets are stored under (tests use their own). */
  readonly keychainService: string;
  /** How long any keychain call may take before it is reported as not responding. */
  readonly keychainTimeoutMs: number;
}

function integerIn(value: string | undefined, min: number, max: number): number | null {
  if (value === undefined || !/^\d{1,9}$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

/** Each variable's rule, used both to read it and to say when a value set cannot be used. */
const deadline = (value: string | undefined) => integerIn(value, 100, 300_000);
const keychainTimeout = (value: string | undefined) => integerIn(value, 100, 120_000);
const openWait = (value: string | undefined) => integerIn(value, 100, 120_000);
const fetchWait = (value: string | undefined) => integerIn(value, 100, 600_000);

/** How long browser mode waits for the browser it opened to reach the app before it prints an address. */
export const DEFAULT_OPEN_WAIT_MS = 15_000;

/** TOKEN_TESTER_OPEN_WAIT_MS, or DEFAULT_OPEN_WAIT_MS (browser mode: `ui`, `start`). */
export function openWaitMs(env: Env): number {
  return openWait(env.TOKEN_TESTER_OPEN_WAIT_MS) ?? DEFAULT_OPEN_WAIT_MS;
}

/** How long `npm start` lets Electron's first download run before it says it is still fetching. */
export const DEFAULT_FETCH_WAIT_MS = 20_000;

/** TOKEN_TESTER_FETCH_WAIT_MS, or DEFAULT_FETCH_WAIT_MS (`start`, while Electron is fetched). */
export function fetchWaitMs(env: Env): number {
  return fetchWait(env.TOKEN_TESTER_FETCH_WAIT_MS) ?? DEFAULT_FETCH_WAIT_MS;
}

function serviceName(value: string | undefined): string | null {
  return value !== undefined && /^[A-Za-z0-9][A-Za-z0-9._-]{2,199}$/.test(value) ? value : null;
}

/**
 * TOKEN_TESTER_CLIPBOARD_CLEAR_SECONDS, for tests and support: the clipboard delay in seconds
 * (1–300), null for "never", undefined when unset or unusable (the Preferences setting applies).
 */
export function clipboardDelayOverride(env: Env): number | null | undefined {
  const value = env.TOKEN_TESTER_CLIPBOARD_CLEAR_SECONDS;
  if (value === undefined) return undefined;
  if (value === 'never') return null;
  if (!/^\d{1,3}$/.test(value)) return undefined;
  const seconds = Number(value);
  return seconds >= 1 && seconds <= 300 ? seconds : undefined;
}

/** Each variable: whether a value is usable, what a usable one is, and what applies instead. */
const VARIABLES = [
  {
    name: 'TOKEN_TESTER_TIMEOUT_MS',
    valid: (value: string) => deadline(value) !== null,
    wanted: 'a whole number of milliseconds from 100 to 300000',
    instead: `the default, ${DEFAULT_DEADLINE_MS} ms`,
  },
  {
    name: 'TOKEN_TESTER_KEYCHAIN_SERVICE',
    valid: (value: string) => serviceName(value) !== null,
    wanted: '3 to 200 letters, digits, dots, dashes or underscores, starting with a letter or digit',
    instead: `the default service, ${DEFAULT_KEYCHAIN_SERVICE}`,
  },
  {
    name: 'TOKEN_TESTER_KEYCHAIN_TIMEOUT_MS',
    valid: (value: string) => keychainTimeout(value) !== null,
    wanted: 'a whole number of milliseconds from 100 to 120000',
    instead: `the default, ${DEFAULT_KEYCHAIN_TIMEOUT_MS} ms`,
  },
  {
    name: 'TOKEN_TESTER_OPEN_WAIT_MS',
    valid: (value: string) => openWait(value) !== null,
    wanted: 'a whole number of milliseconds from 100 to 120000',
    instead: `the default, ${DEFAULT_OPEN_WAIT_MS} ms`,
  },
  {
    name: 'TOKEN_TESTER_FETCH_WAIT_MS',
    valid: (value: string) => fetchWait(value) !== null,
    wanted: 'a whole number of milliseconds from 100 to 600000',
    instead: `the default, ${DEFAULT_FETCH_WAIT_MS} ms`,
  },
  {
    name: 'TOKEN_TESTER_CLIPBOARD_CLEAR_SECONDS',
    valid: (value: string) =>
      clipboardDelayOverride({ TOKEN_TESTER_CLIPBOARD_CLEAR_SECONDS: value }) !== undefined,
    wanted: 'a whole number of seconds from 1 to 300, or never',
    instead: 'the Preferences setting',
  },
] as const;

/** A value as a notice quotes it: short, and with nothing a terminal or a sentence would act on. */
function quoted(value: string): string {
  const shown = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return shown.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** One sentence for each variable that is set but not usable. */
export function configNotices(env: Env): string[] {
  return VARIABLES.flatMap(({ name, valid, wanted, instead }) => {
    const value = env[name];
    if (value === undefined || valid(value)) return [];
    return [`${name} is set to ${quoted(value)}, which is not ${wanted}: ${instead} applies instead.`];
  });
}

export function readConfig(env: Env): MainConfig {
  return {
    deadlineMs: deadline(env.TOKEN_TESTER_TIMEOUT_MS) ?? DEFAULT_DEADLINE_MS,
    keychainService: serviceName(env.TOKEN_TESTER_KEYCHAIN_SERVICE) ?? DEFAULT_KEYCHAIN_SERVICE,
    keychainTimeoutMs: keychainTimeout(env.TOKEN_TESTER_KEYCHAIN_TIMEOUT_MS) ?? DEFAULT_KEYCHAIN_TIMEOUT_MS,
  };
}
