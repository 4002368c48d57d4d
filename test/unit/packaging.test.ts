// The installer configuration, checked against electron-builder's own schema and loader, and the
// Content Security Policy the built page carries.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../app/csp';
import { APP_USER_MODEL_ID } from '../../main/startup-rules';
import { projectRoot } from '../support/launch';

interface BuilderConfig {
  appId?: string;
  productName?: string;
  asarUnpack?: string[];
  electronFuses?: Record<string, boolean>;
  linux?: { target?: string[] };
  deb?: { depends?: string[] };
  mac?: { target?: string; category?: string; hardenedRuntime?: boolean; entitlements?: string };
  win?: { target?: string };
  icon?: string;
}

async function loadBuilderConfig(): Promise<BuilderConfig> {
  const { getConfig } = (await import('app-builder-lib/out/util/config/config.js')) as {
    getConfig: (projectDir: string, configPath: string | null, options: null) => Promise<BuilderConfig>;
  };
  return getConfig(projectRoot, path.join(projectRoot, 'electron-builder.yml'), null);
}

describe('electron-builder.yml', () => {
  it('is valid against electron-builder’s configuration schema', async () => {
    const { validateConfiguration } = (await import('app-builder-lib/out/util/config/config.js')) as {
      validateConfiguration: (config: unknown, logger: unknown) => Promise<void>;
    };
    const { DebugLogger } = (await import('builder-util')) as {
      DebugLogger: new (enabled: boolean) => unknown;
    };
    const config = await loadBuilderConfig();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(
      validateConfiguration({ ...config, notAnOption: true }, new DebugLogger(false)),
    ).rejects.toThrow(/notAnOption/);
  });

  it('builds AppImage and deb (with libsecret), a hardened dmg, and NSIS', async () => {
    const config = await loadBuilderConfig();
    expect(config).toMatchObject({
      appId: 'au.com.telstra-token-tester.app',
      productName: 'Telstra Token Tester',
    });
    // Windows identifies the running app by this id: it must be the installer's.
    expect(APP_USER_MODEL_ID).toBe(config.appId);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.deb?.depends).toContain('libsecret-1-0');
    // The list replaces electron-builder's default, which lacks two libraries Electron's binary is
    // linked against and GTK does not bring: without them it does not start on a minimal system.
    expect(config.deb?.depends).toEqual(expect.arrayContaining(['libgbm1', 'libasound2']));
    expect(config.mac).toMatchObject({
      target: 'dmg',
      category: 'public.app-category.developer-tools',
      hardenedRuntime: true,
    });
    expect(config.win?.target).toBe('nsis');
    expect(config.asarUnpack).toContain('node_modules/keytar/**/*');
    for (const file of [config.icon, config.mac?.entitlements])
      expect(existsSync(path.join(projectRoot, file ?? 'missing'))).toBe(true);
  });

  it('flips the fuses', async () => {
    expect((await loadBuilderConfig()).electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
    });
  });
});

describe('the Content Security Policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]),
  );

  it('lets the window reach nothing on the network and run only the app’s own code', () => {
    expect(directives.get('default-src')).toBe("'none'");
    expect(directives.get('connect-src')).toBe("'none'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('style-src')).toBe("'self'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('form-action')).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|\*/);
  });

  it('is written in the renderer’s index.html exactly', () => {
    const html = readFileSync(path.join(projectRoot, 'renderer/index.html'), 'utf8');
    expect(html).toContain(`content="${CONTENT_SECURITY_POLICY}"`);
  });
});
