import { broadcast, expect, pane, test } from './fixtures';

test('plural forms, costs with sensible precision, titles that tell sessions apart, fonts with emoji and CJK', async ({
  workspace: page,
}) => {
  // One model: "1 answer", "1 pane".
  for (const name of ['google/gemini-2.0-flash', 'groq/llama-3.1-8b-instant'])
    await page.getByRole('button', { name: `Remove ${name}` }).click();
  const long = 'Compare the tradeoffs of these three database engines for a small analytics team';
  await broadcast(page, `${long}: PostgreSQL`);
  await expect(pane(page, 'litellm', 'gpt-4o-mini')).toHaveAttribute('data-state', 'complete');
  await expect(page.getByTestId('session-totals')).toContainText(/^1 answer · /);
  const sidebar = page.getByRole('navigation', { name: 'Sessions' });
  await expect(sidebar.getByRole('listitem').first()).toContainText('1 pane');

  // Money: at most two significant digits, or "<$0.0001"; the exact amount on hover.
  const cost = pane(page, 'litellm', 'gpt-4o-mini').locator('.meter dd[title]');
  await expect(cost).toHaveText(/^(<\$0\.0001|\$0\.0*[1-9]\d?|\$\d+\.\d\d)$/);
  await expect(cost).toHaveAttribute('title', /^\$\d+\.\d{8}$/);

  // Two sessions whose titles start alike: the list shows enough of each, the full title and
  // the date on hover, and when each was used.
  await page.getByRole('button', { name: 'New session' }).click();
  // Rows tell same-titled sessions apart by their time to the second: start this one in the next.
  await page.waitForTimeout(1_100);
  await broadcast(page, `${long}: SQLite`);
  await expect(pane(page, 'litellm', 'gpt-4o-mini')).toHaveAttribute('data-state', 'complete');
  const rows = sidebar.getByRole('button', { name: /^Compare the tradeoffs/ });
  await expect(rows).toHaveCount(2);
  // Long prompts that start alike get the same title: the rows still read differently (the
  // time to the second, when the minute is the same too), and hovering shows title and date.
  const texts = await rows.allInnerTexts();
  expect(new Set(texts).size).toBe(2);
  await expect(rows.first().locator('.session-meta')).toHaveText(
    /^Today \d\d:\d\d(:\d\d)? · 1 pane$/,
  );
  for (const row of await rows.all())
    await expect(row).toHaveAttribute('title', /^Compare the tradeoffs.*\n.*\d/);
  // Two lines of title are shown before the ellipsis.
  const lines = await rows
    .first()
    .locator('.session-title')
    .evaluate((el) =>
      Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)),
    );
  expect(lines).toBe(2);
  await expect(page.getByRole('heading', { level: 1 })).toHaveAttribute('title', /^Compare/);

  const fonts = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  expect(fonts).toContain('Noto Color Emoji');
  expect(fonts).toContain('Apple Color Emoji');
  expect(fonts).toContain('Noto Sans CJK SC');
  expect(fonts).toContain('PingFang SC');
});
