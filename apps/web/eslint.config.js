export { default } from '@mlb/eslint-config/react';
