// Every figure `npm run bench` measures, in the order of its table (test/bench/run.ts). The names
// for `--only` are these figures' names (test/bench/select.ts); the README lists them too, and
// test/unit/bench-select.test.ts checks that the two lists agree.
import type { Figure } from './figure';
import { batchCheck } from './figures/batch-check';
import { batchCheckWindow } from './figures/batch-window';
import { bundleSize } from './figures/bundle-size';
import { cliStart } from './figures/cli-start';
import { browserModeStart } from './figures/browser-mode-start';
import { browserClickToResult, clickToResult } from './figures/click-to-result';
import { countdownCost } from './figures/countdown-cost';
import { fetchFloor } from './figures/fetch-floor';
import { keychainOverhead } from './figures/keychain';
import { mainOverhead } from './figures/main-overhead';
import { accessOverhead } from './figures/access-overhead';
import { rendererMemory } from './figures/memory';
import { rendererStart } from './figures/renderer-start';

export const FIGURES: readonly Figure[] = [
  bundleSize,
  rendererStart,
  clickToResult,
  browserClickToResult,
  mainOverhead,
  accessOverhead,
  countdownCost,
  rendererMemory,
  keychainOverhead,
  cliStart,
  browserModeStart,
  batchCheck,
  batchCheckWindow,
  fetchFloor,
];
