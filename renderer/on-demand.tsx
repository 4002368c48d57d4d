// Parts of the window that only a deliberate action needs (a dialog, a panel opened by a click)
// are chunks of their own, fetched the first time they are shown: the window does not load them
// by itself, which keeps its own JavaScript within budget (test/support/bundle-size.ts). While a
// part loads, nothing shows for a moment, then a line says so; if its chunk cannot be fetched (a
// damaged install, a browser-mode server that stopped), a message says what to do instead of a
// blank space. Generic on purpose: any part can be made on-demand with one line.
import { createElement, memo, useEffect, useState, type ComponentType } from 'react';

/** A fetch from the app's own files is quick; a line about it would only flash before this. */
export const LOADING_NOTE_DELAY_MS = 300;

export interface OnDemandPart<P> {
  readonly Component: ComponentType<P>;
  readonly load: () => Promise<ComponentType<P>>;
}

type State<P> = 'loading' | 'slow' | 'failed' | ComponentType<P>;

export function onDemand<P extends object>(
  label: string,
  load: () => Promise<ComponentType<P>>,
): OnDemandPart<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  // A failed import stays failed: browsers keep a module that could not be fetched failed for the
  // page's life, so trying again would only fail again (hence the message's advice).
  const start = () => (loading ??= load().then((component) => (loaded = component)));

  function OnDemand(props: P) {
    const [state, setState] = useState<State<P>>(() => loaded ?? 'loading');
    useEffect(() => {
      if (typeof state !== 'string' || state === 'failed') return;
      let live = true;
      const slow = setTimeout(
        () => live && setState((s: State<P>) => (s === 'loading' ? 'slow' : s)),
        LOADING_NOTE_DELAY_MS,
      );
      start().then(
        (component) => live && setState(() => component),
        () => live && setState('failed'),
      );
      return () => {
        live = false;
        clearTimeout(slow);
      };
      // Started once per instance; the state only moves forward.
      // eslint-disable-next-line react-hooks/exhaustive-deps
    }, []);
    if (typeof state === 'function') return createElement(state, props);
    if (state === 'loading') return null;
    if (state === 'slow') {
      return createElement('p', { className: 'hint', role: 'status' }, `Loading ${label}…`);
    }
    return createElement(
      'p',
      { className: 'status status--error', role: 'alert' },
      `${label[0]?.toUpperCase() ?? ''}${label.slice(1)} could not be loaded: a file of the app is missing or could not be read. ` +
        'Nothing else is affected. Restart the app (in browser mode, reload the page) and try again.',
    );
  }
  OnDemand.displayName = `OnDemand(${label})`;
  // Drawn again only when its props change, like a part of the window that is always there.
  return { Component: memo(OnDemand), load: start };
}
