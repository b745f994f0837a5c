// Lint rules, including the layering: src/ is host-neutral, renderer/ is browser-only, only main/ touches electron.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert',
  'buffer',
  'child_process',
  'crypto',
  'events',
  'fs',
  'fs/promises',
  'http',
  'https',
  'net',
  'os',
  'path',
  'process',
  'stream',
  'url',
  'util',
  'worker_threads',
  'zlib',
];
const UI_PACKAGES = [
  'react',
  'react/*',
  'react-dom',
  'react-dom/*',
  'zustand',
  'zustand/*',
  'i18next',
  'react-i18next',
];
const NODE_ONLY_SRC = ['store', 'sync', 'connectors', 'core', 'web', 'cli', 'platform', 'alerts', 'control'];

const electronBan = {
  group: ['electron', 'electron/*', 'electron-store'],
  message: 'Only main/ may import electron: keep logic in src/ so it runs and is tested under plain Node.',
};
const uiBan = { group: UI_PACKAGES, message: 'src/ is host-neutral: UI code belongs in renderer/.' };
const nodeBan = {
  group: ['node:*', ...NODE_BUILTINS, 'better-sqlite3', 'ws', 'node-notifier'],
  message: 'This code runs in the browser (renderer or pure src/): no Node modules here.',
};
const nodeOnlySrcBan = {
  group: NODE_ONLY_SRC.map((folder) => `**/src/${folder}/**`),
  message:
    'The renderer talks to the core only through the API (src/api): Node-only src/ folders are off limits.',
};
const DOM_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'HTMLElement'].map(
  (name) => ({ name, message: 'src/ has no DOM: UI code belongs in renderer/.' }),
);

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'test/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': ['error', { patterns: [electronBan, uiBan] }],
      'no-restricted-globals': ['error', ...DOM_GLOBALS],
    },
  },
  {
    files: [
      'src/api/**/*.ts',
      'src/domain/**/*.ts',
      'src/sla/**/*.ts',
      'src/rotation/**/*.ts',
      'src/escalation/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': ['error', { patterns: [electronBan, uiBan, nodeBan, nodeOnlySrcBan] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': ['error', { patterns: [electronBan, nodeBan, nodeOnlySrcBan] }],
    },
  },
  {
    files: ['main/**/*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['main/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeBan,
            nodeOnlySrcBan,
            uiBan,
            {
              regex: '^\\.\\./(?!\\.\\./src/api(/|$))',
              message: 'The preload sees only electron, src/api and its own folder.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{js,mjs,ts}', 'bin/**/*.js', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
