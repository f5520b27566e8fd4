import { broadcast, expect, pane, scenario, sendFromLitellm, test, THREE } from './fixtures';

test('a broadcast’s prompt shows once per turn above the panes; a pane shows only its own', async ({
  workspace: page,
}) => {
  await broadcast(page, 'Turn one');
  for (const m of THREE)
    await expect(pane(page, m.providerId, m.modelId)).toHaveAttribute('data-state', 'complete');
  const latest = page.getByTestId('turn-prompt');
  await expect(latest).toContainText('Prompt 1 · to 3 panes');
  await expect(latest).toContainText('Turn one');
  await expect(page.locator('.pane .msg.user')).toHaveCount(0);

  await broadcast(page, 'Turn two');
  for (const m of THREE)
    await expect(pane(page, m.providerId, m.modelId).getByTestId('pane-answer')).toHaveText(
      `${m.modelId} answers: Turn two`,
    );
  await expect(latest).toContainText('Prompt 2 · to 3 panes');
  await expect(latest).toContainText('Turn two');
  await page.getByText('Earlier prompts (1)').click();
  await expect(page.getByRole('region', { name: 'Turns' })).toContainText('Turn one');
  // In each pane the second turn is a marker, not the prompt again.
  await expect(page.locator('.pane').getByTestId('turn-marker')).toHaveText([
    'Prompt 2',
    'Prompt 2',
    'Prompt 2',
  ]);
  await expect(page.locator('.pane .msg.user')).toHaveCount(0);

  // A prompt one pane got alone is shown in that pane only.
  await sendFromLitellm(page, 'groq / llama-3.1-8b-instant', 'prompt');
  const groq = pane(page, 'groq', 'llama-3.1-8b-instant');
  await expect(groq.getByTestId('pane-user-message')).toHaveText('gpt-4o-mini answers: Turn two');
  await expect(page.getByTestId('pane-user-message')).toHaveCount(1);

  // A fusion's long prompt is shown as its template and sources, the prompt itself folded.
  await page.getByRole('button', { name: 'Fuse…' }).click();
  const menu = page.getByRole('dialog', { name: 'Fuse answers' });
  await menu.getByLabel('Template').selectOption({ label: 'Summarize' });
  await menu.getByLabel('Model that writes it').selectOption('google/gemini-2.0-flash');
  await menu.getByRole('button', { name: 'Fuse', exact: true }).click();
  const instruction = page.getByTestId('fuse-request');
  await expect(instruction).toBeVisible();
  await expect(instruction.locator('.fuse-request-line')).toHaveText(
    'Summarize · from A: litellm / gpt-4o-mini, B: google / gemini-2.0-flash, C: groq / llama-3.1-8b-instant',
  );
  await expect(instruction.locator('details')).not.toHaveAttribute('open');
  await expect(instruction.locator('.compact-body')).toBeHidden();
});

test('“Copy answer” copies the answer shown; a blocked Broadcast says why', async ({
  workspace: page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const send = page.getByRole('button', { name: 'Broadcast' });
  await expect(send).toHaveAccessibleDescription('Type a prompt first.');
  await page.getByLabel('Prompt').fill('Copy me');
  await expect(send).not.toHaveAttribute('aria-disabled', 'true');
  for (const m of THREE)
    await page.getByRole('button', { name: `Remove ${m.providerId}/${m.modelId}` }).click();
  await expect(send).toHaveAttribute('aria-disabled', 'true');
  await expect(send).toHaveAccessibleDescription('Choose at least one model under Models.');
  await expect(page.locator('.send-reason')).toHaveText('Choose at least one model under Models.');
  await page.getByLabel('Prompt').press('Enter');
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByLabel('Prompt')).toHaveValue('Copy me');

  await page.getByRole('button', { name: /^Models/ }).click();
  const picker = page.getByRole('dialog', { name: 'Choose models' });
  await picker.getByRole('checkbox', { name: /gpt-4o-mini/ }).check();
  await expect(page.getByRole('button', { name: /^Models \(1\)/ })).toBeVisible();
  await picker.press('Escape');
  await expect(picker).toBeHidden();
  await expect(send).not.toHaveAttribute('aria-disabled', 'true');
  await page.getByLabel('Prompt').press('Enter');
  const p = pane(page, 'litellm', 'gpt-4o-mini');
  await expect(p).toHaveAttribute('data-state', 'complete');
  const copy = p.getByRole('button', { name: 'Copy answer' });
  await expect(copy).toHaveText('Copy answer');
  await copy.click();
  await expect(copy).toHaveText('Copied');
  const shown = await p.getByTestId('pane-answer').innerText();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown);
});

test('the meter shows live progress while streaming; session totals stay true, across a reload', async ({
  workspace: page,
}) => {
  await broadcast(page, 'Count me');
  for (const m of THREE)
    await expect(pane(page, m.providerId, m.modelId)).toHaveAttribute('data-state', 'complete');
  const totals = page.getByTestId('session-totals');
  await expect(totals).toContainText(/^3 answers · \d+ in · \d+ out · /);
  const afterFirst = await totals.innerText();

  // A slow second turn: the meter counts tokens while the answer streams.
  await scenario('litellm', 'gpt-4o-mini', { text: 'tick '.repeat(300), tokenDelayMs: 15 });
  await broadcast(page, 'Count again');
  const slow = pane(page, 'litellm', 'gpt-4o-mini');
  await expect(slow).toHaveAttribute('data-state', 'streaming');
  const live = slow.getByTestId('meter-live-tokens');
  await expect(live).toHaveText(/^~\d+$/);
  const tokens = async () => Number((await live.innerText()).slice(1));
  const first = await tokens();
  await expect.poll(tokens).toBeGreaterThan(first);
  // Totals count ended answers: the two quick ones join as they end, the slow one when it does.
  await expect(pane(page, 'groq', 'llama-3.1-8b-instant')).toHaveAttribute(
    'data-state',
    'complete',
  );
  await expect(pane(page, 'google', 'gemini-2.0-flash')).toHaveAttribute('data-state', 'complete');
  await expect(totals).toContainText(/^5 answers/);
  await expect(slow).toHaveAttribute('data-state', 'complete');
  await expect(slow.getByTestId('meter-live-tokens')).toHaveCount(0);
  await expect(totals).toContainText(/^6 answers/);
  const afterSecond = await totals.innerText();
  expect(afterSecond).not.toBe(afterFirst);

  await page.reload();
  await expect(totals).toHaveText(afterSecond);
});
