// Browser config: React hooks rules, and a hard wall against server-only packages.
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

import base, { serverOnlyPackages } from './index.js';

export default [
  ...base,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: serverOnlyPackages.map((name) => ({
            name,
            message:
              'Server-only package: the browser may import only types from @mlb/api and code from @mlb/contracts / @mlb/client.',
          })),
          patterns: [
            {
              group: ['@mlb/api', '@mlb/api/*'],
              allowTypeImports: true,
              message: 'Import only types from @mlb/api (import type { AppRouter }).',
            },
          ],
        },
      ],
    },
  },
];
