// One lint configuration for the whole repository. Folder rules (see each folder's README.md)
// are enforced here with no-restricted-imports.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'http',
  'https',
  'child_process',
  'stream',
  'url',
  'util',
  'zlib',
];

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'data/', 'datasets/', 'src/web/dist/', 'coverage/', 'test-results/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // The domain is pure: no I/O, no framework, no database, no adapters.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: nodeBuiltins,
              message: 'src/domain is pure: no Node built-ins (see src/domain/README.md).',
            },
            {
              group: ['**/db/**', '**/http/**', '**/cli/**', '**/services/**', '**/web/**', '**/portal/**'],
              message: 'src/domain imports nothing from the adapters or services.',
            },
            {
              group: [
                'fastify',
                'fastify/*',
                '@fastify/*',
                'kysely',
                'better-sqlite3',
                'pg',
                'react',
                'react-dom',
              ],
              message: 'src/domain uses no framework.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'src/domain reads no environment.' }],
    },
  },
  {
    // Services hold the use cases; they never speak HTTP or CLI.
    files: ['src/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/http/**', '**/cli/**', '**/web/**', '**/portal/**', 'fastify', '@fastify/*'],
              message: 'Services are called by adapters, never the reverse.',
            },
          ],
        },
      ],
    },
  },
  {
    // Migrations are frozen in time: they never import application code.
    files: ['src/db/migrations/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['../*', '!./*'], message: 'Migrations import nothing from the application.' }],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/db/**', '**/services/**', '**/cli/**', 'node:*'],
              message: 'The web app talks to the API only.',
            },
            {
              // Built with new Function, which the pages' content security policy refuses.
              group: [
                '**/survey/compiled-check*',
                '**/survey/compiled-scan*',
                '**/classification/compiled-mask*',
              ],
              message:
                'Compiled at run time: the web app validates with parseSurveyRecord and classifies with the rules.',
            },
            {
              // Everything of src/http but its payload schemas (typed imports, below).
              regex: '(^|/)http/(?!schemas/)',
              message: 'The web app talks to the API only.',
            },
          ],
        },
      ],
      // The API payload types come from the server's schemas (decision 0022), as types only:
      // nothing of the server enters the bundle.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/http/schemas/**'],
              allowTypeImports: true,
              message: 'The web app imports the API payload types only (import type).',
            },
          ],
        },
      ],
    },
  },
  {
    // The payload schemas are read by the web app's type checker: they import only the domain.
    files: ['src/http/schemas/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                ...nodeBuiltins,
                '**/db/**',
                '**/services/**',
                '**/cli/**',
                '**/web/**',
                'fastify',
                '@fastify/*',
              ],
              message: 'src/http/schemas imports only the domain (the web app typechecks it).',
            },
          ],
        },
      ],
    },
  },
);
