// Lint, including the layer rule of the product (see README "Architecture"): each folder may import
// only what its layer allows. The per-folder tsconfigs enforce the same from the compiler's side.
import js from '@eslint/js';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronAndVue = [
  { name: 'electron', message: 'This layer must not know Electron.' },
  { name: 'vue', message: 'This layer must not know Vue.' },
  { name: 'pinia', message: 'This layer must not know Vue.' },
  { name: 'vue-router', message: 'This layer must not know Vue.' },
  { name: 'vue-i18n', message: 'This layer must not know Vue.' },
];
const rendererPatterns = [{ group: ['**/renderer/**'], message: 'Only the renderer imports renderer code.' }];

/** Builds a no-restricted-imports rule from forbidden module names and path patterns. */
const restrict = (paths, patterns = []) => ['error', { paths, patterns }];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'tests/artifacts/**', '.kiosk-data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  // contract: zod only.
  {
    files: ['electron/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(electronAndVue, [
        ...rendererPatterns,
        { group: ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process'], message: 'The contract is pure: no Node APIs.' },
        { group: ['**/services/**', '**/host/**', '**/main/**', '**/preload/**', '**/hardware/**'], message: 'The contract depends on nothing but zod.' },
      ]),
    },
  },
  // hardware: node and serial libraries; nothing of the app.
  {
    files: ['hardware/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(electronAndVue, [
        ...rendererPatterns,
        { group: ['**/electron/**'], message: 'hardware/ knows nothing of the contract, services or Electron.' },
      ]),
    },
  },
  // services and the Node host: never 'electron' (the browser host runs in plain Node).
  {
    files: ['electron/services/**/*.ts', 'electron/host/**/*.ts', 'platform-sim/**/*.ts', 'operator/**/*.ts', 'content/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(electronAndVue, [
        ...rendererPatterns,
        { group: ['**/main/**', '**/preload/**'], message: 'Services do not depend on the Electron shell.' },
      ]),
    },
  },
  // renderer: browser code; reaches the outside only through src/bridge and the contract's schemas.
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.vue'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': restrict(
        [{ name: 'electron', message: 'The renderer reaches the outside only through its bridge.' }],
        [
          { group: ['node:*', 'fs', 'path', 'child_process', 'better-sqlite3', 'serialport'], message: 'No Node in the renderer.' },
          { group: ['**/electron/services/**', '**/electron/host/**', '**/electron/main/**', '**/electron/preload/**', '**/hardware/**'], message: 'Only the contract may be imported from outside the renderer.' },
        ],
      ),
    },
  },
  // preload: contract channel names and electron's renderer-side modules only.
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([], [
        { group: ['node:*', 'fs', 'path', 'child_process'], message: 'The sandboxed preload has no Node.' },
        { group: ['**/services/**', '**/host/**', '**/main/**', '**/hardware/**'], message: 'The preload exposes only the contract.' },
      ]),
    },
  },
  {
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
