import type { Page } from '@playwright/test';

import { broadcast, expect, pane, test, THREE } from './fixtures';

/** Votes go with their sessions: deleting every session starts the leaderboard from nothing. */
async function deleteAllSessions(page: Page): Promise<void> {
  const origin = new URL(page.url()).origin;
  for (;;) {
    const list = await page.request.get(
      `/trpc/sessions.list?input=${encodeURIComponent(JSON.stringify({ limit: 50 }))}`,
    );
    expect(list.ok()).toBe(true);
    const items = ((await list.json()) as { result: { data: { items: { id: string }[] } } }).result
      .data.items;
    if (items.length === 0) return;
    for (const { id } of items) {
      const response = await page.request.post('/trpc/sessions.delete', {
        data: { sessionId: id },
        headers: { origin },
      });
      expect(response.ok()).toBe(true);
    }
  }
}

async function answered(page: Page, prompt: string): Promise<void> {
  await broadcast(page, prompt);
  for (const m of THREE)
    await expect(pane(page, m.providerId, m.modelId)).toHaveAttribute('data-state', 'complete');
}

const [gpt, gemini, llama] = THREE;

test('the leaderboard ranks the models from the votes of every session, with their vote counts', async ({
  workspace: page,
}) => {
  await deleteAllSessions(page);
  await page.reload();
  await page.getByRole('button', { name: 'Leaderboard' }).click();
  const dialog = page.getByRole('dialog', { name: 'Leaderboard' });
  await expect(dialog.getByTestId('leaderboard-empty')).toHaveText(/^No votes yet\./);
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Session 1: gpt-4o-mini is best (the two others share second place: a tie between them).
  await answered(page, 'First session question');
  await page.getByRole('button', { name: `${gpt!.modelId} is best` }).click();
  await expect(page.getByTestId('vote-summary')).toContainText(`1st ${gpt!.providerId}/`);

  // Session 2: a ranking gpt-4o-mini > gemini > llama (the panes' own order).
  await page.getByRole('button', { name: 'New session' }).first().click();
  await answered(page, 'Second session question');
  await page.getByRole('button', { name: 'Rank all…' }).click();
  await expect(page.getByTestId('ranking-item')).toHaveText([
    new RegExp(gpt!.modelId),
    new RegExp(gemini!.modelId),
    new RegExp(llama!.modelId),
  ]);
  await page.getByRole('button', { name: 'Cast ranking' }).click();
  await expect(page.getByTestId('vote-summary')).toContainText('3rd');

  await page.getByRole('button', { name: 'Leaderboard' }).click();
  await expect(dialog.getByTestId('leaderboard-total')).toHaveText(
    'Bradley–Terry ratings from 2 votes across all sessions.',
  );
  const rows = dialog.getByTestId('leaderboard-row');
  // Pairwise outcomes: vote 1 gives gpt two wins and gemini–llama a tie; vote 2 gives gpt two
  // wins, gemini one win and one loss, llama two losses. W–L–T: 4–0–0, 1–2–1, 0–3–1.
  await expect(rows).toHaveCount(3);
  const expected = [
    [gpt!, '4–0–0'],
    [gemini!, '1–2–1'],
    [llama!, '0–3–1'],
  ] as const;
  for (const [i, [m, record]] of expected.entries()) {
    const cells = rows.nth(i).locator('th, td');
    await expect(cells).toHaveText([
      String(i + 1),
      `${m.providerId}/${m.modelId}`,
      /^\d+$/,
      '2',
      record,
    ]);
  }
  const scores = await Promise.all(
    [0, 1, 2].map(async (i) => Number(await rows.nth(i).locator('td').nth(1).innerText())),
  );
  expect(scores[0]).toBeGreaterThan(scores[1]!);
  expect(scores[1]).toBeGreaterThan(scores[2]!);
});
