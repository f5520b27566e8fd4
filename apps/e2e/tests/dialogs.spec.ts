import type { Locator, Page } from '@playwright/test';

import { broadcast, expect, pane, test } from './fixtures';

/** WCAG contrast of an element's text against the colour actually behind it. */
function contrastOf(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    const rgba = (c: string) => {
      const [r = 0, g = 0, b = 0, a = 1] = (c.match(/[\d.]+/g) ?? []).map(Number);
      return { r, g, b, a };
    };
    const lum = ({ r, g, b }: { r: number; g: number; b: number }) => {
      const f = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    let node: Element | null = el;
    let bg = rgba('rgba(0,0,0,0)');
    while (node && bg.a === 0) {
      bg = rgba(getComputedStyle(node).backgroundColor);
      node = node.parentElement;
    }
    const fg = lum(rgba(getComputedStyle(el).color));
    const back = lum(bg);
    return (Math.max(fg, back) + 0.05) / (Math.min(fg, back) + 0.05);
  });
}

async function closesAndReturnsFocus(page: Page, trigger: Locator, popover: Locator) {
  await trigger.click();
  await expect(popover).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(popover).toBeHidden();
  await expect(trigger).toBeFocused();
  await trigger.click();
  await expect(popover).toBeVisible();
  // A click outside it: the sidebar's empty corner (for a modal dialog, its backdrop).
  await page.mouse.click(4, 4);
  await expect(popover).toBeHidden();
}

test('rename, delete and presets use the app’s dialogs; no browser dialog ever opens', async ({
  workspace: page,
}) => {
  page.on('dialog', (d) => {
    throw new Error(`A browser dialog opened: ${d.message()}`);
  });
  await page.getByRole('button', { name: /^Models/ }).click();
  await page.getByRole('button', { name: 'Save as preset…' }).click();
  const save = page.getByRole('dialog', { name: 'Save as preset' });
  await expect(save.getByLabel('Preset name')).toBeFocused();
  // Empty is refused with a reason; Esc cancels and gives focus back to the picker's button.
  await save.getByLabel('Preset name').fill(' ');
  await save.getByRole('button', { name: 'Save preset' }).click();
  await expect(save.getByRole('alert')).toHaveText('Preset name must not be empty.');
  await page.keyboard.press('Escape');
  await expect(save).toBeHidden();
  await expect(page.getByRole('button', { name: /^Models/ })).toBeFocused();

  await page.getByRole('button', { name: /^Models/ }).click();
  await page.getByRole('button', { name: 'Save as preset…' }).click();
  await save.getByLabel('Preset name').fill('Trio');
  await save.getByLabel('Preset name').press('Enter');
  await expect(save).toBeHidden();
  // The preset works: remove two models, then apply it.
  await page.getByRole('button', { name: 'Remove groq/llama-3.1-8b-instant' }).click();
  await page.getByRole('button', { name: 'Remove google/gemini-2.0-flash' }).click();
  await page.getByRole('button', { name: /^Models \(1\)/ }).click();
  await page
    .getByRole('group', { name: 'Presets' })
    .getByRole('button', { name: 'Trio', exact: true })
    .click();
  await expect(page.getByRole('button', { name: /^Models \(3\)/ })).toBeVisible();

  await page.getByRole('dialog', { name: 'Choose models' }).press('Escape');
  await broadcast(page, 'Dialog session');
  const sidebar = page.getByRole('navigation', { name: 'Sessions' });
  const row = sidebar.getByRole('button', { name: /^Dialog session/ });
  await row.focus();
  await page.keyboard.press('F2');
  const rename = page.getByRole('dialog', { name: 'Rename session' });
  await expect(rename.getByLabel('Title')).toHaveValue('Dialog session');
  await page.keyboard.press('Escape');
  await expect(rename).toBeHidden();
  await expect(row).toBeFocused();
  await page.keyboard.press('Delete');
  const confirm = page.getByRole('dialog', { name: 'Delete session' });
  // Cancel comes first: Enter on a freshly opened delete dialog deletes nothing.
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirm).toBeHidden();
  await expect(row).toBeVisible();
});

test('popovers close on Esc and on a click outside, give focus back, and break no CSP rule', async ({
  workspace: page,
}) => {
  // Popover and dialog libraries may inject <style> elements, which the CSP blocks: none may.
  await page.addInitScript(() => {
    const seen: string[] = ((window as unknown as { __violations: string[] }).__violations = []);
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await page.reload();
  await broadcast(page, 'Popovers');
  const litellm = pane(page, 'litellm', 'gpt-4o-mini');
  await expect(litellm).toHaveAttribute('data-state', 'complete');
  await closesAndReturnsFocus(
    page,
    page.getByRole('button', { name: /^Models/ }),
    page.getByRole('dialog', { name: 'Choose models' }),
  );
  await closesAndReturnsFocus(
    page,
    page.getByRole('button', { name: 'Settings for litellm/gpt-4o-mini' }),
    page.getByRole('dialog', { name: 'Settings for litellm/gpt-4o-mini' }),
  );
  await closesAndReturnsFocus(
    page,
    litellm.getByRole('button', { name: 'Send to…' }),
    page.getByRole('dialog', { name: 'Send litellm / gpt-4o-mini to other panes' }),
  );
  await closesAndReturnsFocus(
    page,
    page.getByRole('button', { name: 'Fuse…' }),
    page.getByRole('dialog', { name: 'Fuse answers' }),
  );
  await closesAndReturnsFocus(
    page,
    page.getByRole('button', { name: 'Keyboard shortcuts' }),
    page.getByRole('dialog', { name: 'Keyboard shortcuts' }),
  );
  const row = page
    .getByRole('navigation', { name: 'Sessions' })
    .getByRole('button', { name: /^Popovers/ })
    .first();
  await row.focus();
  await page.keyboard.press('Shift+F10');
  await expect(page.getByRole('menu')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.keyboard.press('F2');
  await page.keyboard.press('Escape');
  expect(
    await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
  ).toEqual([]);
});

test('in the light theme every button is readable, the settings’ Apply included', async ({
  workspace: page,
}) => {
  await page.evaluate(() => localStorage.setItem('broadcast.theme', 'light'));
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.getByRole('button', { name: 'Settings for litellm/gpt-4o-mini' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings for litellm/gpt-4o-mini' });
  const apply = settings.getByRole('button', { name: 'Apply' });
  await expect(apply).toBeVisible();
  expect(await contrastOf(apply)).toBeGreaterThanOrEqual(4.5);
  for (const button of await page.getByRole('button').all()) {
    if (!(await button.isVisible())) continue;
    const name = (await button.getAttribute('aria-label')) ?? (await button.innerText());
    expect(await contrastOf(button), `contrast of "${name}"`).toBeGreaterThanOrEqual(4.5);
  }
});
