import { broadcast, expect, pane, test } from './fixtures';

test('shortcuts work while typing through Alt, and Esc leaves the prompt', async ({
  workspace: page,
}) => {
  const prompt = page.getByLabel('Prompt');
  await prompt.fill('half a thought');
  // Alt+M opens the model picker from inside the prompt, typing nothing.
  await prompt.press('Alt+KeyM');
  const picker = page.getByRole('dialog', { name: 'Choose models' });
  await expect(picker).toBeVisible();
  await expect(picker.getByLabel('Search models')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(picker).toBeHidden();
  await prompt.focus();
  const html = page.locator('html');
  const theme = await html.getAttribute('data-theme');
  const other = theme === 'dark' ? 'light' : 'dark';
  await prompt.press('Alt+KeyT');
  await expect(html).toHaveAttribute('data-theme', other);
  await prompt.press('Alt+Slash');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(prompt).toBeFocused();
  await expect(prompt).toHaveValue('half a thought');

  // Plain keys type in the prompt; Esc leaves it, and then the plain keys are shortcuts.
  await prompt.press('End');
  await page.keyboard.type(' t');
  await expect(prompt).toHaveValue('half a thought t');
  await expect(html).toHaveAttribute('data-theme', other);
  await page.keyboard.press('Escape');
  await expect(prompt).not.toBeFocused();
  await page.keyboard.press('t');
  await expect(html).toHaveAttribute('data-theme', theme!);
  await page.keyboard.press('/');
  await expect(prompt).toBeFocused();

  // Alt+N: a new session from anywhere, the draft kept.
  await broadcast(page, 'Keyboard session');
  await expect(pane(page, 'litellm', 'gpt-4o-mini')).toHaveAttribute('data-state', 'complete');
  await prompt.fill('next idea');
  await prompt.press('Alt+KeyN');
  await expect(page).toHaveURL(/\/$/);
  await expect(prompt).toBeFocused();
  await expect(prompt).toHaveValue('next idea');
});

test('a skip link leads to the prompt; each session row is one Tab stop with its menu', async ({
  workspace: page,
}) => {
  await broadcast(page, 'Keyrow one');
  await expect(pane(page, 'litellm', 'gpt-4o-mini')).toHaveAttribute('data-state', 'complete');
  await page.getByRole('button', { name: 'New session' }).click();
  await broadcast(page, 'Keyrow two');
  await expect(pane(page, 'litellm', 'gpt-4o-mini')).toHaveAttribute('data-state', 'complete');

  await page.reload();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the prompt' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Prompt')).toBeFocused();

  const sidebar = page.getByRole('navigation', { name: 'Sessions' });
  await sidebar.getByLabel('Search sessions').fill('Keyrow');
  await expect(sidebar.getByRole('listitem')).toHaveCount(2);
  await page.keyboard.press('Tab');
  await expect(sidebar.getByRole('button', { name: /^Keyrow two/ })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(sidebar.getByRole('button', { name: /^Keyrow one/ })).toBeFocused();
  // The row's actions are on its menu: Shift+F10 opens it, arrows move, Esc comes back.
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu');
  await expect(menu.getByRole('menuitem')).toHaveText(['Rename…', 'Delete…']);
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(sidebar.getByRole('button', { name: /^Keyrow one/ })).toBeFocused();
  await page.keyboard.press('Shift+F10');
  await expect(menu.getByRole('menuitem', { name: 'Rename…' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Delete…' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  const rename = page.getByRole('dialog', { name: 'Rename session' });
  await expect(rename.getByLabel('Title')).toBeFocused();
  await page.keyboard.type('Keyrow one, renamed');
  await page.keyboard.press('Enter');
  await expect(rename).toBeHidden();
  await expect(sidebar.getByRole('button', { name: /^Keyrow one, renamed/ })).toBeFocused();
});
