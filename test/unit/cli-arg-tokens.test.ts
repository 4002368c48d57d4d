// The CLI's own argv tokenizer gives exactly the tokens node:util parseArgs gives, for every
// command's options, whatever the arguments (main/cli/arg-tokens.ts says why it exists).
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { argTokens, type TokenSpec } from '../../main/cli/arg-tokens';
import { COMMAND_OPTIONS, COMMANDS } from '../../main/cli/args';

/** parseArgs' tokens without their argv index, which the CLI does not read. */
function nodeTokens(args: string[], options: Readonly<Record<string, TokenSpec>>) {
  const { tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  return tokens.map((token) => {
    const { index: _index, ...rest } = token;
    return rest;
  });
}

/** Arguments shaped like what people type, and odd ones: short groups, `=`, `--`, lone `-`. */
function argument(names: readonly string[]): fc.Arbitrary<string> {
  const name = fc.constantFrom(...names, 'h', 'x', 'secret', 'j', 'f', 'a');
  const text = fc.string({ maxLength: 6 });
  return fc.oneof(
    name.map((n) => `--${n}`),
    fc.tuple(name, text).map(([n, value]) => `--${n}=${value}`),
    fc.constantFrom('-', '--', '-h', '-hx', '-xh', '-h=1', '---', '--=', '-=', '--h'),
    fc.stringMatching(/^-[a-z=-]{1,5}$/),
    text,
    fc.string({ unit: 'binary', maxLength: 8 }),
  );
}

describe('argTokens', () => {
  for (const command of COMMANDS) {
    it(`gives parseArgs' tokens for ${command}`, () => {
      const options = COMMAND_OPTIONS[command];
      const names = Object.keys(options);
      fc.assert(
        fc.property(fc.array(argument(names), { maxLength: 8 }), (args) => {
          expect(argTokens(args, options)).toEqual(nodeTokens(args, options));
        }),
        { numRuns: 2000 },
      );
    });
  }

  it('gives them with short string and boolean options too (none of the CLI has them yet)', () => {
    const options: Record<string, TokenSpec> = {
      file: { type: 'string', short: 'f' },
      all: { type: 'boolean', short: 'a' },
      help: { type: 'boolean', short: 'h' },
    };
    fc.assert(
      fc.property(fc.array(argument(Object.keys(options)), { maxLength: 8 }), (args) => {
        expect(argTokens(args, options)).toEqual(nodeTokens(args, options));
      }),
      { numRuns: 3000 },
    );
    for (const args of [['-af', 'x'], ['-afx', '-f'], ['-fa'], ['-ha', '-f', '--all'], ['-f']]) {
      expect(argTokens(args, options)).toEqual(nodeTokens(args, options));
    }
  });

  it('gives them for the cases spelled out', () => {
    const options = COMMAND_OPTIONS.request;
    for (const args of [
      ['--client-id', '--json'],
      ['--client-id'],
      ['-h', '--endpoint=', 'v3', '--', '--json', '-h'],
      ['-hh', '-h-', '--timeout', '-5'],
    ]) {
      expect(argTokens(args, options)).toEqual(nodeTokens(args, options));
    }
  });
});
