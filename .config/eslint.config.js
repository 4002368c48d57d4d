// ESLint with typescript-eslint's type-aware rules and the React hooks rules. It lives in
// .config/ because the repository's top level is fixed; `npm run lint` points ESLint here.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
        projectService: { allowDefaultProject: ['.config/*.js', 'test/support/*.mjs', 'test/lint/*.mjs'] },
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
  {
    files: ['**/*.js', '**/*.mjs', '.config/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: globals.node },
  },
]);
