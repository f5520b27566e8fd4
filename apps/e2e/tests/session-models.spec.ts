import type { Page } from '@playwright/test';

import { broadcast, expect, fakeRequests, fakeUrl, pane, test, THREE } from './fixtures';

const chips = (page: Page) =>
  page.getByRole('group', { name: 'Models to ask' }).getByRole('listitem');

test('an older session shows its own models, and a follow-up goes to its panes', async ({
  workspace: page,
}) => {
  await broadcast(page, 'First question');
  for (const m of THREE)
    await expect(pane(page, m.providerId, m.modelId)).toHaveAttribute('data-state', 'complete');
  const first = page.url();

  // A second session with two of the three models: the picker of a new session changes.
  await page.getByRole('button', { name: 'New session' }).click();
  await page.getByRole('button', { name: 'Remove groq/llama-3.1-8b-instant' }).click();
  await expect(chips(page)).toHaveCount(2);
  await broadcast(page, 'Second session');
  await expect(page.locator('.pane')).toHaveCount(2);

  // Back in the first session, the picker shows that session's three panes…
  await page
    .getByRole('navigation', { name: 'Sessions' })
    .getByRole('button', { name: /^First question/ })
    .click();
  await expect(page).toHaveURL(first);
  await expect(chips(page).locator('.chip-name')).toHaveText(
    THREE.map((m) => `${m.providerId}/${m.modelId}`),
  );
  // …and the follow-up continues each of them: no pane added, none skipped.
  await broadcast(page, 'Follow up');
  await expect(page.locator('.pane')).toHaveCount(3);
  for (const m of THREE) {
    const p = pane(page, m.providerId, m.modelId);
    await expect(p.getByTestId('pane-answer')).toHaveText(`${m.modelId} answers: Follow up`);
  }
  const history = (await fakeRequests(fakeUrl('groq')))
    .filter((r) => r.path.endsWith('/chat/completions'))
    .at(-1)?.body as { messages: { role: string; content: string }[] };
  expect(history.messages.map((m) => m.content)).toEqual([
    'First question',
    'llama-3.1-8b-instant answers: First question',
    'Follow up',
  ]);
});

test('leaving a pane out or adding a model for the next turn is explicit', async ({
  workspace: page,
}) => {
  await broadcast(page, 'Start here');
  const groq = pane(page, 'groq', 'llama-3.1-8b-instant');
  await expect(groq).toHaveAttribute('data-state', 'complete');
  await expect(pane(page, 'litellm', 'gpt-4o-mini')).toHaveAttribute('data-state', 'complete');

  await page.getByRole('button', { name: 'Skip groq/llama-3.1-8b-instant next turn' }).click();
  const skipped = chips(page).filter({ hasText: 'groq/llama-3.1-8b-instant' });
  await expect(skipped).toContainText('left out');
  await page.getByRole('button', { name: /^Models \(2 of 3\)/ }).click();
  await page
    .getByRole('dialog', { name: 'Choose models' })
    .getByRole('checkbox', { name: /^Demo fast/ })
    .check();
  await page.keyboard.press('Escape');
  await expect(chips(page).filter({ hasText: 'demo/demo-fast' })).toContainText('new pane');

  await broadcast(page, 'Next turn');
  await expect(pane(page, 'demo', 'demo-fast')).toHaveAttribute('data-state', 'complete');
  await expect(page.locator('.pane')).toHaveCount(4);
  await expect(pane(page, 'google', 'gemini-2.0-flash').getByTestId('pane-answer')).toHaveText(
    'gemini-2.0-flash answers: Next turn',
  );
  // The left-out pane kept its earlier answer; the added model now has its pane.
  await expect(groq.getByTestId('pane-answer')).toHaveText(
    'llama-3.1-8b-instant answers: Start here',
  );
  await expect(chips(page).filter({ hasText: 'demo/demo-fast' })).not.toContainText('new pane');

  // Bring it back: the next turn goes to all four.
  await page.getByRole('button', { name: 'Ask groq/llama-3.1-8b-instant again next turn' }).click();
  await expect(page.getByRole('button', { name: /^Models \(4\)/ })).toBeVisible();
  await broadcast(page, 'All of you');
  await expect(groq.getByTestId('pane-answer')).toHaveText(
    'llama-3.1-8b-instant answers: All of you',
  );
  await expect(page.locator('.pane')).toHaveCount(4);
});
