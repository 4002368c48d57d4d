// `npm run bench`: measures every figure (timed ones after a warm-up), prints a Markdown table,
// optionally writes the numbers as JSON (`--json PATH`), and exits non-zero when a budget is
// missed. Timed budgets are ratios or differences against a floor measured in the same run, since
// timings on shared machines drift. Add a figure by writing a module under figures/.
//
//   node --import tsx test/bench/run.ts [--json PATH] [--runs N] [--only NAME[,NAME…]]
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { builtCliProblem } from '../support/cli';
import type { Row } from './figure';
import { FIGURES } from './all-figures';
import { selectFigures } from './select';

const { values } = parseArgs({
  options: { json: { type: 'string' }, runs: { type: 'string', default: '20' }, only: { type: 'string' } },
  strict: true,
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number of runs');
const selected = selectFigures(FIGURES, values.only);
if (!selected.ok) {
  console.error(`bench: ${selected.message}`);
  process.exit(1);
}

if (builtCliProblem() !== null) {
  console.log('Building first (npx vite build)…');
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0 || builtCliProblem() !== null) process.exit(1);
}
// The browser figures use bridge mode (or browser mode where they say so), whatever this machine has.
process.env.E2E_MODE = 'bridge';

const rows: Row[] = [];
for (const figure of selected.figures) {
  process.stderr.write(`measuring ${figure.name}…\n`);
  rows.push(...(await figure.measure({ runs })));
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const machine = `Node ${process.version} on ${process.platform}, ${availableParallelism()} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, load ${loadavg()[0]?.toFixed(2)}`;
console.log(`\n${machine}\n`);
console.log('| figure | median | p95 | budget | within budget |');
console.log('| --- | --- | --- | --- | --- |');
for (const row of rows) {
  const verdict = row.within === null ? '' : row.within ? 'yes' : '**no**';
  console.log(`| ${row.figure} | ${row.median} | ${row.p95} | ${row.budget} | ${verdict} |`);
}

if (values.json !== undefined) {
  writeFileSync(values.json, `${JSON.stringify({ machine, runs, rows }, null, 2)}\n`);
}
const missed = rows.filter((row) => row.within === false);
if (missed.length > 0)
  console.log(`\n${missed.length} budget(s) missed: ${missed.map((r) => r.figure).join('; ')}`);
process.exit(missed.length > 0 ? 1 : 0);
