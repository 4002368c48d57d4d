// Saved profiles in the window, against a fake bridge: choosing, saving, deleting, revealing,
// unsaved edits, and what the user is told when the keychain fails.
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { keychainFailure } from '../../app/keychain';
import { LIMITS } from '../../app/limits';
import type { ProfileSummary } from '../../app/profiles';
import { App } from '../../renderer/App';
import { BridgeProvider } from '../../renderer/bridge';
import { fakeBridge, savedProfile, success, type FakeOptions } from '../support/fake-bridge';
import { renderWindow } from '../support/render-app';

const prod = savedProfile();
const trial = savedProfile({
  id: '22222222-3333-4444-8555-666666666666',
  name: 'Free trial',
  clientId: 'trial-id',
  preset: 'v3',
  tokenUrl: 'https://products.api.telstra.com/v2/oauth/token',
  scope: 'messages:read',
});

async function renderApp(options: FakeOptions = { profiles: [prod, trial] }) {
  const { api, user } = renderWindow(options);
  const list = screen.getByRole('listbox', { name: 'Profiles' });
  if ((options.profiles ?? []).length > 0) await within(list).findAllByRole('option');
  return { api, user, list };
}

const option = (list: HTMLElement, name: string) =>
  within(list).getByRole('option', { name: new RegExp(`^${name}`) });

describe('the Profiles list', () => {
  it('lists saved profiles and loads one into the form, its secret shown as stored', async () => {
    const { user, list } = await renderApp();
    expect(within(list).getAllByRole('option')).toHaveLength(2);
    await user.click(option(list, 'Prod app'));
    expect(option(list, 'Prod app')).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('textbox', { name: 'Profile name' })).toHaveValue('Prod app');
    expect(screen.getByRole('textbox', { name: 'Client ID' })).toHaveValue('prod-id');
    const secret = screen.getByLabelText('Client secret');
    expect(secret).toHaveValue('');
    expect(secret).toHaveAttribute('placeholder', 'Stored in keychain');
    expect(screen.queryByText('Unsaved changes')).toBeNull();
  });

  it('moves with the arrow keys and requests a token with Enter, using the stored secret', async () => {
    const { api, user, list } = await renderApp();
    list.focus();
    await user.keyboard('{ArrowDown}');
    expect(option(list, 'Prod app')).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowDown}');
    expect(option(list, 'Free trial')).toHaveAttribute('aria-selected', 'true');
    expect(list).toHaveAttribute('aria-activedescendant', `profile-${trial.id}`);
    await user.keyboard('{Home}');
    expect(option(list, 'Prod app')).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{End}');
    expect(option(list, 'Free trial')).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Enter}');
    expect(api.requestToken).toHaveBeenCalledWith(
      expect.objectContaining({
        clientId: 'trial-id',
        preset: 'v3',
        secret: { source: 'profile', profileId: trial.id },
      }),
    );
    expect(await screen.findByRole('heading', { name: 'Token received' })).toBeInTheDocument();
  });

  it('never receives a stored secret unless “Reveal secret” is pressed', async () => {
    const { api, user, list } = await renderApp();
    await user.click(option(list, 'Prod app'));
    expect(api.revealSecret).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Reveal secret' }));
    expect(api.revealSecret).toHaveBeenCalledWith({ profileId: prod.id });
    expect(await screen.findByDisplayValue('secret-of-Prod app')).toHaveAttribute('type', 'text');
    expect(screen.queryByText('Unsaved changes')).toBeNull();
  });

  it('marks a profile whose secret has gone as "secret missing"', async () => {
    const { user, list } = await renderApp({ profiles: [savedProfile({ secretState: 'missing' })] });
    expect(within(option(list, 'Prod app')).getByText('secret missing')).toBeInTheDocument();
    // Read as words apart, not "Prod appsecret missing".
    expect(option(list, 'Prod app')).toHaveAccessibleName(/^Prod app secret missing /);
    await user.click(option(list, 'Prod app'));
    expect(screen.getByLabelText('Client secret')).toHaveAttribute(
      'placeholder',
      'Secret missing: type it and save',
    );
    expect(screen.queryByRole('button', { name: 'Reveal secret' })).toBeNull();
  });
});

describe('the profile name', () => {
  it('takes no more than the main side keeps (LIMITS.profileName), typed or pasted', async () => {
    const { user } = await renderApp();
    const name = screen.getByRole('textbox', { name: 'Profile name' });
    expect(name).toHaveAttribute('maxLength', String(LIMITS.profileName));
    await user.click(name);
    await user.paste('n'.repeat(LIMITS.profileName + 5));
    expect(name).toHaveValue('n'.repeat(LIMITS.profileName));
  });
});

describe('unsaved edits', () => {
  it('are visible, and switching profiles asks first', async () => {
    const { user, list } = await renderApp();
    await user.click(option(list, 'Prod app'));
    await user.type(screen.getByRole('textbox', { name: 'Client ID' }), '-edited');
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument();
    expect(within(option(list, 'Prod app')).getByText('unsaved changes')).toBeInTheDocument();
    expect(option(list, 'Prod app')).toHaveAccessibleName(/^Prod app unsaved changes /);

    await user.click(option(list, 'Free trial'));
    const dialog = screen.getByRole('alertdialog', { name: 'Discard unsaved changes?' });
    expect(within(dialog).getByRole('button', { name: 'Keep editing' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    expect(screen.getByRole('textbox', { name: 'Client ID' })).toHaveValue('prod-id-edited');

    await user.click(option(list, 'Free trial'));
    await user.click(
      within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Discard changes' }),
    );
    expect(screen.getByRole('textbox', { name: 'Client ID' })).toHaveValue('trial-id');
    expect(screen.queryByText('Unsaved changes')).toBeNull();
  });

  it('Escape in the question keeps the edits', async () => {
    const { user, list } = await renderApp();
    await user.click(option(list, 'Prod app'));
    await user.type(screen.getByRole('textbox', { name: 'Profile name' }), ' 2');
    await user.click(screen.getByRole('button', { name: 'New profile' }));
    expect(screen.getByRole('alertdialog')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Profile name' })).toHaveValue('Prod app 2');
  });
});

describe('saving and deleting', () => {
  it('saves a new profile with its secret to the keychain and lists it', async () => {
    const { api, user, list } = await renderApp({ profiles: [] });
    await user.type(screen.getByRole('textbox', { name: 'Profile name' }), 'Case 4711');
    await user.type(screen.getByRole('textbox', { name: 'Client ID' }), 'customer-id');
    await user.type(screen.getByLabelText('Client secret'), 'customer-secret');
    await user.click(screen.getByRole('button', { name: 'Save to keychain' }));
    expect(api.saveProfile).toHaveBeenCalledWith({
      profileId: null,
      fields: expect.objectContaining({ name: 'Case 4711', clientId: 'customer-id', preset: 'v2' }) as object,
      secret: 'customer-secret',
    });
    expect(await screen.findByText('Saved “Case 4711”; its secret is in the keychain.')).toBeInTheDocument();
    expect(within(list).getByRole('option', { name: /Case 4711/ })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByLabelText('Client secret')).toHaveValue('');
    expect(screen.getByLabelText('Client secret')).toHaveAttribute('placeholder', 'Stored in keychain');
  });

  it('saves with Enter in the profile name, as "Save to keychain" does, and only once', async () => {
    const { api, user } = await renderApp({ profiles: [] });
    await user.type(screen.getByRole('textbox', { name: 'Client ID' }), 'customer-id');
    await user.type(screen.getByLabelText('Client secret'), 'customer-secret');
    await user.type(screen.getByRole('textbox', { name: 'Profile name' }), 'Case 4712{Enter}');
    expect(await screen.findByText('Saved “Case 4712”; its secret is in the keychain.')).toBeInTheDocument();
    expect(api.saveProfile).toHaveBeenCalledTimes(1);
    // Not a token request: Enter in the token request's own fields sends it, not here.
    expect(api.requestToken).not.toHaveBeenCalled();
  });

  it('keeps the stored secret when saving other changes', async () => {
    const { api, user, list } = await renderApp();
    await user.click(option(list, 'Prod app'));
    await user.clear(screen.getByRole('textbox', { name: 'Profile name' }));
    await user.type(screen.getByRole('textbox', { name: 'Profile name' }), 'Prod app (old)');
    await user.click(screen.getByRole('button', { name: 'Save to keychain' }));
    expect(api.saveProfile).toHaveBeenCalledWith(
      expect.objectContaining({ profileId: prod.id, secret: null }),
    );
    expect(await within(list).findByRole('option', { name: /Prod app \(old\)/ })).toBeInTheDocument();
  });

  it('keeps what is typed while a save is under way, as unsaved changes', async () => {
    const { api, user, list } = await renderApp();
    await user.click(option(list, 'Prod app'));
    let finish: () => void = () => undefined;
    const slow = api.saveProfile.getMockImplementation();
    api.saveProfile.mockImplementationOnce(
      (input) => new Promise((resolve) => (finish = () => resolve(slow!(input)))),
    );
    const scope = screen.getByRole('textbox', { name: 'Scope' });
    await user.type(scope, ' extra');
    await user.click(screen.getByRole('button', { name: 'Save to keychain' }));
    // The keychain may take a while (an unlock prompt); the user goes on typing meanwhile.
    await user.type(scope, ' more');
    finish();
    expect(await screen.findByText('Saved “Prod app”.')).toBeInTheDocument();
    expect(scope).toHaveValue(`${prod.scope} extra more`);
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument();
    expect(api.saveProfile).toHaveBeenCalledWith(
      expect.objectContaining({
        fields: expect.objectContaining({ scope: `${prod.scope} extra` }) as object,
      }),
    );
  });

  it('deletes only after confirmation', async () => {
    const { api, user, list } = await renderApp();
    await user.click(option(list, 'Prod app'));
    await user.click(screen.getByRole('button', { name: 'Delete profile' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete “Prod app”?' });
    expect(dialog).toHaveTextContent('its secret in the keychain will be removed');
    await user.click(within(dialog).getByRole('button', { name: 'Keep profile' }));
    expect(api.deleteProfile).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Delete profile' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    expect(api.deleteProfile).toHaveBeenCalledWith({ profileId: prod.id });
    expect(await screen.findByText('Deleted “Prod app” and its secret.')).toBeInTheDocument();
    expect(
      within(list)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).not.toContainEqual(expect.stringContaining('Prod app'));
    expect(screen.getByRole('textbox', { name: 'Client ID' })).toHaveValue('');
  });

  it('shows the keychain’s remedy when saving fails', async () => {
    const { api, user } = await renderApp({ profiles: [] });
    api.saveProfile.mockResolvedValueOnce(keychainFailure('locked') as never);
    await user.type(screen.getByRole('textbox', { name: 'Profile name' }), 'x');
    await user.type(screen.getByLabelText('Client secret'), 'y');
    await user.click(screen.getByRole('button', { name: 'Save to keychain' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Keychain locked. Unlock your keychain');
    expect(screen.getByLabelText('Client secret')).toHaveValue('y');
  });
});

describe('what the user is told', () => {
  it('says the profiles are loading, not that there are none, until the list has come', async () => {
    // With hundreds of profiles, listing them in the keychain takes a second or more.
    let answer: (
      value: Awaited<ReturnType<ReturnType<typeof fakeBridge>['listProfiles']>>,
    ) => void = () => {};
    const api = fakeBridge(async (input) => success(input, Date.now()), { profiles: [prod] });
    const listed = api.listProfiles;
    api.listProfiles.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    render(
      <BridgeProvider api={api}>
        <App />
      </BridgeProvider>,
    );
    expect(await screen.findByText('Loading…')).toBeInTheDocument();
    expect(screen.queryByText(/No saved profiles yet/)).toBeNull();
    answer(await listed.getMockImplementation()!());
    expect(await screen.findByRole('option', { name: /Prod app/ })).toBeInTheDocument();
    expect(screen.queryByText('Loading…')).toBeNull();
  });

  it('explains a missing keychain service, and one-off requests still work', async () => {
    const { api, user } = await renderApp({
      profiles: [],
      list: { keychain: { available: false, problem: 'unavailable' } },
    });
    expect(await screen.findByText('No keychain service.')).toBeInTheDocument();
    expect(
      screen.getByText(/make sure a Secret Service \(GNOME Keyring or KWallet\) runs in a D-Bus session/),
    ).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'Client ID' }), 'id');
    await user.type(screen.getByLabelText('Client secret'), 'secret');
    await user.click(screen.getByRole('button', { name: 'Request token' }));
    expect(api.requestToken).toHaveBeenCalledWith(
      expect.objectContaining({ secret: { source: 'typed', value: 'secret' } }),
    );
  });

  it('shows a notice about a damaged profiles file until dismissed', async () => {
    const notice = 'Your saved profiles could not be loaded because the file is not valid JSON.';
    const { user } = await renderApp({ profiles: [], list: { notices: [notice] } });
    expect(await screen.findByText(notice)).toBeInTheDocument();
    // Not "No saved profiles yet": they may well exist (a new user's finding).
    expect(
      screen.getByText(/No profiles can be shown: the notice at the top of the form says why/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/No saved profiles yet/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(notice)).toBeNull();
    expect(screen.getByText(/No saved profiles yet/)).toBeInTheDocument();
  });

  it('handles hostile profile names as plain text', async () => {
    const hostile: ProfileSummary = savedProfile({ name: '<img src=x onerror=alert(1)>__proto__' });
    const { list } = await renderApp({ profiles: [hostile] });
    expect(option(list, '<img src=x onerror=alert\\(1\\)>__proto__')).toBeInTheDocument();
    expect(document.querySelector('img')).toBeNull();
  });
});

describe('a request in flight while the profile changes', () => {
  it('shows its result under the profile it was made with, never under the new one', async () => {
    let finish: () => void = () => undefined;
    const api = fakeBridge(
      (input) =>
        new Promise((resolve) => {
          finish = () => resolve(success(input, Date.now()));
        }),
      { profiles: [prod, trial] },
    );
    const user = userEvent.setup();
    render(
      <BridgeProvider api={api}>
        <App />
      </BridgeProvider>,
    );
    const list = screen.getByRole('listbox', { name: 'Profiles' });
    await user.click(await within(list).findByRole('option', { name: /^Prod app/ }));
    await user.click(screen.getByRole('button', { name: 'Request token' }));
    await user.click(option(list, 'Free trial'));
    expect(screen.getByRole('textbox', { name: 'Client ID' })).toHaveValue('trial-id');
    finish();
    const result = screen.getByRole('region', { name: 'Result' });
    expect(await within(result).findByRole('heading', { name: 'Token received' })).toBeInTheDocument();
    expect(within(result).getByText('Prod app', { selector: 'strong' })).toBeInTheDocument();
    expect(within(result).queryByText('Free trial')).toBeNull();
    expect(api.requestToken).toHaveBeenCalledWith(
      expect.objectContaining({ clientId: 'prod-id', profileId: prod.id }),
    );
  });
});
