import { broadcast, chooseModels, expect, pane, test, THREE } from './fixtures';

/** The three fake-backed models eight times over: the 24 panes a broadcast may have. */
const TWENTY_FOUR = Array.from({ length: 8 }, () => THREE).flat();

test('a broadcast to 24 models fills 24 panes, in columns the user chooses and that are remembered', async ({
  workspace: page,
}) => {
  await chooseModels(page, TWENTY_FOUR);
  await expect(page.getByRole('button', { name: /^Models/ })).toHaveText('Models (24)');
  // The picker says it is full rather than silently ignoring a 25th model.
  await page.getByRole('button', { name: /^Models/ }).click();
  await expect(page.getByTestId('picker-full')).toContainText('24 models chosen');
  await page.keyboard.press('Escape');

  await broadcast(page, 'Twenty-four');
  const panes = page.locator('.pane');
  await expect(panes).toHaveCount(24);
  await expect(page.locator('.pane[data-state="complete"]')).toHaveCount(24);
  for (const m of THREE)
    await expect(pane(page, m.providerId, m.modelId).getByTestId('pane-answer')).toHaveText(
      Array(8).fill(`${m.modelId} answers: Twenty-four`),
    );

  const grid = page.locator('.grid');
  const columns = () =>
    grid.evaluate((el) => getComputedStyle(el).gridTemplateColumns.split(' ').length);
  const columnControl = page.getByLabel('Columns');
  await expect(columnControl).toHaveValue('auto');
  // Auto: as many 320 px columns as the width allows (1440 px wide, less the sidebar).
  expect(await columns()).toBe(3);

  // From the keyboard: the control is a plain select.
  await columnControl.focus();
  await columnControl.selectOption('6');
  await expect.poll(columns).toBe(6);
  const first = await panes.nth(0).boundingBox();
  const sixth = await panes.nth(5).boundingBox();
  expect(sixth!.y, 'six panes in the first row').toBe(first!.y);
  expect((await panes.nth(6).boundingBox())!.y).toBeGreaterThan(first!.y);

  await page.reload();
  await expect(page.getByLabel('Columns')).toHaveValue('6');
  await expect.poll(columns).toBe(6);
  await page.getByLabel('Columns').selectOption('auto');
  await expect.poll(columns).toBe(3);
});

test('a pane is maximized and collapsed from the keyboard, and Esc restores the grid', async ({
  workspace: page,
}) => {
  await chooseModels(page, TWENTY_FOUR);
  await broadcast(page, 'Layout');
  await expect(page.locator('.pane[data-state="complete"]')).toHaveCount(24);
  const gemini = pane(page, 'google', 'gemini-2.0-flash').first();
  const grid = page.locator('.grid');

  // Maximize: Enter on the pane's own button; the pane fills the grid, the others are hidden.
  const maximize = gemini.getByRole('button', { name: 'Maximize google / gemini-2.0-flash' });
  await maximize.focus();
  await page.keyboard.press('Enter');
  const restore = gemini.getByRole('button', { name: 'Restore google / gemini-2.0-flash' });
  await expect(restore).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.pane:visible')).toHaveCount(1);
  const area = (await grid.boundingBox())!;
  const big = (await gemini.boundingBox())!;
  expect(big.width).toBeGreaterThan(area.width - 20);
  expect(big.height).toBeGreaterThan(area.height - 20);
  await expect(gemini.getByTestId('pane-answer')).toHaveText('gemini-2.0-flash answers: Layout');

  // Esc restores the grid; focus stays on the pane's button.
  await page.keyboard.press('Escape');
  await expect(page.locator('.pane:visible')).toHaveCount(24);
  await expect(maximize).toBeFocused();
  // The button restores too.
  await page.keyboard.press('Space');
  await expect(page.locator('.pane:visible')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.locator('.pane:visible')).toHaveCount(24);

  // Collapse: the header stays (with its buttons), the answer, meter and actions go.
  const collapse = gemini.getByRole('button', { name: 'Collapse google / gemini-2.0-flash' });
  await collapse.focus();
  await page.keyboard.press('Enter');
  const expand = gemini.getByRole('button', { name: 'Expand google / gemini-2.0-flash' });
  await expect(expand).toHaveAttribute('aria-expanded', 'false');
  await expect(gemini.getByTestId('pane-answer')).toBeHidden();
  await expect(gemini.getByTestId('pane-meter')).toBeHidden();
  await expect(gemini.getByText('gemini-2.0-flash', { exact: true })).toBeVisible();
  expect((await gemini.boundingBox())!.height).toBeLessThan(60);
  await expect(expand).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(gemini.getByTestId('pane-answer')).toHaveText('gemini-2.0-flash answers: Layout');
});
