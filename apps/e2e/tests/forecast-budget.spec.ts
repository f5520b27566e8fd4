import { broadcast, chooseModels, expect, pane, scenario, test, THREE } from './fixtures';

/**
 * Prices (USD per million tokens) the server bills these fake-backed models at, from the price
 * database it uses (@pydantic/genai-prices): input, output.
 */
const PRICES = {
  'gpt-4o-mini': [0.15, 0.6],
  'gemini-2.0-flash': [0.1, 0.4],
  'llama-3.1-8b-instant': [0.05, 0.08],
} as const;

/**
 * "Hello" is one o200k token; a new pane sends it as one message: 3 tokens of framing around it
 * and 3 priming the reply.
 */
const HELLO_INPUT_TOKENS = 1 + 3 + 3;
const DEFAULT_MAX_OUTPUT = 4096;

type Priced = keyof typeof PRICES;
/** The input alone, by hand. */
const minCost = (model: Priced, input: number) => (input * PRICES[model][0]) / 1_000_000;
/** Worst case of one answer, by hand: the input and every output token it may use. */
const maxCost = (model: Priced, input: number, output: number) =>
  minCost(model, input) + (output * PRICES[model][1]) / 1_000_000;
/** The exact amounts a forecast's cost cell gives in its tooltip. */
const range = (min: number, max: number) =>
  `At least $${min.toFixed(8)} (the input alone), at most $${max.toFixed(8)}`;

test('the composer forecasts each model’s cost from the prompt, its price and max output tokens', async ({
  workspace: page,
}) => {
  await chooseModels(page, [
    { ...THREE[0], maxTokens: 100 },
    THREE[1],
    THREE[2],
    { providerId: 'litellm', modelId: 'house-model' },
  ]);
  await page.getByLabel('Prompt').fill('Hello');

  const gpt = maxCost('gpt-4o-mini', HELLO_INPUT_TOKENS, 100);
  const gemini = maxCost('gemini-2.0-flash', HELLO_INPUT_TOKENS, DEFAULT_MAX_OUTPUT);
  const llama = maxCost('llama-3.1-8b-instant', HELLO_INPUT_TOKENS, DEFAULT_MAX_OUTPUT);
  // 0.00006105 + 0.0016391 + 0.00032803: the unknown price is left out of the sum, and said.
  const total = gpt + gemini + llama;
  expect(total).toBeCloseTo(0.00202818, 10);

  const minTotal = (['gpt-4o-mini', 'gemini-2.0-flash', 'llama-3.1-8b-instant'] as const)
    .map((m) => minCost(m, HELLO_INPUT_TOKENS))
    .reduce((a, b) => a + b);
  await expect(page.getByTestId('forecast-summary')).toHaveText(
    'Forecast: up to $0.00203 (+ 1 model: price unknown)',
  );
  await expect(page.getByTestId('forecast-models')).toHaveText(
    'gpt-4o-mini up to $0.000061 · gemini-2.0-flash up to $0.00164 · llama-3.1-8b-instant up to $0.000328 · house-model price unknown',
  );
  await page.getByRole('button', { name: 'Per model' }).click();
  const table = page.getByRole('table', { name: 'Forecast per model' });
  const rows = table.getByTestId('forecast-row');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toHaveText(
    [
      'litellm / gpt-4o-mini',
      String(HELLO_INPUT_TOKENS),
      '100 (max tokens setting)',
      '$0.15 in / $0.6 out per M tokens',
      'up to $0.000061',
    ].join(''),
  );
  const cost = (row: number) => rows.nth(row).getByRole('cell').last();
  await expect(cost(0)).toHaveAttribute(
    'title',
    range(minCost('gpt-4o-mini', HELLO_INPUT_TOKENS), gpt),
  );
  await expect(rows.nth(1)).toContainText('4,096 (default)');
  await expect(cost(1)).toHaveText('up to $0.00164');
  await expect(cost(1)).toHaveAttribute(
    'title',
    range(minCost('gemini-2.0-flash', HELLO_INPUT_TOKENS), gemini),
  );
  await expect(rows.nth(1)).toContainText('$0.1 in / $0.4 out per M tokens');
  await expect(cost(2)).toHaveAttribute(
    'title',
    range(minCost('llama-3.1-8b-instant', HELLO_INPUT_TOKENS), llama),
  );
  await expect(rows.nth(2)).toContainText('$0.05 in / $0.08 out per M tokens');
  await expect(rows.nth(3)).toContainText('litellm / house-model');
  await expect(rows.nth(3).getByRole('cell').nth(2)).toHaveText('price unknown');
  await expect(rows.nth(3).getByRole('cell').last()).toHaveText('price unknown');
  await expect(table.getByTestId('forecast-total')).toHaveText('up to $0.00203');
  await expect(table.getByTestId('forecast-total')).toHaveAttribute(
    'title',
    range(minTotal, total),
  );
  await expect(table.locator('tfoot')).toContainText('1 price unknown');

  // Typing more asks again (after a pause): a longer prompt has more input tokens.
  await page.getByLabel('Prompt').fill('Hello Hello Hello');
  await expect(rows.nth(1).getByRole('cell').first()).toHaveText(String(3 + 6));
});

test('a broadcast over its budget asks first: cancel keeps the prompt, send anyway sends', async ({
  workspace: page,
}) => {
  await page.getByLabel('Prompt').fill('Hello');
  await page.getByLabel('Budget $').fill('0.001');
  // The worst case of the three (0.00245865 + 0.0016391 + 0.00032803 = $0.00443) crosses it: the composer says so before sending.
  await expect(page.getByTestId('forecast-warning')).toHaveText(
    '⚠ Up to $0.00443 is more than the $0.001 left of this broadcast’s budget ($0.001). Sending will ask to confirm.',
  );
  await page.getByLabel('Prompt').press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Over budget' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('table', { name: 'What it could cost' })).toBeVisible();
  await expect(dialog.getByTestId('forecast-row')).toHaveCount(3);
  await expect(dialog.getByTestId('forecast-total')).toHaveText('up to $0.00443');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Prompt')).toHaveValue('Hello');
  await expect(page).not.toHaveURL(/\/s\//);
  await expect(page.locator('.pane')).toHaveCount(0);

  await page.getByLabel('Prompt').press('Enter');
  await dialog.getByRole('button', { name: 'Send anyway' }).click();
  await expect(page).toHaveURL(/\/s\/[^/]+$/);
  await expect(page.getByLabel('Prompt')).toHaveValue('');
  for (const m of THREE)
    await expect(pane(page, m.providerId, m.modelId).getByTestId('pane-answer')).toHaveText(
      `${m.modelId} answers: Hello`,
    );
});

test('a session budget reached while streaming stops the answer with its text kept', async ({
  workspace: page,
}) => {
  await chooseModels(page, [THREE[0]]);
  await broadcast(page, 'Hello');
  const gpt = pane(page, 'litellm', 'gpt-4o-mini');
  await expect(gpt).toHaveAttribute('data-state', 'complete');

  // $0.0005 buys about 830 output tokens of gpt-4o-mini; the answer has 4,000 (chunks of 4 characters).
  const long = Array.from({ length: 4000 }, (_, i) => `w${i % 10} `)
    .join('')
    .slice(0, 16_000);
  await scenario('litellm', 'gpt-4o-mini', { text: long, chunkSize: 4, tokenDelayMs: 4 });
  await page.getByTestId('session-budget').click();
  const popover = page.getByRole('dialog', { name: 'Session budget' });
  await popover.getByLabel('Session budget (US dollars)').fill('0.0005');
  await popover.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('session-budget')).toHaveText(
    /^Budget: \$0\.000\d+ left of \$0\.0005$/,
  );

  await page.getByLabel('Prompt').fill('Write at length');
  await expect(page.getByTestId('forecast-warning')).toContainText(
    'the session’s budget ($0.0005)',
  );
  await page.getByLabel('Prompt').press('Enter');
  await page
    .getByRole('dialog', { name: 'Over budget' })
    .getByRole('button', { name: 'Send anyway' })
    .click();

  await expect(gpt).toHaveAttribute('data-state', 'stopped', { timeout: 30_000 });
  await expect(gpt.getByTestId('pane-budget-stop')).toHaveText(
    'Stopped: budget reached. The text so far is kept.',
  );
  const kept = (await gpt.getByTestId('pane-answer').textContent()) ?? '';
  expect(kept.length, 'some text streamed before the stop').toBeGreaterThan(200);
  expect(kept.length, 'the stop came well before the end').toBeLessThan(long.length / 2);
  expect(long.startsWith(kept.trimEnd()), 'the text kept is the answer so far').toBe(true);
  // Nothing is left of the session's budget now.
  await expect(page.getByTestId('session-budget')).toHaveText(
    /^Budget: (\$0|<\$0\.0001) left of \$0\.0005$/,
  );
});

test('the monthly budget is set, shown with this month’s spend, and cleared in the settings', async ({
  workspace: page,
}) => {
  await broadcast(page, 'Hello');
  await expect(page.locator('.pane[data-state="complete"]')).toHaveCount(3);
  await page.getByRole('button', { name: 'Workspace settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings', exact: true });
  const month = new Date().toLocaleDateString('en', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  await expect(settings).toContainText(`Spent in ${month} (UTC):`);
  await expect(settings.getByTestId('month-spent')).toHaveText(/^(<?\$0\.\d+|\$\d+\.\d\d)$/);
  await expect(settings).toContainText('(no monthly budget)');
  await settings.getByLabel('Monthly budget (US dollars)').fill('25');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings.getByTestId('month-limit')).toHaveText('$25.00');

  // It is the server's: a reload shows it again, and the forecast counts it.
  await page.reload();
  await page.getByRole('button', { name: 'Workspace settings' }).click();
  await expect(settings.getByLabel('Monthly budget (US dollars)')).toHaveValue('25');
  await expect(settings.getByTestId('month-limit')).toHaveText('$25.00');
  await settings.getByRole('button', { name: 'Clear' }).click();
  await expect(settings).toContainText('(no monthly budget)');
  await settings.getByRole('button', { name: 'Close' }).click();
  await expect(settings).toBeHidden();
});

test('the winner alone over its budget asks first too: cancel keeps the prompt, send anyway sends', async ({
  workspace: page,
}) => {
  await broadcast(page, 'Pick one');
  for (const m of THREE)
    await expect(pane(page, m.providerId, m.modelId)).toHaveAttribute('data-state', 'complete');
  await page.getByRole('button', { name: 'gpt-4o-mini is best' }).click();
  await page.getByRole('button', { name: 'Send the next prompt to it only' }).click();
  await page.getByLabel('Prompt').fill('Why that one?');
  // Its worst case (4,096 output tokens at $0.60 per million: ~$0.0025) crosses $0.001; the short
  // answer itself costs far less, so it ends complete.
  await page.getByLabel('Budget $').fill('0.001');
  await page.getByLabel('Prompt').press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Over budget' });
  await expect(dialog.getByTestId('forecast-row')).toHaveCount(1);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Prompt')).toHaveValue('Why that one?');
  const winner = pane(page, 'litellm', 'gpt-4o-mini');
  await expect(winner.getByTestId('pane-answer')).toHaveText('gpt-4o-mini answers: Pick one');

  await page.getByLabel('Prompt').press('Enter');
  await dialog.getByRole('button', { name: 'Send anyway' }).click();
  await expect(winner.getByTestId('pane-answer')).toHaveText('gpt-4o-mini answers: Why that one?');
  await expect(page.getByLabel('Prompt')).toHaveValue('');
  await expect(pane(page, 'groq', 'llama-3.1-8b-instant').getByTestId('pane-answer')).toHaveText(
    'llama-3.1-8b-instant answers: Pick one',
  );
});
