// The last few requests, kept in the main process's memory only, so the window can ask for
// "Copy token", "Copy as curl" or a report by request id without ever holding the secret.
import type { AccessCheckResult } from '../../app/access-check';
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

export function createRequestLog() {
  const records = new Map<string, RequestRecord>();
  return {
    remember(record: RequestRecord): void {
      records.set(record.result.requestId, record);
      for (const id of records.keys()) {
        if (records.size <= REMEMBERED) break;
        records.delete(id);
      }
    },
    rememberAccess(requestId: string, access: AccessCheckResult): void {
      const record = records.get(requestId);
      if (record) records.set(requestId, { ...record, access });
    },
    get: (requestId: string): RequestRecord | undefined => records.get(requestId),
    /** The newest record whose result holds a token that is still valid. */
    tokenOf(requestId: string): { readonly token: string; readonly expiresAt: number | null } | undefined {
      const result = records.get(requestId)?.result;
      return result?.ok ? { token: result.accessToken, expiresAt: result.expiresAt } : undefined;
    },
    forget: () => records.clear(),
  };
}

export type RequestLog = ReturnType<typeof createRequestLog>;
