// Adds up Vitest's and Playwright's JSON reports into the one closing line CI reads:
// "tests: N passed, N failed" (skipped counted apart). Just above it, each failed test is named
// with the first lines of its error, so the end of a CI log (often all that is kept) says what
// failed. Exits non-zero when anything failed or when a report is missing, so a runner that
// crashed cannot look like success.
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';

const MAX_LISTED = 20;
const MESSAGE_LINES = 4;

// `vitestStatus`: Vitest's exit status, where known (run-all.sh): an unhandled error fails the run
// but is in no test of its JSON report.
const [vitestFile, playwrightFile, vitestStatus] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
let missing = 0;
/** @type {{ name: string, message: string }[]} */
const failures = [];

const plain = (text) =>
  String(text ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/\u001b\[[0-9;]*[A-Za-z]/g, '')
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '')
    .slice(0, MESSAGE_LINES)
    .join('\n      ');

if (vitestFile && existsSync(vitestFile)) {
  const report = JSON.parse(readFileSync(vitestFile, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  for (const file of report.testResults ?? []) {
    const where = relative(process.cwd(), file.name ?? '');
    const failedTests = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
    for (const test of failedTests) {
      failures.push({ name: `${where} › ${test.fullName}`, message: plain(test.failureMessages?.[0]) });
    }
    // A file that failed before any of its tests ran (an import that threw) counts no test.
    if (file.status === 'failed' && failedTests.length === 0) {
      failed += 1;
      failures.push({ name: `${where} (the file itself)`, message: plain(file.message) });
    }
  }
  if (Number(vitestStatus) > 0 && failures.length === 0) {
    failed += 1;
    failures.push({
      name: `Vitest exited ${Number(vitestStatus)} with no failed test in its report`,
      message: 'An unhandled error (or a runner failure): see "Unhandled Errors" in its output above.',
    });
  }
} else {
  missing += 1;
}

if (playwrightFile && existsSync(playwrightFile)) {
  const { stats, suites, errors } = JSON.parse(readFileSync(playwrightFile, 'utf8'));
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
  skipped += stats.skipped;
  const walk = (suite, titles) => {
    const here = suite.title && !suite.title.endsWith('.ts') ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected') continue;
        const last = test.results?.at(-1);
        failures.push({
          name: `${spec.file}:${spec.line} › ${[...here, spec.title].join(' › ')}`,
          message: plain(last?.error?.message ?? last?.status),
        });
      }
    }
    for (const child of suite.suites ?? []) walk(child, here);
  };
  for (const suite of suites ?? []) walk(suite, []);
  // Errors outside any test (a spec file that does not load, global setup, the run's time limit)
  // count no test: without this the run failed and its last line said "0 failed".
  for (const error of errors ?? []) {
    failed += 1;
    const where = error.location
      ? `${relative(process.cwd(), error.location.file)}:${error.location.line} `
      : '';
    failures.push({
      name: `${where}(Playwright, outside any test)`,
      message: plain(error.message ?? error.value),
    });
  }
} else {
  missing += 1;
}

if (failures.length > 0) {
  console.log('\nFailed:');
  for (const { name, message } of failures.slice(0, MAX_LISTED)) {
    console.log(`  × ${name}${message ? `\n      ${message}` : ''}`);
  }
  if (failures.length > MAX_LISTED) console.log(`  … and ${failures.length - MAX_LISTED} more`);
}
if (missing > 0) console.log(`(${missing} test report(s) missing: a runner did not finish)`);
console.log(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || missing > 0 || passed === 0 ? 1 : 0);
