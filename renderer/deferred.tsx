// Parts of the window that are not needed for its first paint load just after it, so the form
// is ready sooner. Each is preloaded while the browser is idle (long before a first result), and
// `preloadDeferred()` lets tests have them all in place before rendering.
import { createElement, lazy, Suspense, useState, type ComponentType } from 'react';

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
  return { Component: Deferred, preload };
}

const later = () => import('./later');
const SuccessViewPart = deferred(() => later().then((m) => m.SuccessView));
const FailureViewPart = deferred(() => later().then((m) => m.FailureView));
const RefusalViewPart = deferred(() => later().then((m) => m.RefusalView));
const HistoryPanelPart = deferred(() => later().then((m) => m.HistoryPanel));
const PreferencesPart = deferred(() => later().then((m) => m.Preferences));
const ConfirmDialogPart = deferred(() => later().then((m) => m.ConfirmDialog));
const SandboxPanelPart = deferred(() => later().then((m) => m.SandboxPanel));

export const SuccessView = SuccessViewPart.Component;
export const FailureView = FailureViewPart.Component;
export const RefusalView = RefusalViewPart.Component;
export const HistoryPanel = HistoryPanelPart.Component;
export const Preferences = PreferencesPart.Component;
export const ConfirmDialog = ConfirmDialogPart.Component;
export const SandboxPanel = SandboxPanelPart.Component;

const ALL = [
  SuccessViewPart,
  FailureViewPart,
  RefusalViewPart,
  HistoryPanelPart,
  PreferencesPart,
  ConfirmDialogPart,
  SandboxPanelPart,
];

export function preloadDeferred(): Promise<unknown> {
  return Promise.all(ALL.map((part) => part.preload()));
}
