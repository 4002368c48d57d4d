// The main process's own cost: the token service (validation, HTTP, parsing, classification) beside
// a bare fetch of the same loopback URL, LOOPBACK_RUNS sequential requests each, in one process,
// over node:http as browser mode sends (../loopback-overhead.ts says why, and what else it shows).
// Budget: ratio of medians at most 1.15.
import { validateRequest } from '../../../app/ipc-schemas';
import { requestFields } from '../../../main/handlers/token-handlers';
import { createTokenService, type TokenService } from '../../../main/token/token-service';
import { sendJson, startServer } from '../../support/servers';
import type { Figure } from '../figure';
import { LOOPBACK_RUNS, loopbackOverhead } from '../loopback-overhead';

export const mainOverhead: Figure = {
  name: 'main-process overhead',
  async measure() {
    const server = await startServer((_req, res) =>
      sendJson(res, 200, { access_token: 'a'.repeat(40), token_type: 'Bearer', expires_in: '3599' }),
    );
    try {
      const url = server.url();
      // The bare fetch sends the very same request: same headers, a form body built the same way.
      const form = {
        client_id: 'client',
        client_secret: 'secret-value-123',
        grant_type: 'client_credentials',
        scope: 'NSMS',
      };
      const headers = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' };
      let n = 0;
      return await loopbackOverhead({
        figure: `main process: token service, ${LOOPBACK_RUNS.toLocaleString('en')} sequential loopback requests`,
        url,
        request: () => ({ method: 'POST', headers, body: new URLSearchParams(form) }),
        maxRatio: 1.15,
        viaService(fetch) {
          const service = createTokenService({
            fetch,
            sandboxUrl: () => Promise.reject(new Error('unused')),
          });
          return () => viaService(service);
        },
      });
      async function viaService(service: TokenService) {
        const arg: unknown = {
          requestId: `r${(n += 1)}`,
          preset: 'custom',
          tokenUrl: url,
          clientId: 'client',
          secret: { source: 'typed', value: 'secret-value-123' },
          grantType: 'client_credentials',
          scope: 'NSMS',
        };
        const checked = validateRequest('requestToken', arg);
        if (!checked.ok) throw new Error('invalid bench request');
        // As the IPC handler does it (main/handlers/token-handlers.ts).
        const input = checked.value;
        const { secret } = input;
        if (secret.source !== 'typed') throw new Error('invalid bench request');
        const result = await service.request({ ...requestFields(input), clientSecret: secret.value });
        if (!result.ok) throw new Error(result.message);
      }
    } finally {
      await server.close();
    }
  },
};
