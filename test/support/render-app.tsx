// The whole window in jsdom on a fake bridge (test/support/fake-bridge.ts) whose token requests
// are each answered with a token, and a user to drive it: the set-up many component tests share.
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../renderer/App';
import { BridgeProvider } from '../../renderer/bridge';
import { fakeBridge, success, type FakeOptions } from './fake-bridge';

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
