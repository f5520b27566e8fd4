import type { Page } from '@playwright/test';

import {
  broadcast,
  expect,
  fakeRequests,
  fakeUrl,
  pane,
  scenario,
  sendFromLitellm,
  test,
  THREE,
} from './fixtures';
import { readmeScreenshot } from './screenshots';

async function answered(page: Page, prompt: string): Promise<void> {
  await broadcast(page, prompt);
  for (const m of THREE)
    await expect(pane(page, m.providerId, m.modelId)).toHaveAttribute('data-state', 'complete');
}

/** The Fuse menu, open. */
async function fuseMenu(page: Page) {
  await page.getByRole('button', { name: 'Fuse…' }).click();
  const menu = page.getByRole('dialog', { name: 'Fuse answers' });
  await expect(menu.getByLabel('Instruction', { exact: true })).toBeEnabled();
  return menu;
}

/** The panes a fusion wrote (they show its compact request). */
const fusions = (page: Page) =>
  page.locator('.pane').filter({ has: page.getByTestId('fuse-request') });

/** What the fake behind `provider` was last asked, as one string. */
async function lastPrompt(provider: 'litellm' | 'google' | 'groq'): Promise<string> {
  return JSON.stringify((await fakeRequests(fakeUrl(provider))).at(-1)?.body);
}

const FUSED =
  'A WebSocket keeps one connection open. [A]\n\nBoth answers say it carries messages both ways. [A, B]\n\nIn short: fewer round trips.';

test('fuses chosen panes with a chosen template and model; citations lead to their sources and survive a reload', async ({
  workspace: page,
}) => {
  await answered(page, 'What is a WebSocket?');
  await scenario('google', 'gemini-2.0-flash', { text: FUSED });
  const menu = await fuseMenu(page);
  await menu.getByLabel('Template').selectOption({ label: 'Fuse into the best answer' });
  await expect(menu.getByLabel('Instruction', { exact: true })).toHaveValue(
    /^Fuse the answers below/,
  );
  await menu.getByLabel('Model that writes it').selectOption('google/gemini-2.0-flash');
  await menu.getByLabel('google / gemini-2.0-flash').uncheck();
  await menu.getByRole('button', { name: 'Fuse', exact: true }).click();
  await expect(menu).toBeHidden();

  const fused = fusions(page);
  await expect(fused).toHaveAttribute('data-state', 'complete');
  await expect(fused.locator('.badge.summary')).toHaveText('fusion');
  // The request, compactly: the template and the panes it read, labelled as the model saw them.
  await expect(fused.getByTestId('fuse-request').locator('.fuse-request-line')).toHaveText(
    'Fuse into the best answer · from A: litellm / gpt-4o-mini, B: groq / llama-3.1-8b-instant',
  );
  await expect(fused.getByTestId('fuse-request').locator('.compact-body')).toBeHidden();
  // Only the chosen panes' answers, without model names, reached the writer.
  const sent = await lastPrompt('google');
  expect(sent).toContain('gpt-4o-mini answers: What is a WebSocket?');
  expect(sent).toContain('llama-3.1-8b-instant answers: What is a WebSocket?');
  expect(sent).not.toContain('gemini-2.0-flash answers: What is a WebSocket?');

  const expectCitations = async () => {
    const paragraphs = fused.getByTestId('cited-paragraph');
    await expect(paragraphs).toHaveCount(2);
    // The markers the model wrote became chips.
    await expect(paragraphs.nth(0).locator('.markdown')).toHaveText(
      'A WebSocket keeps one connection open.',
    );
    await expect(paragraphs.nth(0).getByRole('link')).toHaveCount(1);
    await expect(paragraphs.nth(0).getByRole('link')).toHaveAccessibleName(
      'Source A: litellm / gpt-4o-mini',
    );
    await expect(paragraphs.nth(1).getByRole('link')).toHaveText(['A', 'B']);
    await expect(fused.getByTestId('pane-answer')).toContainText('In short: fewer round trips.');
  };
  await expectCitations();

  await fused.getByRole('link', { name: 'Source B: groq / llama-3.1-8b-instant' }).click();
  const groqAnswer = pane(page, 'groq', 'llama-3.1-8b-instant').getByTestId('pane-answer');
  await expect(groqAnswer).toBeFocused();
  await expect(groqAnswer).toHaveClass(/source-highlight/);
  await fused.getByRole('link', { name: 'Source A: litellm / gpt-4o-mini' }).first().click();
  await expect(pane(page, 'litellm', 'gpt-4o-mini').getByTestId('pane-answer')).toBeFocused();

  await page.reload();
  await expectCitations();
  await expect(fused.locator('.fuse-request-line')).toContainText('Fuse into the best answer');
  await fused.getByRole('link', { name: 'Source B: groq / llama-3.1-8b-instant' }).click();
  await expect(groqAnswer).toBeFocused();
});

test('an edited instruction is sent and remembered across a reload; Reset to default forgets it', async ({
  workspace: page,
}) => {
  await answered(page, 'Name a sorting algorithm');
  await scenario('groq', 'llama-3.1-8b-instant', { text: 'All three are fine. [A, B, C]' });
  let menu = await fuseMenu(page);
  await menu.getByLabel('Template').selectOption({ label: 'Critique each' });
  const instruction = menu.getByLabel('Instruction', { exact: true });
  await expect(instruction).toHaveValue(/^Critique each answer below in turn/);
  await expect(menu.getByRole('button', { name: 'Reset to default' })).toHaveCount(0);
  await instruction.fill('Critique each answer in one sentence.');
  await menu.getByLabel('Model that writes it').selectOption('groq/llama-3.1-8b-instant');
  await menu.getByRole('button', { name: 'Fuse', exact: true }).click();
  await expect(fusions(page)).toHaveAttribute('data-state', 'complete');
  await expect(fusions(page).locator('.fuse-request-line')).toHaveText(
    'Critique each · from A: litellm / gpt-4o-mini, B: google / gemini-2.0-flash, C: groq / llama-3.1-8b-instant',
  );
  expect(await lastPrompt('groq')).toContain('Critique each answer in one sentence.');
  // Opened again, the menu shows the instruction the fusion sent.
  menu = await fuseMenu(page);
  await menu.getByLabel('Template').selectOption({ label: 'Critique each' });
  await expect(instruction).toHaveValue('Critique each answer in one sentence.');
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();

  await page.reload();
  menu = await fuseMenu(page);
  await menu.getByLabel('Template').selectOption({ label: 'Critique each' });
  await expect(instruction).toHaveValue('Critique each answer in one sentence.');
  await expect(menu).toContainText('Your edited instruction, kept from last time.');
  // Other templates keep their own instruction.
  await menu.getByLabel('Template').selectOption({ label: 'Summarize' });
  await expect(instruction).toHaveValue(/^Summarize the answers below/);
  await menu.getByLabel('Template').selectOption({ label: 'Critique each' });

  await menu.getByRole('button', { name: 'Reset to default' }).click();
  await expect(instruction).toHaveValue(/^Critique each answer below in turn/);
  await menu.getByLabel('Model that writes it').selectOption('groq/llama-3.1-8b-instant');
  await menu.getByRole('button', { name: 'Fuse', exact: true }).click();
  await expect(fusions(page)).toHaveCount(2);
  await expect(fusions(page).nth(1)).toHaveAttribute('data-state', 'complete');
  expect(await lastPrompt('groq')).toContain('Critique each answer below in turn');

  await page.reload();
  menu = await fuseMenu(page);
  await menu.getByLabel('Template').selectOption({ label: 'Critique each' });
  await expect(instruction).toHaveValue(/^Critique each answer below in turn/);
  await expect(menu.getByRole('button', { name: 'Reset to default' })).toHaveCount(0);
});

test('a custom fusion without an instruction is refused with a message; with one it runs', async ({
  workspace: page,
}) => {
  await answered(page, 'Pick a colour');
  const asked = (await fakeRequests(fakeUrl('litellm'))).length;
  const menu = await fuseMenu(page);
  await menu.getByLabel('Template').selectOption({ label: 'Custom instruction' });
  const instruction = menu.getByLabel('Instruction', { exact: true });
  await expect(instruction).toHaveValue('');
  await menu.getByLabel('Model that writes it').selectOption('litellm/gpt-4o-mini');
  await menu.getByRole('button', { name: 'Fuse', exact: true }).click();
  await expect(menu.getByRole('alert')).toHaveText(
    'A custom fusion needs an instruction: say what the model should do with the answers.',
  );
  await expect(instruction).toBeFocused();
  await expect(instruction).toHaveAttribute('aria-invalid', 'true');
  await expect(instruction).toHaveAccessibleDescription(/needs an instruction/);
  expect((await fakeRequests(fakeUrl('litellm'))).length).toBe(asked);
  await expect(fusions(page)).toHaveCount(0);

  await instruction.fill('Name the colours chosen.');
  await expect(menu.getByRole('alert')).toHaveCount(0);
  await menu.getByRole('button', { name: 'Fuse', exact: true }).click();
  await expect(fusions(page)).toHaveAttribute('data-state', 'complete');
  await expect(fusions(page).locator('.fuse-request-line')).toHaveText(
    /^Custom instruction · from A: litellm \/ gpt-4o-mini, B: /,
  );
  expect(await lastPrompt('litellm')).toContain('Name the colours chosen.');
});

test('a fusion over the session’s budget asks first, and runs when confirmed', async ({
  workspace: page,
}) => {
  await answered(page, 'Budget me');
  const sessionId = new URL(page.url()).pathname.split('/').at(-1)!;
  // No budget control in this view yet: set it as the API does.
  const setBudget = (budgetUsd: number) =>
    page.evaluate(
      async ({ id, usd }) => {
        const response = await fetch('/trpc/sessions.setBudget', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ sessionId: id, budgetUsd: usd }),
        });
        return response.status;
      },
      { id: sessionId, usd: budgetUsd },
    );
  expect(await setBudget(0.001)).toBe(200);

  const asked = (await fakeRequests(fakeUrl('litellm'))).length;
  const menu = await fuseMenu(page);
  await menu.getByLabel('Model that writes it').selectOption('litellm/gpt-4o-mini');
  await menu.getByRole('button', { name: 'Fuse', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: 'Over budget' });
  // gpt-4o-mini at $0.60 per million output tokens, 4,096 at most: about $0.0025, over $0.001.
  await expect(confirm).toContainText(/This fusion could cost up to \$0\.002\d+/);
  await expect(confirm).toContainText('over the session’s budget of $0.001');
  expect((await fakeRequests(fakeUrl('litellm'))).length).toBe(asked);
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(fusions(page)).toHaveCount(0);

  await (await fuseMenu(page)).getByRole('button', { name: 'Fuse', exact: true }).click();
  await confirm.getByRole('button', { name: 'Fuse anyway' }).click();
  await expect(fusions(page)).toHaveCount(1);
  await expect(fusions(page)).not.toHaveAttribute('data-state', /queued|streaming|idle/);
  expect((await fakeRequests(fakeUrl('litellm'))).length).toBe(asked + 1);

  // A budget already spent refuses even a confirmed fusion: the menu says which budget.
  expect(await setBudget(0.000001)).toBe(200);
  const menu2 = await fuseMenu(page);
  await menu2.getByRole('button', { name: 'Fuse', exact: true }).click();
  await expect(menu2.getByRole('alert')).toContainText(
    'The session’s budget of $0.000001 is spent. Raise or clear the budget, or start a new session.',
  );
  await expect(confirm).toHaveCount(0);
  expect((await fakeRequests(fakeUrl('litellm'))).length).toBe(asked + 1);
});

test('a message sent from another pane says where it came from and links to that answer', async ({
  workspace: page,
}) => {
  await answered(page, 'Pass it on');
  const source = pane(page, 'litellm', 'gpt-4o-mini');
  await sendFromLitellm(page, 'groq / llama-3.1-8b-instant', 'prompt');
  const groq = pane(page, 'groq', 'llama-3.1-8b-instant');
  await expect(groq.getByTestId('pane-answer')).toHaveText(
    'llama-3.1-8b-instant answers: gpt-4o-mini answers: Pass it on',
  );
  await expect(groq.getByTestId('pane-user-message')).toHaveText('gpt-4o-mini answers: Pass it on');
  const from = groq.getByRole('link', { name: 'From litellm / gpt-4o-mini' });
  await expect(from).toBeVisible();
  await from.click();
  await expect(source.getByTestId('pane-answer')).toBeFocused();
  await expect(source.getByTestId('pane-answer')).toHaveClass(/source-highlight/);

  // As context too, and after a reload.
  await sendFromLitellm(page, 'google / gemini-2.0-flash', 'context');
  const google = pane(page, 'google', 'gemini-2.0-flash');
  await expect(google.getByTestId('pane-context-message')).toContainText(
    'gpt-4o-mini answers: Pass it on',
  );
  await page.reload();
  await expect(google.getByRole('link', { name: 'From litellm / gpt-4o-mini' })).toBeVisible();
  await groq.getByRole('link', { name: 'From litellm / gpt-4o-mini' }).click();
  await expect(source.getByTestId('pane-answer')).toBeFocused();

  // Blind mode: provenance names the source by its letter, never its model; no fusion meanwhile.
  await page.getByRole('button', { name: 'Blind', exact: true }).click();
  const froms = page.getByTestId('sent-from');
  await expect(froms).toHaveCount(2);
  await expect(froms).toHaveText([/^From Model [ABC]$/, /^From Model [ABC]$/]);
  await expect(page.getByRole('link', { name: /gpt-4o-mini/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Fuse…' })).toBeDisabled();
  const letter = (await froms.first().innerText()).replace('From ', '');
  await froms.first().getByRole('link').click();
  await expect(
    page.getByRole('region', { name: letter, exact: true }).getByTestId('pane-answer'),
  ).toBeFocused();
});

/** The README's picture of a fused answer with its citations. */
test('a fused answer with citations, as the README shows it', async ({ workspace: page }) => {
  // Taller than the default: the vote bar and the fusion's request stay in the picture.
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.evaluate(() => localStorage.setItem('broadcast.theme', 'dark'));
  await page.reload();
  const answers: Record<string, string> = {
    'gpt-4o-mini':
      'Use **PostgreSQL** when you need transactions across tables and strict constraints; it scales reads with replicas.',
    'gemini-2.0-flash':
      'Pick **MongoDB** when documents vary in shape and you iterate fast; add schema validation later.',
    'llama-3.1-8b-instant':
      'Relational first: most apps end up needing joins. Store flexible parts in a `jsonb` column.',
  };
  for (const m of THREE)
    await scenario(m.providerId as 'litellm' | 'google' | 'groq', m.modelId, {
      text: answers[m.modelId]!,
    });
  await answered(page, 'SQL or NoSQL for a new web app?');
  await scenario('litellm', 'gpt-4o-mini', {
    text: 'Start with **PostgreSQL**: transactions and constraints keep data correct as the app gets bigger. [A, C]\n\nKeep the parts whose shape varies in a `jsonb` column instead of a second database. [B, C]\n\nUse a document store only for mostly schemaless data. [B]',
  });
  const menu = await fuseMenu(page);
  await menu.getByLabel('Model that writes it').selectOption('litellm/gpt-4o-mini');
  await menu.getByRole('button', { name: 'Fuse', exact: true }).click();
  await expect(fusions(page)).toHaveAttribute('data-state', 'complete');
  await expect(fusions(page).getByTestId('cited-paragraph')).toHaveCount(3);
  // Four columns: the fusion stands beside its sources, its citations in view.
  await page.getByLabel('Columns').selectOption('4');
  await fusions(page)
    .getByRole('link', { name: 'Source C: groq / llama-3.1-8b-instant' })
    .first()
    .click();
  await expect(pane(page, 'groq', 'llama-3.1-8b-instant').getByTestId('pane-answer')).toBeFocused();
  // The picture shows the fusion from its request down, and no chip under the pointer.
  await fusions(page)
    .locator('.thread')
    .evaluate((thread) => thread.scrollTo({ top: 0 }));
  await page.mouse.move(0, 0);
  await readmeScreenshot(page, 'fusion.png');
});
