import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

import { broadcast, expect, pane, scenario, test, THREE } from './fixtures';

/** axe's WCAG 2.1 A/AA rules; any serious or critical violation fails, with what and where. */
async function expectNoSeriousViolations(page: Page, view: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  if (process.env.AXE_LOG)
    console.log(
      view,
      violations.map((v) => `${v.impact} ${v.id} ${v.nodes.length}`),
    );
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, `${view}: serious accessibility violations`).toEqual([]);
}

async function answered(page: Page, prompt: string): Promise<void> {
  await broadcast(page, prompt);
  for (const m of THREE)
    await expect(pane(page, m.providerId, m.modelId)).toHaveAttribute('data-state', 'complete');
}

for (const theme of ['dark', 'light'] as const) {
  test(`no serious accessibility violations on the main views, ${theme} theme`, async ({
    workspace: page,
  }) => {
    await page.evaluate((t) => localStorage.setItem('broadcast.theme', t), theme);
    await page.reload();
    await expectNoSeriousViolations(page, 'a new session');
    await answered(page, 'Explain quantum computing in simple terms');
    await page.getByRole('button', { name: 'Compare' }).click();
    // The compare view open: answers side by side, the sortable table, the word diff.
    const compare = page.getByRole('region', { name: 'Compare answers' });
    await expect(compare.getByRole('article')).toHaveCount(3);
    await expect(
      compare.getByRole('region', { name: 'Word diff' }).locator('ins').first(),
    ).toBeVisible();
    await expect(page.getByRole('region', { name: 'Race', exact: true })).toBeVisible();
    await expectNoSeriousViolations(page, 'a session with answers, compared');
    await compare.getByRole('button', { name: /Cost/ }).click();
    await expectNoSeriousViolations(page, 'the compare view, sorted');
    await page.getByRole('button', { name: 'Session', exact: true }).click();
    await expectNoSeriousViolations(page, 'the session menu');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /^Models/ }).click();
    await expectNoSeriousViolations(page, 'the model picker');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Settings for litellm/gpt-4o-mini' }).click();
    await expectNoSeriousViolations(page, 'a model’s settings');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Fuse…' }).click();
    const fuse = page.getByRole('dialog', { name: 'Fuse answers' });
    await expect(fuse.getByLabel('Instruction', { exact: true })).toBeEnabled();
    await expectNoSeriousViolations(page, 'the fuse menu');
    await scenario('google', 'gemini-2.0-flash', {
      text: 'Qubits hold both values at once. [A, C]\n\nMeasuring picks one. [B]\n\nNo sources here.',
    });
    await fuse.getByLabel('Model that writes it').selectOption('google/gemini-2.0-flash');
    await fuse.getByRole('button', { name: 'Fuse', exact: true }).click();
    const fused = page.locator('.pane').filter({ has: page.getByTestId('fuse-request') });
    await expect(fused).toHaveAttribute('data-state', 'complete');
    await expect(fused.getByTestId('cited-paragraph')).toHaveCount(2);
    await expectNoSeriousViolations(page, 'a fused answer with citations');
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await expectNoSeriousViolations(page, 'the shortcuts dialog');
    await page.keyboard.press('Escape');
    const row = page
      .getByRole('navigation', { name: 'Sessions' })
      .getByRole('button', { name: /^Explain quantum/ })
      .first();
    await row.focus();
    await page.keyboard.press('Shift+F10');
    await expectNoSeriousViolations(page, 'a session’s menu');
    await page.keyboard.press('Escape');
    await page.keyboard.press('F2');
    await expectNoSeriousViolations(page, 'the rename dialog');
  });
}

for (const theme of ['dark', 'light'] as const) {
  test(`no serious accessibility violations in blind mode, voting and on the leaderboard, ${theme} theme`, async ({
    workspace: page,
  }) => {
    await page.evaluate((t) => localStorage.setItem('broadcast.theme', t), theme);
    await page.reload();
    await page.getByRole('button', { name: 'Blind', exact: true }).click();
    await broadcast(page, 'Blind accessibility');
    for (const letter of ['Model A', 'Model B', 'Model C'])
      await expect(page.getByRole('region', { name: letter, exact: true })).toHaveAttribute(
        'data-state',
        'complete',
      );
    await expect(page.getByTestId('vote-bar')).toBeVisible();
    await expectNoSeriousViolations(page, 'blind mode with the vote bar');
    await page.getByRole('button', { name: 'Rank all…' }).click();
    await expectNoSeriousViolations(page, 'the ranking editor');
    await page.getByRole('button', { name: 'Cast ranking' }).click();
    await expect(page.getByTestId('vote-summary')).toBeVisible();
    await expectNoSeriousViolations(page, 'a vote cast, names revealed');
    await page.getByRole('button', { name: 'Send the next prompt to it only' }).click();
    await expectNoSeriousViolations(page, 'the composer sending to the winner only');
    await page.getByRole('button', { name: 'Leaderboard' }).click();
    await expect(page.getByTestId('leaderboard-row').first()).toBeVisible();
    await expectNoSeriousViolations(page, 'the leaderboard');
  });
}

for (const theme of ['dark', 'light'] as const) {
  test(`no serious accessibility violations in the forecast, the budgets and the grid, ${theme} theme`, async ({
    workspace: page,
  }) => {
    await page.evaluate((t) => localStorage.setItem('broadcast.theme', t), theme);
    await page.reload();
    await answered(page, 'Budgets');
    await page.getByLabel('Prompt').fill('What would this cost?');
    await page.getByRole('button', { name: 'Per model' }).click();
    await expect(page.getByRole('table', { name: 'Forecast per model' })).toBeVisible();
    await expectNoSeriousViolations(page, 'the forecast table');
    await page.getByLabel('Budget $').fill('0.0001');
    await expect(page.getByTestId('forecast-warning')).toBeVisible();
    await expectNoSeriousViolations(page, 'a forecast over budget');
    await page.getByLabel('Prompt').press('Enter');
    await expect(page.getByRole('dialog', { name: 'Over budget' })).toBeVisible();
    await expectNoSeriousViolations(page, 'the over-budget dialog');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByLabel('Budget $').fill('');
    await page.getByTestId('session-budget').click();
    await expectNoSeriousViolations(page, 'the session budget');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Workspace settings' }).click();
    await expect(page.getByTestId('month-spent')).toBeVisible();
    await expectNoSeriousViolations(page, 'the settings dialog');
    await page.keyboard.press('Escape');
    await pane(page, 'google', 'gemini-2.0-flash')
      .getByRole('button', { name: 'Collapse google / gemini-2.0-flash' })
      .click();
    await pane(page, 'groq', 'llama-3.1-8b-instant')
      .getByRole('button', { name: 'Maximize groq / llama-3.1-8b-instant' })
      .click();
    await expectNoSeriousViolations(page, 'a maximized pane beside a collapsed one');
  });
}

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  test('no serious accessibility violations, drawer open or closed', async ({
    workspace: page,
  }) => {
    await answered(page, 'Small screens');
    await expectNoSeriousViolations(page, 'the phone layout');
    await page.getByRole('button', { name: 'Sessions' }).click();
    await expectNoSeriousViolations(page, 'the sessions drawer');
  });
});
