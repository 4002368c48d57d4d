// How the command line writes itself in the commands it suggests: where a bare `telstra-token`
// runs, where `npx telstra-token` does, and `node` with the script's path everywhere else.
import { describe, expect, it } from 'vitest';
import { runAs, type RunAsContext } from '../../main/cli/run-as';
import { helpText } from '../../main/cli/usage';

const CLONE_SCRIPT = '/home/me/telstra-token-tester/dist/cli/telstra-token.cjs';
const GLOBAL_SCRIPT = '/usr/local/lib/node_modules/telstra-token-tester/dist/cli/telstra-token.cjs';
const DEPENDENCY_SCRIPT = '/home/me/ops/node_modules/telstra-token-tester/dist/cli/telstra-token.cjs';

function context(overrides: Partial<RunAsContext> & { links?: Record<string, string> }): RunAsContext {
  const links = overrides.links ?? {};
  return {
    scriptPath: CLONE_SCRIPT,
    env: { PATH: '/usr/local/bin:/usr/bin:/bin' },
    platform: 'linux',
    cwd: '/home/me/telstra-token-tester',
    realpath: (file) => links[file] ?? null,
    ...overrides,
  };
}

describe('runAs', () => {
  it('is the bare name where npm linked this script on PATH (a global install)', () => {
    const links = { '/usr/local/bin/telstra-token': GLOBAL_SCRIPT };
    expect(runAs(context({ scriptPath: GLOBAL_SCRIPT, links, cwd: '/tmp' }))).toBe('telstra-token');
  });

  it('is not the bare name when the first telstra-token on PATH is another program', () => {
    const links = {
      '/usr/local/bin/telstra-token': '/opt/other/telstra-token',
      '/usr/bin/telstra-token': GLOBAL_SCRIPT,
    };
    expect(runAs(context({ scriptPath: GLOBAL_SCRIPT, links, cwd: '/tmp' }))).toBe(`node ${GLOBAL_SCRIPT}`);
  });

  it('is npx in the clone, in any folder of it', () => {
    expect(runAs(context({}))).toBe('npx telstra-token');
    expect(runAs(context({ cwd: '/home/me/telstra-token-tester/test' }))).toBe('npx telstra-token');
  });

  it('is npx in a project that depends on it, even when npx put its node_modules/.bin on PATH', () => {
    const bin = '/home/me/ops/node_modules/.bin';
    const links = { [`${bin}/telstra-token`]: DEPENDENCY_SCRIPT };
    const env = { PATH: `${bin}:/usr/bin` };
    expect(runAs(context({ scriptPath: DEPENDENCY_SCRIPT, env, links, cwd: '/home/me/ops/src' }))).toBe(
      'npx telstra-token',
    );
  });

  it('is node and the script’s path elsewhere (npx would fetch an unknown package), quoted when needed', () => {
    expect(runAs(context({ cwd: '/home/me' }))).toBe(`node ${CLONE_SCRIPT}`);
    expect(runAs(context({ cwd: '/home/me/telstra-token-tester-old' }))).toBe(`node ${CLONE_SCRIPT}`);
    const spaced = "/home/me/my tools/it's/dist/cli/telstra-token.cjs";
    expect(runAs(context({ scriptPath: spaced, cwd: '/' }))).toBe(
      `node '/home/me/my tools/it'\\''s/dist/cli/telstra-token.cjs'`,
    );
  });

  it('knows npm’s Windows shim: a .cmd beside the global node_modules folder', () => {
    const npmDir = 'C:\\Users\\me\\AppData\\Roaming\\npm';
    const script = `${npmDir}\\node_modules\\telstra-token-tester\\dist\\cli\\telstra-token.cjs`;
    const links = { [`${npmDir}\\telstra-token.cmd`]: `${npmDir}\\telstra-token.cmd`, [script]: script };
    const windows = { platform: 'win32' as const, env: { Path: `C:\\Windows;${npmDir}` }, cwd: 'C:\\work' };
    expect(runAs(context({ ...windows, scriptPath: script, links }))).toBe('telstra-token');
    expect(runAs(context({ ...windows, scriptPath: 'C:\\src\\tt\\dist\\cli\\telstra-token.cjs' }))).toBe(
      'node C:\\src\\tt\\dist\\cli\\telstra-token.cjs',
    );
  });
});

describe('the help, written as this program runs here', () => {
  it('writes every command, --version too, in a form that runs (npx takes a bare --version)', () => {
    const viaNode = helpText(null, 'node /opt/tt/dist/cli/telstra-token.cjs');
    expect(viaNode).toContain('\n  node /opt/tt/dist/cli/telstra-token.cjs --version [--json]');
    expect(viaNode).not.toMatch(/^\s+telstra-token /m);
    const viaNpx = helpText(null, 'npx telstra-token');
    expect(viaNpx).toContain('\n  npx -- telstra-token --version [--json]');
    expect(viaNpx).toContain('\n  npx telstra-token request --profile NAME');
  });
});
