import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import liveroute from './tools/eslint-plugin-liveroute.js';
import { PURE_LAYERS } from './tools/layers.js';

const pureFiles = PURE_LAYERS.map((l) => `src/${l}/**/*.ts`);

export default tseslint.config(
  { ignores: ['dist/**', 'dist-*/**', '.tmp/**', 'node_modules/**', 'test-results*/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js}'],
    plugins: { liveroute },
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'liveroute/layers': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.tsx', 'src/ui/**/*.ts', 'src/store/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // The pure core: no clock, randomness, timers, DOM or storage (DESIGN §3). Tests and their
    // support files (test-*.ts, never imported by the app) may use them.
    files: pureFiles,
    ignores: ['**/*.test.ts', '**/test-*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'navigator',
          'localStorage',
          'sessionStorage',
          'fetch',
          'setTimeout',
          'setInterval',
          'requestAnimationFrame',
          'performance',
          'process',
          'crypto',
        ].map((name) => ({
          name,
          message: 'the pure core reads no clock, random source, DOM, storage or environment (DESIGN §3)',
        })),
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='Math'][property.name='random']",
          message: 'no randomness in the pure core: take a seed as input',
        },
        { selector: "NewExpression[callee.name='Date']", message: 'no clock in the pure core: take time as input' },
        {
          selector: "MemberExpression[object.name='Date'][property.name='now']",
          message: 'no clock in the pure core: take time as input',
        },
      ],
    },
  },
);
