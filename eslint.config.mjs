// ESLint (flat config): the recommended rules of ESLint and typescript-eslint, for
// real problems only. Formatting is Prettier's (`npm run format`), so no rule here
// is about layout. `npm run lint` runs both.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'out/**', 'node_modules/**', 'bench/**', 'test/e2e/tooling/**', 'test/e2e/fixtures/**', '.vscode-test/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_` marks a parameter or binding kept for its position (a callback's signature, a destructured rest).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Terminal colours (\x1b[...m) are matched on purpose: the CLI's output is tested with and without them.
      'no-control-regex': 'off',
      // YAML indentation in a pattern is written as it looks in the file (`/\n    type: string/`), not counted.
      'no-regex-spaces': 'off',
    },
  },
  {
    // Tests load modules fresh or patch them (the no-network preload) with require().
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Build, bench and test scripts run in Node: its globals are defined there (TypeScript checks the .ts files).
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    rules: { 'no-undef': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
);
