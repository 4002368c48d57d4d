// ESLint with typescript-eslint's type-aware rules and the React hooks rules. It lives in
// .config/ because the repository's top level is fixed; `npm run lint` points ESLint here.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig } from 'eslint/config';
import { builtinModules } from 'node:module';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** `no-restricted-imports` options refusing Node's modules and these packages (with subpaths). */
function refuseNodeAnd(packages, message) {
  // Subpaths (fs/promises, react-dom/client) are covered by their package's name.
  const topLevel = [...packages, ...builtinModules].filter((name) => !name.includes('/'));
  const names = topLevel.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return ['error', { patterns: [{ regex: `^(node:|(${names.join('|')})(/|$))`, message }] }];
}

/**
 * What a layer may not import. The tsconfigs already make the DOM in app/ and Node's types
 * outside main/ a compile error, but Electron, React and keytar bring their own types (and
 * Electron's bring Node's), so only a rule can keep them out. test/unit/layering.test.ts checks it.
 */
export const LAYERS = [
  {
    files: ['app/**/*.ts'],
    rules: {
      'no-restricted-imports': refuseNodeAnd(
        ['electron', 'keytar', 'react', 'react-dom'],
        'app/ is the process-neutral core: no Electron, Node, React or keytar (README, How it is built).',
      ),
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': refuseNodeAnd(
        ['electron', 'keytar'],
        'The renderer is a sandboxed web page: no Electron, Node or keytar; it asks the main process through the preload API.',
      ),
    },
  },
];

export default defineConfig([
  { basePath: '..' },
  {
    ignores: [
      '.tsbuild/**',
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['.config/*.js', 'test/support/*.mjs', 'test/lint/*.mjs'],
          // The scripts tests load into Node (--import) and the config files: more than the default 8.
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 16,
        },
        tsconfigRootDir: new URL('..', import.meta.url).pathname,
      },
    },
  },
  {
    files: ['renderer/**/*.tsx', 'renderer/**/*.ts'],
    ...reactHooks.configs.flat.recommended,
    languageOptions: { globals: globals.browser },
  },
  {
    rules: {
      // Handlers are async by contract even when one has nothing to await.
      '@typescript-eslint/require-await': 'off',
      // Leaving a value out of a copy is spelled `{ dropped: _dropped, ...rest }`.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { ignoreRestSiblings: true, varsIgnorePattern: '^_', argsIgnorePattern: '^_' },
      ],
    },
  },
  ...LAYERS,
  {
    files: ['**/*.js', '**/*.mjs', '.config/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: globals.node },
  },
  {
    // Test doubles loaded with --require (CommonJS, as Electron's main process loads modules).
    files: ['**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: globals.node,
      sourceType: 'commonjs',
    },
    rules: { ...tseslint.configs.disableTypeChecked.rules, '@typescript-eslint/no-require-imports': 'off' },
  },
]);
