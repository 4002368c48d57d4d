// `npm run bench -- --only NAME`: a figure by its name, and an unknown name refused with the list
// (it used to measure nothing and exit 0). The real figures, so the list is the one users see.
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Figure } from '../bench/figure';
import { figureId, selectFigures } from '../bench/select';

const figure = (name: string): Figure => ({ name, measure: async () => [] });
const FIGURES = [figure('bundle size'), figure('keychain'), figure('CLI cold start')];

describe('selectFigures', () => {
  it('takes every figure without --only, and one or several by name', () => {
    expect(selectFigures(FIGURES, undefined)).toEqual({ ok: true, figures: FIGURES });
    expect(selectFigures(FIGURES, 'keychain')).toEqual({ ok: true, figures: [FIGURES[1]] });
    expect(selectFigures(FIGURES, 'cli-cold-start,Bundle Size')).toEqual({
      ok: true,
      figures: [FIGURES[0], FIGURES[2]],
    });
    expect(FIGURES.map(figureId)).toEqual(['bundle-size', 'keychain', 'cli-cold-start']);
  });

  it('refuses an unknown name, or none, listing the figures', () => {
    const list = 'The figures: bundle-size, keychain, cli-cold-start.';
    expect(selectFigures(FIGURES, 'keychian')).toEqual({
      ok: false,
      message: `Unknown figure: keychian. ${list}`,
    });
    // A part of a name is not a name (it used to match by substring).
    expect(selectFigures(FIGURES, 'cli')).toMatchObject({ ok: false });
    expect(selectFigures(FIGURES, '')).toEqual({ ok: false, message: `--only needs a figure name. ${list}` });
  });
});

describe('npm run bench -- --only', () => {
  it('exits 1 on an unknown figure, naming the real ones, before building or measuring', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'test/bench/run.ts', '--only', 'nope'], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('bench: Unknown figure: nope. The figures: bundle-size, renderer-start,');
    expect(run.stdout).not.toMatch(/Building|measuring/);
    expect(run.stderr).not.toMatch(/measuring/);
  });
});

describe('the README', () => {
  it('lists exactly the figures npm run bench measures, by the names --only takes', async () => {
    const { FIGURES } = await import('../bench/all-figures');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const sentence = /The figures' names for `--only`: ([^.]*)\./.exec(readme.replace(/\s+/g, ' '));
    expect(sentence).not.toBeNull();
    const listed = [...(sentence?.[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    expect(listed).toEqual(FIGURES.map(figureId));
  });
});
