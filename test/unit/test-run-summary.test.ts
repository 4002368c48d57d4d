// test/support/summary.mjs, the last lines `npm test` prints: CI keeps only the end of its log, so
// a failure must be named there, with its first error lines, not only counted.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const script = resolve(__dirname, '../support/summary.mjs');
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** Runs the summary over the two reports (undefined: that report is missing). */
function summarise(
  vitest?: object,
  playwright?: object,
  vitestStatus = 0,
): { output: string; status: number } {
  const folder = mkdtempSync(join(tmpdir(), 'summary-'));
  folders.push(folder);
  const vitestFile = join(folder, 'vitest.json');
  const playwrightFile = join(folder, 'playwright.json');
  if (vitest) writeFileSync(vitestFile, JSON.stringify(vitest));
  if (playwright) writeFileSync(playwrightFile, JSON.stringify(playwright));
  try {
    return {
      output: execFileSync(process.execPath, [script, vitestFile, playwrightFile, String(vitestStatus)], {
        encoding: 'utf8',
      }),
      status: 0,
    };
  } catch (error) {
    const failure = error as { stdout: string; status: number };
    return { output: failure.stdout, status: failure.status };
  }
}

// The shapes Vitest's json reporter and Playwright's json reporter write (the fields read).
const vitestReport = (testResults: object[], counts: Partial<Record<string, number>> = {}) => ({
  numPassedTests: 0,
  numFailedTests: 0,
  numPendingTests: 0,
  numTodoTests: 0,
  ...counts,
  testResults,
});
const playwrightReport = (suites: object[], stats: Partial<Record<string, number>> = {}) => ({
  stats: { expected: 0, flaky: 0, unexpected: 0, skipped: 0, ...stats },
  suites,
});
const passingPlaywright = playwrightReport([], { expected: 3 });

describe('the summary at the end of npm test', () => {
  it('names each failed Vitest test with its first error lines, ANSI colours removed', () => {
    const { output, status } = summarise(
      vitestReport(
        [
          {
            name: join(process.cwd(), 'test/unit/a.test.ts'),
            status: 'failed',
            assertionResults: [
              { status: 'passed', fullName: 'a passes' },
              {
                status: 'failed',
                fullName: 'a group › breaks',
                failureMessages: [
                  '\u001b[31mAssertionError: expected 1 to be 2\u001b[39m\n\n    at a.test.ts:9:3\n    at x\n    at y\n    at z',
                ],
              },
            ],
          },
        ],
        { numPassedTests: 1, numFailedTests: 1 },
      ),
      passingPlaywright,
    );
    expect(status).toBe(1);
    expect(output).toContain(
      '  × test/unit/a.test.ts › a group › breaks\n      AssertionError: expected 1 to be 2\n      ',
    );
    expect(output).not.toContain('\u001b[');
    expect(output).not.toContain('at z');
    expect(output).not.toContain('a passes');
    expect(output.trimEnd().split('\n').at(-1)).toBe('tests: 4 passed, 1 failed');
  });

  it('counts and names a test file that failed before any test ran', () => {
    const { output, status } = summarise(
      vitestReport(
        [
          {
            name: 'test/unit/b.test.ts',
            status: 'failed',
            message: 'Error: Cannot find module x',
            assertionResults: [],
          },
        ],
        { numPassedTests: 5 },
      ),
      passingPlaywright,
    );
    expect(status).toBe(1);
    expect(output).toContain('× test/unit/b.test.ts (the file itself)\n      Error: Cannot find module x');
    expect(output).toContain('tests: 8 passed, 1 failed');
  });

  it('names a failed Playwright test by file, line, describe blocks and title', () => {
    const { output, status } = summarise(
      vitestReport([], { numPassedTests: 2 }),
      playwrightReport(
        [
          {
            title: 'security.spec.ts',
            specs: [],
            suites: [
              {
                title: 'Electron’s own guards',
                specs: [
                  {
                    title: 'window.open does nothing',
                    file: 'security.spec.ts',
                    line: 47,
                    tests: [
                      { status: 'expected', results: [] },
                      {
                        status: 'unexpected',
                        results: [
                          { status: 'failed' },
                          { status: 'timedOut', error: { message: 'Test timeout of 30000ms exceeded.' } },
                        ],
                      },
                    ],
                  },
                  {
                    title: 'passes',
                    file: 'security.spec.ts',
                    line: 80,
                    tests: [{ status: 'expected', results: [] }],
                  },
                ],
              },
            ],
          },
        ],
        { expected: 1, unexpected: 1 },
      ),
    );
    expect(status).toBe(1);
    expect(output).toContain(
      '× security.spec.ts:47 › Electron’s own guards › window.open does nothing\n      Test timeout of 30000ms exceeded.',
    );
    expect(output).not.toContain('passes');
  });

  it('counts and names a Playwright error outside any test (a spec file that does not load)', () => {
    const { output, status } = summarise(vitestReport([], { numPassedTests: 2 }), {
      ...playwrightReport([], { expected: 3 }),
      errors: [
        {
          message: 'Error: Cannot find module ./gone\n\n   at lock.spec.ts:3',
          location: { file: join(process.cwd(), 'test/e2e/lock.spec.ts'), line: 3, column: 1 },
        },
      ],
    });
    expect(status).toBe(1);
    expect(output).toContain(
      '× test/e2e/lock.spec.ts:3 (Playwright, outside any test)\n      Error: Cannot find module ./gone',
    );
    expect(output.trimEnd().split('\n').at(-1)).toBe('tests: 5 passed, 1 failed');
  });

  it('says the run failed when Vitest exited non-zero with no failed test in its report (an unhandled error)', () => {
    const { output, status } = summarise(vitestReport([], { numPassedTests: 2 }), passingPlaywright, 1);
    expect(status).toBe(1);
    expect(output).toContain('× Vitest exited 1 with no failed test in its report');
    expect(output.trimEnd().split('\n').at(-1)).toBe('tests: 5 passed, 1 failed');
  });

  it('lists nothing when all passed, and says a missing report makes the run fail', () => {
    const green = summarise(vitestReport([], { numPassedTests: 2 }), passingPlaywright);
    expect(green.status).toBe(0);
    expect(green.output).not.toContain('Failed:');
    const crashed = summarise(vitestReport([], { numPassedTests: 2 }));
    expect(crashed.status).toBe(1);
    expect(crashed.output).toContain('(1 test report(s) missing: a runner did not finish)');
  });

  it('lists at most 20 failures and says how many more there were', () => {
    const many = Array.from({ length: 23 }, (_, i) => ({
      status: 'failed',
      fullName: `t${i}`,
      failureMessages: ['boom'],
    }));
    const { output } = summarise(
      vitestReport([{ name: 'test/unit/c.test.ts', status: 'failed', assertionResults: many }], {
        numFailedTests: 23,
      }),
      passingPlaywright,
    );
    expect(output.match(/ × /g)).toHaveLength(20);
    expect(output).toContain('… and 3 more');
  });
});
