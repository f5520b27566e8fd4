import { readFileSync } from 'node:fs';

import type { Download, FileChooser, Page } from '@playwright/test';

import { broadcast, expect, pane, test, THREE } from './fixtures';

async function exportAs(page: Page, item: 'Export Markdown' | 'Export JSON'): Promise<Download> {
  await page.getByRole('button', { name: 'Session', exact: true }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: item }).click();
  return download;
}

async function chooseImport(page: Page): Promise<FileChooser> {
  await page.getByRole('button', { name: 'Session', exact: true }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('menuitem', { name: 'Import session…' }).click();
  return chooser;
}

test('a session exports as Markdown and JSON, and the JSON imports back as a new session', async ({
  workspace: page,
}) => {
  await broadcast(page, 'Name three rivers');
  for (const m of THREE)
    await expect(pane(page, m.providerId, m.modelId)).toHaveAttribute('data-state', 'complete');
  const original = page.url();

  const markdown = await exportAs(page, 'Export Markdown');
  expect(markdown.suggestedFilename()).toMatch(/\.md$/);
  const md = readFileSync(await markdown.path(), 'utf8');
  expect(md).toContain('Name three rivers');
  expect(md).toContain('| Model |');
  for (const m of THREE) expect(md).toContain(`${m.modelId} answers: Name three rivers`);

  const json = await exportAs(page, 'Export JSON');
  expect(json.suggestedFilename()).toMatch(/\.json$/);
  const jsonPath = await json.path();
  const doc = JSON.parse(readFileSync(jsonPath, 'utf8')) as {
    format: string;
    version: number;
    session: { title: string };
  };
  expect(doc.format).toBe('broadcast-workspace/session');
  expect(doc.version).toBe(1);
  expect(doc.session.title).toBe('Name three rivers');

  // Import the file just saved: a new session (another URL) with the same answers.
  await (await chooseImport(page)).setFiles(jsonPath);
  await expect(page).not.toHaveURL(original);
  await expect(page).toHaveURL(/\/s\/[^/]+$/);
  for (const m of THREE)
    await expect(pane(page, m.providerId, m.modelId).getByTestId('pane-answer')).toHaveText(
      `${m.modelId} answers: Name three rivers`,
    );
  await expect(
    page.getByRole('navigation', { name: 'Sessions' }).getByRole('button', {
      name: /^Name three rivers/,
    }),
  ).toHaveCount(2);
});

test('importing works without an open session; a bad or too large file says why', async ({
  workspace: page,
}) => {
  await expect(page).toHaveURL(/\/$/);
  const alert = page.getByRole('alert');

  await (
    await chooseImport(page)
  ).setFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('this is not JSON'),
  });
  await expect(alert).toContainText('The session export is not valid JSON');
  await expect(alert).toContainText('Choose a JSON file saved with Export JSON, unchanged.');
  await expect(page).toHaveURL(/\/$/);
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toBeHidden();

  await (
    await chooseImport(page)
  ).setFiles({
    name: 'other.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ format: 'something-else', version: 1 })),
  });
  await expect(alert).toContainText('This is not a session export the workspace can read');

  await (
    await chooseImport(page)
  ).setFiles({
    name: 'huge.json',
    mimeType: 'application/json',
    buffer: Buffer.from(`"${'x'.repeat(500_000)}"`),
  });
  await expect(alert).toContainText(
    'A session export is at most 500,000 characters; export a shorter session or fork its panes.',
  );
  await expect(page).toHaveURL(/\/$/);
});
