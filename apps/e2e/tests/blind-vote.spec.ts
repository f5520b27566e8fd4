import type { Page } from '@playwright/test';

import { broadcast, expect, fakeRequests, fakeUrl, pane, scenario, test, THREE } from './fixtures';
import { readmeScreenshot } from './screenshots';

type Provider = 'litellm' | 'google' | 'groq';
const LETTERS = ['Model A', 'Model B', 'Model C'];

/** Answers that do not name their model (the fakes' default text does), one per model. */
const ANSWERS: Record<string, string> = {
  'gpt-4o-mini': 'Paris, on the Seine.',
  'gemini-2.0-flash': 'The capital is Paris.',
  'llama-3.1-8b-instant': 'It is Paris, of course.',
};

async function steerNeutral(): Promise<void> {
  for (const m of THREE)
    await scenario(m.providerId as Provider, m.modelId, { text: ANSWERS[m.modelId]! });
}

const letterPane = (page: Page, letter: string) =>
  page.getByRole('region', { name: letter, exact: true });

/** Turns blind mode on (before the first prompt, so no name is ever shown) and asks one question. */
async function blindTurn(page: Page, prompt: string): Promise<void> {
  await page.getByRole('button', { name: 'Blind', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Blind', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await steerNeutral();
  await broadcast(page, prompt);
  for (const letter of LETTERS)
    await expect(letterPane(page, letter)).toHaveAttribute('data-state', 'complete');
}

/** Which model each letter hides, read from the answers the fakes were told to give. */
async function lettersToModels(page: Page): Promise<Record<string, (typeof THREE)[number]>> {
  const out: Record<string, (typeof THREE)[number]> = {};
  for (const letter of LETTERS) {
    const text = await letterPane(page, letter).getByTestId('pane-answer').innerText();
    const model = THREE.find((m) => text.includes(ANSWERS[m.modelId]!));
    expect(model, `${letter}'s answer is one of the steered answers`).toBeDefined();
    out[letter] = model!;
  }
  return out;
}

/** No model or provider name anywhere on the page: not in its text, nor in names and tooltips. */
async function expectNoNames(page: Page): Promise<void> {
  const text = await page.locator('body').innerText();
  for (const m of THREE) {
    expect(text).not.toContain(m.modelId);
    expect(text).not.toContain(m.providerId);
    await expect(page.locator(`[aria-label*="${m.modelId}"], [title*="${m.modelId}"]`)).toHaveCount(
      0,
    );
  }
}

const modelName = (m: (typeof THREE)[number]) => `${m.providerId}/${m.modelId}`;

test('blind mode hides the models until the vote, which reveals them and stays after a reload', async ({
  workspace: page,
}) => {
  await blindTurn(page, 'What is the capital of France?');
  // The panes stand in the turn's shuffled order, letters A, B, C from the left.
  const headers = page.locator('.pane header .title strong');
  await expect(headers).toHaveText(LETTERS);
  // The chips and the comparison follow the letters too: the order models were picked in would tell.
  await expect(page.locator('.chips .chip-name')).toHaveText(LETTERS);
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(
    page.getByRole('region', { name: 'Latest answers compared' }).locator('tbody th'),
  ).toHaveText(LETTERS);
  await expectNoNames(page);
  // Neither the send-to list nor the settings of a chip name a model.
  await letterPane(page, 'Model A').getByRole('button', { name: 'Send to…' }).click();
  const sendTo = page.getByRole('dialog', { name: 'Send Model A to other panes' });
  await expect(sendTo.getByRole('checkbox')).toHaveCount(2);
  await expect(sendTo).toContainText('Model B');
  await expectNoNames(page);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Settings for Model B' }).click();
  await expectNoNames(page);
  await page.keyboard.press('Escape');

  const models = await lettersToModels(page);
  const a = models['Model A']!;
  await page.getByRole('button', { name: 'Model A is best' }).click();
  // Revealed: every pane's name, with its letter kept beside it.
  for (const letter of LETTERS) {
    const m = models[letter]!;
    await expect(
      page.getByRole('region', { name: `${letter} · ${m.providerId} / ${m.modelId}` }),
    ).toBeVisible();
  }
  const summary = page.getByTestId('vote-summary');
  await expect(summary).toContainText(`Your vote: 1st Model A (${modelName(a)}) · 2nd`);
  await expect(page.getByRole('button', { name: 'Model A is best' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  await page.reload();
  await expect(pane(page, a.providerId, a.modelId)).toHaveAccessibleName(
    `Model A · ${a.providerId} / ${a.modelId}`,
  );
  await expect(page.getByTestId('vote-summary')).toContainText(`1st Model A (${modelName(a)})`);
  await expect(page.getByRole('button', { name: 'Blind', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  // Blind mode off: plain names again.
  await page.getByRole('button', { name: 'Blind', exact: true }).click();
  await expect(pane(page, a.providerId, a.modelId)).toHaveAccessibleName(
    `${a.providerId} / ${a.modelId}`,
  );
});

test('a ranking from the keyboard, then a tie that replaces it', async ({ workspace: page }) => {
  await blindTurn(page, 'Rank these answers');
  const models = await lettersToModels(page);
  await page.getByRole('button', { name: 'Rank all…' }).click();
  const items = page.getByTestId('ranking-item');
  await expect(items).toHaveText([/Model A/, /Model B/, /Model C/]);
  await expectNoNames(page);

  // Model C to the top with the keyboard: focus stays on its button as it moves.
  const up = page.getByRole('button', { name: 'Move Model C up' });
  await up.focus();
  await page.keyboard.press('Enter');
  await expect(up).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(items).toHaveText([/Model C/, /Model A/, /Model B/]);
  await expect(page.getByRole('status').filter({ hasText: 'Model C moved to 1st' })).toBeAttached();
  await page.getByRole('button', { name: 'Cast ranking' }).click();

  const [a, b, c] = LETTERS.map((l) => modelName(models[l]!));
  const summary = page.getByTestId('vote-summary');
  await expect(summary).toHaveText(
    `Your vote: 1st Model C (${c}) · 2nd Model A (${a}) · 3rd Model B (${b})`,
  );
  await expect(page.getByRole('button', { name: 'Rank all…' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  await page.getByRole('button', { name: 'Tie' }).click();
  await expect(summary).toHaveText(
    `Your vote: a tie between Model A (${a}), Model B (${b}), Model C (${c})`,
  );
  await page.reload();
  await expect(page.getByTestId('vote-summary')).toHaveText(
    `Your vote: a tie between Model A (${a}), Model B (${b}), Model C (${c})`,
  );
  await expect(page.getByRole('button', { name: 'Tie' })).toHaveAttribute('aria-pressed', 'true');
});

test('continue with the winner: the next prompt goes to its pane alone, or to a fork of it', async ({
  workspace: page,
}) => {
  await broadcast(page, 'Pick a colour');
  for (const m of THREE)
    await expect(pane(page, m.providerId, m.modelId)).toHaveAttribute('data-state', 'complete');
  const [winner, ...losers] = THREE;
  await page.getByRole('button', { name: `${winner!.modelId} is best` }).click();
  await expect(page.getByTestId('vote-summary')).toContainText(`1st ${modelName(winner!)}`);

  const before = await Promise.all(
    (['litellm', 'google', 'groq'] as const).map(
      async (p) => (await fakeRequests(fakeUrl(p))).length,
    ),
  );
  await page.getByRole('button', { name: 'Send the next prompt to it only' }).click();
  await expect(page.getByLabel('Prompt')).toBeFocused();
  await expect(page.getByTestId('solo-mode')).toContainText(
    `Sending to ${winner!.providerId} / ${winner!.modelId} only`,
  );
  await page.keyboard.type('Why that one?');
  await page.keyboard.press('Enter');

  const chosen = pane(page, winner!.providerId, winner!.modelId);
  await expect(chosen.getByTestId('pane-answer')).toHaveText(
    `${winner!.modelId} answers: Why that one?`,
  );
  await expect(chosen).toHaveAttribute('data-state', 'complete');
  for (const m of losers) {
    const other = pane(page, m.providerId, m.modelId);
    await expect(other.getByTestId('pane-answer')).toHaveText(
      `${m.modelId} answers: Pick a colour`,
    );
    await expect(other).not.toContainText('Why that one?');
  }
  const after = await Promise.all(
    (['litellm', 'google', 'groq'] as const).map(
      async (p) => (await fakeRequests(fakeUrl(p))).length,
    ),
  );
  // litellm serves the winner: one request to it, none to the others.
  expect(after.map((n, i) => n - before[i]!)).toEqual([1, 0, 0]);
  await expect(page.getByTestId('solo-mode')).toBeVisible();

  // Fork: a new session holding the winner's thread only.
  const original = page.url();
  await page.getByRole('button', { name: 'Fork a new session from it' }).click();
  await expect(page).not.toHaveURL(original);
  await expect(page).toHaveURL(/\/s\/[^/]+$/);
  await expect(page.getByRole('region', { name: / \/ / })).toHaveCount(1);
  const forked = pane(page, winner!.providerId, winner!.modelId);
  await expect(forked).toContainText(`${winner!.modelId} answers: Pick a colour`);
  await expect(forked.getByTestId('pane-answer')).toHaveText(
    `${winner!.modelId} answers: Why that one?`,
  );
  await expect(page.getByTestId('solo-mode')).toHaveCount(0);
});

test('the blind vote as the README shows it', async ({ workspace: page }) => {
  await page.evaluate(() => localStorage.setItem('broadcast.theme', 'dark'));
  await page.reload();
  await blindTurn(page, 'Which city is the capital of France?');
  await page.getByRole('button', { name: 'Rank all…' }).click();
  await page.getByLabel('Prompt').blur();
  await expectNoNames(page);
  await readmeScreenshot(page, 'blind-vote.png');
});

test('an answer that names its model shows the name masked until the vote', async ({
  workspace: page,
}) => {
  await page.getByRole('button', { name: 'Blind', exact: true }).click();
  // The fakes' default answers start with their model's id ("gemini-2.0-flash answers: …").
  await scenario('litellm', 'gpt-4o-mini', { text: 'I am GPT-4o-mini, made by OpenAI: Paris.' });
  await broadcast(page, 'Who are you?');
  for (const letter of LETTERS)
    await expect(letterPane(page, letter)).toHaveAttribute('data-state', 'complete');
  const panes = page.locator('.pane');
  await expect(
    panes.filter({ hasText: 'I am [name hidden], made by [name hidden]: Paris.' }),
  ).toHaveCount(1);
  await expect(panes.filter({ hasText: '[name hidden] answers: Who are you?' })).toHaveCount(2);
  await page.getByRole('button', { name: 'Compare' }).click();
  // Side by side, and in the word diff, the same.
  const compare = page.getByRole('region', { name: 'Compare answers' });
  await expect(compare).toContainText('I am [name hidden], made by [name hidden]: Paris.');
  await expect(compare.getByTestId('word-diff')).toContainText('[name hidden]');
  await expectNoNames(page);
  await expect(page.locator('body')).not.toContainText('OpenAI');

  // The vote reveals the models, and the answers as they were written.
  await page.getByRole('button', { name: 'Model A is best' }).click();
  await expect(pane(page, 'litellm', 'gpt-4o-mini').getByTestId('pane-answer')).toHaveText(
    'I am GPT-4o-mini, made by OpenAI: Paris.',
  );
  await expect(page.locator('body')).not.toContainText('[name hidden]');
});
