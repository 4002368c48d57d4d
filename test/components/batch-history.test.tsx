// "Check all profiles" and the history panel: a run's last answer brings its history entry, shown
// in the same redraw as the results without asking for the whole history again, unless the
// window's list lacks an entry the main side holds (here a revealed secret, which the main side
// records without the window being told): then the list is asked for again.
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/App';
import { BridgeProvider } from '../../renderer/bridge';
import { fakeBridge, savedProfile, success } from '../support/fake-bridge';

const prod = savedProfile();
const trial = savedProfile({ id: '22222222-3333-4444-8555-666666666666', name: 'Free trial' });

describe('a batch run in the history', () => {
  it('shows the run’s entry from its last answer, and asks again only when its list is behind', async () => {
    const api = fakeBridge(async (input) => success(input, Date.now()), { profiles: [prod, trial] });
    const user = userEvent.setup();
    render(
      <BridgeProvider api={api}>
        <App />
      </BridgeProvider>,
    );
    const history = screen.getByRole('listbox', { name: 'History' });
    const entries = () =>
      within(history)
        .queryAllByRole('option')
        .map((o) => o.textContent ?? '');
    await within(screen.getByRole('listbox', { name: 'Profiles' })).findAllByRole('option');
    const listed = api.listHistory.mock.calls.length;

    await user.click(screen.getByRole('button', { name: 'Check all profiles' }));
    const panel = await screen.findByRole('region', { name: 'Check profiles' });
    await within(panel).findByText('2 of 2 checked');
    await within(history).findByRole('option', { name: /Batch check/ });
    expect(api.listHistory.mock.calls.length).toBe(listed);
    // A run that ends before its first news is due is the start's answer alone: one call.
    expect(api.startBatch).toHaveBeenCalledWith(expect.objectContaining({ waitForNews: true }));
    expect(api.batchProgress).not.toHaveBeenCalled();

    // Something the window is not told of writes the history; the next run's end notices.
    await api.revealSecret({ profileId: prod.id });
    await user.click(screen.getByRole('button', { name: 'Check all profiles' }));
    await expect.poll(() => api.listHistory.mock.calls.length).toBe(listed + 1);
    await expect.poll(() => entries().length).toBe(3);
    expect(entries()[0]).toMatch(/Batch check/);
    expect(entries()[1]).toMatch(/revealed/i);
    expect(entries()[2]).toMatch(/Batch check/);
  });
});
