// The last few requests, kept in the main process's memory only, so the window can ask for
// "Copy token", "Copy as curl" or a report by request id without ever holding the secret.
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
