// The command line must find the window's data folder on every platform.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APP_NAME, userDataDir, type UserDataContext } from '../../main/user-data-dir';

const linux: UserDataContext = { platform: 'linux', env: {}, homeDir: '/home/ana', cwd: '/work' };
const mac: UserDataContext = { platform: 'darwin', env: {}, homeDir: '/Users/ana', cwd: '/work' };
const windows: UserDataContext = {
  platform: 'win32',
  env: { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' },
  homeDir: 'C:\\Users\\ana',
  cwd: 'C:\\work',
};

describe('userDataDir', () => {
  it('is Electron’s userData on Linux: ~/.config, or XDG_CONFIG_HOME as Chromium reads it', () => {
    expect(userDataDir(linux)).toBe('/home/ana/.config/Telstra Token Tester');
    expect(userDataDir({ ...linux, env: { XDG_CONFIG_HOME: '/srv/conf' } })).toBe(
      '/srv/conf/Telstra Token Tester',
    );
    // Chromium takes any non-empty value, a relative one from the working folder.
    expect(userDataDir({ ...linux, env: { XDG_CONFIG_HOME: 'relative/conf' } })).toBe(
      `${linux.cwd}/relative/conf/Telstra Token Tester`,
    );
    expect(userDataDir({ ...linux, env: { XDG_CONFIG_HOME: '' } })).toBe(
      '/home/ana/.config/Telstra Token Tester',
    );
  });

  it('is under Application Support on macOS', () => {
    expect(userDataDir(mac)).toBe('/Users/ana/Library/Application Support/Telstra Token Tester');
  });

  it('is under %APPDATA% on Windows, with Roaming as the fallback', () => {
    expect(userDataDir(windows)).toBe('C:\\Users\\ana\\AppData\\Roaming\\Telstra Token Tester');
    expect(userDataDir({ ...windows, env: {} })).toBe(
      'C:\\Users\\ana\\AppData\\Roaming\\Telstra Token Tester',
    );
  });

  it('follows TOKEN_TESTER_USER_DATA_DIR on every platform, relative to the working folder', () => {
    expect(userDataDir({ ...linux, env: { TOKEN_TESTER_USER_DATA_DIR: '/tmp/data' } })).toBe('/tmp/data');
    expect(userDataDir({ ...mac, env: { TOKEN_TESTER_USER_DATA_DIR: 'data' } })).toBe('/work/data');
    expect(userDataDir({ ...windows, env: { TOKEN_TESTER_USER_DATA_DIR: 'data' } })).toBe('C:\\work\\data');
  });

  it('uses the app name Electron uses: package.json’s productName, as electron-builder’s', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      productName: string;
    };
    const builder = readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8');
    expect(APP_NAME).toBe(pkg.productName);
    expect(builder).toMatch(new RegExp(`^productName: ${APP_NAME}$`, 'm'));
  });
});
