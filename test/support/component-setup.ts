import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll, vi } from 'vitest';
import { loadOnDemandParts, preloadDeferred } from '../../renderer/deferred';

// Testing Library drains React's work with a zero-delay timer and advances fake timers only when
// it sees Jest's global; give it Vitest's clock under that name so fake timers do not hang it.
Object.defineProperty(globalThis, 'jest', {
  value: { advanceTimersByTime: (ms: number) => vi.advanceTimersByTime(ms) },
  configurable: true,
});

// The parts the window loads after its first paint, and those it loads when first opened, are in
// place before any test renders.
beforeAll(() => Promise.all([preloadDeferred(), loadOnDemandParts()]));

afterEach(() => cleanup());
