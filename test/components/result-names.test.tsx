// Two results on screen at once (the main one, and a "Check all profiles" row opened beside it):
// each result is named by its own heading, and the token by its own label, never the other's.
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TokenRequestInput } from '../../app/ipc-contract';
import { BridgeProvider } from '../../renderer/bridge';
import { ClockContext } from '../../renderer/clock';
import { FailureView } from '../../renderer/result/FailureView';
import { SuccessView } from '../../renderer/result/SuccessView';
import { failure, fakeBridge, success } from '../support/fake-bridge';

const input = (requestId: string): TokenRequestInput => ({
  requestId,
  preset: 'sandbox',
  tokenUrl: '',
  clientId: 'sandbox-client-id',
  secret: { source: 'typed', value: 'sandbox-secret' },
  grantType: 'client_credentials',
  scope: 'NSMS',
});

describe('results side by side', () => {
  it('are each named by their own heading', () => {
    const clock = { at: 1_000_000, now: () => clock.at };
    const api = fakeBridge(async (request) => success(request, 0));
    render(
      <ClockContext.Provider value={clock}>
        <BridgeProvider api={api}>
          <FailureView result={failure(input('main'), { outcome: 'network:dns', status: null })} />
          <SuccessView result={success(input('row-1'), clock.at)} />
          <SuccessView result={success(input('row-2'), clock.at)} />
        </BridgeProvider>
      </ClockContext.Provider>,
    );
    expect(screen.getAllByRole('article')).toHaveLength(3);
    expect(screen.getAllByRole('article', { name: 'Server name not found' })).toHaveLength(1);
    const tokens = screen.getAllByRole('article', { name: 'Token received' });
    expect(tokens).toHaveLength(2);
    // Each token named by the label in its own result.
    for (const article of tokens) {
      const code = article.querySelector('code')!;
      expect(document.getElementById(code.getAttribute('aria-labelledby')!)?.closest('article')).toBe(
        article,
      );
    }
    // Every id on the page once.
    const ids = [...document.querySelectorAll('[id]')].map((el) => el.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(screen.getAllByLabelText('Access token')).toHaveLength(2);
  });
});
