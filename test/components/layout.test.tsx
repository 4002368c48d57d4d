// What the layout of issue 19 asks of the components (the boxes themselves are measured end to
// end, test/e2e/layout.spec.ts): the profiles fold behind a named toggle, the result is brought
// into view without taking the focus, and the v2 note is said once.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { PRESETS } from '../../app/endpoints';
import { savedProfile } from '../support/fake-bridge';
import { renderWindow } from '../support/render-app';

const renderApp = renderWindow;

describe('the saved profiles', () => {
  it('fold behind a toggle that says how many there are and whether the list is open', async () => {
    const { user } = renderApp({ profiles: [savedProfile()] });
    const toggle = await screen.findByRole('button', { name: '1 saved' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    const section = screen.getByRole('region', { name: 'Saved profiles' });
    expect(section).toContainElement(toggle);
    expect(within(section).getByRole('listbox', { name: 'Profiles' })).toBeInTheDocument();
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
  });

  it('have no toggle while there are none, and their editor comes after the form', async () => {
    renderApp();
    await screen.findByText(/No saved profiles yet/);
    expect(screen.queryByRole('button', { name: /saved$/ })).toBeNull();
    const requestToken = screen.getByRole('button', { name: 'Request token' });
    const profileName = screen.getByRole('textbox', { name: 'Profile name' });
    expect(requestToken.compareDocumentPosition(profileName) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});

describe('the result', () => {
  it('is scrolled into view when it arrives, and the caret stays in the field being typed in', async () => {
    // jsdom has no layout, so no scrollIntoView: record the calls instead.
    const scrolled = vi.fn<(this: HTMLElement, options?: ScrollIntoViewOptions) => void>();
    Object.defineProperty(HTMLElement.prototype, 'scrollIntoView', { value: scrolled, configurable: true });
    onTestFinished(() => {
      delete (HTMLElement.prototype as Partial<HTMLElement>).scrollIntoView;
    });
    const { user } = renderApp();
    const clientId = screen.getByRole('textbox', { name: 'Client ID' });
    await user.type(screen.getByLabelText('Client secret'), 'my-secret');
    await user.type(clientId, 'my-client');
    await user.keyboard('{Control>}{Enter}{/Control}');
    const region = screen.getByRole('region', { name: 'Result' });
    expect(await within(region).findByRole('heading', { name: 'Token received' })).toBeInTheDocument();
    await waitFor(() => expect(scrolled).toHaveBeenCalled());
    expect(scrolled.mock.contexts).toContain(region);
    expect(scrolled).toHaveBeenLastCalledWith({ block: 'nearest' });
    expect(clientId).toHaveFocus();
  });
});

describe('a result already in view', () => {
  it('is not scrolled (scrolling forces a layout of the whole window), and one out of view is', async () => {
    const scrolled = vi.fn<(this: HTMLElement, options?: ScrollIntoViewOptions) => void>();
    Object.defineProperty(HTMLElement.prototype, 'scrollIntoView', { value: scrolled, configurable: true });
    // What the browser reports about the top of the result: in view, until the test says not.
    let inView = true;
    const observers: Array<() => void> = [];
    class ReportingObserver {
      constructor(private readonly report: (entries: Array<{ isIntersecting: boolean }>) => void) {}
      observe() {
        const tell = () => this.report([{ isIntersecting: inView }]);
        observers.push(tell);
        tell();
      }
      disconnect() {}
    }
    vi.stubGlobal('IntersectionObserver', ReportingObserver);
    onTestFinished(() => {
      delete (HTMLElement.prototype as Partial<HTMLElement>).scrollIntoView;
      vi.unstubAllGlobals();
    });
    const { user } = renderApp();
    await user.type(screen.getByLabelText('Client secret'), 'my-secret');
    await user.type(screen.getByRole('textbox', { name: 'Client ID' }), 'my-client');
    const request = screen.getByRole('button', { name: 'Request token' });
    await user.click(request);
    const region = screen.getByRole('region', { name: 'Result' });
    expect(await within(region).findAllByRole('heading', { name: 'Token received' })).not.toHaveLength(0);
    expect(scrolled).not.toHaveBeenCalled();

    inView = false;
    for (const tell of observers) tell();
    await user.click(request);
    await waitFor(() => expect(scrolled).toHaveBeenCalled());
    expect(scrolled.mock.contexts).toContain(region);
  });
});

describe('the endpoint note', () => {
  it('is said once for v2 (by the check under Token URL), and under Endpoint otherwise', async () => {
    const { user } = renderApp();
    const endpoint = screen.getByRole('combobox', { name: 'Endpoint' });
    const v2Note = new RegExp(PRESETS.v2.note.replace(/[.]/g, '\\.'));
    await waitFor(() => expect(screen.getByRole('list', { name: 'Checks' })).toHaveTextContent(v2Note));
    expect(screen.getAllByText(v2Note)).toHaveLength(1);
    expect(endpoint).not.toHaveAttribute('aria-describedby');

    await user.selectOptions(endpoint, 'v3');
    expect(endpoint).toHaveAccessibleDescription(PRESETS.v3.note);
    await waitFor(() => expect(screen.queryByText(v2Note)).toBeNull());
  });
});
