// Retry-After as an HTTP date in each of the three forms RFC 9110 §5.6.7 says a recipient MUST
// accept (IMF-fixdate, the obsolete RFC 850 and asctime forms), from a real server on 127.0.0.1,
// through the token service over both transports and the Messaging access check: each is the same
// 30-second wait, read against the answer's own Date header (in any of the forms too), with this
// computer's clock two hours behind. Nonsense in the same shapes (a day the month lacks: Feb 29 of
// 2026, Apr 31) is still no wait at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessService } from '../../main/access/access-service';
import { createTokenService } from '../../main/token/token-service';
import { startServer, type TestServer } from '../support/servers';
import { TRANSPORTS } from '../support/transports';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

type Form = 'imf' | 'rfc850' | 'asctime';
function httpDate(ms: number, form: Form): string {
  const d = new Date(ms);
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  const month = MONTHS[d.getUTCMonth()]!;
  const day = DAYS[d.getUTCDay()]!;
  if (form === 'imf') return d.toUTCString();
  if (form === 'rfc850')
    return `${day}, ${two(d.getUTCDate())}-${month}-${two(d.getUTCFullYear() % 100)} ${time} GMT`;
  return `${day.slice(0, 3)} ${month} ${String(d.getUTCDate()).padStart(2, ' ')} ${time} ${d.getUTCFullYear()}`;
}

// Whole seconds, as HTTP dates are; the 5th of a month, so that asctime's day is space-padded.
const serverNow = Date.UTC(2026, 10, 5, 8, 49, 37);
const behind = () => serverNow - 2 * 3_600_000;

// [scenario, Date, Retry-After, seconds expected]
const CASES: Array<readonly [string, string, string, number | null]> = [
  ['imf', httpDate(serverNow, 'imf'), httpDate(serverNow + 30_000, 'imf'), 30],
  ['rfc850', httpDate(serverNow, 'imf'), httpDate(serverNow + 30_000, 'rfc850'), 30],
  ['asctime', httpDate(serverNow, 'imf'), httpDate(serverNow + 30_000, 'asctime'), 30],
  ['rfc850-date', httpDate(serverNow, 'rfc850'), httpDate(serverNow + 30_000, 'imf'), 30],
  ['asctime-date', httpDate(serverNow, 'asctime'), httpDate(serverNow + 30_000, 'asctime'), 30],
  ['bad-month', httpDate(serverNow, 'imf'), 'Thu Foo  5 08:50:07 2026', null],
  ['bad-hour', httpDate(serverNow, 'imf'), 'Thursday, 05-Nov-26 25:50:07 GMT', null],
  // A day the month does not have is no date, in any form: not the next month's first days.
  ['feb-29-imf', 'Sat, 28 Feb 2026 23:59:50 GMT', 'Sun, 29 Feb 2026 00:00:20 GMT', null],
  ['feb-29-rfc850', 'Sat, 28 Feb 2026 23:59:50 GMT', 'Sunday, 29-Feb-26 00:00:20 GMT', null],
  ['feb-29-asctime', 'Sat, 28 Feb 2026 23:59:50 GMT', 'Sun Feb 29 00:00:20 2026', null],
  ['apr-31', 'Thu, 30 Apr 2026 23:59:50 GMT', 'Fri, 31 Apr 2026 00:00:20 GMT', null],
  ['leap-day', 'Mon, 28 Feb 2028 23:59:50 GMT', 'Tue, 29 Feb 2028 00:00:20 GMT', 30],
  // RFC 850's "94" more than 50 years ahead of 2026: 1994, as RFC 9110 §5.6.7 says, not 2094.
  ['rfc850-1994', 'Sun, 06 Nov 1994 08:49:07 GMT', 'Sunday, 06-Nov-94 08:49:37 GMT', 30],
];

let server: TestServer;
beforeAll(async () => {
  server = await startServer((req, res) => {
    const scenario = new URL(req.url ?? '/', 'http://x').pathname.split('/')[1];
    const found = CASES.find(([name]) => name === scenario);
    res.writeHead(429, { Date: found?.[1] ?? '', 'Retry-After': found?.[2] ?? '' });
    res.end();
  });
});
afterAll(() => server.close());

describe.each(TRANSPORTS)('Retry-After dates over %s', (_name, transport) => {
  const tokens = createTokenService({
    fetch: transport,
    sandboxUrl: () => Promise.reject(new Error()),
    now: behind,
  });
  const access = createAccessService({ fetch: transport, now: behind });

  it.each(CASES)('%s (Date %s, Retry-After %s): %s seconds', async (scenario, _date, _after, seconds) => {
    const token = await tokens.request({
      requestId: `t-${scenario}`,
      preset: 'custom',
      tokenUrl: server.url(`/${scenario}/v2/oauth/token`),
      clientId: 'client-abc',
      clientSecret: 'secret-xyz-123',
      grantType: 'client_credentials',
      scope: '',
    });
    expect(token).toMatchObject({ ok: false, outcome: 'http:429', retryAfterSeconds: seconds });
    const check = await access.check({
      requestId: `a-${scenario}`,
      checkUrl: server.url(`/${scenario}/messaging/v3/virtual-numbers`),
      accessToken: 'tok-AbCdEfGhIjKlMnOpQrStUv0123',
      clientSecret: 'secret-xyz-123',
      requestedScope: '',
      grantedScope: null,
    });
    expect(check).toMatchObject({ outcome: 'access:rate-limited', retryAfterSeconds: seconds });
  });
});
