// The entry point of "Check all profiles": the panel is a chunk of its own, fetched only when the
// user opens it (not at start, not preloaded; renderer/on-demand.tsx), so the window's first
// paint carries just this line and the buttons.
import { onDemand } from '../on-demand';

export const BatchCheck = onDemand('checking profiles', () =>
  import('./BatchPanel').then((module) => module.BatchPanel),
).Component;
