// The Messaging access check's main-side cost, as a check from the window has it: the IPC
// argument's validation, then the handler (main/handlers/access-handlers.ts) itself: the request
// log's lookup, the GET under the token call's rules, reading, redacting, classifying, the verdict
// remembered. Each check is of a token just issued (a new token every time, as in use: nothing is
// cached from the check before). Not timed, as for the token service: the history entry, written
// in the background after the answer (here a store that keeps nothing).
// Beside a bare fetch of the same loopback URL with the same headers, LOOPBACK_RUNS sequential requests each,
// over node:http as browser mode sends (../loopback-overhead.ts says why, and what else it shows).
// Budget: ratio of medians at most 1.15, as for the token service.
import { validateRequest } from '../../../app/ipc-schemas';
import type { TokenResult } from '../../../app/token-result';
import { accessHeaders, createAccessService } from '../../../main/access/access-service';
import { accessHandlers } from '../../../main/handlers/access-handlers';
import type { HistoryStore } from '../../../main/history/history-store';
import { createRequestLog } from '../../../main/requests/request-log';
import { createTokenService } from '../../../main/token/token-service';
import { sendJson, startServer } from '../../support/servers';
import type { Figure } from '../figure';
import { LOOPBACK_RUNS, loopbackOverhead } from '../loopback-overhead';

type CheckAccess = ReturnType<typeof accessHandlers>['checkMessagingAccess'];

const SECRET = 'secret-value-123';

export const accessOverhead: Figure = {
  name: 'access-check overhead',
  async measure() {
    const numbers = { virtualNumbers: [{ virtualNumber: '0400000001' }, { virtualNumber: '0400000002' }] };
    const server = await startServer((req, res) =>
      req.method === 'POST'
        ? sendJson(res, 200, {
            access_token: 'a'.repeat(40),
            token_type: 'Bearer',
            expires_in: '3599',
            scope: 'virtual-numbers:read',
          })
        : sendJson(res, 200, numbers),
    );
    try {
      const base = `${server.origin}/messaging/v3`;
      const fetchLike = (u: string, init: Parameters<typeof fetch>[1]) => fetch(u, init);
      // One real token answer, as the token handler keeps it; each check gets its own copy with a
      // new request id and token.
      const input = {
        requestId: 'token',
        preset: 'custom' as const,
        tokenUrl: `${server.origin}/oauth/token`,
        clientId: 'client',
        grantType: 'client_credentials',
        scope: 'virtual-numbers:read',
        profileId: null,
      };
      const issued: TokenResult = await createTokenService({
        fetch: fetchLike,
        sandboxUrl: () => Promise.reject(new Error('unused')),
      }).request({ ...input, clientSecret: SECRET });
      if (!issued.ok) throw new Error(`bench token request failed: ${issued.message}`);
      const log = createRequestLog();
      const history = { mark: () => 0, upsert: () => Promise.resolve() } as unknown as HistoryStore;
      let n = 0;
      const token = (i: number) => `${'a'.repeat(32)}${String(i).padStart(8, '0')}`;
      return await loopbackOverhead({
        figure: `main process: Messaging access check, ${LOOPBACK_RUNS.toLocaleString('en')} sequential loopback requests`,
        url: `${base}/virtual-numbers`,
        request: () => ({ method: 'GET', headers: accessHeaders(token(n)) }),
        maxRatio: 1.15,
        // The token's issue, as the token handler records it: before the check, not part of it.
        prepare() {
          n += 1;
          log.remember({
            input: { ...input, requestId: `r${n}` },
            clientSecret: SECRET,
            profileName: null,
            clientAuth: 'body',
            result: { ...issued, requestId: `r${n}`, accessToken: token(n) },
          });
        },
        viaService(fetch) {
          const { checkMessagingAccess } = accessHandlers({
            access: createAccessService({ fetch }),
            history,
            log,
            now: Date.now,
          });
          return () => viaService(checkMessagingAccess);
        },
      });
      async function viaService(checkMessagingAccess: CheckAccess) {
        const requestId = `r${n}`;
        const checked = validateRequest('checkMessagingAccess', { requestId, messagingUrl: base });
        if (!checked.ok) throw new Error('invalid bench request');
        const result = await checkMessagingAccess(checked.value);
        if (!result.ok) throw new Error('the bench check did not confirm access');
      }
    } finally {
      await server.close();
    }
  },
};
