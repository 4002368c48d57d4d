// One config builds all four bundles (`vite build` builds every environment):
//   client  -> dist/renderer   the React renderer, with the CSP in index.html
//   main    -> dist/main       the Electron main process (CommonJS; electron and keytar external)
//   preload -> dist/preload    the preload, one CommonJS file (sandboxed preloads cannot import)
//   cli     -> dist/cli        the `telstra-token` command for plain Node (package.json `bin`)
//   browserPage -> dist/browser browser mode's preload (the page's API over fetch)
// It also holds the Vitest projects, since the top level of the repository is fixed.
import react from '@vitejs/plugin-react';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, readFile, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createBuilder, defineConfig, type Plugin, type UserConfig } from 'vite';
import { CONTENT_SECURITY_POLICY } from './app/csp.ts';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from './app/sandbox.ts';
import {
  bundleCrc32,
  cacheFileName,
  cacheWriterSource,
  loaderSource,
  MAIN_FILE,
  withoutHashbang,
} from './main/cli/code-cache.ts';
import { createRestarter } from './main/launcher/dev-restarter.ts';
import { checkElectron } from './main/launcher/electron-binary.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const at = (relative: string) => `${root}${relative}`;

const nodeExternals = [
  'electron',
  'keytar',
  // https-proxy-agent's optional Kerberos support; never installed or used here.
  'kerberos',
  ...builtinModules,
  ...builtinModules.map((name) => `node:${name}`),
];

/**
 * The CSP is written in renderer/index.html itself. A build fails if it is missing or differs from
 * app/csp.ts; the dev server relaxes it (inline scripts and a websocket for hot reload) and only
 * the dev server.
 */
function contentSecurityPolicy(command: 'build' | 'serve'): Plugin {
  const meta = (policy: string) => `content="${policy}"`;
  return {
    name: 'token-tester:csp',
    transformIndexHtml(html) {
      if (!html.includes(meta(CONTENT_SECURITY_POLICY))) {
        throw new Error('renderer/index.html must carry the Content-Security-Policy of app/csp.ts.');
      }
      if (command === 'build') return html;
      const relaxed = CONTENT_SECURITY_POLICY.replace(
        "script-src 'self'",
        "script-src 'self' 'unsafe-inline'",
      )
        .replace("connect-src 'none'", "connect-src 'self' ws:")
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
      return html.replace(meta(CONTENT_SECURITY_POLICY), meta(relaxed));
    },
  };
}

/**
 * `npm run dev`: the renderer from Vite's dev server (with hot reload), main and preload rebuilt
 * on change, and Electron restarted after each rebuild.
 */
function electronDev(): Plugin {
  return {
    name: 'token-tester:electron-dev',
    apply: 'serve',
    configureServer(server) {
      server.httpServer?.once('listening', () => {
        void (async () => {
          // As `npm start` finds it: fetched on first use, or one sentence on why it cannot start.
          const electron = await checkElectron({
            projectRoot: root,
            env: process.env,
            platform: process.platform,
            onDownload: () => server.config.logger.info('Fetching Electron’s binary (first start only)…'),
          });
          // Ctrl-C (or a kill) ended the download: stopped as asked, with nothing wrong to explain.
          if (!electron.ok && electron.stopped === true) process.exit(130);
          if (!electron.ok) {
            // The renderer alone has no app behind it: say why and stop, rather than serve a page
            // that can only say it has no connection.
            for (const line of [
              `npm run dev needs the desktop window, which cannot start: ${electron.reason}.`,
              'Without it, `npm start -- --browser` runs the app in your browser (no hot reload).',
              electron.remedy,
            ])
              server.config.logger.error(line);
            process.exit(1);
          }
          const electronPath = electron.binary;
          const url = server.resolvedUrls?.local[0] ?? 'http://localhost:5173/';
          const builder = await createBuilder({ mode: 'development', build: { watch: {} } }, null);
          // A data folder (and so a single-instance lock) of its own: an installed copy running
          // beside `npm run dev` neither stops it nor shares its profiles.
          const devDataDir = at('.scratch/dev-user-data');
          const restarter = createRestarter(
            () =>
              spawn(electronPath, [root], {
                stdio: 'inherit',
                env: { ...process.env, VITE_DEV_SERVER_URL: url, TOKEN_TESTER_USER_DATA_DIR: devDataDir },
              }),
            () => void server.close().then(() => process.exit(0)),
          );
          const restart = () => restarter.restart();
          for (const name of ['main', 'preload']) {
            const environment = builder.environments[name];
            if (!environment) continue;
            const watcher = (await builder.build(environment)) as {
              on(e: 'event', cb: (event: { code: string }) => void): void;
            };
            watcher.on('event', (event) => {
              if (event.code === 'END') restart();
            });
          }
        })();
      });
    },
  };
}

/**
 * Vite wraps each dynamic import of the renderer in a helper that first preloads the chunk's
 * imports and style sheets (about 0.7 KiB gzip in the entry, whether or not it has work). Here it
 * never has: every chunk loaded later (renderer/deferred.tsx, renderer/on-demand.tsx) imports
 * only the entry, which is already running, and the one style sheet is in index.html. So the
 * helper is replaced by a plain call; a chunk that cannot be fetched still rejects, and the window
 * says so (on-demand.tsx). test/e2e/on-demand.spec.ts loads every kind of chunk through it.
 */
function plainDynamicImports(): Plugin {
  const helper = '\0vite/preload-helper.js';
  return {
    name: 'token-tester:plain-dynamic-imports',
    enforce: 'pre',
    apply: 'build',
    applyToEnvironment: (environment) => environment.name === 'client',
    resolveId: (id) => (id === helper ? helper : null),
    load: (id) => (id === helper ? 'export const __vitePreload = (load) => load();' : null),
  };
}

/** Makes the CLI's entry file executable, as npm does when it installs a `bin`. */
function executableCli(): Plugin {
  return {
    name: 'token-tester:executable-cli',
    applyToEnvironment: (environment) => environment.name === 'cli',
    async writeBundle(options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && chunk.isEntry) await chmod(`${options.dir}/${chunk.fileName}`, 0o755);
      }
    },
  };
}

/**
 * The CLI starts from V8's code cache (main/cli/code-cache.ts says why): the bundle becomes
 * MAIN_FILE, telstra-token.cjs its loader, and one `request --endpoint sandbox` run (loopback
 * only, the sandbox's public credentials) leaves the cache of what a request compiles. If that
 * run fails, the build says so and the CLI simply compiles at each start, as before.
 */
function cliCodeCache(): Plugin {
  return {
    name: 'token-tester:cli-code-cache',
    applyToEnvironment: (environment) => environment.name === 'cli',
    async writeBundle(options) {
      const dir = options.dir ?? at('dist/cli');
      const loader = `${dir}/telstra-token.cjs`;
      const bundle = withoutHashbang(await readFile(loader, 'utf8'));
      const hash = createHash('sha256').update(bundle).digest('hex');
      await writeFile(`${dir}/${MAIN_FILE}`, bundle);
      const crc = bundleCrc32(bundle);
      await writeFile(loader, loaderSource(cacheFileName(hash), crc));
      await chmod(loader, 0o755);
      // The cache comes from a build-only copy of the loader (the shipped one never writes).
      const writer = `${dir}/cache-writer.tmp.cjs`;
      await writeFile(writer, cacheWriterSource(cacheFileName(hash), crc));
      const env: NodeJS.ProcessEnv = {};
      for (const name of ['PATH', 'HOME', 'SystemRoot']) if (process.env[name]) env[name] = process.env[name];
      const run = spawnSync(
        process.execPath,
        [
          writer,
          'request',
          '--endpoint',
          'sandbox',
          '--client-id',
          SANDBOX_CLIENT_ID,
          '--secret-env',
          'SECRET',
        ],
        {
          env: { ...env, SECRET: SANDBOX_CLIENT_SECRET },
          stdio: 'ignore',
          timeout: 30_000,
        },
      );
      await rm(writer, { force: true });
      if (run.status !== 0 || !existsSync(`${dir}/${cacheFileName(hash)}`)) {
        this.warn(`The CLI's code cache was not made (its run ended with ${run.status ?? run.signal}).`);
      }
    },
  };
}

interface NodeBundle {
  /** The entry file; each bundle has one (a second entry would share chunks with it). */
  readonly entry: string;
  readonly outDir: string;
  /** The entry's output name. */
  readonly fileName: string;
  readonly banner?: string;
  /** For a command people start often: less to parse on every start (see `npm run bench`). */
  readonly minify?: boolean;
  /** One file, no chunks; written beside another build's files (that build empties the folder). */
  readonly oneFile?: boolean;
}

function nodeBundle({
  entry,
  outDir,
  fileName,
  banner,
  minify = false,
  oneFile = false,
}: NodeBundle): UserConfig['build'] {
  return {
    outDir: at(outDir),
    emptyOutDir: !oneFile,
    ssr: at(entry),
    target: 'node20',
    minify,
    sourcemap: true,
    rolldownOptions: {
      external: nodeExternals,
      // Chunks (code loaded on demand) need .cjs too: package.json says "type": "module".
      output: {
        format: 'cjs',
        entryFileNames: fileName,
        chunkFileNames: '[name]-[hash].cjs',
        ...(oneFile && { codeSplitting: false }),
        // A command people start often is also written in ASCII alone (other characters as \u
        // escapes): its loader then reads a one-byte string, not a two-byte one decoded from UTF-8,
        // half the memory, and the CRC-32 of it needs no encoding back to UTF-8 (`npm run bench`).
        ...(minify && { charset: 'ascii' }),
        banner,
      },
    },
  };
}

/**
 * expect.poll waits on a condition (a process started, a request seen): until it holds, or until
 * just before the test's own deadline, which is there for a hang. Vitest's default gives up after
 * 1 s, which a process started on a loaded two-core machine took more than (test/unit/
 * electron-main.test.ts failed under a busy loop on each core, and passed alone).
 */
const WAIT_FOR_CONDITIONS = { timeout: 15_000 };

export default defineConfig(({ command }) => ({
  root: at('renderer'),
  base: './',
  plugins: [
    react(),
    contentSecurityPolicy(command),
    electronDev(),
    executableCli(),
    cliCodeCache(),
    plainDynamicImports(),
  ],
  build: {
    outDir: at('dist/renderer'),
    emptyOutDir: true,
    target: 'chrome140',
    // Electron's Chromium has modulepreload; the polyfill would be dead weight.
    modulePreload: { polyfill: false },
  },
  // Everything but Electron, keytar and Node's own modules is bundled (noExternal): the packaged app
  // ships only production dependencies, and zod & co. are devDependencies. For the CLI, bundling
  // also tree-shakes zod into the chunk only profile commands load.
  environments: {
    client: {},
    // Browser mode's preload: one classic script (no modules, no imports) the loopback server
    // serves before the renderer (main/browser/browser-host.ts).
    browserPage: {
      consumer: 'client',
      build: {
        outDir: at('dist/browser'),
        emptyOutDir: true,
        target: 'chrome120',
        minify: true,
        sourcemap: false,
        copyPublicDir: false,
        rolldownOptions: {
          input: at('main/browser-page/page-api.ts'),
          output: { format: 'iife', entryFileNames: 'page-api.js' },
        },
      },
    },
    main: {
      consumer: 'server',
      resolve: { noExternal: true },
      build: nodeBundle({ entry: 'main/index.ts', outDir: 'dist/main', fileName: 'index.cjs' }),
    },
    preload: {
      consumer: 'server',
      resolve: { noExternal: true },
      build: nodeBundle({ entry: 'main/preload.ts', outDir: 'dist/preload', fileName: 'preload.cjs' }),
    },
    cli: {
      consumer: 'server',
      resolve: { noExternal: true },
      build: nodeBundle({
        entry: 'main/cli/index.ts',
        outDir: 'dist/cli',
        fileName: 'telstra-token.cjs',
        banner: '#!/usr/bin/env node',
        minify: true,
      }),
    },
    // The keychain helper is a process of its own (main/cli/keychain/helper.ts), so a bundle of its
    // own, after the command line's (which empties dist/cli): sharing chunks with the command line
    // once made the helper load the whole command line, which then ran instead of the helper.
    cliKeychainHelper: {
      consumer: 'server',
      resolve: { noExternal: true },
      build: nodeBundle({
        entry: 'main/cli/keychain/helper.ts',
        outDir: 'dist/cli',
        fileName: 'keychain-helper.cjs',
        minify: true,
        oneFile: true,
      }),
    },
  },
  builder: {},
  test: {
    projects: [
      {
        test: {
          name: 'node',
          root,
          environment: 'node',
          include: [
            'test/unit/**/*.test.ts',
            'test/integration/**/*.test.ts',
            'test/cli/**/*.test.ts',
            'test/faults/**/*.test.ts',
          ],
          // Property tests and real servers on a shared two-core machine need some slack.
          testTimeout: 20_000,
          expect: { poll: WAIT_FOR_CONDITIONS },
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'components',
          root,
          environment: 'jsdom',
          testTimeout: 20_000,
          expect: { poll: WAIT_FOR_CONDITIONS },
          include: ['test/components/**/*.test.tsx'],
          setupFiles: ['test/support/component-setup.ts'],
        },
      },
    ],
  },
}));
