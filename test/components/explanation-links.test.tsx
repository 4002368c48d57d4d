// An explanation's links open in the system browser through the main side; when that fails (no
// browser to open them with, or the call itself), the window says so with the address.
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PORTAL_LINK, type Explanation } from '../../app/explanations/types';
import { BridgeProvider } from '../../renderer/bridge';
import { ExplanationView } from '../../renderer/result/ExplanationView';
import { fakeBridge, success } from '../support/fake-bridge';

const explanation: Explanation = {
  title: 'Key not set up for Messaging',
  meaning: 'The account behind the key has no Messaging plan.',
  causes: [],
  nextSteps: [],
  tone: 'error',
  links: [PORTAL_LINK],
};

function renderView() {
  const api = fakeBridge(async (input) => success(input, 0));
  render(
    <BridgeProvider api={api}>
      <ExplanationView explanation={explanation} details={[]} />
    </BridgeProvider>,
  );
  return { api, link: screen.getByRole('button', { name: `${PORTAL_LINK.label} ↗` }) };
}

describe('an explanation’s links', () => {
  it('asks the main side to open the link, and says nothing more when it did', async () => {
    const { api, link } = renderView();
    await userEvent.click(link);
    expect(api.openExternal).toHaveBeenCalledWith({ url: PORTAL_LINK.url });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the main side’s reason when the system did not open it, and clears it on the next press', async () => {
    const { api, link } = renderView();
    const reason = `The system did not open ${PORTAL_LINK.url} in a browser. Copy the address into a browser to open it.`;
    api.openExternal.mockResolvedValueOnce({
      ok: false,
      kind: 'app-error',
      message: reason,
      issues: [],
    } as never);
    await userEvent.click(link);
    expect((await screen.findByRole('alert')).textContent).toBe(reason);
    await userEvent.click(link);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('gives the address when the call itself failed', async () => {
    const { api, link } = renderView();
    api.openExternal.mockRejectedValueOnce(new Error('Error invoking remote method'));
    await userEvent.click(link);
    expect((await screen.findByRole('alert')).textContent).toBe(
      `The link could not be opened. Its address: ${PORTAL_LINK.url}`,
    );
  });
});
