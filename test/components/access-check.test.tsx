// The window's part of "Check Messaging access": the button after a token, the Messaging API URL
// field for a custom URL only, nothing for v2 (the token's explanation says why), the verdict as
// the main side explains it, a refusal's message, and a live Retry-After countdown.
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AccessCheckResult } from '../../app/access-check';
import type { PresetId } from '../../app/endpoints';
import { BridgeProvider } from '../../renderer/bridge';
import { ClockContext } from '../../renderer/clock';
import { AccessCheck } from '../../renderer/result/AccessCheck';
import { accessConfirmed, fakeBridge, success } from '../support/fake-bridge';

const clock = { at: 1_000_000, now: () => clock.at };

function renderCheck(preset: PresetId, tokenUrl = 'https://tapi.example/v2/oauth/token') {
  const api = fakeBridge(async (input) => success(input, 0));
  const view = render(
    <ClockContext.Provider value={clock}>
      <BridgeProvider api={api}>
        <AccessCheck result={{ requestId: 'r1', preset, tokenUrl }} />
      </BridgeProvider>
    </ClockContext.Provider>,
  );
  return Object.assign(api, { unmount: view.unmount });
}

describe('Check Messaging access', () => {
  it('asks the main side with the request id only, and shows its verdict', async () => {
    const api = renderCheck('v3');
    expect(screen.queryByRole('textbox', { name: 'Messaging API URL' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Check Messaging access' }));
    expect(api.checkMessagingAccess).toHaveBeenCalledWith({ requestId: 'r1' });
    expect(await screen.findByRole('heading', { name: 'Messaging access confirmed' })).toBeTruthy();
    expect(screen.getByText('The account has 2 virtual numbers.')).toBeTruthy();
  });

  it('sends the Messaging API URL for a custom token URL', async () => {
    const api = renderCheck('custom');
    const field = screen.getByRole('textbox', { name: 'Messaging API URL' });
    expect((field as HTMLInputElement).value).toBe('https://products.api.telstra.com/messaging/v3');
    await userEvent.clear(field);
    await userEvent.type(field, 'http://127.0.0.1:9/messaging/v3');
    await userEvent.click(screen.getByRole('button', { name: 'Check Messaging access' }));
    expect(api.checkMessagingAccess).toHaveBeenCalledWith({
      requestId: 'r1',
      messagingUrl: 'http://127.0.0.1:9/messaging/v3',
    });
  });

  it('keeps the Messaging API URL typed for the next token from the same token URL, and for no other', async () => {
    const TELSTRA = 'https://products.api.telstra.com/messaging/v3';
    const gatewayA = 'https://gateway-a.example/oauth/token';
    const first = renderCheck('custom', gatewayA);
    const field = screen.getByRole('textbox', { name: 'Messaging API URL' });
    await userEvent.clear(field);
    await userEvent.type(field, 'https://gateway-a.example/messaging/v3');
    await userEvent.click(screen.getByRole('button', { name: 'Check Messaging access' }));
    expect(first.checkMessagingAccess).toHaveBeenCalledWith({
      requestId: 'r1',
      messagingUrl: 'https://gateway-a.example/messaging/v3',
    });
    // A new token: its result, and its check, are drawn afresh.
    first.unmount();
    const again = renderCheck('custom', gatewayA);
    expect(screen.getByRole('textbox', { name: 'Messaging API URL' })).toHaveValue(
      'https://gateway-a.example/messaging/v3',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Check Messaging access' }));
    expect(again.checkMessagingAccess).toHaveBeenCalledWith({
      requestId: 'r1',
      messagingUrl: 'https://gateway-a.example/messaging/v3',
    });
    again.unmount();
    // Another gateway's token is not offered to gateway A (the token would be sent there).
    renderCheck('custom', 'https://gateway-b.example/oauth/token');
    expect(screen.getByRole('textbox', { name: 'Messaging API URL' })).toHaveValue(TELSTRA);
  });

  it('offers no button for v2', () => {
    renderCheck('v2');
    expect(screen.queryByRole('button', { name: 'Check Messaging access' })).toBeNull();
  });

  it('shows a refusal’s message, and counts Retry-After down', async () => {
    const api = renderCheck('sandbox');
    api.checkMessagingAccess.mockResolvedValueOnce({
      ok: false,
      kind: 'not-found',
      message: 'That token is no longer available; request a token first.',
      issues: [],
    } as unknown as AccessCheckResult);
    await userEvent.click(screen.getByRole('button', { name: 'Check Messaging access' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/no longer available/);

    api.checkMessagingAccess.mockResolvedValueOnce({
      ...accessConfirmed('r1'),
      ok: false,
      outcome: 'access:rate-limited',
      retryAfterSeconds: 30,
      retryAt: clock.at + 30_000,
      explanation: { ...accessConfirmed('r1').explanation, title: 'Messaging rate limit', tone: 'warning' },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Check Messaging access' }));
    const timer = await screen.findByRole('timer');
    expect(timer.textContent).toBe('Try again in 30 s');
    clock.at += 12_000;
    await waitFor(() => expect(timer.textContent).toBe('Try again in 18 s'), { timeout: 3000 });
    clock.at += 20_000;
    await waitFor(() => expect(timer.textContent).toBe('Try again now'), { timeout: 3000 });
  });

  it('counts Retry-After down with no time added when the wall clock is set back', async () => {
    const api = renderCheck('sandbox');
    api.checkMessagingAccess.mockResolvedValueOnce({
      ...accessConfirmed('r1'),
      ok: false,
      outcome: 'access:rate-limited',
      retryAfterSeconds: 30,
      retryAt: clock.at + 30_000,
      explanation: { ...accessConfirmed('r1').explanation, title: 'Messaging rate limit', tone: 'warning' },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Check Messaging access' }));
    const timer = await screen.findByRole('timer');
    expect(timer.textContent).toBe('Try again in 30 s');
    // An hour back: the wait is not an hour longer (3630 s), and the seconds run on.
    clock.at -= 3_600_000;
    try {
      await waitFor(() => expect(timer.textContent).not.toBe('Try again in 30 s'), { timeout: 3000 });
      expect(timer.textContent).toMatch(/^Try again in 2\d s$/);
    } finally {
      clock.at += 3_600_000;
    }
  });

  it('hands focus to Cancel while the check runs and back to the button after, and reads the verdict out', async () => {
    const api = renderCheck('sandbox');
    let answer: (result: AccessCheckResult) => void = () => undefined;
    api.checkMessagingAccess.mockImplementationOnce(
      () => new Promise<AccessCheckResult>((resolve) => (answer = resolve)),
    );
    api.cancelRequest.mockImplementationOnce(async () => {
      answer({
        ...accessConfirmed('r1'),
        ok: false,
        outcome: 'cancelled',
        explanation: { ...accessConfirmed('r1').explanation, title: 'Check cancelled', tone: 'warning' },
      });
      return { ok: true as const };
    });
    const check = screen.getByRole('button', { name: 'Check Messaging access' });
    check.focus();
    await userEvent.keyboard('{Enter}');
    const cancel = await screen.findByRole('button', { name: 'Cancel' });
    await waitFor(() => expect(document.activeElement).toBe(cancel));
    expect(screen.getByRole('status').textContent).toBe('Checking Messaging access…');
    await userEvent.keyboard('{Enter}');
    expect(api.cancelRequest).toHaveBeenCalledWith({ requestId: 'r1' });
    expect(await screen.findByRole('heading', { name: 'Check cancelled' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(document.activeElement).toBe(check);
    expect(screen.getByRole('status').textContent).toBe('Check cancelled');
  });

  it('ends the check with a message when the main side cannot be reached', async () => {
    const api = renderCheck('sandbox');
    api.checkMessagingAccess.mockRejectedValueOnce(new Error('Error invoking remote method'));
    const check = screen.getByRole('button', { name: 'Check Messaging access' });
    await userEvent.click(check);
    expect((await screen.findByRole('alert')).textContent).toMatch(/main process did not answer/);
    expect(check.getAttribute('aria-disabled')).toBe('false');
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    // And it can be tried again.
    await userEvent.click(check);
    expect(await screen.findByRole('heading', { name: 'Messaging access confirmed' })).toBeTruthy();
  });
});
