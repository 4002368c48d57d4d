// An on-demand part (renderer/on-demand.tsx): fetched when first shown, a line while it is slow,
// a clear message when its chunk cannot be fetched, and at once once it has been fetched.
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { onDemand } from '../../renderer/on-demand';

const Panel = ({ label }: { readonly label: string }) => <p>{label} is open</p>;

describe('an on-demand part', () => {
  it('is fetched when first shown, says it is loading when slow, then shows', async () => {
    let fetches = 0;
    let arrive: (component: typeof Panel) => void = () => undefined;
    const part = onDemand('the panel', () => {
      fetches += 1;
      return new Promise<typeof Panel>((resolve) => (arrive = resolve));
    });
    expect(fetches).toBe(0);
    render(<part.Component label="Panel" />);
    expect(fetches).toBe(1);
    expect(await screen.findByRole('status')).toHaveTextContent('Loading the panel…');
    await act(async () => arrive(Panel));
    expect(screen.getByText('Panel is open')).toBeInTheDocument();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('says so when its chunk cannot be fetched', async () => {
    const part = onDemand<{ readonly label: string }>('the panel', () =>
      Promise.reject(new TypeError('Failed to fetch module')),
    );
    render(<part.Component label="Panel" />);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The panel could not be loaded: a file of the app is missing or could not be read.',
    );
  });

  it('renders at once, without a second fetch, once fetched', async () => {
    let fetches = 0;
    const part = onDemand('the panel', async () => {
      fetches += 1;
      return Panel;
    });
    await part.load();
    render(<part.Component label="Again" />);
    expect(screen.getByText('Again is open')).toBeInTheDocument();
    expect(fetches).toBe(1);
  });
});
