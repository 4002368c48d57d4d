// Copying with a visible clean-up countdown, preferences, history and automatic renewal, against
// a fake bridge with fake timers.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HistoryEntry } from '../../app/history';
import type { TokenRequestInput } from '../../app/ipc-contract';
import { failure, success } from '../support/fake-bridge';
import { pressRequestToken, renderWindowOnFakeTimers, tick } from '../support/render-app';

const T0 = Date.parse('2026-11-25T09:00:00Z');

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

describe('copying', () => {
  it('copies the token and the Authorization header through the main process, and counts down to the clean-up', async () => {
    const { api, user } = await renderWindowOnFakeTimers(async (input) => success(input, Date.now()));
    await pressRequestToken(user);
    const sent = api.requestToken.mock.calls[0]?.[0] as TokenRequestInput;

    await user.click(screen.getByRole('button', { name: 'Copy Authorization header' }));
    await tick(0);
    expect(api.copyAuthorizationHeader).toHaveBeenCalledWith({ requestId: sent.requestId });
    expect(screen.getByText('Authorization header copied to the clipboard.')).toBeInTheDocument();
    expect(screen.getByText('The clipboard clears in 00:30.')).toBeInTheDocument();
    await tick(10_000);
    expect(screen.getByText('The clipboard clears in 00:20.')).toBeInTheDocument();
    // Typing elsewhere re-renders the window, more often than once a second: the countdown goes on.
    for (let i = 0; i < 6; i += 1) {
      await user.type(screen.getByRole('textbox', { name: 'Client ID' }), 'x');
      await tick(500);
    }
    expect(screen.getByText(/^The clipboard clears in 00:1[6-8]\.$/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Clear now' }));
    await tick(0);
    expect(api.clearClipboard).toHaveBeenCalled();
    expect(screen.getByText('Clipboard cleared.')).toBeInTheDocument();
  });

  it('counts down to the clean-up as the main side’s timer does, with the wall clock set back', async () => {
    const { user } = await renderWindowOnFakeTimers(async (input) => success(input, Date.now()));
    await pressRequestToken(user);
    await user.click(screen.getByRole('button', { name: 'Copy token' }));
    await tick(0);
    expect(screen.getByText('The clipboard clears in 00:30.')).toBeInTheDocument();
    // Set back an hour: the main side's timer clears in 29 s all the same, and the window says so.
    vi.setSystemTime(Date.now() - 3_600_000);
    await tick(1000);
    expect(screen.getByText('The clipboard clears in 00:29.')).toBeInTheDocument();
    // The time up, the window says the copy is gone (not an hour later).
    await tick(29_000);
    expect(screen.queryByText(/The clipboard clears in/)).toBeNull();
    expect(screen.getByText(/^Time is up/)).toBeInTheDocument();
  });

  it('gives the focus on “Clear now” to “Copy token” when it goes, pressed or at the end of its time', async () => {
    const { user } = await renderWindowOnFakeTimers(async (input) => success(input, Date.now()));
    await pressRequestToken(user);
    const copy = screen.getByRole('button', { name: 'Copy token' });
    // Pressed from the keyboard.
    await user.click(copy);
    await tick(0);
    screen.getByRole('button', { name: 'Clear now' }).focus();
    await user.keyboard('{Enter}');
    await tick(0);
    expect(screen.getByText('Clipboard cleared.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Clear now' })).toBeNull();
    expect(copy).toHaveFocus();
    // Its time up while it has focus.
    await user.click(screen.getByRole('button', { name: 'Copy Authorization header' }));
    await tick(0);
    screen.getByRole('button', { name: 'Clear now' }).focus();
    await tick(31_000);
    expect(screen.getByText(/^Time is up/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Clear now' })).toBeNull();
    expect(copy).toHaveFocus();
    // Focus elsewhere stays there.
    await user.click(screen.getByRole('button', { name: 'Copy as curl' }));
    await tick(0);
    const field = screen.getByRole('textbox', { name: 'Client ID' });
    field.focus();
    await tick(31_000);
    expect(field).toHaveFocus();
  });

  it('offers no way to copy the secret', async () => {
    const { user } = await renderWindowOnFakeTimers(async (input) => success(input, Date.now()));
    await pressRequestToken(user);
    const copyButtons = screen.getAllByRole('button').filter((b) => /copy/i.test(b.textContent ?? ''));
    expect(copyButtons.map((b) => b.textContent)).not.toContainEqual(expect.stringMatching(/secret/i));
  });
});

describe('preferences', () => {
  it('change the clipboard delay, the expiry notice and automatic renewal', async () => {
    const { api, user } = await renderWindowOnFakeTimers(async (input) => success(input, Date.now()));
    await user.click(screen.getByText('Preferences'));
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Clear the clipboard after copying' }),
      'never',
    );
    expect(api.updateSettings).toHaveBeenLastCalledWith({ clipboardClearSeconds: null });
    await user.click(screen.getByRole('checkbox', { name: 'Notify me 5 minutes before a token expires' }));
    expect(api.updateSettings).toHaveBeenLastCalledWith({ notifyBeforeExpiry: true });
    expect(
      screen.getByRole('checkbox', { name: 'Renew automatically 60 seconds before expiry' }),
    ).not.toBeChecked();
  });
});

describe('a preference that could not be saved', () => {
  it('is put back, and the reason shown beside it', async () => {
    const { api, user } = await renderWindowOnFakeTimers(async (input) => success(input, Date.now()));
    api.updateSettings.mockResolvedValueOnce({
      ok: false,
      kind: 'app-error',
      message:
        'Your preferences were not saved. The file of your preferences is not written over: see the notice.',
      issues: [],
    } as never);
    await user.click(screen.getByText('Preferences'));
    const notify = screen.getByRole('checkbox', { name: 'Notify me 5 minutes before a token expires' });
    expect(notify).not.toBeChecked();
    await user.click(notify);
    expect(
      await screen.findByText(/^Your preferences were not saved\. The file of your preferences/),
    ).toHaveAttribute('role', 'alert');
    expect(notify).not.toBeChecked();
    // Saved the next time: the reason goes.
    await user.click(notify);
    await waitFor(() => expect(screen.queryByText(/were not saved/)).toBeNull());
    expect(notify).toBeChecked();
    expect(api.updateSettings).toHaveBeenLastCalledWith({ notifyBeforeExpiry: true });
  });
});

describe('automatic renewal', () => {
  it('requests a new token 60 seconds before expiry, with the same request', async () => {
    const { api, user } = await renderWindowOnFakeTimers(
      async (input) => success(input, Date.now(), { expiresAt: Date.now() + 600_000 }),
      {
        settings: { autoRenew: true },
      },
    );
    await pressRequestToken(user);
    expect(api.requestToken).toHaveBeenCalledTimes(1);
    await tick(540_000 - 1);
    expect(api.requestToken).toHaveBeenCalledTimes(1);
    await tick(1);
    expect(api.requestToken).toHaveBeenCalledTimes(2);
    const [first, second] = api.requestToken.mock.calls.map((call) => call[0]);
    expect({ ...second, requestId: '' }).toEqual({ ...first, requestId: '' });
    expect(second?.requestId).not.toBe(first?.requestId);
    expect(await screen.findByText('Renewed automatically.')).toBeInTheDocument();
  });

  it('after a sleep, renews on time by the wall clock, not once the timers have made up the sleep', async () => {
    const { api, user } = await renderWindowOnFakeTimers(async (input) => success(input, Date.now()), {
      settings: { autoRenew: true },
    });
    await pressRequestToken(user);
    await tick(600_000);
    // Asleep half an hour: timers stand still, the wall clock (and the token's life) runs on.
    vi.setSystemTime(Date.now() + 1_800_000);
    // Renewal is due 3539 s after the token came, 1139 s after the wake: within a minute of it.
    await tick(1_139_000 + 60_000);
    expect(api.requestToken).toHaveBeenCalledTimes(2);
  });

  it('stops after a failure, says so, and turns itself off', async () => {
    let calls = 0;
    const { api, user } = await renderWindowOnFakeTimers(
      async (input) => {
        calls += 1;
        return calls === 1
          ? success(input, Date.now(), { expiresAt: Date.now() + 120_000 })
          : failure(input, { outcome: 'http:503', status: 503, statusText: 'Service Unavailable' });
      },
      { settings: { autoRenew: true } },
    );
    await pressRequestToken(user);
    await tick(60_000);
    expect(api.requestToken).toHaveBeenCalledTimes(2);
    expect(
      await screen.findByText(/Automatic renewal stopped: Service unavailable \(503\)/),
    ).toBeInTheDocument();
    expect(api.updateSettings).toHaveBeenCalledWith({ autoRenew: false });
    await tick(600_000);
    expect(api.requestToken).toHaveBeenCalledTimes(2);
  });

  it('does nothing when switched off', async () => {
    const { api, user } = await renderWindowOnFakeTimers(async (input) =>
      success(input, Date.now(), { expiresAt: Date.now() + 120_000 }),
    );
    await pressRequestToken(user);
    await tick(600_000);
    expect(api.requestToken).toHaveBeenCalledTimes(1);
  });
});

describe('the History list', () => {
  const entry = (id: string, fields: Partial<HistoryEntry>): HistoryEntry => ({
    id,
    at: T0 - 60_000,
    profileName: 'Prod app',
    host: 'tapi.telstra.com',
    preset: 'v2',
    outcome: 'oauth:invalid_client',
    ok: false,
    status: 401,
    error: 'invalid_client',
    durationMs: 180,
    ...fields,
  });

  it('lists attempts, shows an entry’s explanation again, and clears', async () => {
    const { api, user } = await renderWindowOnFakeTimers(async (input) => success(input, Date.now()), {
      history: [
        entry('b', {}),
        entry('a', { outcome: 'token-received', ok: true, status: 200, error: null }),
      ],
    });
    const list = screen.getByRole('listbox', { name: 'History' });
    const options = within(list).getAllByRole('option');
    expect(options).toHaveLength(2);
    expect(options[0]).toHaveTextContent('HTTP 401 · Client authentication failed');
    // The profile's name and the server's error each in a run of its own, with their " · " from
    // styles.css (e2e directions.spec).
    expect(options[0]).toHaveTextContent('Prod apptapi.telstra.cominvalid_client · 180 ms');
    expect(within(options[0]!).getByText('Prod app').tagName).toBe('SPAN');
    expect(within(options[0]!).getByText('invalid_client').tagName).toBe('SPAN');
    await user.click(options[0]!);
    const detail = screen.getByRole('group', { name: 'Selected attempt' });
    expect(await within(detail).findByText(/White space or a line break was copied/)).toBeInTheDocument();
    expect(api.explainOutcome).toHaveBeenCalledWith({ outcome: 'oauth:invalid_client' });

    // Asked first, as every other removal is; "Keep them" keeps them.
    const clear = screen.getByRole('button', { name: 'Clear history' });
    await user.click(clear);
    const question = screen.getByRole('alertdialog', { name: 'Clear the history?' });
    await user.click(within(question).getByRole('button', { name: 'Keep them' }));
    expect(api.clearHistory).not.toHaveBeenCalled();
    expect(clear).toHaveFocus();
    await user.click(clear);
    await user.click(
      within(screen.getByRole('alertdialog', { name: 'Clear the history?' })).getByRole('button', {
        name: 'Clear history',
      }),
    );
    await tick(0);
    expect(api.clearHistory).toHaveBeenCalled();
    expect(within(list).queryAllByRole('option')).toHaveLength(0);
    // Focus stays on the button (now unavailable, with nothing to clear), not the page.
    expect(clear).toHaveFocus();
    expect(clear).toHaveAttribute('aria-disabled', 'true');
  });

  it('moves with the arrow keys, Home and End, as the Profiles list does', async () => {
    const { user } = await renderWindowOnFakeTimers(async (input) => success(input, Date.now()), {
      history: [entry('c', {}), entry('b', {}), entry('a', {})],
    });
    const list = screen.getByRole('listbox', { name: 'History' });
    const selected = () => list.getAttribute('aria-activedescendant');
    list.focus();
    await user.keyboard('{ArrowDown}');
    expect(selected()).toBe('history-c');
    await user.keyboard('{End}');
    expect(selected()).toBe('history-a');
    await user.keyboard('{ArrowDown}');
    expect(selected()).toBe('history-a');
    await user.keyboard('{ArrowUp}');
    expect(selected()).toBe('history-b');
    await user.keyboard('{Home}');
    expect(selected()).toBe('history-c');
    expect(within(list).getAllByRole('option')[0]).toHaveAttribute('aria-selected', 'true');
  });

  it('reloads after every attempt', async () => {
    const { api, user } = await renderWindowOnFakeTimers(async (input) => success(input, Date.now()));
    const before = api.listHistory.mock.calls.length;
    await pressRequestToken(user);
    expect(api.listHistory.mock.calls.length).toBeGreaterThan(before);
  });
});

describe('checks before sending', () => {
  it('show a finding next to the field as the user types, with a one-click fix that is only offered when certain', async () => {
    const { api, user } = await renderWindowOnFakeTimers(async (input) => success(input, Date.now()));
    await user.type(screen.getByLabelText('Client secret'), 'abc123secret ');
    await tick(0);
    const secretField = screen.getByLabelText('Client secret').closest('.field') as HTMLElement;
    const checks = within(secretField).getByRole('list', { name: 'Checks' });
    expect(checks).toHaveTextContent(/white space/i);
    await user.click(within(checks).getByRole('button', { name: /white space/i }));
    await tick(0);
    expect(screen.getByLabelText('Client secret')).toHaveValue('abc123secret');
    expect(within(secretField).queryByRole('list', { name: 'Checks' })).toBeNull();
    expect(api.checkForm).toHaveBeenLastCalledWith(expect.objectContaining({ clientSecret: 'abc123secret' }));
  });

  it('never block sending', async () => {
    const { api, user } = await renderWindowOnFakeTimers(async (input) => success(input, Date.now()));
    await user.type(screen.getByRole('textbox', { name: 'Client ID' }), '$CLIENT_KEY');
    await tick(0);
    expect(screen.getByText(/placeholder/i)).toBeInTheDocument();
    await user.type(screen.getByLabelText('Client secret'), 's');
    await user.click(screen.getByRole('button', { name: 'Request token' }));
    expect(api.requestToken).toHaveBeenCalled();
  });
});

describe('the invalid_client assistant', () => {
  it('lists what was found in what was sent first, then the known causes, and probes HTTP Basic on request', async () => {
    const { api, user } = await renderWindowOnFakeTimers(async (input) =>
      failure(input, {
        outcome: 'oauth:invalid_client',
        error: 'invalid_client',
        findings: [
          {
            id: 'edge-whitespace',
            field: 'clientSecret',
            severity: 'warning',
            message: 'The client secret ends with a space.',
            fix: null,
          },
        ],
      }),
    );
    await pressRequestToken(user);
    const checklist = screen.getByRole('region', { name: 'invalid_client checklist' });
    const items = within(checklist).getAllByRole('checkbox');
    expect(items[0]?.closest('label')).toHaveTextContent(
      'Found in what was sent — The client secret ends with a space.',
    );
    expect(items[1]?.closest('label')).toHaveTextContent(/White space or a line break/);
    expect(items.length).toBeGreaterThan(5);
    await user.click(items[0]!);
    expect(items[0]).toBeChecked();

    expect(api.probeBasicAuth).not.toHaveBeenCalled();
    await user.click(within(checklist).getByRole('button', { name: 'Try HTTP Basic authentication' }));
    await tick(0);
    expect(api.probeBasicAuth).toHaveBeenCalledTimes(1);
    expect(within(checklist).getByText('rejected (HTTP 401, invalid_client)')).toBeInTheDocument();
    expect(within(checklist).getByText(/accepted \(HTTP 200, token received\)/)).toBeInTheDocument();
    expect(
      within(checklist).getByText(/accepts HTTP Basic but not credentials in the form body/),
    ).toBeInTheDocument();
  });

  it('does not appear for a 401 whose body was still arriving when the deadline or Cancel stopped it', async () => {
    for (const kind of ['timeout', 'cancelled'] as const) {
      const { user } = await renderWindowOnFakeTimers(async (input) =>
        failure(input, { outcome: kind, kind, status: 401 }),
      );
      await pressRequestToken(user);
      expect(screen.getByText('HTTP 401 Unauthorized')).toBeInTheDocument();
      expect(screen.queryByRole('region', { name: 'invalid_client checklist' })).toBeNull();
      cleanup();
    }
  });

  it('does not appear for other failures', async () => {
    const { user } = await renderWindowOnFakeTimers(async (input) =>
      failure(input, { outcome: 'http:503', status: 503 }),
    );
    await pressRequestToken(user);
    expect(screen.queryByRole('region', { name: 'invalid_client checklist' })).toBeNull();
  });
});

describe('taking a failure to support', () => {
  it('copies a curl command and a report, and saves the report, all by request id', async () => {
    const { api, user } = await renderWindowOnFakeTimers(async (input) =>
      failure(input, { outcome: 'http:503', status: 503 }),
    );
    await pressRequestToken(user);
    const sent = api.requestToken.mock.calls[0]?.[0] as TokenRequestInput;
    await user.click(screen.getByRole('button', { name: 'Copy as curl' }));
    await tick(0);
    expect(api.copyCurl).toHaveBeenCalledWith({ requestId: sent.requestId });
    expect(screen.getByText(/Set TELSTRA_CLIENT_SECRET in your shell/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Copy diagnostic report' }));
    await tick(0);
    expect(api.copyReport).toHaveBeenCalledWith({ requestId: sent.requestId });
    await user.click(screen.getByRole('button', { name: 'Save report…' }));
    await tick(0);
    expect(screen.getByText('Report saved to /home/user/Documents/report.md.')).toBeInTheDocument();
  });
});
