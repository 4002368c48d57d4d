// The last few requests, kept in the main process's memory only, so the window can ask for
// "Copy token", "Copy as curl" or a report by request id without ever holding the secret.
import type { AccessCheckResult } from '../../app/access-check';
import { steadyNow } from '../../app/steady-time';
import type { TokenRequestInput } from '../../app/ipc-contract';
import type { TokenResult } from '../../app/token-result';
import type { ClientAuth } from '../token/token-service';

export interface RequestRecord {
  readonly input: Omit<TokenRequestInput, 'secret'>;
  /** Kept in memory to repeat the request (HTTP Basic probe) and to scrub reports; never sent out. */
  readonly clientSecret: string;
  readonly profileName: string | null;
  readonly clientAuth: ClientAuth;
  readonly result: TokenResult;
  /** The latest "Check Messaging access" made with this request's token (never the token). */
  readonly access?: AccessCheckResult;
}

const REMEMBERED = 20;

/** `monotonic`: a clock no one sets (the timers'); it may stop while the computer sleeps. */
export function createRequestLog(now: () => number = Date.now, monotonic = () => performance.now()) {
  const records = new Map<string, RequestRecord>();
  // Each record's time from its coming (app/steady-time.ts), as the window's countdown keeps it: a
  // wall clock set back since does not make an expired token valid again.
  const clocks = new Map<string, () => number>();
  return {
    remember(record: RequestRecord): void {
      records.set(record.result.requestId, record);
      clocks.set(record.result.requestId, steadyNow(now, monotonic));
      for (const id of records.keys()) {
        if (records.size <= REMEMBERED) break;
        records.delete(id);
        clocks.delete(id);
      }
    },
    rememberAccess(requestId: string, access: AccessCheckResult): void {
      const record = records.get(requestId);
      if (record) records.set(requestId, { ...record, access });
    },
    get: (requestId: string): RequestRecord | undefined => records.get(requestId),
    /** The record's token, its expiry, and the time now as counted since it came. */
    tokenOf(
      requestId: string,
    ): { readonly token: string; readonly expiresAt: number | null; readonly now: () => number } | undefined {
      const result = records.get(requestId)?.result;
      const clock = clocks.get(requestId);
      return result?.ok && clock
        ? { token: result.accessToken, expiresAt: result.expiresAt, now: clock }
        : undefined;
    },
    forget: () => {
      records.clear();
      clocks.clear();
    },
  };
}

export type RequestLog = ReturnType<typeof createRequestLog>;
