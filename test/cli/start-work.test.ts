// What the built command line does before it runs a command: work every start pays (`npm run
// bench`, CLI cold start). Read from the build itself, since what costs is how the bundler wrote it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAIN_FILE } from '../../main/cli/code-cache';
import { assertBuiltCli, CLI_PATH } from '../support/cli';

const CLI_DIR = path.dirname(CLI_PATH);

beforeAll(() => assertBuiltCli());

/** The first byte outside ASCII in `file`, with what is around it, or null. */
function firstNonAscii(file: string): string | null {
  const bytes = readFileSync(file);
  const at = bytes.findIndex((byte) => byte > 0x7f);
  return at < 0
    ? null
    : `${path.basename(file)}: …${bytes.subarray(Math.max(0, at - 40), at + 10).toString()}…`;
}

describe('the command line at start', () => {
  it('is written in ASCII alone, so it loads as a one-byte string (half the memory, no decoding)', () => {
    const files = readdirSync(CLI_DIR).filter((name) => name.endsWith('.cjs'));
    expect(files).toContain(MAIN_FILE);
    expect(files.map((name) => firstNonAscii(path.join(CLI_DIR, name))).filter(Boolean)).toEqual([]);
  });
});
