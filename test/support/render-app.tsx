// The whole window in jsdom on a fake bridge (test/support/fake-bridge.ts), and a user to drive it:
// the set-up many component tests share, with real timers or with the test's fake ones.
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, vi } from 'vitest';
import { App } from '../../renderer/App';
import { BridgeProvider } from '../../renderer/bridge';
import { fakeBridge, success, type FakeOptions, type Responder } from './fake-bridge';

/** Each token request answered with a token; real timers. */
export function renderWindow(options: FakeOptions = {}) {
  const api = fakeBridge(async (input) => success(input, Date.now()), options);
  const user = userEvent.setup();
  render(
    <BridgeProvider api={api}>
      <App />
    </BridgeProvider>,
  );
  return { api, user };
}

/** Fake timers for each test of the file, the wall clock first at `at`; the window unmounted after. */
export function useFakeWindowClock(at = Date.parse('2026-11-25T09:00:00Z')) {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(at);
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });
}

/** With the test's fake timers (vi.useFakeTimers()): `ms` of them, each step a render and its effects. */
export const tick = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

/** The window on the test's fake timers, each token request answered by `respond`, once drawn. */
export async function renderWindowOnFakeTimers(respond: Responder, options: FakeOptions = {}) {
  const api = fakeBridge(respond, options);
  const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
  render(
    <BridgeProvider api={api}>
      <App />
    </BridgeProvider>,
  );
  await tick(0);
  return { api, user };
}

/** A client ID and secret typed and Request token pressed (fake timers: the press's render run). */
export async function pressRequestToken(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByRole('textbox', { name: 'Client ID' }), 'id');
  await user.type(screen.getByLabelText('Client secret'), 'secret');
  await user.click(screen.getByRole('button', { name: 'Request token' }));
  await tick(0);
}
