// Parts of the window that are not needed for its first paint load just after it, so the form
// is ready sooner. Each is preloaded while the browser is idle (long before a first result), and
// `preloadDeferred()` lets tests have them all in place before rendering. Parts that only a
// deliberate action needs (a dialog, a panel the user opens) are not preloaded at all: they are
// on-demand parts (on-demand.tsx), listed at the end, each a chunk of its own with its own budget
// (test/support/bundle-size.ts).
import { createElement, memo, lazy, Suspense, useState, type ComponentType } from 'react';
import { onDemand } from './on-demand';

export function deferred<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const preload = () =>
    (loading ??= load().then((component) => {
      loaded = component;
      return component;
    }));
  const Lazy = lazy(() => preload().then((component) => ({ default: component })));
  function Deferred(props: P) {
    // Decided once per instance: switching from the lazy wrapper to the loaded component later
    // would be a different element type, and React would mount the part afresh (losing its state
    // and focus).
    const [Loaded] = useState(() => loaded);
    return Loaded
      ? createElement(Loaded, props)
      : createElement(Suspense, { fallback: null }, createElement(Lazy, props));
  }
  // Drawn again only when its props change (a result view is not redrawn by a history refresh).
  return { Component: memo(Deferred), preload };
}

const later = () => import('./later');
const SuccessViewPart = deferred(() => later().then((m) => m.SuccessView));
const FailureViewPart = deferred(() => later().then((m) => m.FailureView));
const RefusalViewPart = deferred(() => later().then((m) => m.RefusalView));
const HistoryPanelPart = deferred(() => later().then((m) => m.HistoryPanel));
// With the idle chunk, not on demand: a keyboard user presses Tab straight after Delete, and the
// dialog must be there to take focus, not arrive after it went to the page behind.
const ConfirmDialogPart = deferred(() => later().then((m) => m.ConfirmDialog));

export const SuccessView = SuccessViewPart.Component;
export const FailureView = FailureViewPart.Component;
export const RefusalView = RefusalViewPart.Component;
export const HistoryPanel = HistoryPanelPart.Component;
export const ConfirmDialog = ConfirmDialogPart.Component;

const ALL = [SuccessViewPart, FailureViewPart, RefusalViewPart, HistoryPanelPart, ConfirmDialogPart];

export function preloadDeferred(): Promise<unknown> {
  return Promise.all(ALL.map((part) => part.preload()));
}

const PreferencesPart = onDemand('the preferences', () =>
  import('./common/Preferences').then((m) => m.Preferences),
);
const SandboxPanelPart = onDemand('the sandbox panel', () =>
  import('./form/SandboxPanel').then((m) => m.SandboxPanel),
);
const InvalidClientAssistantPart = onDemand('the invalid_client checklist', () =>
  import('./result/InvalidClientAssistant').then((m) => m.InvalidClientAssistant),
);

const ImportDialogPart = onDemand('the import', () =>
  import('./profiles/ImportDialog').then((m) => m.ImportDialog),
);

export const Preferences = PreferencesPart.Component;
export const ImportDialog = ImportDialogPart.Component;
export const SandboxPanel = SandboxPanelPart.Component;
export const InvalidClientAssistant = InvalidClientAssistantPart.Component;

const ON_DEMAND = [PreferencesPart, SandboxPanelPart, InvalidClientAssistantPart, ImportDialogPart];

/** For component tests, which render on-demand parts as if they had been opened before. */
export function loadOnDemandParts(): Promise<unknown> {
  return Promise.all(ON_DEMAND.map((part) => part.load()));
}
