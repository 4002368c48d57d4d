// The renderer against a fake bridge: what a user sees and can do, including the countdown
// under fake timers.
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRESETS, V2_RETIRED_NOTE } from '../../app/endpoints';
import { BROWSER_HOST, HOST_NOTICE_META } from '../../app/host';
import type { TokenRequestInput } from '../../app/ipc-contract';
import { validateRequest } from '../../app/ipc-schemas';
import { App } from '../../renderer/App';
import { BridgeProvider } from '../../renderer/bridge';
import { OPENING_INPUT } from '../../renderer/hooks/usePreflight';
import { PROGRESS_DELAY_MS } from '../../renderer/result/ResultPanel';
import { PENDING_SHOWN_AFTER_MS } from '../../renderer/hooks/useTokenRequest';
import { failure, fakeBridge, sandboxInfo, success, type Responder } from '../support/fake-bridge';

const T0 = Date.parse('2026-11-25T09:00:00Z');

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: false });
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

/** Moves the fake clock and lets React commit what the timers did. */
async function tick(ms: number) {
  await act(() => vi.advanceTimersByTimeAsync(ms));
}

/** The window on a fake bridge; `adjust` changes the bridge's answers before the window opens. */
function renderApp(respond: Responder, adjust?: (api: ReturnType<typeof fakeBridge>) => void) {
  const api = fakeBridge(respond);
  adjust?.(api);
  const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
  render(
    <BridgeProvider api={api}>
      <App />
    </BridgeProvider>,
  );
  return { api, user };
}

async function fillAndSend(user: ReturnType<typeof userEvent.setup>, id = 'my-client', secret = 'my-secret') {
  await user.type(screen.getByRole('textbox', { name: 'Client ID' }), id);
  await user.type(screen.getByLabelText('Client secret'), secret);
  await user.click(screen.getByRole('button', { name: 'Request token' }));
  // Let the fake bridge's answer arrive (a resolved promise) without moving the clock.
  await tick(0);
}

describe('the request form', () => {
  it('offers the fields by their exact names, with the v2 preset by default', () => {
    renderApp(async () => Promise.reject(new Error('not called')));
    expect(screen.getByRole('combobox', { name: 'Endpoint' })).toHaveValue('v2');
    expect(screen.getByRole('textbox', { name: 'Token URL' })).toHaveValue(
      'https://tapi.telstra.com/v2/oauth/token',
    );
    expect(screen.getByRole('textbox', { name: 'Client ID' })).toHaveValue('');
    expect(screen.getByLabelText('Client secret')).toHaveAttribute('type', 'password');
    expect(screen.getByRole('textbox', { name: 'Grant type' })).toHaveValue('client_credentials');
    expect(screen.getByRole('textbox', { name: 'Scope' })).toHaveValue('NSMS');
    expect(screen.getByRole('button', { name: 'Request token' })).toBeEnabled();
  });

  it('shows the opening form’s checks from its first render, before the main side answers', () => {
    const { api } = renderApp(
      async () => Promise.reject(new Error('not called')),
      (fake) => fake.checkForm.mockImplementation(() => new Promise(() => undefined)),
    );
    // The window asked about exactly the form it opened with, and shows that form's answer already.
    expect(api.checkForm).toHaveBeenCalledWith(OPENING_INPUT);
    expect(screen.getByText(V2_RETIRED_NOTE)).toBeVisible();
    // Said once: the Endpoint's own line about v2 gives way to the note under Token URL.
    expect(screen.queryByText(PRESETS.v2.note, { exact: true })).toBeNull();
  });

  it('draws browser mode’s notice from the line the page carries, before the host answers', () => {
    const meta = document.createElement('meta');
    meta.name = HOST_NOTICE_META;
    meta.content = BROWSER_HOST.differences[0] ?? '';
    document.head.append(meta);
    try {
      renderApp(
        async () => Promise.reject(new Error('not called')),
        (fake) => fake.getHostInfo.mockImplementation(() => new Promise(() => undefined)),
      );
      const notice = screen.getByRole('complementary', { name: 'Browser mode' });
      expect(within(notice).getByText(BROWSER_HOST.differences[0] ?? '')).toBeVisible();
      // The rest comes with the answer; nothing of it (not even an empty list) before.
      expect(notice.querySelector('ul')).toBeNull();
    } finally {
      meta.remove();
    }
  });

  it('shows and hides the secret on request', async () => {
    const { user } = renderApp(async () => Promise.reject(new Error('not called')));
    await user.type(screen.getByLabelText('Client secret'), 'abc');
    await user.click(screen.getByRole('button', { name: 'Show secret' }));
    expect(screen.getByLabelText('Client secret')).toHaveAttribute('type', 'text');
    await user.click(screen.getByRole('button', { name: 'Hide secret' }));
    expect(screen.getByLabelText('Client secret')).toHaveAttribute('type', 'password');
  });

  it('ties each field to its checks (its description), which are not read out at each keystroke', async () => {
    const { user } = renderApp(async () => Promise.reject(new Error('not called')));
    const secret = screen.getByLabelText('Client secret');
    expect(secret).not.toHaveAttribute('aria-describedby');
    await user.click(secret);
    await user.paste('\u200bsandbox-client-secret\u00a0');
    await tick(0);
    expect(secret).toHaveAccessibleDescription(/ends with white space.*contains invisible characters/);
    // A field with a hint keeps it, with its checks after it.
    const scope = screen.getByRole('textbox', { name: 'Scope' });
    expect(scope).toHaveAccessibleDescription('Space-separated; may be empty for v2.');
    await user.type(scope, ' ');
    await tick(0);
    expect(scope).toHaveAccessibleDescription(
      /^Space-separated; may be empty for v2\. The scope ends with white space.*Remove the white space/,
    );
    // Said when the field is reached, not as they change: no check is a live region.
    for (const checks of screen.getAllByRole('list', { name: 'Checks' })) {
      expect(checks.closest('[role="status"], [role="alert"], [aria-live]')).toBeNull();
    }
    // Fixed, the checks go, and so does the reference to them.
    await user.click(screen.getByRole('button', { name: 'Remove the white space at the start and end' }));
    await tick(0);
    expect(scope).toHaveAccessibleDescription('Space-separated; may be empty for v2.');
  });

  it('switches URL and scope with the preset', async () => {
    const { user } = renderApp(async () => Promise.reject(new Error('not called')));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Endpoint' }), 'v3');
    expect(screen.getByRole('textbox', { name: 'Token URL' })).toHaveValue(
      'https://products.api.telstra.com/v2/oauth/token',
    );
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Scope' }).value).toContain(
      'messages:write',
    );
  });

  it('sends the values exactly as typed, white space included', async () => {
    const { api, user } = renderApp(async (input) => success(input, Date.now()));
    await fillAndSend(user, ' id ', 'secret ');
    expect(api.requestToken).toHaveBeenCalledWith(
      expect.objectContaining({
        clientId: ' id ',
        secret: { source: 'typed', value: 'secret ' },
        preset: 'v2',
        grantType: 'client_credentials',
        scope: 'NSMS',
      }),
    );
  });
});

describe('a received token', () => {
  it('shows status, duration, the masked token and a live countdown', async () => {
    const { api, user } = renderApp(async (input) => success(input, Date.now()));
    await fillAndSend(user);
    const result = screen.getByRole('region', { name: 'Result' });
    expect(within(result).getByRole('heading', { name: 'Token received' })).toBeInTheDocument();
    expect(within(result).getByText('HTTP 200 OK')).toBeInTheDocument();
    expect(within(result).getByText('142 ms')).toBeInTheDocument();
    expect(within(result).queryByText('eyJ0b2tlbiI6InNhbmRib3gifQ')).toBeNull();

    const timer = screen.getByRole('timer');
    expect(timer).toHaveTextContent('59:59');
    await tick(1000);
    expect(timer).toHaveTextContent('59:58');
    await tick(58_000);
    expect(timer).toHaveTextContent('59:00');

    // Told to a screen reader in one sentence; the result itself is not a live region, so neither
    // its buttons nor a token shown are read out.
    const said = result.querySelector('.sr-only[role="status"]');
    expect(said).toHaveTextContent('Token received (HTTP 200), expires in 60 minutes.');
    expect(result).not.toHaveAttribute('aria-live');
    expect(result.querySelectorAll('[aria-live]:not([aria-live="off"])')).toHaveLength(0);

    await user.click(within(result).getByRole('button', { name: 'Show token' }));
    expect(within(result).getByText('eyJ0b2tlbiI6InNhbmRib3gifQ')).toBeInTheDocument();
    expect(said).not.toHaveTextContent('eyJ0b2tlbiI6InNhbmRib3gifQ');

    await user.click(within(result).getByRole('button', { name: 'Copy token' }));
    const sent = api.requestToken.mock.calls[0]?.[0] as TokenRequestInput;
    expect(api.copyToken).toHaveBeenCalledWith({ requestId: sent.requestId });
    expect(await within(result).findByText('Token copied to the clipboard.')).toBeInTheDocument();
  });

  it('uses h:mm:ss from an hour up, warns in the last five minutes and says Expired at the end', async () => {
    const { user } = renderApp(async (input) =>
      success(input, Date.now(), { expiresInSeconds: 3700, expiresAt: Date.now() + 3_700_000 }),
    );
    await fillAndSend(user);
    const timer = screen.getByRole('timer');
    // The seconds are not read out; the two moments that matter are, politely, once each.
    expect(timer).toHaveAttribute('aria-live', 'off');
    const said = within(timer.parentElement!).getByRole('status');
    expect(timer).toHaveTextContent('1:01:40');
    expect(said).toHaveTextContent('');
    await tick((3700 - 301) * 1000);
    expect(timer).toHaveTextContent('05:01');
    expect(screen.queryByText('Expires in under five minutes')).toBeNull();
    expect(said).toHaveTextContent('');
    await tick(1000);
    expect(timer).toHaveTextContent('05:00');
    expect(screen.getByText('Expires in under five minutes')).toBeInTheDocument();
    expect(said).toHaveTextContent(/^Expires in under five minutes$/);
    // The same region, its words unchanged while the seconds run: not read out again.
    const words = said.firstChild;
    await tick(60_000);
    expect(within(timer.parentElement!).getByRole('status')).toBe(said);
    expect(said.firstChild).toBe(words);
    await tick(240_000);
    expect(timer).toHaveTextContent('Expired');
    expect(said).toHaveTextContent(/^Expired$/);
    expect(within(timer.parentElement!).getByRole('status')).toBe(said);
  });

  it('is right straight after the computer sleeps (the clock jumps, the timer fires late)', async () => {
    const { user } = renderApp(async (input) => success(input, Date.now()));
    await fillAndSend(user);
    const timer = screen.getByRole('timer');
    // Sleep: the wall clock moves 20 minutes while no timer runs.
    vi.setSystemTime(Date.now() + 20 * 60_000);
    await tick(1000);
    expect(timer).toHaveTextContent('39:58');
  });

  it('puts no time back on the token when the wall clock is set back while it counts down', async () => {
    const { user } = renderApp(async (input) => success(input, Date.now()));
    await fillAndSend(user);
    const timer = screen.getByRole('timer');
    // Set back an hour (a clock corrected): the token did not gain an hour, and performance.now()
    // ran on. Matched whole: '1:59:58' holds '59:58'.
    vi.setSystemTime(Date.now() - 60 * 60_000);
    await tick(1000);
    expect(timer).toHaveTextContent(/^59:58$/);
    await tick(60_000);
    expect(timer).toHaveTextContent(/^58:58$/);
    // Made visible again (its own tick): still no hour more.
    await act(async () => void document.dispatchEvent(new Event('visibilitychange')));
    expect(timer).toHaveTextContent(/^58:58$/);
  });

  it('says a token of expires_in 0 is expired, and one of 20 s expires in under a minute, never "in 0 minutes"', async () => {
    let seconds = 0;
    const { user } = renderApp(async (input) =>
      success(input, Date.now(), { expiresInSeconds: seconds, expiresAt: Date.now() + seconds * 1000 }),
    );
    await fillAndSend(user);
    const result = screen.getByRole('region', { name: 'Result' });
    const said = result.querySelector('.sr-only[role="status"]');
    expect(screen.getByRole('timer')).toHaveTextContent(/^Expired$/);
    expect(said).toHaveTextContent('Token received (HTTP 200), already expired.');
    seconds = 20;
    await user.click(screen.getByRole('button', { name: 'Request token' }));
    await tick(0);
    expect(screen.getByRole('timer')).toHaveTextContent(/^00:20$/);
    expect(said).toHaveTextContent('Token received (HTTP 200), expires in under a minute.');
  });

  it('says when the expiry is unknown', async () => {
    const { user } = renderApp(async (input) =>
      success(input, Date.now(), { expiresInSeconds: null, expiresAt: null }),
    );
    await fillAndSend(user);
    expect(screen.queryByRole('timer')).toBeNull();
    expect(screen.getByText('Expiry unknown')).toBeInTheDocument();
  });
});

describe('a failure', () => {
  it('explains invalid_client in plain words with the code, the description and the raw answer as text', async () => {
    const html = '<b>bold</b><script>alert(1)</script>';
    const { user } = renderApp(async (input) =>
      failure(input, {
        outcome: 'oauth:invalid_client',
        error: 'invalid_client',
        errorDescription: 'Client authentication failed',
        bodyExcerpt: html,
        headers: [['content-type', 'text/html']],
      }),
    );
    await fillAndSend(user);
    const result = screen.getByRole('region', { name: 'Result' });
    expect(within(result).getByRole('heading', { name: 'Client authentication failed' })).toBeInTheDocument();
    expect(within(result).getByText('HTTP 401 Unauthorized')).toBeInTheDocument();
    expect(within(result).getByText('invalid_client')).toBeInTheDocument();
    expect(within(result).getByText('Client authentication failed', { selector: 'dd' })).toBeInTheDocument();
    expect(within(result).getByText(/White space or a line break was copied/)).toBeInTheDocument();
    expect(within(result).getByText('What to try')).toBeInTheDocument();
    expect(result.querySelector('.sr-only[role="status"]')).toHaveTextContent(
      'Client authentication failed (HTTP 401).',
    );

    await user.click(within(result).getByText('Raw response'));
    const raw = within(result).getByText(/HTTP 401 Unauthorized/, { selector: 'pre' });
    expect(raw.textContent).toBe(`HTTP 401 Unauthorized\ncontent-type: text/html\n\n${html}`);
    expect(result.querySelector('b, script')).toBeNull();
  });

  it('says the status once in the sentence read out, when the title has it already', async () => {
    const { user } = renderApp(async (input) =>
      failure(input, { outcome: 'http:503', status: 503, statusText: 'Service Unavailable' }),
    );
    await fillAndSend(user);
    const result = screen.getByRole('region', { name: 'Result' });
    expect(within(result).getByRole('heading', { name: 'Service unavailable (503)' })).toBeInTheDocument();
    expect(result.querySelector('.sr-only[role="status"]')).toHaveTextContent(
      /^Service unavailable \(HTTP 503\)\.$/,
    );
  });

  it('shows an unknown code verbatim and marks it non-standard', async () => {
    const { user } = renderApp(async (input) =>
      failure(input, {
        outcome: 'http:401',
        error: 'steps.oauth.v2.FailedToResolveClientId',
        nonStandardError: true,
      }),
    );
    await fillAndSend(user);
    expect(screen.getByText('steps.oauth.v2.FailedToResolveClientId')).toBeInTheDocument();
    expect(screen.getByText('non-standard')).toBeInTheDocument();
  });

  it('names the failure when there is no HTTP status, with the network code', async () => {
    const { user } = renderApp(async (input) =>
      failure(input, {
        kind: 'network',
        outcome: 'network:refused',
        status: null,
        statusText: null,
        networkCode: 'ECONNREFUSED',
      }),
    );
    await fillAndSend(user);
    expect(screen.getByRole('heading', { name: 'Connection refused' })).toBeInTheDocument();
    expect(screen.getByText('No HTTP status')).toBeInTheDocument();
    expect(screen.getByText('ECONNREFUSED')).toBeInTheDocument();
  });

  it('shows Retry-After in words for 429', async () => {
    const { user } = renderApp(async (input) =>
      failure(input, {
        outcome: 'http:429',
        status: 429,
        statusText: 'Too Many Requests',
        retryAfterSeconds: 30,
      }),
    );
    await fillAndSend(user);
    expect(screen.getByText(/wait 30 seconds before trying again/)).toBeInTheDocument();
  });

  it('explains a refused call by field name', async () => {
    // The refusal the main side really gives for an empty typed secret: its field is the
    // request's `secret.value`, not a name of the form's.
    const checked = validateRequest('requestToken', {
      requestId: 'r-1',
      preset: 'v3',
      tokenUrl: PRESETS.v3.tokenUrl ?? '',
      clientId: 'my-client',
      secret: { source: 'typed', value: '' },
      grantType: 'client_credentials',
      scope: '',
    });
    if (checked.ok) throw new Error('an empty secret was accepted');
    const { user } = renderApp(async () => ({
      ok: false,
      kind: 'invalid-input',
      message: 'The request was not valid.',
      issues: checked.issues,
    }));
    await user.click(screen.getByRole('button', { name: 'Request token' }));
    expect(await screen.findByRole('heading', { name: 'Request not sent' })).toBeInTheDocument();
    const detail = screen.getByText('Client secret: Client secret must not be empty.');
    // What to do comes after the field it names, and says so.
    const step = screen.getByText(/^Correct the field named/);
    expect(step).toHaveTextContent('Correct the field named above and try again.');
    expect(detail.compareDocumentPosition(step) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('shows the same refusal afresh for a second press, so the press is seen to be answered', async () => {
    const { api, user } = renderApp(async () => ({
      ok: false,
      kind: 'invalid-input',
      message: 'The request was not valid.',
      issues: [{ field: 'clientSecret', message: 'Client secret must not be empty.' }],
    }));
    await user.click(screen.getByRole('button', { name: 'Request token' }));
    const first = await screen.findByRole('heading', { name: 'Request not sent' });
    await user.click(screen.getByRole('button', { name: 'Request token' }));
    await tick(0);
    expect(api.requestToken).toHaveBeenCalledTimes(2);
    // New nodes in the live region (not the same ones left in place), which a screen reader reads.
    expect(screen.getByRole('heading', { name: 'Request not sent' })).not.toBe(first);
    expect(first.isConnected).toBe(false);
  });
});

describe('while a request runs', () => {
  function pendingApp() {
    let finish: (value: Awaited<ReturnType<Responder>>) => void = () => undefined;
    const rendered = renderApp(
      (input) => new Promise((resolve) => (finish = (v) => resolve(v ?? failure(input, {})))),
    );
    return {
      ...rendered,
      finish: (make: (input: TokenRequestInput) => Awaited<ReturnType<Responder>>) =>
        finish(make(rendered.api.requestToken.mock.calls[0]![0])),
    };
  }

  it('shows progress, disables Request token and offers Cancel', async () => {
    const { api, user } = pendingApp();
    await fillAndSend(user);
    // Sent at once, but nothing on screen changes while a quick answer may still come.
    expect(api.requestToken).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Request token' })).toBeEnabled();
    expect(screen.queryByText('Requesting a token…')).toBeNull();
    await tick(PENDING_SHOWN_AFTER_MS);
    expect(screen.getByRole('button', { name: 'Request token' })).toBeDisabled();
    // A quick answer never flashes a progress display; a slower one gets it after a moment.
    expect(screen.getByText('Requesting a token…')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).toBeNull();
    await tick(PROGRESS_DELAY_MS - PENDING_SHOWN_AFTER_MS);
    expect(screen.getByRole('progressbar', { name: 'Request in progress' })).toBeInTheDocument();
    await tick(1500 - PROGRESS_DELAY_MS);
    expect(screen.getByText(/1\.[5-6] s/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    const sent = api.requestToken.mock.calls[0]?.[0] as TokenRequestInput;
    expect(api.cancelRequest).toHaveBeenCalledWith({ requestId: sent.requestId });
  });

  it('starts one request however often it is asked', async () => {
    const { api, user, finish } = pendingApp();
    await fillAndSend(user);
    await user.keyboard('{Control>}{Enter}{/Control}');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(api.requestToken).toHaveBeenCalledTimes(1);
    await act(async () =>
      finish((input) => failure(input, { kind: 'cancelled', outcome: 'cancelled', status: null })),
    );
    expect(screen.getByRole('heading', { name: 'Cancelled' })).toBeInTheDocument();
  });

  it('sends on a press of the button without the browser’s form submission (slower in Chromium)', async () => {
    const { api, user } = pendingApp();
    const submitted = vi.fn();
    screen.getByRole('form', { name: 'Token request' }).addEventListener('submit', submitted);
    await fillAndSend(user);
    expect(api.requestToken).toHaveBeenCalledTimes(1);
    expect(submitted).not.toHaveBeenCalled();
  });

  it('says a page cut off from the app is not connected, not that the app is at fault (a new user’s finding)', async () => {
    const stopped = 'Browser mode has stopped. Start it again and open the new address it prints.';
    const { user } = renderApp(async () => ({
      ok: false,
      kind: 'untrusted-sender',
      message: stopped,
      issues: [],
    }));
    await fillAndSend(user);
    expect(await screen.findByRole('heading', { name: 'Not connected to the app' })).toBeInTheDocument();
    expect(screen.getByText(stopped)).toBeInTheDocument();
    expect(screen.queryByText(/fault in the app/)).toBeNull();
  });

  it('sends once on Enter in a field', async () => {
    const { api, user } = pendingApp();
    await user.type(screen.getByRole('textbox', { name: 'Client ID' }), 'x{Enter}');
    expect(api.requestToken).toHaveBeenCalledTimes(1);
  });

  it('cancels with Escape and submits with Ctrl+Enter', async () => {
    const { api, user } = pendingApp();
    await user.type(screen.getByRole('textbox', { name: 'Client ID' }), 'x');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(api.requestToken).toHaveBeenCalledTimes(1);
    await user.keyboard('{Escape}');
    expect(api.cancelRequest).toHaveBeenCalledTimes(1);
  });
});

describe('the sandbox preset', () => {
  it('starts the sandbox, shows its credentials and fills them on request', async () => {
    const { api, user } = renderApp(async (input) => success(input, Date.now()));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Endpoint' }), 'sandbox');
    const panel = await screen.findByRole('region', { name: 'Sandbox credentials' });
    expect(await within(panel).findByText('sandbox-client-id')).toBeInTheDocument();
    expect(api.getSandboxInfo).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('textbox', { name: 'Token URL' })).toHaveValue(sandboxInfo.tokenUrl);
    await user.click(within(panel).getByRole('button', { name: 'Use sandbox credentials' }));
    expect(screen.getByRole('textbox', { name: 'Client ID' })).toHaveValue('sandbox-client-id');
    expect(screen.getByLabelText('Client secret')).toHaveValue('sandbox-client-secret');
    await user.click(screen.getByRole('button', { name: 'Request token' }));
    expect(api.requestToken).toHaveBeenCalledWith(
      expect.objectContaining({ preset: 'sandbox', clientId: 'sandbox-client-id' }),
    );
  });

  it('says what it filled in, where the press is (the fields may be out of view) and to a screen reader', async () => {
    const { user } = renderApp(async (input) => success(input, Date.now()));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Endpoint' }), 'sandbox');
    const panel = await screen.findByRole('region', { name: 'Sandbox credentials' });
    await user.click(await within(panel).findByRole('button', { name: 'Use sandbox credentials' }));
    expect(within(panel).getByRole('status')).toHaveTextContent(
      'Filled in client ID sandbox-client-id and the sandbox’s secret.',
    );
    await user.click(within(panel).getByRole('button', { name: 'sandbox-503' }));
    expect(screen.getByRole('textbox', { name: 'Client ID' })).toHaveValue('sandbox-503');
    expect(within(panel).getByRole('status')).toHaveTextContent(
      'Filled in client ID sandbox-503 and the sandbox’s secret.',
    );
  });
});
