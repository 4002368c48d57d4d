// The GitHub Actions workflow cannot run here, so it is held to the project instead: it runs the
// commands this README gives and package.json defines, on Linux, macOS and Windows; the installers
// it uploads are the targets electron-builder.yml names; each packaged app is smoke-tested with the
// spec that runs here too; every secret it reads is documented; signing is skipped, not failed,
// without them; and `npm run lint` rejects a workflow that is not one.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import playwrightConfig from '../playwright.config';
import { projectRoot } from '../support/launch';

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
}
interface Job {
  'runs-on': string;
  if?: string;
  needs?: string[];
  container?: { image: string };
  strategy?: { matrix: { include: Array<Record<string, string>> } };
  steps: Step[];
}

const read = (file: string) => readFileSync(path.join(projectRoot, file), 'utf8');
const workflowText = read('.github/workflows/ci.yml');
const workflow = parse(workflowText) as { on: Record<string, unknown>; jobs: Record<string, Job> };
const { jobs } = workflow;
const readme = read('README.md');
const releasing = readme.slice(
  readme.indexOf('## Releasing'),
  readme.indexOf('\n## ', readme.indexOf('## Releasing') + 1),
);
const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;

/** The commands of a job, in order, with the matrix's values filled in for one entry. */
const commands = (job: Job, entry: Record<string, string> = {}) =>
  job.steps
    .filter((step) => step.run !== undefined)
    .map((step) => step.run!.replace(/\$\{\{\s*matrix\.(\w+)\s*\}\}/g, (_, key: string) => entry[key] ?? ''));

/** Where `wanted` appear in `ran`, in that order (-1 when one is missing or out of order). */
function inOrder(ran: string[], wanted: RegExp[]): boolean {
  let at = 0;
  for (const pattern of wanted) {
    const found = ran.findIndex((command, index) => index >= at && pattern.test(command));
    if (found === -1) return false;
    at = found + 1;
  }
  return true;
}

/** The README's commands for installing, linting and testing, as the workflow must run them. */
const README_COMMANDS = [
  /^npm (ci|install)\b/,
  /^npm run lint$/,
  /^npm test$/,
  /\bnpx install-electron$/,
  /\bnpm run test:electron\b/,
];

/** The test jobs, one per operating system: [name, job, matrix entry, runner]. */
const testRuns = Object.entries(jobs)
  .filter(([, job]) => job.if === undefined)
  .flatMap(([name, job]) =>
    (job.strategy?.matrix.include ?? [{}]).map((entry) => ({
      name,
      job,
      entry,
      runner: entry.os ?? job['runs-on'],
    })),
  );

describe('the CI workflow', () => {
  it('runs on pushes, pull requests and v* tags', () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
    expect(workflow.on.push).toMatchObject({ tags: ['v*'] });
  });

  it('names in the README each command it runs', () => {
    for (const command of [
      'npm ci',
      'npm run lint',
      'npm test',
      'npx install-electron',
      'npm run test:electron',
      'npm run dist',
    ]) {
      expect(readme).toContain(`\`${command}`);
    }
  });

  it('tests on Linux, macOS and Windows', () => {
    const runners = testRuns.map((run) => run.runner);
    expect(runners.some((runner) => runner.startsWith('ubuntu'))).toBe(true);
    expect(runners.some((runner) => runner.startsWith('macos'))).toBe(true);
    expect(runners.some((runner) => runner.startsWith('windows'))).toBe(true);
  });

  it.each(testRuns.map((run) => [run.runner, run]))(
    'on %s: install, lint, npm test, then the specs in Electron',
    (_, run) => {
      expect(inOrder(commands(run.job, run.entry), README_COMMANDS)).toBe(true);
    },
  );

  it('gives Electron a display and a private keyring on Linux', () => {
    const linux = testRuns.find((run) => run.runner.startsWith('ubuntu'))!;
    const electron = commands(linux.job).find((command) => command.includes('npm run test:electron'));
    expect(electron).toMatch(/^xvfb-run -a bash test\/with-keyring\.sh npm run test:electron\b/);
  });

  it('runs only npm scripts that package.json has', () => {
    const all = Object.values(jobs).flatMap((job) => commands(job));
    const used = all.flatMap((command) =>
      [...command.matchAll(/npm run ([\w:-]+)/g)].map((match) => match[1]!),
    );
    expect(used.length).toBeGreaterThan(0);
    for (const script of used) expect(Object.keys(scripts)).toContain(script);
    expect(scripts.lint).toContain('node --import tsx test/lint/workflows.ts');
  });

  it('uploads the Playwright report and screenshots when a job fails', () => {
    for (const job of Object.values(jobs)) {
      const upload = job.steps.find(
        (step) => step.if === 'failure()' && step.uses?.startsWith('actions/upload-artifact@'),
      );
      expect(upload).toBeDefined();
      expect(JSON.stringify(upload)).toMatch(/playwright-report\/.*test-results\//);
    }
  });

  it('uses actions pinned to a major version', () => {
    const uses = Object.values(jobs).flatMap((job) => job.steps.flatMap((step) => step.uses ?? []));
    for (const action of uses) expect(action).toMatch(/^actions\/[\w-]+@v\d+$/);
  });
});

describe('the installers', () => {
  const installers = Object.values(jobs).find((job) => job.if?.includes('refs/tags/v'))!;
  const entries = installers.strategy!.matrix.include;

  it('are built only for a v* tag, after every test job passed', () => {
    expect(installers.if).toBe("startsWith(github.ref, 'refs/tags/v')");
    const testJobs = Object.keys(jobs).filter((name) => jobs[name] !== installers);
    expect([...installers.needs!].sort()).toEqual(testJobs.sort());
  });

  it.each(entries.map((entry) => [entry.os, entry]))(
    'on %s: npm run dist, the fuse check, then the smoke spec against the packaged app',
    (_, entry) => {
      const ran = commands(installers, entry);
      expect(
        inOrder(ran, [
          /^npm ci$/,
          /\bnpm run dist -- --publish never\b/,
          /packaged-app-cli\.ts check-fuses release$/,
          /packaged-app-cli\.ts smoke-copy release .* >> "\$GITHUB_ENV"$/,
          /\bnpx playwright test -c test\/playwright\.config\.ts test\/e2e\/smoke\.spec\.ts\b/,
        ]),
      ).toBe(true);
      const smoke = installers.steps.find((step) => step.run?.includes('smoke.spec.ts'));
      expect(smoke?.env).toEqual({ E2E_MODE: 'electron' });
    },
  );

  it('upload every installer electron-builder.yml asks for, on each of its systems', () => {
    const builder = parse(read('electron-builder.yml')) as {
      linux: { target: string[] };
      mac: { target: string };
      win: { target: string };
    };
    const extension: Record<string, string> = { AppImage: 'AppImage', deb: 'deb', dmg: 'dmg', nsis: 'exe' };
    const upload = installers.steps.find((step) => step.name === 'Upload the installers') as {
      with: { path: string };
    };
    const targets = [...builder.linux.target, builder.mac.target, builder.win.target];
    const paths = upload.with.path.trim().split('\n');
    for (const target of targets) expect(paths).toContain(`release/*.${extension[target]}`);
    expect(entries.map((entry) => (entry.os ?? '').replace(/-.*/, '')).sort()).toEqual([
      'macos',
      'ubuntu',
      'windows',
    ]);
  });

  it('hands the signing secrets only to the build, and documents each in the README', () => {
    const secrets = [...workflowText.matchAll(/secrets\.(\w+)/g)].map((match) => match[1]!);
    expect(secrets.length).toBeGreaterThan(0);
    const dist = installers.steps.find((step) => step.run?.includes('npm run dist'))!;
    for (const secret of secrets) {
      expect(dist.env?.[secret]).toBe(`\${{ secrets.${secret} }}`);
      expect(releasing).toContain(`\`${secret}\``);
    }
    expect(dist.run).toMatch(/^source \.github\/scripts\/signing\.sh\n/);
  });
});

describe('the smoke spec', () => {
  it('is among the end-to-end specs, so npm test and npm run test:electron run it too', () => {
    const testDir = path.resolve(projectRoot, 'test', playwrightConfig.testDir ?? '.');
    expect(path.join(testDir, 'smoke.spec.ts')).toBe(path.join(projectRoot, 'test/e2e/smoke.spec.ts'));
  });
});

describe('signing.sh, without secrets and with them', () => {
  const ALL = [
    'CSC_LINK',
    'CSC_KEY_PASSWORD',
    'APPLE_ID',
    'APPLE_APP_SPECIFIC_PASSWORD',
    'APPLE_TEAM_ID',
    'WIN_CSC_LINK',
    'WIN_CSC_KEY_PASSWORD',
  ];
  const run = promisify(execFile);
  /** Sources the script as the workflow does (bash -e) and lists the signing variables it leaves. */
  async function source(runnerOs: string, secrets: Record<string, string>) {
    const { stdout } = await run(
      'bash',
      [
        '-eo',
        'pipefail',
        '-c',
        'source .github/scripts/signing.sh; echo ---; env | grep -E "^(CSC|APPLE|WIN_CSC)" | sort || true',
      ],
      {
        cwd: projectRoot,
        env: {
          PATH: process.env.PATH,
          RUNNER_OS: runnerOs,
          ...Object.fromEntries(ALL.map((name) => [name, ''])),
          ...secrets,
        },
      },
    );
    const [said = '', left = ''] = stdout.split('---\n');
    return { said, left: left.trim().split('\n').filter(Boolean) };
  }

  it.each(['macOS', 'Windows'])(
    'on %s, with no secret (a fork): one notice, unsigned, and no failure',
    async (os) => {
      const { said, left } = await source(os, {});
      expect(said).toMatch(/^::notice title=Signing skipped::.*(no CSC_LINK|no WIN_CSC_LINK) secret/m);
      expect(left).toEqual(['CSC_IDENTITY_AUTO_DISCOVERY=false']);
    },
  );

  it('on macOS, signs and notarizes with all five, and never prints a secret', async () => {
    const secrets = {
      CSC_LINK: 'p12-value',
      CSC_KEY_PASSWORD: 'pw-value',
      APPLE_ID: 'id-value',
      APPLE_APP_SPECIFIC_PASSWORD: 'asp-value',
      APPLE_TEAM_ID: 'team-value',
      WIN_CSC_LINK: 'pfx-value',
    };
    const { said, left } = await source('macOS', secrets);
    expect(said).toContain('notarizing');
    expect(left.map((line) => line.split('=')[0])).toEqual([
      'APPLE_APP_SPECIFIC_PASSWORD',
      'APPLE_ID',
      'APPLE_TEAM_ID',
      'CSC_KEY_PASSWORD',
      'CSC_LINK',
    ]);
    for (const value of Object.values(secrets)) expect(said).not.toContain(value);
  });

  it('on macOS, signs but skips notarization when an Apple secret is missing', async () => {
    const { said, left } = await source('macOS', { CSC_LINK: 'p12-value', APPLE_ID: 'id-value' });
    expect(said).toMatch(/::notice title=Notarization skipped::.*APPLE_APP_SPECIFIC_PASSWORD APPLE_TEAM_ID/);
    expect(left).toEqual(['CSC_LINK=p12-value']);
  });

  it('on Windows, signs with WIN_CSC_LINK and never with the Apple certificate', async () => {
    expect((await source('Windows', { CSC_LINK: 'p12-value', WIN_CSC_LINK: 'pfx-value' })).left).toEqual([
      'WIN_CSC_LINK=pfx-value',
    ]);
    expect((await source('Windows', { CSC_LINK: 'p12-value' })).left).toEqual([
      'CSC_IDENTITY_AUTO_DISCOVERY=false',
    ]);
  });

  it('on Linux, uses no secret at all', async () => {
    const { said, left } = await source('Linux', {
      CSC_LINK: 'p12-value',
      WIN_CSC_LINK: 'pfx-value',
      APPLE_ID: 'id-value',
    });
    expect(said).toContain('not signed');
    expect(left).toEqual([]);
  });
});

describe('npm run lint’s workflow check', () => {
  const lint = (file?: string) =>
    promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'test/lint/workflows.ts', ...(file ? [file] : [])],
      {
        cwd: projectRoot,
      },
    ).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );

  it('accepts this workflow and rejects it with a misspelt key, saying where', async () => {
    expect((await lint()).code).toBe(0);
    const dir = await mkdtemp(path.join(tmpdir(), 'token-tester-workflow-'));
    try {
      const broken = path.join(dir, 'ci.yml');
      await writeFile(
        broken,
        workflowText.replace(
          '    runs-on: ubuntu-24.04\n    # Debian',
          '    runs_on: ubuntu-24.04\n    # Debian',
        ),
      );
      const { code, stderr } = await lint(broken);
      expect(code).toBe(1);
      expect(stderr).toContain("/jobs/linux: Additional property 'runs_on' is not allowed");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
