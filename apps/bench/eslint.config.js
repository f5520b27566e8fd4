import config from '@mlb/eslint-config';

export default [
  ...config,
  {
    // The benchmark is a command-line program: its tables on the terminal are its output.
    files: ['src/**'],
    rules: { 'no-console': 'off' },
  },
];
