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
    // The layers under the language server speak no LSP: the CLI uses them too (ARCHITECTURE.md, Code map and Invariants).
    files: ['server/src/io/**/*.ts', 'server/src/workspace/**/*.ts', 'server/src/config/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['vscode', 'vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageserver-protocol', '**/lsp/**', '**/cli/**'],
              message: 'io/, workspace/ and config/ sit under the language server and the CLI: no LSP types, no imports from lsp/ or cli/.',
            },
          ],
        },
      ],
    },
  },
  {
    // The engine is pure: files reach it through the injected loader, never through io/ or the layers above.
    files: ['server/src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'vscode',
                'vscode-languageserver',
                'vscode-languageserver/*',
                'vscode-languageserver-*',
                '**/io/**',
                '**/workspace/**',
                '**/config/**',
                '**/lsp/**',
                '**/cli/**',
              ],
              message: 'The engine never imports vscode or LSP types and does no I/O of its own (ARCHITECTURE.md, Invariants).',
            },
          ],
        },
      ],
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
