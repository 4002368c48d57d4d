// Settings the environment may override (documented in the README). Read once at start-up,
// validated, and never trusted blindly: a bad value falls back to the default.
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

function serviceName(value: string | undefined): string | null {
  return value !== undefined && /^[A-Za-z0-9][A-Za-z0-9._-]{2,199}$/.test(value) ? value : null;
}

export function readConfig(env: Env): MainConfig {
  return {
    deadlineMs: integerIn(env.TOKEN_TESTER_TIMEOUT_MS, 100, 300_000) ?? DEFAULT_DEADLINE_MS,
    keychainService: serviceName(env.TOKEN_TESTER_KEYCHAIN_SERVICE) ?? DEFAULT_KEYCHAIN_SERVICE,
    keychainTimeoutMs:
      integerIn(env.TOKEN_TESTER_KEYCHAIN_TIMEOUT_MS, 100, 120_000) ?? DEFAULT_KEYCHAIN_TIMEOUT_MS,
  };
}
