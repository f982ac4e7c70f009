// Lint keeps the import directions of the README's architecture section, bans raw ipcRenderer outside the preload, and
// keeps window.seatwise behind renderer/src/api.ts.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const layer = (patterns, message) => patterns.map((group) => ({ group: [group], message }));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', importNames: ['ipcRenderer'], message: 'Only preload/ may touch ipcRenderer: use the typed API in renderer/src/api.ts.' }] },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'tests/unit/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer never imports electron: everything goes through renderer/src/api.ts.' }],
          patterns: layer(['**/main/**', '**/connectors/**', 'node:*'], 'The renderer imports only types from preload/: everything else goes through renderer/src/api.ts.'),
        },
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        // One exception: the connection-option check, free of zod, that the playbook runs as main does.
        { patterns: [{ regex: '(^|/)preload/(?!contract/connection-option-check\\.js$)', allowTypeImports: true, message: 'The renderer may import only types from preload/.' }] },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/src/api.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='window'][property.name='seatwise']", message: 'Only renderer/src/api.ts touches window.seatwise.' },
      ],
    },
  },
  {
    files: ['preload/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: layer(['**/main/**', '**/renderer/**', '**/connectors/**'], 'preload/ imports only preload/contract.ts.') },
      ],
    },
  },
  {
    files: ['connectors/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Connectors run anywhere: no Electron.' }],
          patterns: layer(['**/main/**', '**/preload/**', '**/renderer/**'], 'connectors/ imports nothing from main, preload or renderer.'),
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', importNames: ['ipcRenderer'], message: 'Only preload/ may touch ipcRenderer.' }],
          patterns: layer(['**/renderer/**'], 'main/ never imports the renderer.'),
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only main/electron/ imports electron: the services run without it (CLI, browser host).' }],
          patterns: layer(['**/renderer/**'], 'main/ never imports the renderer.'),
        },
      ],
    },
  },
);
