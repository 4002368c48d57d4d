// Copy token and Copy Authorization header, as the main side answers them: the token by request id
// from the request log, onto a clipboard that clears it after the delay or at the token's expiry.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isIpcFailure } from '../../app/ipc-contract';
import { createClipboardGuard } from '../../main/clipboard/clipboard-guard';
import { clipboardHandlers } from '../../main/handlers/clipboard-handlers';
import { createRequestLog } from '../../main/requests/request-log';
import { success } from '../support/fake-bridge';

const input = {
  requestId: 'req-1',
  preset: 'v2' as const,
  tokenUrl: 'https://tapi.telstra.com/v2/oauth/token',
  clientId: 'client',
  grantType: 'client_credentials',
  scope: 'NSMS',
};

function copying(now: () => number, monotonic?: () => number) {
  const device = {
    text: '',
    writeText: vi.fn(async (text: string) => void (device.text = text)),
    readText: vi.fn(async () => device.text),
    clear: vi.fn(async () => void (device.text = '')),
  };
  const log = createRequestLog(now, monotonic);
  // A token received at 0 that expires an hour later.
  const result = success({ ...input, secret: { source: 'typed', value: 'secret' } }, 0);
  log.remember({ input, clientSecret: 'secret', profileName: null, clientAuth: 'body', result });
  const clipboard = createClipboardGuard({ device, delaySeconds: async () => 30, now });
  return { device, handlers: clipboardHandlers(log, clipboard), token: result.accessToken };
}

describe('copying a token', () => {
  it('copies it while it is valid, to be cleared after the delay', async () => {
    const { device, handlers, token } = copying(() => 60_000);
    expect(await handlers.copyToken({ requestId: 'req-1' })).toEqual(
      expect.objectContaining({ ok: true, clearsAt: 90_000 }),
    );
    expect(device.text).toBe(token);
  });

  it('does not copy it once it has expired (the window left open for hours), and says so', async () => {
    const { device, handlers } = copying(() => 3_599_000 + 5 * 3_600_000);
    for (const answer of [
      await handlers.copyToken({ requestId: 'req-1' }),
      await handlers.copyAuthorizationHeader({ requestId: 'req-1' }),
    ]) {
      expect(isIpcFailure(answer) && answer.message).toBe(
        'That token has expired, so it is not copied: request a new one.',
      );
    }
    expect(device.writeText).not.toHaveBeenCalled();
  });

  it('does not copy one that has expired since it came when the wall clock was set back meanwhile', async () => {
    // Received at 0 (an hour's token); 70 minutes pass, and then the wall clock is set back an hour
    // (NTP, a hand): the window's countdown says "Expired" (it counts the 70 minutes), and so must
    // this, not "Token copied" for a token the server no longer takes.
    let wall = 0;
    let mono = 5_000;
    const { device, handlers } = copying(
      () => wall,
      () => mono,
    );
    mono += 70 * 60_000;
    wall = 70 * 60_000 - 3_600_000;
    const answer = await handlers.copyToken({ requestId: 'req-1' });
    expect(isIpcFailure(answer) && answer.message).toBe(
      'That token has expired, so it is not copied: request a new one.',
    );
    expect(device.writeText).not.toHaveBeenCalled();
  });
});

describe('copying a token after a sleep and then a set-back', () => {
  afterEach(() => void vi.useRealTimers());

  it('does not copy one the window says expired in its sleep, its clock set back a second after the resume', async () => {
    // Only the timers are faked: the clocks are the ones given. Received at 0 (an hour's token).
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    let wall = 0;
    let mono = 5_000;
    const { device, handlers } = copying(
      () => wall,
      () => mono,
    );
    // Asleep 90 minutes: the wall clock moves, performance.now() and the timers stand still.
    wall += 90 * 60_000;
    // Awake a second (the window's countdown ticks and says "Expired"), then set back an hour.
    wall += 1_000;
    mono += 1_000;
    vi.advanceTimersByTime(1_000);
    wall -= 60 * 60_000;
    const answer = await handlers.copyToken({ requestId: 'req-1' });
    expect(isIpcFailure(answer) && answer.message).toBe(
      'That token has expired, so it is not copied: request a new one.',
    );
    expect(device.writeText).not.toHaveBeenCalled();
  });
});
