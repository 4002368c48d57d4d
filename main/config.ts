// Settings the environment may override (documented in the README). Read once at start-up,
// validated, and never trusted blindly: a bad value falls back to the default.
import { DEFAULT_DEADLINE_MS } from './token/token-service';

export type Env = Readonly<Record<string, string | undefined>>;

export interface MainConfig {
  /** Overall deadline of one token request. */
  readonly deadlineMs: number;
}

function integerIn(value: string | undefined, min: number, max: number): number | null {
  if (value === undefined || !/^\d{1,9}$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

export function readConfig(env: Env): MainConfig {
  return {
    deadlineMs: integerIn(env.TOKEN_TESTER_TIMEOUT_MS, 100, 300_000) ?? DEFAULT_DEADLINE_MS,
  };
}
