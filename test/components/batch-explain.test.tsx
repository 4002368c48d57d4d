// A row of "Check all profiles" opened: the rows carry verdicts only, so the window asks the main
// side for that row's whole answer (batchAnswer) and shows it in the usual result views; an answer
// it cannot have is said, and an answer for another request is not shown as this row's.
import { within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { EXPLANATIONS } from '../../app/explanations';
import { checkAllProfiles } from '../support/batch-panel';
import { accessConfirmed, failure, fakeBridge, savedProfile, success } from '../support/fake-bridge';

const prod = savedProfile();
const trial = savedProfile({ id: '22222222-3333-4444-8555-666666666666', name: 'Free trial' });

async function runBoth(api: ReturnType<typeof fakeBridge>) {
  const { user, panel } = await checkAllProfiles(api);
  await within(panel).findByText('2 of 2 checked');
  return { user, panel };
}

describe('a batch row opened', () => {
  it('asks for that row’s whole answer and shows it', async () => {
    // The first profile gets a token, the second invalid_client.
    const api = fakeBridge(
      async (input) =>
        input.profileId === prod.id
          ? success(input, Date.now())
          : failure(input, { outcome: 'oauth:invalid_client', status: 401, error: 'invalid_client' }),
      { profiles: [prod, trial] },
    );
    const { user, panel } = await runBoth(api);
    expect(api.batchAnswer).not.toHaveBeenCalled();

    // Each button's name holds what it shows (WCAG 2.5.3), then whose result it opens or hides.
    const explain = within(panel).getByRole('button', { name: `Explain ${trial.name}` });
    expect(explain).toHaveTextContent(/^Explain$/);
    await user.click(explain);
    expect(explain).toHaveAccessibleName(`Hide ${trial.name}`);
    expect(explain).toHaveTextContent(/^Hide$/);
    expect(explain).toHaveAttribute('aria-expanded', 'true');
    const detail = within(panel).getByRole('region', { name: `Result for ${trial.name}` });
    await within(detail).findByRole('heading', { name: EXPLANATIONS['oauth:invalid_client'].title });
    const [{ runId, index }] = api.batchAnswer.mock.calls.at(-1)!;
    expect(index).toBe(1);
    expect(runId).toMatch(/^[0-9a-f-]{36}$/);

    await user.click(within(panel).getByRole('button', { name: `Explain ${prod.name}` }));
    const shown = within(panel).getByRole('region', { name: `Result for ${prod.name}` });
    await within(shown).findByRole('heading', { name: 'Token received' });
    expect(api.batchAnswer.mock.calls.at(-1)![0]).toEqual({ runId, index: 0 });
  });

  it('shows the Messaging access check the run made with the token, not only the token (a new user’s finding)', async () => {
    const v3 = savedProfile({ preset: 'v3', name: 'Messaging v3' });
    const api = fakeBridge(async (input) => success(input, Date.now()), { profiles: [v3, trial] });
    const { user, panel } = await runBoth(api);
    const original = api.batchAnswer.getMockImplementation()!;
    api.batchAnswer.mockImplementation(async (request) => {
      const answer = await original(request);
      if (!answer.ok || !answer.result.ok) return answer;
      return { ...answer, access: { ...accessConfirmed(answer.result.requestId), virtualNumbers: 7 } };
    });
    await user.click(within(panel).getByRole('button', { name: `Explain ${v3.name}` }));
    const shown = within(panel).getByRole('region', { name: `Result for ${v3.name}` });
    // A group inside the row's result (a landmark itself), not a second "Messaging access"
    // landmark beside the one in the window's own result.
    const access = await within(shown).findByRole('group', { name: 'Messaging access' });
    expect(within(shown).queryByRole('region', { name: 'Messaging access' })).toBeNull();
    await within(access).findByRole('heading', { name: 'Messaging access confirmed' });
    expect(api.checkMessagingAccess).not.toHaveBeenCalled();
  });

  it('says when the answer cannot be had, and never shows another request’s as this row’s', async () => {
    const api = fakeBridge(async (input) => success(input, Date.now()), { profiles: [prod, trial] });
    const message =
      'This row’s details are no longer kept (only the last few runs are); check the profile again.';
    api.batchAnswer.mockResolvedValueOnce({ ok: false, kind: 'not-found', message, issues: [] });
    const { user, panel } = await runBoth(api);
    await user.click(within(panel).getByRole('button', { name: `Explain ${prod.name}` }));
    await within(within(panel).getByRole('region', { name: `Result for ${prod.name}` })).findByText(message);

    // The second row's answer comes back for another request: not shown as the second row's.
    const other = success(
      {
        requestId: 'someone-else',
        preset: prod.preset,
        tokenUrl: prod.tokenUrl,
        clientId: prod.clientId,
        secret: { source: 'profile', profileId: prod.id },
        grantType: prod.grantType,
        scope: prod.scope,
        profileId: prod.id,
      },
      Date.now(),
    );
    api.batchAnswer.mockResolvedValueOnce({ ok: true, result: other, access: null });
    await user.click(within(panel).getByRole('button', { name: `Explain ${trial.name}` }));
    const detail = within(panel).getByRole('region', { name: `Result for ${trial.name}` });
    await within(detail).findByText('The details could not be had from the app’s main process.');
    expect(within(detail).queryByRole('heading', { name: 'Token received' })).toBeNull();
  });
});
