// What the built command line does before it runs a command: work every start pays (`npm run
// bench`, CLI cold start). Read from the build itself, since what costs is how the bundler wrote it.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAIN_FILE } from '../../main/cli/code-cache';
import { assertBuiltCli, CLI_PATH } from '../support/cli';
import { sendJson, startServer, type TestServer } from '../support/servers';

const CLI_DIR = path.dirname(CLI_PATH);

let api: TestServer;
let probeDir: string;
beforeAll(async () => {
  assertBuiltCli();
  api = await startServer((_req, res) => sendJson(res, 200, { access_token: 'tok', expires_in: 3600 }));
  probeDir = mkdtempSync(path.join(tmpdir(), 'cli-start-'));
});
afterAll(async () => {
  await api.close();
  rmSync(probeDir, { recursive: true, force: true });
});

/**
 * Node's own modules a command loaded, as Node lists them at exit. Through --require (CommonJS):
 * --import would start the ES module loader, which loads modules of its own.
 */
async function builtinsLoaded(args: readonly string[]): Promise<string[]> {
  const probe = path.join(probeDir, 'builtins-probe.cjs');
  writeFileSync(
    probe,
    "process.on('exit', () => process.stderr.write('builtins: ' + JSON.stringify(process.moduleLoadList) + '\\n'));\n",
  );
  // Not spawnSync: the test's own server answers the request from this process.
  const child = spawn(process.execPath, ['--require', probe, CLI_PATH, ...args], {
    env: { PATH: process.env.PATH, S: 'secret' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  expect(code).toBe(0);
  const line = stderr.split('\n').find((l) => l.startsWith('builtins: '));
  if (line === undefined) throw new Error(`no probe report:\n${stderr}`);
  return (JSON.parse(line.slice('builtins: '.length)) as string[])
    .filter((entry) => entry.startsWith('NativeModule '))
    .map((entry) => entry.slice('NativeModule '.length));
}

/** The first byte outside ASCII in `file`, with what is around it, or null. */
function firstNonAscii(file: string): string | null {
  const bytes = readFileSync(file);
  const at = bytes.findIndex((byte) => byte > 0x7f);
  return at < 0
    ? null
    : `${path.basename(file)}: …${bytes.subarray(Math.max(0, at - 40), at + 10).toString()}…`;
}

/** Code that runs only when called (or, a class's instance fields, when an instance is made). */
const runsLater = (node: ts.Node) =>
  ts.isFunctionLike(node) ||
  (ts.isPropertyDeclaration(node) && !(ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Static));

/**
 * A Unicode property class (\p{…}, \P{…}) or code points written \u{…} (app/hidden-text.ts built a
 * class of dozens of such ranges) in a pattern, as a literal or as RegExp's argument.
 */
const PROPERTY_CLASS = /\\\\?([pP]|u)\{/;

/** The RegExps with such classes that the bundle makes as it loads. */
function propertyRegExpsAtLoad(source: string): string[] {
  const file = ts.createSourceFile(MAIN_FILE, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (runsLater(node)) return;
    const made =
      ts.isRegularExpressionLiteral(node) ||
      ((ts.isNewExpression(node) || ts.isCallExpression(node)) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'RegExp');
    if (made && PROPERTY_CLASS.test(node.getText(file))) found.push(node.getText(file).slice(0, 80));
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('the command line at start', () => {
  it('is written in ASCII alone, so it loads as a one-byte string (half the memory, no decoding)', () => {
    const files = readdirSync(CLI_DIR).filter((name) => name.endsWith('.cjs'));
    expect(files).toContain(MAIN_FILE);
    expect(files.map((name) => firstNonAscii(path.join(CLI_DIR, name))).filter(Boolean)).toEqual([]);
  });

  it('makes no RegExp of Unicode classes (\\p{…}, \\u{…} ranges) as it loads: V8 builds their ranges then', () => {
    const source = readFileSync(path.join(CLI_DIR, MAIN_FILE), 'utf8');
    // The search itself finds them: a function's own pattern is left, the module's is reported.
    expect(propertyRegExpsAtLoad('const a = /[\\p{L}]/u; function f() { return /\\p{N}/u; }')).toEqual([
      '/[\\p{L}]/u',
    ]);
    expect(propertyRegExpsAtLoad('const b = new RegExp(`^${"\\\\p{Cc}"}$`, "u");')).toHaveLength(1);
    expect(propertyRegExpsAtLoad(source)).toEqual([]);
  });

  it('a request to a URL loads none of Node’s modules it does not use (node:os: profiles only)', async () => {
    const loaded = await builtinsLoaded([
      'request',
      '--endpoint',
      api.url(),
      '--client-id',
      'abc',
      '--secret-env',
      'S',
    ]);
    expect(loaded).toContain('http');
    for (const unused of ['os', 'dns', 'crypto', 'https', 'tls', 'readline', 'child_process']) {
      expect(loaded).not.toContain(unused);
    }
  });
});
