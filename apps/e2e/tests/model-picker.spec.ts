import { expect, test } from './fixtures';

test('the model picker searches models, and says why a provider offers none', async ({
  workspace: page,
}) => {
  await page.getByRole('button', { name: /^Models/ }).click();
  const picker = page.getByRole('dialog', { name: 'Choose models' });
  const search = picker.getByLabel('Search models');
  await expect(search).toBeFocused();
  const models = picker.getByRole('checkbox');

  await search.fill('gemini');
  await expect(models).toHaveCount(1);
  await expect(picker.getByRole('checkbox', { name: /gemini-2.0-flash/ })).toBeChecked();
  await search.fill('groq');
  await expect(picker.getByRole('group', { name: /^Groq/ })).toBeVisible();
  await expect(picker.getByRole('group', { name: /^Google/ })).toHaveCount(0);
  await search.fill('no such model');
  await expect(models).toHaveCount(0);
  await expect(picker.getByRole('status')).toHaveText('No model matches “no such model”.');
  await search.fill('');

  // Every provider that offers nothing says why: not configured (and what to set), or its error.
  const openai = picker.getByRole('group', { name: /^OpenAI/ });
  await expect(openai).toContainText('Not configured.');
  await expect(openai).toContainText('OPENAI_API_KEY');
  for (const group of await picker.getByRole('group').all()) {
    const name = await group.getAttribute('data-provider');
    if (!name || (await group.getByRole('checkbox').count()) > 0) continue;
    await expect(group.locator('p'), `${name} says why it offers no model`).toHaveText(/\w+/);
  }
  // Checking a model adds it; the search does not lose the choice.
  await search.fill('balanced');
  await picker.getByRole('checkbox', { name: /^Demo balanced/ }).check();
  await search.fill('');
  await expect(page.getByRole('button', { name: /^Models \(4\)/ })).toBeVisible();
});
