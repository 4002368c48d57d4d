// Runs the built command line (dist/cli/telstra-token.cjs) as a child process, the way a
// terminal or a CI job would: arguments, stdin, environment in; exit status and output out.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const CLI_PATH = path.join(root, 'dist/cli/telstra-token.cjs');
const MODULE_TRACE = path.join(root, 'test/support/module-trace.mjs');
const CRASH_SOON = path.join(root, 'test/support/crash-soon.mjs');
const STALL_REQUESTS = path.join(root, 'test/support/stall-requests.mjs');
export const HIDE_KEYTAR = path.join(root, 'test/support/hide-keytar.mjs');

/** The keys of `telstra-token request --json`'s object, in order (README, Command line). */
export const REQUEST_JSON_KEYS = [
  'ok',
  'exitCode',
  'outcome',
  'title',
  'status',
  'statusText',
  'durationMs',
  'tokenUrl',
  'receivedAt',
  'headers',
  'token',
  'failure',
  'explanation',
];

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly stdin?: string;
  /** Added to (or, when undefined, removed from) the test process's environment. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Reports, after `modules:` on stderr, every module file the CLI loaded. */
  readonly traceModules?: boolean;
  /** Throws an error whose message holds this text soon after start (see crash-soon.mjs). */
  readonly crashWith?: string;
  /** Every node:http request never answered, nothing left to wait for (stall-requests.mjs). */
  readonly stallRequests?: boolean;
  readonly timeoutMs?: number;
  /** Runs as if keytar's optional install had been skipped (see hide-keytar.mjs). */
  readonly withoutKeytar?: boolean;
  /** The working folder (default: this test process's, the project's root). */
  readonly cwd?: string;
  /** Sees the standard error printed so far, each time more comes. */
  readonly onStderr?: (soFar: string) => void;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts')) {
      newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/** Why the bundle cannot be used as it is (missing, or older than its sources), or null. */
export function builtCliProblem(): string | null {
  let built: number;
  try {
    built = statSync(CLI_PATH).mtimeMs;
  } catch {
    return `${CLI_PATH} is missing: run \`npx vite build\` first (npm test builds before Vitest).`;
  }
  if (Math.max(newestSource(path.join(root, 'main')), newestSource(path.join(root, 'app'))) > built) {
    return `${CLI_PATH} is older than main/ or app/: run \`npx vite build\` again.`;
  }
  return null;
}

/** Fails clearly rather than testing a missing or stale bundle. */
export function assertBuiltCli(): void {
  const problem = builtCliProblem();
  if (problem !== null) throw new Error(problem);
}

/** The environment a user's shell would give, without this test run's own settings. */
function childEnv(overrides: CliOptions['env'] = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (name.startsWith('TOKEN_TESTER_') && name !== 'TOKEN_TESTER_TEST_KEYRING') delete env[name];
  }
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const nodeArgs = [
    ...(options.traceModules ? ['--import', MODULE_TRACE] : []),
    ...(options.crashWith === undefined ? [] : ['--import', CRASH_SOON]),
    ...(options.stallRequests ? ['--import', STALL_REQUESTS] : []),
  ];
  const env = {
    ...options.env,
    ...(options.crashWith === undefined ? {} : { CRASH_WITH: options.crashWith }),
    // Through NODE_OPTIONS, so the CLI's keychain helper process is started without keytar too.
    ...(options.withoutKeytar ? { NODE_OPTIONS: `--import=${HIDE_KEYTAR}` } : {}),
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, CLI_PATH, ...args], {
      env: childEnv(env),
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 20_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      options.onStderr?.(stderr);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin ?? '');
  });
}

/** The module files a traced run loaded (see module-trace.mjs). */
export function loadedModules(run: CliRun): string[] {
  const line = run.stderr.split('\n').find((l) => l.startsWith('modules: '));
  if (line === undefined) throw new Error('the run was not traced');
  return JSON.parse(line.slice('modules: '.length)) as string[];
}

/** One JSON object on stdout, and nothing else. */
export function onlyJson(run: CliRun): Record<string, unknown> {
  const lines = run.stdout.trimEnd().split('\n');
  if (lines.length !== 1) throw new Error(`expected one line of JSON, got ${lines.length}:\n${run.stdout}`);
  return JSON.parse(lines[0] ?? '') as Record<string, unknown>;
}

/**
 * `count` profiles p0, p1… (client-i, secret-i) at `tokenUrl`, imported by the built CLI into the
 * data folder `dir`/data from a credentials file written in `dir`.
 */
export async function importNumberedProfiles(
  dir: string,
  count: number,
  tokenUrl: string,
  env: NodeJS.ProcessEnv,
): Promise<CliRun> {
  const sections = Array.from(
    { length: count },
    (_, i) => `[p${i}]\nclient_id = client-${i}\nclient_secret = secret-${i}\ntoken_url = ${tokenUrl}\n`,
  );
  const file = path.join(dir, 'credentials');
  await writeFile(file, sections.join('\n'));
  return runCli(['profiles', 'import', file, '--yes'], {
    env: { ...env, TOKEN_TESTER_USER_DATA_DIR: path.join(dir, 'data') },
    timeoutMs: 90_000,
  });
}
