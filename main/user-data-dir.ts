// Where the app keeps its data (Electron's `userData`), worked out without Electron, so the
// command line finds the same profiles file as the window. Pure: the platform, environment and
// home folder are passed in, so every platform's answer is tested on any machine.
import path from 'node:path';
import type { Env } from './config';

/**
 * Electron names the folder after the app, which is package.json's `productName` (and
 * electron-builder.yml's). A unit test keeps the three equal.
 */
export const APP_NAME = 'Telstra Token Tester';

export interface UserDataContext {
  readonly platform: NodeJS.Platform;
  readonly env: Env;
  readonly homeDir: string;
  /** A relative TOKEN_TESTER_USER_DATA_DIR is taken from here, as the app's path.resolve does. */
  readonly cwd: string;
}

/** Electron's `appData`: the per-user folder applications keep their settings in. */
function appDataDir({ platform, env, homeDir, cwd }: UserDataContext, paths: path.PlatformPath): string {
  // Windows: Electron asks for the Roaming AppData known folder, which %APPDATA% names unless the
  // variable was changed by hand (then --user-data-dir or TOKEN_TESTER_USER_DATA_DIR says where).
  if (platform === 'win32') return env.APPDATA || paths.join(homeDir, 'AppData', 'Roaming');
  if (platform === 'darwin') return paths.join(homeDir, 'Library', 'Application Support');
  // Linux and the other Unixes: XDG_CONFIG_HOME as Chromium reads it, any non-empty value, a
  // relative one taken from the working folder (base::nix::GetXDGDirectory does not check).
  const xdg = env.XDG_CONFIG_HOME;
  return xdg ? paths.resolve(cwd, xdg) : paths.join(homeDir, '.config');
}

/** The app's data folder; TOKEN_TESTER_USER_DATA_DIR moves it, as it does for the app. */
export function userDataDir(context: UserDataContext): string {
  const paths = context.platform === 'win32' ? path.win32 : path.posix;
  const moved = context.env.TOKEN_TESTER_USER_DATA_DIR;
  if (moved) return paths.resolve(context.cwd, moved);
  return paths.join(appDataDir(context, paths), APP_NAME);
}
