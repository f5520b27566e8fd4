import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Page } from '@playwright/test';

const committed = resolve(dirname(fileURLToPath(import.meta.url)), '../screenshots');

/**
 * Takes a screenshot for the README: into apps/e2e/screenshots/ when UPDATE_SCREENSHOTS=1 (then
 * commit it), else into test-results/ so an ordinary run leaves the work tree unchanged.
 */
export async function readmeScreenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? committed : 'test-results/screenshots';
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, name), scale: 'css', animations: 'disabled' });
}
