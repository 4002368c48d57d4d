// The entry point of "Check all profiles": the panel itself is a module of its own, loaded by a
// dynamic import() only when the user opens it (not at start, not preloaded), so the window's
// first paint carries just this loader and the buttons. (A minimal loader of its own until the
// window's on-demand loader exists; the two are to be unified.)
import { useEffect, useState, type ComponentType } from 'react';
import type { BatchPanelProps } from './BatchPanel';

let loaded: ComponentType<BatchPanelProps> | null = null;

export function BatchCheck(props: BatchPanelProps) {
  const [Panel, setPanel] = useState(() => loaded);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (Panel) return;
    let live = true;
    import('./BatchPanel').then(
      (module) => {
        loaded = module.BatchPanel;
        if (live) setPanel(() => module.BatchPanel);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [Panel]);
  if (Panel) return <Panel {...props} />;
  return failed ? (
    <p className="status status--error" role="alert">
      Checking profiles could not be loaded. Reload the window and try again.
    </p>
  ) : (
    <p className="hint">Loading…</p>
  );
}
