// Lint: typescript-eslint's recommended rules plus the type-aware rules that catch real bugs in async code
// (a forgotten await on a query, a promise passed where a callback's result is ignored).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'generated/**', 'test/fixtures-declared/**', 'test/generators/golden/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // Heavy modules (typescript, ts-morph, PGlite, yaml, handlebars) are required where they are first needed,
      // so that `--help` and light commands never load them (test/architecture/startup.test.ts).
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
);
