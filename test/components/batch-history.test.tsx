// "Check all profiles" and the history panel: a run's last answer brings its history entry, shown
// in the same redraw as the results without asking for the whole history again, unless the
// window's list lacks an entry the main side holds (here a revealed secret, which the main side
// records without the window being told): then the list is asked for again. A run listed while it
// went on (a request made meanwhile) is shown as it ended, not as it was then.
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { batchEntry, batchRow, batchTitle } from '../../app/batch-summary';
import { renderWithProfiles } from '../support/batch-panel';
import { failure, fakeBridge, savedProfile, success } from '../support/fake-bridge';
import type { TokenRequestInput } from '../../app/ipc-contract';
import type { TokenResult } from '../../app/token-result';

const prod = savedProfile();
const probe: TokenRequestInput = {
  requestId: 'probe',
  preset: 'v2',
  tokenUrl: 'https://tapi.telstra.com/v2/oauth/token',
  clientId: 'prod-id',
  secret: { source: 'typed', value: 'not-used' },
  grantType: 'client_credentials',
  scope: 'NSMS',
};
const trial = savedProfile({ id: '22222222-3333-4444-8555-666666666666', name: 'Free trial' });

/**
 * A run whose requests wait until `release()` (each answered by `answer`), listed in the history
 * after its first answer while it goes on: a request of the form's own meanwhile lists the history
 * again, as the main side has it then (main/handlers/batch-handlers.ts). The form's request is
 * answered at once.
 */
async function runListedWhileGoing(answer: (input: TokenRequestInput) => TokenResult) {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const api = fakeBridge(
    async (input: TokenRequestInput) => {
      if (input.secret.source !== 'profile') return success(input, Date.now());
      await held;
      return answer(input);
    },
    { profiles: [prod, trial] },
  );
  const { user } = await renderWithProfiles(api);
  const history = screen.getByRole('listbox', { name: 'History' });

  await user.click(screen.getByRole('button', { name: 'Check all profiles' }));
  await expect.poll(() => api.startBatch.mock.calls.length).toBe(1);
  const { runId } = api.startBatch.mock.calls[0]![0];
  // As the main side lists the run after its first answer, 5 ms in.
  const firstRow = batchRow(
    prod.name,
    prod.clientId,
    success({ ...probe, requestId: `${runId}-b0` }, 0),
    null,
  );
  const partly = batchEntry(runId, Date.now(), 5, 'v2', { total: 2, rows: [firstRow] });
  const title = batchTitle(partly.batch!);
  api.listHistory.mockImplementationOnce(async () => ({
    ok: true as const,
    entries: [{ ...partly, title }],
  }));
  await user.type(screen.getByRole('textbox', { name: 'Client ID' }), 'my-client');
  await user.type(screen.getByLabelText('Client secret'), 'my-secret');
  await user.click(screen.getByRole('button', { name: 'Request token' }));
  const row = await within(history).findByRole('option', { name: new RegExp(title) });
  return { history, title, row, release };
}

describe('a batch run in the history', () => {
  it('shows the run’s entry from its last answer, and asks again only when its list is behind', async () => {
    const api = fakeBridge(async (input) => success(input, Date.now()), { profiles: [prod, trial] });
    const { user } = await renderWithProfiles(api);
    const history = screen.getByRole('listbox', { name: 'History' });
    const entries = () =>
      within(history)
        .queryAllByRole('option')
        .map((o) => o.textContent ?? '');
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

  it('shows a run listed while it went on (a request made meanwhile) with its final summary once it ends', async () => {
    const { history, release } = await runListedWhileGoing((input) => success(input, Date.now()));
    release();
    const panel = await screen.findByRole('region', { name: 'Check profiles' });
    await within(panel).findByText('2 of 2 checked');
    // The run's row says what the run came to, not what it was when listed.
    await expect
      .poll(() =>
        within(history)
          .getAllByRole('option')
          .map((o) => o.textContent ?? ''),
      )
      .toContainEqual(expect.stringContaining('Batch check: 2 profiles checked: 2 passed, 0 failed'));
  });

  it('shows a run listed while it went on as it ended when its last answer leaves the title as it was (a request cancelled)', async () => {
    // The second profile's request is stopped in flight: not a profile checked, so the run's title
    // stays '1 of 2 profiles checked: 1 passed, 0 failed', but the run no longer counts as passed.
    const { history, title, row, release } = await runListedWhileGoing((input) =>
      input.profileId === trial.id
        ? failure(input, { kind: 'cancelled', outcome: 'cancelled', status: null })
        : success(input, Date.now()),
    );
    expect(row.className).toContain('history__item--ok');

    release();
    // The run's end (the fake records it with 0 ms): the same title, but failed, and its own time.
    await expect
      .poll(() => within(history).getByRole('option', { name: new RegExp(title) }).className)
      .toContain('history__item--failed');
    expect(within(history).getByRole('option', { name: new RegExp(title) }).textContent).toMatch(/ 0 ms$/);
  });
});
