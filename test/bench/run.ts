// `npm run bench`: measures each figure (20 runs after a warm-up), prints a Markdown table,
// optionally writes the numbers as JSON (`--json PATH`), and exits non-zero when a budget is
// missed. Add a figure by writing a module under figures/ and listing it below.
//
//   node --import tsx test/bench/run.ts [--json PATH] [--runs N]
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { builtCliProblem } from '../support/cli';
import { median, percentile, type Figure } from './figure';
import { cliStart } from './figures/cli-start';
import { fetchFloor } from './figures/fetch-floor';

const FIGURES: readonly Figure[] = [cliStart, fetchFloor];

const { values } = parseArgs({
  options: { json: { type: 'string' }, runs: { type: 'string', default: '20' } },
  strict: true,
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number of runs');

if (builtCliProblem() !== null) {
  console.log('Building first (npx vite build)…');
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0 || builtCliProblem() !== null) process.exit(1);
}

const ms = (value: number) => `${Math.round(value)} ms`;
const rows: string[] = [];
const results = [];
let missed = 0;

for (const figure of FIGURES) {
  const measured = await figure.measure(runs);
  const result = {
    name: figure.name,
    runs,
    medianMs: median(measured.samplesMs),
    p95Ms: percentile(measured.samplesMs, 95),
    samplesMs: measured.samplesMs,
    baseline:
      measured.baselineSamplesMs === null
        ? null
        : {
            medianMs: median(measured.baselineSamplesMs),
            p95Ms: percentile(measured.baselineSamplesMs, 95),
            samplesMs: measured.baselineSamplesMs,
          },
    budget: figure.budget,
    withinBudget: null as boolean | null,
  };
  const base = result.baseline;
  const above = base === null ? null : result.medianMs - base.medianMs;
  if (figure.budget !== null && above !== null) {
    result.withinBudget = above <= figure.budget.maxAboveMs;
    if (!result.withinBudget) missed += 1;
  }
  results.push(result);
  if (base !== null)
    rows.push(`| ↳ baseline for the row below: node -e '' | ${ms(base.medianMs)} | ${ms(base.p95Ms)} | | |`);
  rows.push(
    `| ${figure.name} | ${ms(result.medianMs)}${above === null ? '' : ` (${above >= 0 ? '+' : ''}${Math.round(above)} over node)`} | ${ms(result.p95Ms)} | ${
      figure.budget === null ? '—' : `≤ ${figure.budget.maxAboveMs} ms over ${figure.budget.baseline}`
    } | ${result.withinBudget === null ? '—' : result.withinBudget ? 'yes' : '**no**'} |`,
  );
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `\nNode ${process.version} on ${process.platform}, ${availableParallelism()} × ${cpu}, load ${loadavg()[0]?.toFixed(2)}; medians and p95 of ${runs} runs after a warm-up\n`,
);
console.log('| figure | median | p95 | budget | within budget |');
console.log('| --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);

if (values.json !== undefined) {
  writeFileSync(
    values.json,
    `${JSON.stringify({ node: process.version, platform: process.platform, cpu, runs, figures: results }, null, 2)}\n`,
  );
}
process.exit(missed > 0 ? 1 : 0);
