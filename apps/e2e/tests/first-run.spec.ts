import { startFakeUpstream, type FakeUpstream } from '@mlb/test-support';

import { startWorkspace, type LocalServer } from '../support/local-servers';
import { expect, test } from './fixtures';

/** A workspace started with DEMO_PROVIDER=false: the built-in demo provider does not exist there. */
test.describe('first run with DEMO_PROVIDER=false', () => {
  let groq: FakeUpstream;
  let withGroq: LocalServer;
  let bare: LocalServer;
  test.beforeAll(async () => {
    groq = await startFakeUpstream({
      flavor: 'groq',
      apiKey: 'gsk-first-run',
      models: ['llama-3.1-8b-instant'],
    });
    [withGroq, bare] = await Promise.all([
      startWorkspace({
        DEMO_PROVIDER: 'false',
        GROQ_BASE_URL: groq.baseUrl,
        GROQ_API_KEY: 'gsk-first-run',
      }),
      startWorkspace({ DEMO_PROVIDER: 'false' }),
    ]);
  });
  test.afterAll(async () => {
    await Promise.all([withGroq.stop(), bare.stop()]);
    await groq.close();
  });

  test('pre-selects a configured model, never the demo, and the first prompt is answered', async ({
    page,
  }) => {
    await page.goto(withGroq.url);
    const chosen = page.getByRole('group', { name: 'Models to ask' }).locator('.chip-name');
    await expect(chosen).toHaveText(['groq/llama-3.1-8b-instant']);
    await page.getByLabel('Prompt').fill('Hello from a first run');
    await page.getByLabel('Prompt').press('Enter');
    const answer = page.getByRole('region', { name: 'groq / llama-3.1-8b-instant' });
    await expect(answer.getByTestId('pane-answer')).toHaveText(
      'llama-3.1-8b-instant answers: Hello from a first run',
    );
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('a remembered demo choice is not sent where there is no demo provider', async ({ page }) => {
    await page.addInitScript(() =>
      localStorage.setItem(
        'broadcast.selection',
        JSON.stringify([{ providerId: 'demo', modelId: 'demo-fast' }]),
      ),
    );
    await page.goto(withGroq.url);
    const chosen = page.getByRole('group', { name: 'Models to ask' }).locator('.chip-name');
    await expect(chosen).toHaveText(['groq/llama-3.1-8b-instant']);
    await page.getByLabel('Prompt').fill('Still works');
    await page.getByLabel('Prompt').press('Enter');
    await expect(
      page.getByRole('region', { name: 'groq / llama-3.1-8b-instant' }).getByTestId('pane-answer'),
    ).toHaveText('llama-3.1-8b-instant answers: Still works');
    await expect(page.getByText('There is no provider')).toHaveCount(0);
  });

  test('with no provider configured, selects none and says how to add one', async ({ page }) => {
    await page.goto(bare.url);
    await expect(page.getByText('No model is available yet')).toBeVisible();
    await expect(page.locator('.chip')).toHaveCount(0);
    await page.getByLabel('Prompt').fill('Anyone there?');
    const send = page.getByRole('button', { name: 'Broadcast' });
    await expect(send).toHaveAttribute('aria-disabled', 'true');
    await expect(send).toHaveAccessibleDescription('Choose at least one model under Models.');
    await page.getByLabel('Prompt').press('Enter');
    await expect(page).toHaveURL(`${bare.url}/`);
    await expect(page.getByLabel('Prompt')).toHaveValue('Anyone there?');
    // The picker says what each provider needs.
    await page.getByRole('button', { name: /^Models/ }).click();
    const groqGroup = page.getByRole('group', { name: /^Groq/ });
    await expect(groqGroup).toContainText('Not configured');
    await expect(groqGroup).toContainText('GROQ_API_KEY');
    await expect(page.getByRole('group', { name: /^Demo/ })).toHaveCount(0);
  });
});
