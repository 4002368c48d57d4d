// "Check all profiles" cancelled before the main side knew the run: in browser mode each call is
// its own HTTP request, so Cancel may arrive first, and the start is then refused. The rows say
// nothing started, not the refusal's words.
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { StartBatchInput } from '../../app/ipc-contract';
import { App } from '../../renderer/App';
import { BridgeProvider } from '../../renderer/bridge';
import { fakeBridge, savedProfile, success } from '../support/fake-bridge';

const prod = savedProfile();
const trial = savedProfile({ id: '22222222-3333-4444-8555-666666666666', name: 'Free trial' });

describe('a run cancelled before its start reached the main side', () => {
  it('shows every row as cancelled before it started, not as refused', async () => {
    const api = fakeBridge(async (input) => success(input, Date.now()), { profiles: [prod, trial] });
    // The start waits until Cancel has come, then is refused as the main side refuses a run it
    // was told to cancel before it knew it.
    let cancelled!: () => void;
    const cancelCame = new Promise<void>((resolve) => (cancelled = resolve));
    api.cancelBatch.mockImplementation(async () => {
      cancelled();
      return { ok: true as const };
    });
    api.startBatch.mockImplementation(async (_input: StartBatchInput) => {
      await cancelCame;
      return {
        ok: false as const,
        kind: 'conflict' as const,
        message: 'That run has started or been cancelled already.',
        issues: [],
      };
    });
    const user = userEvent.setup();
    render(
      <BridgeProvider api={api}>
        <App />
      </BridgeProvider>,
    );
    await within(screen.getByRole('listbox', { name: 'Profiles' })).findAllByRole('option');
    await user.click(screen.getByRole('button', { name: 'Check all profiles' }));
    const panel = await screen.findByRole('region', { name: 'Check profiles' });
    await user.click(await within(panel).findByRole('button', { name: 'Cancel' }));

    await within(panel).findByText('0 of 2 checked · cancelled');
    const table = within(panel).getByRole('table', { name: 'Results by profile' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.textContent).toContain('Cancelled before it started');
    expect(panel.textContent).not.toContain('That run has started');
    expect(api.batchProgress).not.toHaveBeenCalled();
  });
});
