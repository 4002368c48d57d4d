// What the window makes of the start's answer in "Check all profiles": a run cancelled before the
// main side knew it (in browser mode each call is its own HTTP request, so Cancel may arrive first,
// and the start is then refused) says nothing started, not the refusal's words; any other refusal
// says its words, Cancel or not; an answer about another run is not taken as this run's.
import { within } from '@testing-library/react';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { checkAllProfiles } from '../support/batch-panel';
import { fakeBridge, savedProfile, success } from '../support/fake-bridge';

const prod = savedProfile();
const trial = savedProfile({ id: '22222222-3333-4444-8555-666666666666', name: 'Free trial' });

/** Renders the app and starts "Check all profiles"; the start answers `answer` (after Cancel, if `cancelFirst`). */
async function startWith(
  answer: Awaited<ReturnType<ReturnType<typeof fakeBridge>['startBatch']>>,
  cancelFirst: boolean,
) {
  const api = fakeBridge(async (input) => success(input, Date.now()), { profiles: [prod, trial] });
  let cancelled!: () => void;
  const cancelCame = new Promise<void>((resolve) => (cancelled = resolve));
  api.cancelBatch.mockImplementation(async () => {
    cancelled();
    return { ok: true as const };
  });
  api.startBatch.mockImplementation(async () => {
    if (cancelFirst) await cancelCame;
    return answer;
  });
  const { user, panel } = await checkAllProfiles(api);
  if (cancelFirst) await user.click(await within(panel).findByRole('button', { name: 'Cancel' }));
  return { api, panel };
}

const rowTexts = (panel: HTMLElement) =>
  within(within(panel).getByRole('table', { name: 'Results by profile' }))
    .getAllByRole('row')
    .slice(1)
    .map((row) => row.textContent ?? '');

describe('the start’s answer in the window', () => {
  // Each test's window is a new page: nothing of the tab's storage carries over.
  afterEach(() => sessionStorage.clear());

  it('shows every row as cancelled before it started, not as refused', async () => {
    // The start is refused as the main side refuses a run it was told to cancel before it knew it.
    const message = 'That run has started or been cancelled already.';
    const { api, panel } = await startWith({ ok: false, kind: 'conflict', message, issues: [] }, true);
    await within(panel).findByText('0 of 2 checked · cancelled');
    const rows = rowTexts(panel);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toContain('Cancelled before it started');
    expect(panel.textContent).not.toContain(message);
    expect(api.batchProgress).not.toHaveBeenCalled();
  });

  it('shows a refusal other than the conflict in every row, even after Cancel', async () => {
    const message = 'A chosen profile is no longer saved; choose again.';
    const { panel } = await startWith({ ok: false, kind: 'not-found', message, issues: [] }, true);
    // Refused: no profile was checked.
    await within(panel).findByText('0 of 2 checked · cancelled');
    const rows = rowTexts(panel);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toContain(message);
  });

  it('does not take an answer about another run as this run’s starts or end', async () => {
    const { api, panel } = await startWith(
      { ok: true, runId: 'another-run', started: 2, answers: [], finished: true },
      false,
    );
    await within(panel).findByText('0 of 2 checked');
    const rows = rowTexts(panel);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toContain('answered about another run');
    expect(api.batchProgress).not.toHaveBeenCalled();
    // A run this window gives up on is stopped on the main side too: it would hold back the next.
    expect(api.cancelBatch).toHaveBeenCalled();
  });

  it('stops the run a reload of the page left going before it starts the next', async () => {
    // The run this tab started before the page was reloaded: the main side runs one at a time.
    sessionStorage.setItem('token-tester.batch-run', 'left-by-a-reload');
    const navigation = vi
      .spyOn(performance, 'getEntriesByType')
      .mockReturnValue([{ type: 'reload' } as unknown as PerformanceEntry]);
    onTestFinished(() => navigation.mockRestore());
    const { api, panel } = await startWith(
      { ok: true, runId: 'placeholder', started: 0, answers: [], finished: false },
      false,
    );
    await within(panel).findByText(/checked/);
    expect(api.cancelBatch).toHaveBeenCalledWith({ runId: 'left-by-a-reload' });
    const [cancelledAt] = api.cancelBatch.mock.invocationCallOrder;
    const [startedAt] = api.startBatch.mock.invocationCallOrder;
    expect(cancelledAt).toBeLessThan(startedAt!);
    // The run this window started is the one it would stop after a reload, until it ends.
    expect(sessionStorage.getItem('token-tester.batch-run')).toBeNull();
  });

  it('leaves alone the run of the tab it was duplicated from (its storage copied, not reloaded)', async () => {
    sessionStorage.setItem('token-tester.batch-run', 'the-other-tab-s-run');
    const { api, panel } = await startWith(
      { ok: true, runId: 'placeholder', started: 0, answers: [], finished: false },
      false,
    );
    await within(panel).findByText(/checked/);
    expect(api.cancelBatch).not.toHaveBeenCalledWith({ runId: 'the-other-tab-s-run' });
  });
});
