import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// `pnpm --filter @mlb/e2e fps`: prints the frame rate while six panes stream (a measurement, not a pass/fail gate).
export default defineConfig({ ...base, testDir: './perf', testMatch: '*.perf.ts', reporter: [['list']] });
