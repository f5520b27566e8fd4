import type { Page } from '@playwright/test';

import { broadcast, expect, pane, scenario, test, THREE } from './fixtures';
import { readmeScreenshot } from './screenshots';

/** Output tokens the fakes report per model: gpt-4o-mini is the most concise. */
const OUTPUT = { 'gpt-4o-mini': 12, 'gemini-2.0-flash': 30, 'llama-3.1-8b-instant': 20 };
const TEXT = {
  'gpt-4o-mini': 'The quick brown fox jumps over the lazy dog.',
  'gemini-2.0-flash': 'The quick red fox leaps over the lazy dog.',
} as const;

async function answeredTwoTurns(page: Page): Promise<void> {
  await broadcast(page, 'First question');
  for (const m of THREE)
    await expect(pane(page, m.providerId, m.modelId)).toHaveAttribute('data-state', 'complete');
  for (const m of THREE)
    await scenario(m.providerId as 'litellm' | 'google' | 'groq', m.modelId, {
      ...(m.modelId in TEXT ? { text: TEXT[m.modelId as keyof typeof TEXT] } : {}),
      usage: { input: 8, output: OUTPUT[m.modelId as keyof typeof OUTPUT] },
      // Paced, so each answer has a speed (tokens/s needs two measurements apart).
      tokenDelayMs: 15,
    });
  await broadcast(page, 'Tell me about foxes');
  for (const m of THREE)
    await expect(pane(page, m.providerId, m.modelId)).toHaveAttribute('data-state', 'complete');
}

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('the compare view shows the answers side by side, sorts, marks the best, diffs and copies', async ({
  workspace: page,
}) => {
  await answeredTwoTurns(page);
  await page.getByRole('button', { name: 'Compare' }).click();
  const view = page.getByRole('region', { name: 'Compare answers' });
  await expect(view).toBeVisible();

  // The latest turn's answers in full, with their status.
  const answer = (modelId: string, providerId: string) =>
    view.getByRole('article', { name: `Answer of ${providerId} / ${modelId}` });
  await expect(answer('gpt-4o-mini', 'litellm')).toContainText(TEXT['gpt-4o-mini']);
  await expect(answer('gemini-2.0-flash', 'google')).toContainText(TEXT['gemini-2.0-flash']);
  await expect(answer('llama-3.1-8b-instant', 'groq')).toContainText(
    'llama-3.1-8b-instant answers: Tell me about foxes',
  );
  for (const m of THREE) await expect(answer(m.modelId, m.providerId)).toContainText('complete');
  await expect(view.getByText('Prompt 2:')).toBeVisible();

  // The metrics table: the fewest output tokens is marked best, and sorting orders the rows.
  const table = view.getByRole('region', { name: 'Latest answers compared' });
  const outputCell = (name: string) =>
    table.getByRole('row', { name: new RegExp(name) }).locator('td[data-metric="outputTokens"]');
  await expect(outputCell('gpt-4o-mini')).toHaveText('12 ★ (best)');
  await expect(outputCell('gpt-4o-mini')).toHaveAttribute('data-best', 'true');
  await expect(outputCell('gemini-2.0-flash')).toHaveText('30');
  await expect(outputCell('gemini-2.0-flash')).not.toHaveAttribute('data-best');
  const rowNames = table.locator('tbody th');
  await expect(rowNames).toHaveText([
    'litellm / gpt-4o-mini',
    'google / gemini-2.0-flash',
    'groq / llama-3.1-8b-instant',
  ]);
  const sortOutput = table.getByRole('button', { name: /Output tokens/ });
  await sortOutput.click();
  await expect(table.getByRole('columnheader', { name: /Output tokens/ })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  await expect(rowNames).toHaveText([
    'litellm / gpt-4o-mini',
    'groq / llama-3.1-8b-instant',
    'google / gemini-2.0-flash',
  ]);
  await sortOutput.click();
  await expect(table.getByRole('columnheader', { name: /Output tokens/ })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await expect(rowNames).toHaveText([
    'google / gemini-2.0-flash',
    'groq / llama-3.1-8b-instant',
    'litellm / gpt-4o-mini',
  ]);
  // The answers follow the table's order.
  await expect(view.getByRole('article')).toHaveCount(3);
  await expect(view.getByRole('article').first()).toHaveAccessibleName(
    'Answer of google / gemini-2.0-flash',
  );
  // Every metric column carries at least one best value from the API.
  for (const metric of ['cost', 'ttftMs', 'tokensPerSecond', 'latencyMs', 'outputTokens'])
    expect(await table.locator(`td[data-metric="${metric}"][data-best]`).count()).toBeGreaterThan(
      0,
    );

  // A word diff between two answers shows what differs, in words a screen reader reads too.
  const diff = view.getByRole('region', { name: 'Word diff' });
  await diff.getByLabel('Answer A').selectOption({ label: 'litellm / gpt-4o-mini' });
  await diff.getByLabel('Answer B').selectOption({ label: 'google / gemini-2.0-flash' });
  await expect(diff.locator('del')).toHaveText([/brown/, /jumps/]);
  await expect(diff.locator('ins')).toHaveText([/red/, /leaps/]);
  await expect(diff.getByTestId('word-diff')).toContainText('[only in A: brown]');
  await expect(diff.getByTestId('word-diff-summary')).toHaveText(
    '2 words only in A (struck through), 2 words only in B (underlined).',
  );

  // Copy as Markdown table: the turn's table on the clipboard, best values in bold.
  await view.getByRole('button', { name: 'Copy as Markdown table' }).click();
  await expect(view.getByRole('status')).toHaveText('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const lines = copied.split('\n');
  expect(lines[0]).toBe('| Model | Status | Cost | TTFT | Tokens/s | Latency | Output tokens |');
  expect(lines[1]).toBe('| --- | --- | --- | --- | --- | --- | --- |');
  expect(lines).toHaveLength(5);
  expect(lines[2]).toMatch(/^\| litellm \/ gpt-4o-mini \| complete \| .* \| \*\*12\*\* \|$/);
  expect(lines[3]).toMatch(/^\| google \/ gemini-2.0-flash \| complete \| .* \| 30 \|$/);
  expect(lines[4]).toMatch(/^\| groq \/ llama-3.1-8b-instant \| complete \| .* \| 20 \|$/);

  // An earlier turn: its own answers.
  await view.getByLabel('Turn').selectOption({ index: 0 });
  await expect(answer('gpt-4o-mini', 'litellm')).toContainText(
    'gpt-4o-mini answers: First question',
  );
  await expect(view.getByRole('region', { name: 'Answers to prompt 1 compared' })).toBeVisible();
});

test('the compare view follows answers as they finish', async ({ workspace: page }) => {
  await broadcast(page, 'Warm up');
  for (const m of THREE)
    await expect(pane(page, m.providerId, m.modelId)).toHaveAttribute('data-state', 'complete');
  await page.getByRole('button', { name: 'Compare' }).click();
  const view = page.getByRole('region', { name: 'Compare answers' });
  await expect(view.getByText('Prompt 1:')).toBeVisible();
  await scenario('groq', 'llama-3.1-8b-instant', {
    text: 'Slow and steady wins the race, one word at a time.',
    chunkSize: 2,
    tokenDelayMs: 60,
  });
  await broadcast(page, 'Who wins?');
  const slow = view.getByRole('article', { name: 'Answer of groq / llama-3.1-8b-instant' });
  await expect(slow).toContainText('streaming');
  await expect(slow).toContainText('Slow and steady wins the race, one word at a time.');
  await expect(slow).toContainText('complete');
  await expect(view.getByText('Prompt 2:')).toBeVisible();
  const row = view
    .getByRole('region', { name: 'Latest answers compared' })
    .getByRole('row', { name: /llama/ });
  await expect(row.locator('td[data-metric="latencyMs"]')).toHaveText(/\d+ ms|\d\.\d\d s/);
});

test('the compare view as the README shows it', async ({ workspace: page }) => {
  await page.evaluate(() => localStorage.setItem('broadcast.theme', 'dark'));
  await page.reload();
  await answeredTwoTurns(page);
  await page.getByRole('button', { name: 'Compare' }).click();
  const view = page.getByRole('region', { name: 'Compare answers' });
  await view.getByRole('button', { name: /Cost/ }).click();
  const diff = view.getByRole('region', { name: 'Word diff' });
  await diff.getByLabel('Answer A').selectOption({ label: 'litellm / gpt-4o-mini' });
  await diff.getByLabel('Answer B').selectOption({ label: 'google / gemini-2.0-flash' });
  await expect(diff.locator('ins')).toHaveCount(2);
  await page.getByLabel('Prompt').blur();
  await readmeScreenshot(page, 'compare.png');
});
