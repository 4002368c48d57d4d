// The Messaging access check's main-side cost (the IPC argument's validation, the request log
// lookup, the GET under the token call's rules, reading, redacting, classifying) beside a bare
// fetch of the same loopback URL with the same headers, 500 sequential requests each.
// Budget: ratio of medians at most 1.15, as for the token service.
import { accessCheckTarget } from '../../../app/access-check';
import { validateRequest } from '../../../app/ipc-schemas';
import { accessHeaders, createAccessService } from '../../../main/access/access-service';
import { sendJson, startServer } from '../../support/servers';
import type { Figure } from '../figure';
import { loopbackOverhead } from '../loopback-overhead';

const TOKEN = 'a'.repeat(40);

export const accessOverhead: Figure = {
  name: 'access-check overhead',
  async measure() {
    const numbers = { virtualNumbers: [{ virtualNumber: '0400000001' }, { virtualNumber: '0400000002' }] };
    const server = await startServer((_req, res) => sendJson(res, 200, numbers));
    try {
      const base = `${server.origin}/messaging/v3`;
      const access = createAccessService({ fetch: (u, init) => fetch(u, init) });
      const headers = accessHeaders(TOKEN);
      let n = 0;
      return await loopbackOverhead({
        figure: 'main process: Messaging access check, 500 sequential loopback requests',
        url: `${base}/virtual-numbers`,
        init: () => ({ method: 'GET', headers }),
        maxRatio: 1.15,
        async viaService() {
          // As the IPC handler does it (main/handlers/access-handlers.ts).
          const checked = validateRequest('checkMessagingAccess', {
            requestId: `r${(n += 1)}`,
            messagingUrl: base,
          });
          if (!checked.ok) throw new Error('invalid bench request');
          const target = accessCheckTarget('custom', checked.value.messagingUrl, null);
          if (!target.ok) throw new Error(target.reason);
          const result = await access.check({
            requestId: checked.value.requestId,
            checkUrl: target.url,
            accessToken: TOKEN,
            clientSecret: 'secret-value-123',
            requestedScope: 'virtual-numbers:read',
            grantedScope: 'virtual-numbers:read',
          });
          if (!result.ok) throw new Error(result.message);
        },
      });
    } finally {
      await server.close();
    }
  },
};
