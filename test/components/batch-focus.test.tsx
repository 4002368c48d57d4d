// Where "Check some…" and "Check all profiles" leave the keyboard's focus: in the panel they open
// (at its heading), which comes after the whole form in reading order, every time they are
// pressed, and back on the button that opened it when it closes.
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProfiles } from '../support/batch-panel';
import { fakeBridge, savedProfile, success } from '../support/fake-bridge';

const prod = savedProfile();
const trial = savedProfile({ id: '22222222-3333-4444-8555-666666666666', name: 'Free trial' });

async function renderApp() {
  const api = fakeBridge(async (input) => success(input, Date.now()), { profiles: [prod, trial] });
  const { user } = await renderWithProfiles(api);
  /** Presses a button from the keyboard. */
  const press = async (name: string) => {
    screen.getByRole('button', { name }).focus();
    await user.keyboard('{Enter}');
  };
  return { api, user, press };
}

describe('the profiles check panel and the keyboard', () => {
  it('“Check some…” puts focus on the panel’s heading, its controls next; pressed again, there again', async () => {
    const { api, user, press } = await renderApp();
    await press('Check some…');
    const panel = await screen.findByRole('region', { name: 'Check profiles' });
    const heading = within(panel).getByRole('heading', { name: 'Check profiles' });
    expect(heading).toHaveFocus();
    await user.tab();
    expect(within(panel).getByRole('button', { name: 'Close' })).toHaveFocus();
    await user.tab();
    expect(within(panel).getByRole('checkbox', { name: prod.name })).toHaveFocus();
    // Open already: each press brings focus to it again, and only "Check all profiles" starts a run.
    await press('Check some…');
    expect(heading).toHaveFocus();
    expect(api.startBatch).not.toHaveBeenCalled();
    await press('Check all profiles');
    expect(heading).toHaveFocus();
    await within(panel).findByText('2 of 2 checked');
    expect(api.startBatch).toHaveBeenCalledTimes(1);
    // Closed, focus goes back to the button that opened it.
    await user.click(within(panel).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('region', { name: 'Check profiles' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Check some…' })).toHaveFocus();
  });

  it('“Check all profiles” opens the panel with focus on its heading, and the run goes on', async () => {
    const { api, press } = await renderApp();
    await press('Check all profiles');
    const panel = await screen.findByRole('region', { name: 'Check profiles' });
    expect(within(panel).getByRole('heading', { name: 'Check profiles' })).toHaveFocus();
    await within(panel).findByText('2 of 2 checked');
    expect(api.startBatch).toHaveBeenCalledTimes(1);
    expect(within(panel).getByRole('heading', { name: 'Check profiles' })).toHaveFocus();
  });
});
