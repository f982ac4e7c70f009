// Lint keeps the import directions of the README's architecture section, bans raw ipcRenderer outside the preload, and
// keeps window.seatwise behind renderer/src/api.ts.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const layer = (patterns, message) => patterns.map((group) => ({ group: [group], message }));

// Simulators, seeds and the simulator kit are fakes: product code never imports them.
const FAKES = ['**/simulator/**', '**/simulator-kit/**'];
const NO_ELECTRON_IN_CONNECTORS = { name: 'electron', message: 'Connectors run anywhere: no Electron.' };
const CONNECTOR_LAYERS = layer(['**/main/**', '**/preload/**', '**/renderer/**'], 'connectors/ imports nothing from main, preload or renderer.');
const NO_ELECTRON = { name: 'electron', message: 'Only main/electron/ imports electron: the services run without it (CLI, browser host).' };
const NO_IPC_RENDERER = { name: 'electron', importNames: ['ipcRenderer'], message: 'Only preload/ may touch ipcRenderer.' };
const NO_RENDERER = layer(['**/renderer/**'], 'main/ never imports the renderer.');
const NO_FAKES_IN_MAIN = layer(FAKES, 'Simulators are fakes: in main/ only main/demo/ and the simulators command may start them.');
const NO_HANDLERS = layer(['**/rpc/handlers/**'], 'RPC handlers are wired by main/app.ts and reached through dispatch: call the services instead.');
// One way only: sync uses reclamation's records, default rules and recompute; reclamation needs nothing of sync but the
// connector opener that lives in sync/ and is shared with profiles/.
const SYNC_TO_RECLAMATION = [
  {
    group: ['**/reclamation/**', '!**/reclamation/types.js', '!**/reclamation/rules.js', '!**/reclamation/recompute.js'],
    message: "main/sync/ takes only reclamation's types, rules and recompute: the rest of reclamation builds on sync.",
  },
];
const RECLAMATION_TO_SYNC = [
  { group: ['**/sync/**', '!**/sync/connection.js'], message: "main/reclamation/ builds on sync's results, not its code: only the shared sync/connection.ts opener." },
];
// A later config object replaces no-restricted-imports for its files, so each group below lists every fence it keeps.
const restrict = (paths, ...patterns) => ({ 'no-restricted-imports': ['error', { paths, patterns: patterns.flat() }] });

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
    rules: restrict([NO_ELECTRON_IN_CONNECTORS], CONNECTOR_LAYERS, layer(FAKES, 'Connectors ship in the product: only simulator/ folders may use simulators or the kit.')),
  },
  {
    files: ['connectors/**/simulator/**/*.ts', 'connectors/simulator-kit/**/*.ts'],
    rules: restrict([NO_ELECTRON_IN_CONNECTORS], CONNECTOR_LAYERS),
  },
  { files: ['main/**/*.ts'], rules: restrict([NO_ELECTRON], NO_RENDERER, NO_FAKES_IN_MAIN, NO_HANDLERS) },
  // The entry points that build the app (and so its RPC handlers).
  { files: ['main/app.ts', 'main/host/**/*.ts', 'main/cli/**/*.ts'], rules: restrict([NO_ELECTRON], NO_RENDERER, NO_FAKES_IN_MAIN) },
  { files: ['main/electron/**/*.ts'], rules: restrict([NO_IPC_RENDERER], NO_RENDERER, NO_FAKES_IN_MAIN) },
  // The demo organisation and `seatwise simulators` start the simulators; everything else reaches them through main/demo/.
  { files: ['main/demo/**/*.ts'], rules: restrict([NO_ELECTRON], NO_RENDERER, NO_HANDLERS) },
  { files: ['main/cli/commands/simulators.ts'], rules: restrict([NO_ELECTRON], NO_RENDERER) },
  { files: ['main/sync/**/*.ts'], rules: restrict([NO_ELECTRON], NO_RENDERER, NO_FAKES_IN_MAIN, NO_HANDLERS, SYNC_TO_RECLAMATION) },
  { files: ['main/reclamation/**/*.ts'], rules: restrict([NO_ELECTRON], NO_RENDERER, NO_FAKES_IN_MAIN, NO_HANDLERS, RECLAMATION_TO_SYNC) },
);
