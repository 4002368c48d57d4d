// A part of the window loaded after the first paint (renderer/deferred.tsx) must keep its state
// once its code arrives: the user may already be using it.
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { deferred } from '../../renderer/deferred';

function Counter({ label }: { readonly label: string }) {
  const [count, setCount] = useState(0);
  return (
    <button type="button" onClick={() => setCount((n) => n + 1)}>
      {label} {count}
    </button>
  );
}

describe('a deferred part', () => {
  it('keeps its state and focus when the page re-renders after its code has arrived', async () => {
    let arrive: (component: typeof Counter) => void = () => undefined;
    const part = deferred(() => new Promise<typeof Counter>((resolve) => (arrive = resolve)));
    const { rerender } = render(<part.Component label="Pressed" />);
    expect(screen.queryByRole('button')).toBeNull();

    await act(async () => arrive(Counter));
    const button = await screen.findByRole('button', { name: 'Pressed 0' });
    await userEvent.click(button);
    expect(button).toHaveFocus();

    // What the page does on every change elsewhere (a setting saved, a history reload).
    rerender(<part.Component label="Pressed" />);
    const after = screen.getByRole('button', { name: 'Pressed 1' });
    expect(after).toBe(button);
    expect(after).toHaveFocus();
  });

  it('renders at once where its code is already loaded', async () => {
    const part = deferred(async () => Counter);
    await part.preload();
    render(<part.Component label="Ready" />);
    expect(screen.getByRole('button', { name: 'Ready 0' })).toBeInTheDocument();
  });
});
