// What the window's lists say while they load and after a change the main side refused: the
// history says it is loading (not "No attempts yet") until it has been listed, and a failed profile
// save says what it left behind (main/profiles/profile-answers.ts, withConsequence) and lists the
// profiles as they are now.
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { keychainFailure } from '../../app/keychain';
import { App } from '../../renderer/App';
import { BridgeProvider } from '../../renderer/bridge';
import { fakeBridge, success, type FakeOptions } from '../support/fake-bridge';
import { renderWindow } from '../support/render-app';

function renderApp(options: FakeOptions = {}) {
  return { ...renderWindow(options), list: screen.getByRole('listbox', { name: 'Profiles' }) };
}

describe('the history', () => {
  it('says it is loading, not that there are no attempts, until it has been listed', async () => {
    let answer!: () => void;
    const listed = new Promise<void>((resolve) => (answer = resolve));
    const api = fakeBridge(async (input) => success(input, Date.now()));
    const list = api.listHistory.getMockImplementation()!;
    api.listHistory.mockImplementationOnce(async () => {
      await listed;
      return list();
    });
    render(
      <BridgeProvider api={api}>
        <App />
      </BridgeProvider>,
    );
    expect(await screen.findByText('Loading the history…')).toBeInTheDocument();
    expect(screen.queryByText(/No attempts yet/)).toBeNull();
    answer();
    expect(await screen.findByText(/^No attempts yet\./)).toBeInTheDocument();
    expect(screen.queryByText('Loading the history…')).toBeNull();
  });

  it('says there are none when it could not be listed, rather than loading for ever', async () => {
    const api = fakeBridge(async (input) => success(input, Date.now()));
    api.listHistory.mockRejectedValueOnce(new Error('no main process'));
    render(
      <BridgeProvider api={api}>
        <App />
      </BridgeProvider>,
    );
    expect(await screen.findByText(/^No attempts yet\./)).toBeInTheDocument();
  });
});

describe('a profile save the main side refused', () => {
  it('after a failed save, says what the answer says it left, and lists the profiles as they are now', async () => {
    const { api, user, list } = renderApp({ profiles: [] });
    // The keychain refused the secret and the profile could not be taken out of the file again:
    // the main side answers with what that left (main/profiles/profile-answers.ts, withConsequence).
    const left =
      'The secret was not saved, and the profile is listed without it: select it in the list, type the secret and save, or delete it.';
    const refused = keychainFailure('denied');
    const save = api.saveProfile.getMockImplementation()!;
    api.saveProfile.mockImplementationOnce(async (input) => {
      await save(input);
      return {
        ...refused,
        advice: { ...refused.advice, remedy: `${left} ${refused.advice.remedy}` },
      } as never;
    });
    await user.type(screen.getByRole('textbox', { name: 'Profile name' }), 'Half saved');
    await user.type(screen.getByLabelText('Client secret'), 'y');
    await user.click(screen.getByRole('button', { name: 'Save to keychain' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(`${refused.advice.title}. ${left}`);
    expect(await within(list).findByRole('option', { name: /^Half saved/ })).toBeInTheDocument();
  });
});
