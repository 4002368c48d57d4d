// The component tests of "Check all profiles": the app rendered on a fake bridge, its saved
// profiles listed, and the button pressed; the panel as the user then finds it.
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../renderer/App';
import { BridgeProvider } from '../../renderer/bridge';
import type { fakeBridge } from './fake-bridge';

/** The app rendered on `api`, once its saved profiles are listed; `user` to act on it. */
export async function renderWithProfiles(api: ReturnType<typeof fakeBridge>) {
  const user = userEvent.setup();
  render(
    <BridgeProvider api={api}>
      <App />
    </BridgeProvider>,
  );
  await within(screen.getByRole('listbox', { name: 'Profiles' })).findAllByRole('option');
  return { user };
}

export async function checkAllProfiles(api: ReturnType<typeof fakeBridge>) {
  const { user } = await renderWithProfiles(api);
  await user.click(screen.getByRole('button', { name: 'Check all profiles' }));
  const panel = await screen.findByRole('region', { name: 'Check profiles' });
  return { user, panel };
}
