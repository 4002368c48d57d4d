// `telstra-token explain OUTCOME` knows every outcome name the command line can print: the app's
// own outcomes (a request's result), and the ones only the command line reports, which are found
// here by reading its source for every outcome it writes out by name.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OUTCOMES } from '../../app/outcomes';
import { CLI_EXPLANATIONS, isCliOutcome } from '../../main/cli/cli-outcomes';
import { explainCommand } from '../../main/cli/commands/explain';
import { createOutput } from '../../main/cli/io';

const CLI_DIR = fileURLToPath(new URL('../../main/cli', import.meta.url));

/** Every `outcome: 'name'` the command line's source writes out itself. */
function outcomesNamedInCliSource(): string[] {
  const named = new Set<string>();
  for (const entry of readdirSync(CLI_DIR, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const source = readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
    for (const match of source.matchAll(/\boutcome: '([^']+)'/g)) named.add(match[1] ?? '');
  }
  return [...named];
}

function explainJson(name: string): {
  code: number;
  printed: Record<string, unknown> | null;
  errors: string;
} {
  let out = '';
  let errors = '';
  const output = createOutput(
    { write: (text) => void (out += text), colour: false },
    { write: (text) => void (errors += text), colour: false },
  );
  const code = explainCommand([name], true, output);
  return { code, printed: out === '' ? null : (JSON.parse(out) as Record<string, unknown>), errors };
}

describe('the outcomes the command line prints', () => {
  it('includes, by name, the ones it writes itself (usage-error, internal-error)', () => {
    const named = outcomesNamedInCliSource();
    expect(named).toEqual(expect.arrayContaining(['usage-error', 'interrupted', 'internal-error']));
    for (const name of named) expect(isCliOutcome(name), name).toBe(true);
  });

  it('are each explained by `explain OUTCOME`, under that name, with a title and meaning', () => {
    const every = [...OUTCOMES, ...Object.keys(CLI_EXPLANATIONS), ...outcomesNamedInCliSource()];
    for (const name of new Set(every)) {
      const { code, printed, errors } = explainJson(name);
      expect(errors, name).toBe('');
      expect(code, name).toBe(0);
      expect(printed?.outcome).toBe(name);
      expect(printed?.title, name).toMatch(/\w/);
      expect((printed?.explanation as { meaning?: unknown } | undefined)?.meaning, name).toMatch(/\w/);
    }
  });
});
