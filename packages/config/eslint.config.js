export { default } from '@mlb/eslint-config';
