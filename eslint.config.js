// ESLint: typescript-eslint's recommended rules, with the Svelte and Astro plugins. Formatting is
// Prettier's job; layering is dependency-cruiser's (.dependency-cruiser.cjs).
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      '.astro/',
      'data/',
      'node_modules/',
      'db/migrations/',
      'test-results/',
      'playwright-report/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  ...astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser, astroHTML: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Logging goes through src/lib/server/log.ts, which never writes personal data.
      'no-console': 'error',
      // It flags every Map/Set, including temporaries inside functions and $derived blocks that are
      // never mutated after being read; reactive state here is declared with $state explicitly.
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    // Command-line scripts, benchmarks and tests print to the terminal on purpose.
    files: ['scripts/**', 'bench/**', 'tests/**', '*.config.*', 'src/demo/**'],
    rules: { 'no-console': 'off' },
  },
);
