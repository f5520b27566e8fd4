import { test as base, expect, type Page } from '@playwright/test';

import { controlFake, fakeRequests, type Scenario } from '@mlb/test-support';

export const THREE = [
  { providerId: 'litellm', modelId: 'gpt-4o-mini' },
  { providerId: 'google', modelId: 'gemini-2.0-flash' },
  { providerId: 'groq', modelId: 'llama-3.1-8b-instant' },
];

const fakes = () => ({
  litellm: process.env.E2E_FAKE_LITELLM!,
  google: process.env.E2E_FAKE_GOOGLE!,
  groq: process.env.E2E_FAKE_GROQ!,
});

export const fakeUrl = (provider: 'litellm' | 'google' | 'groq'): string => fakes()[provider];
export { fakeRequests };

export async function scenario(
  provider: 'litellm' | 'google' | 'groq',
  modelId: string,
  s: Scenario,
): Promise<void> {
  await controlFake(fakes()[provider], { modelId, scenario: s });
}

export const test = base.extend<{ workspace: Page }>({
  workspace: async ({ page }, use) => {
    await Promise.all(Object.values(fakes()).map((url) => controlFake(url, 'reset')));
    // Start from the three fake-backed models, as a user who picked them before would.
    await page.addInitScript((models) => {
      if (!localStorage.getItem('broadcast.selection'))
        localStorage.setItem('broadcast.selection', JSON.stringify(models));
    }, THREE);
    await page.goto('/');
    await use(page);
  },
});

export { expect };

export const pane = (page: Page, providerId: string, modelId: string) =>
  page.getByRole('region', { name: `${providerId} / ${modelId}` });

/** Sends the litellm / gpt-4o-mini pane's answer to another pane (`to`: its label), through the Send to… dialog. */
export async function sendFromLitellm(
  page: Page,
  to: string,
  as: 'prompt' | 'context',
): Promise<void> {
  await pane(page, 'litellm', 'gpt-4o-mini').getByRole('button', { name: 'Send to…' }).click();
  await page
    .getByRole('dialog', { name: 'Send litellm / gpt-4o-mini to other panes' })
    .getByLabel(to)
    .check();
  await page.getByRole('button', { name: `Send as ${as}` }).click();
}

export async function broadcast(page: Page, prompt: string): Promise<void> {
  await page.getByLabel('Prompt').fill(prompt);
  await page.getByLabel('Prompt').press('Enter');
  await expect(page).toHaveURL(/\/s\/[^/]+$/);
}

/**
 * The models the next prompt goes to, as a user who picked them before would have them (the web
 * app's stored selection: `{ providerId, modelId, params? }` each).
 */
export async function chooseModels(page: Page, models: readonly unknown[]): Promise<void> {
  await page.evaluate(
    (m) => localStorage.setItem('broadcast.selection', JSON.stringify(m)),
    models,
  );
  await page.reload();
}
