// Validates every GitHub Actions workflow in .github/workflows against the workflow schema, so a
// mistyped key or a misplaced step fails here rather than on the hosted runner. The validator
// (@action-validator/core) carries SchemaStore's schema compiled in: nothing is downloaded.
//
//   node --import tsx test/lint/workflows.ts [file…]   (default: every .github/workflows/*.yml)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateWorkflow, type ValidationError } from '@action-validator/core';

const root = fileURLToPath(new URL('../..', import.meta.url));
const folder = path.join(root, '.github/workflows');

/**
 * The innermost errors, where the schema says what is wrong. A one-of failure lists why each
 * alternative failed (a job is either steps on a runner or a reusable workflow's call); the
 * alternative with the fewest complaints is the one the author meant.
 */
function leaves(error: ValidationError): ValidationError[] {
  const branches = ('states' in error ? (error.states ?? []) : []).map((state) =>
    state.errors.flatMap(leaves),
  );
  if (branches.length === 0) return [error];
  return branches.reduce((best, branch) => (branch.length < best.length ? branch : best));
}

function describe(error: ValidationError): string {
  const where = 'path' in error ? error.path : error.location ? `line ${error.location.line}` : '';
  return [where, error.detail ?? error.title].filter(Boolean).join(': ');
}

const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : existsSync(folder)
    ? readdirSync(folder)
        .filter((name) => /\.ya?ml$/.test(name))
        .map((name) => path.join(folder, name))
    : [];

if (files.length === 0) {
  console.error('workflows: no workflow in .github/workflows to validate.');
  process.exit(1);
}

let failed = false;
for (const file of files) {
  const { errors } = validateWorkflow(readFileSync(file, 'utf8'));
  if (errors.length === 0) continue;
  failed = true;
  const lines = [...new Set(errors.flatMap(leaves).map(describe))];
  console.error(
    `${path.relative(root, file)} is not a valid workflow:\n${lines.map((l) => `  ${l}`).join('\n')}`,
  );
}
process.exit(failed ? 1 : 0);
