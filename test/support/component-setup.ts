import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeAll, vi } from 'vitest';
import { loadOnDemandParts, preloadDeferred } from '../../renderer/deferred';
import { UNTIL_IT_HOLDS } from './until';

// waitFor and the findBy queries wait for their condition as long as vi.waitFor does, not the
// library's 1 s (a loaded machine; test/support/until.ts).
configure({ asyncUtilTimeout: UNTIL_IT_HOLDS.timeout });

// Testing Library drains React's work with a zero-delay timer and advances fake timers only when
// it sees Jest's global; give it Vitest's clock under that name so fake timers do not hang it.
Object.defineProperty(globalThis, 'jest', {
  value: { advanceTimersByTime: (ms: number) => vi.advanceTimersByTime(ms) },
  configurable: true,
});

// jsdom has <dialog> but not its modal half: showModal(), close(), and Escape's cancel event. This
// stands in for them so components that ask a question can be rendered; what only a browser does
// (focus kept inside, the rest inert, focus given back) is tested in Chromium (test/e2e/focus.spec.ts).
if (typeof HTMLDialogElement.prototype.showModal !== 'function') {
  const onEscape = (event: KeyboardEvent) => {
    const dialog = (event.target as Element | null)?.closest?.('dialog[open]');
    if (event.key !== 'Escape' || !(dialog instanceof HTMLDialogElement)) return;
    if (dialog.dispatchEvent(new Event('cancel', { cancelable: true }))) dialog.close();
  };
  Object.assign(HTMLDialogElement.prototype, {
    showModal(this: HTMLDialogElement) {
      this.open = true;
      this.addEventListener('keydown', onEscape);
      this.querySelector<HTMLElement>('button, input, select, textarea, [tabindex]')?.focus();
    },
    close(this: HTMLDialogElement) {
      this.open = false;
      this.removeEventListener('keydown', onEscape);
    },
  });
}

// The parts the window loads after its first paint, and those it loads when first opened, are in
// place before any test renders.
beforeAll(() => Promise.all([preloadDeferred(), loadOnDemandParts()]));

afterEach(() => cleanup());
