import type { Page } from '@playwright/test';

import { broadcast, expect, pane, test } from './fixtures';
import { readmeScreenshot } from './screenshots';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

/** Whether the page itself scrolls sideways (it must not: wide parts scroll inside themselves). */
const pageOverflows = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

test('on a phone: sessions in a drawer, the title visible, compare scrolls inside itself', async ({
  workspace: page,
}) => {
  await broadcast(page, 'Phones are narrow');
  await expect(pane(page, 'litellm', 'gpt-4o-mini')).toHaveAttribute('data-state', 'complete');
  const title = page.getByRole('heading', { level: 1 });
  await expect(title).toHaveText('Phones are narrow');
  await expect(title).toBeInViewport({ ratio: 1 });
  expect(await pageOverflows(page)).toBe(false);

  // The sessions list, new session and search are one tap away.
  await expect(page.getByRole('navigation', { name: 'Sessions' })).toBeHidden();
  await page.getByRole('button', { name: 'Sessions' }).click();
  const drawer = page.getByRole('dialog', { name: 'Sessions' });
  await expect(drawer.getByRole('button', { name: 'New session' })).toBeInViewport();
  await expect(drawer.getByLabel('Search sessions')).toBeInViewport();
  await drawer.getByRole('button', { name: 'New session' }).click();
  await expect(drawer).toBeHidden();
  await expect(page).toHaveURL(/\/$/);
  await page.getByRole('button', { name: 'Sessions' }).click();
  await drawer.getByLabel('Search sessions').fill('narrow');
  await drawer.getByRole('button', { name: /^Phones are narrow/ }).click();
  await expect(drawer).toBeHidden();
  await expect(title).toHaveText('Phones are narrow');

  // The comparison table is wider than the phone: it scrolls inside itself, not the page.
  await page.getByRole('button', { name: 'Compare' }).click();
  const table = page.getByRole('region', { name: 'Latest answers compared' });
  await expect(table).toBeVisible();
  const fits = await table.evaluate((el) => el.scrollWidth <= el.clientWidth);
  const scrollsInside = await table.evaluate((el) => {
    el.scrollLeft = 40;
    const moved = el.scrollLeft > 0;
    el.scrollLeft = 0;
    return moved;
  });
  expect(fits || scrollsInside).toBe(true);
  expect(await pageOverflows(page)).toBe(false);
  await expect(title).toBeInViewport({ ratio: 1 });
  await readmeScreenshot(page, 'phone.png');
});
