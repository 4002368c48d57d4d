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
  // Each clock looked at every second until its token expires, as the window's countdown ticks: a
  // clock first looked at when Copy token asks never saw the time a sleep added, so a wall clock set
  // back after the resume took the sleep back, and a token the window said was expired was copied.
  const looks = new Map<string, ReturnType<typeof setInterval>>();
  const stopLooking = (id: string) => {
    clearInterval(looks.get(id));
    looks.delete(id);
  };
  return {
    remember(record: RequestRecord): void {
      const { requestId: id, ok } = record.result;
      const clock = steadyNow(now, monotonic);
      records.set(id, record);
      clocks.set(id, clock);
      stopLooking(id);
      const expiresAt = ok ? record.result.expiresAt : null;
      if (expiresAt !== null) {
        const look = setInterval(() => {
          if (clock() >= expiresAt) stopLooking(id);
        }, 1_000);
        look.unref?.(); // never what keeps the process alive
        looks.set(id, look);
      }
      for (const old of records.keys()) {
        if (records.size <= REMEMBERED) break;
        records.delete(old);
        clocks.delete(old);
        stopLooking(old);
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
      for (const id of [...looks.keys()]) stopLooking(id);
    },
  };
}

export type RequestLog = ReturnType<typeof createRequestLog>;
