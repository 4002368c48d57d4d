// How the user's shell runs this program, for the commands the CLI suggests (help's usage and
// examples, the sandbox's "Try it:" line): a bare `telstra-token` only works where npm put it on
// PATH (a global install). From a clone, or a project that depends on the package, it is
// `npx telstra-token`; anywhere else `npx` would fetch whatever the registry has under that name,
// so it is `node` with the script's own path. Pure: the file system's answers are passed in.
import path from 'node:path';
import type { Env } from '../config';
import { shellQuoted } from '../shell-quoted';
import { PROGRAM } from './usage';

/** package.json's `name`: the folder npm installs the package into. */
export const PACKAGE_NAME = 'telstra-token-tester';

export interface RunAsContext {
  /** The running script, symbolic links resolved (dist/cli/telstra-token.cjs). */
  readonly scriptPath: string;
  readonly env: Env;
  readonly platform: NodeJS.Platform;
  readonly cwd: string;
  /** Where a file really is (links resolved), or null when there is no such file. */
  readonly realpath: (file: string) => string | null;
}

const within = (paths: path.PlatformPath, folder: string, inner: string) => {
  const relative = paths.relative(folder, inner);
  return relative === '' || (!relative.startsWith('..') && !paths.isAbsolute(relative));
};

/** True when the first `telstra-token` on PATH is this very script. */
function onPath(context: RunAsContext, paths: path.PlatformPath): boolean {
  const { env, platform, scriptPath, realpath } = context;
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : ':');
  for (const dir of dirs) {
    // npm run and npx put a project's node_modules/.bin first on PATH; the user's shell does not.
    if (dir === '' || /[\\/]node_modules[\\/]\.bin[\\/]?$/.test(dir)) continue;
    if (platform === 'win32') {
      // npm's Windows shim is a .cmd file beside the global node_modules folder, not a link.
      if (realpath(paths.join(dir, `${PROGRAM}.cmd`)) === null) continue;
      const installed = paths.join(dir, 'node_modules', PACKAGE_NAME, 'dist', 'cli', `${PROGRAM}.cjs`);
      return realpath(installed) === scriptPath;
    }
    const found = realpath(paths.join(dir, PROGRAM));
    if (found !== null) return found === scriptPath;
  }
  return false;
}

export function runAs(context: RunAsContext): string {
  const paths = context.platform === 'win32' ? path.win32 : path.posix;
  if (onPath(context, paths)) return PROGRAM;
  // dist/cli/telstra-token.cjs, two folders below the package's root.
  const packageRoot = paths.dirname(paths.dirname(paths.dirname(context.scriptPath)));
  const parent = paths.dirname(packageRoot);
  const project = paths.basename(parent) === 'node_modules' ? paths.dirname(parent) : packageRoot;
  if (within(paths, project, context.cwd)) return `npx ${PROGRAM}`;
  return `node ${shellQuoted(context.scriptPath, context.platform)}`;
}
