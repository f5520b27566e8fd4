import type { Locator } from '@playwright/test';

import { broadcast, expect, fakeRequests, fakeUrl, pane, scenario, test, THREE } from './fixtures';

test('broadcasts to three providers and shows each exact answer with its meter, then survives a reload', async ({
  workspace: page,
}) => {
  await broadcast(page, 'Explain streaming in one line');
  for (const m of THREE) {
    const p = pane(page, m.providerId, m.modelId);
    await expect(p).toHaveAttribute('data-state', 'complete');
    await expect(p.getByTestId('pane-answer')).toHaveText(
      `${m.modelId} answers: Explain streaming in one line`,
    );
    await expect(p.getByTestId('pane-meter')).toContainText('TTFT');
  }
  await expect(pane(page, 'groq', 'llama-3.1-8b-instant').getByTestId('pane-meter')).toContainText(
    '$0.0',
  );
  await page.screenshot({ path: 'test-results/screenshots/three-panes.png' });

  const url = page.url();
  await page.reload();
  await expect(page).toHaveURL(url);
  await expect(pane(page, 'google', 'gemini-2.0-flash').getByTestId('pane-answer')).toHaveText(
    'gemini-2.0-flash answers: Explain streaming in one line',
  );
  await expect(page.getByRole('navigation', { name: 'Sessions' })).toContainText(
    'Explain streaming in one line',
  );
});

test('one provider failing shows its error and suggestion while the other two finish', async ({
  workspace: page,
}) => {
  await scenario('groq', 'llama-3.1-8b-instant', { error: { status: 401 } });
  await broadcast(page, 'Fail groq please');
  const groq = pane(page, 'groq', 'llama-3.1-8b-instant');
  await expect(groq).toHaveAttribute('data-state', 'error');
  await expect(groq.getByRole('alert')).toContainText('GROQ_API_KEY');
  await expect(pane(page, 'litellm', 'gpt-4o-mini')).toHaveAttribute('data-state', 'complete');
  await expect(pane(page, 'google', 'gemini-2.0-flash')).toHaveAttribute('data-state', 'complete');
  await page.screenshot({ path: 'test-results/screenshots/one-failing.png' });
});

test('stops one pane mid-stream and retries it to completion', async ({ workspace: page }) => {
  await scenario('litellm', 'gpt-4o-mini', { text: 'slow '.repeat(300), tokenDelayMs: 30 });
  await broadcast(page, 'Stop me');
  const slow = pane(page, 'litellm', 'gpt-4o-mini');
  await expect(slow).toHaveAttribute('data-state', 'streaming');
  await slow.getByRole('button', { name: 'Stop' }).click();
  await expect(slow).toHaveAttribute('data-state', 'stopped');
  await expect(pane(page, 'groq', 'llama-3.1-8b-instant')).toHaveAttribute(
    'data-state',
    'complete',
  );
  await scenario('litellm', 'gpt-4o-mini', {});
  await slow.getByRole('button', { name: 'Retry' }).click();
  await expect(slow.getByTestId('pane-answer')).toHaveText('gpt-4o-mini answers: Stop me');
  await expect(slow).toHaveAttribute('data-state', 'complete');
});

test('sends an answer to another pane as a prompt, and summarizes the session', async ({
  workspace: page,
}) => {
  await broadcast(page, 'Share me');
  await expect(pane(page, 'litellm', 'gpt-4o-mini')).toHaveAttribute('data-state', 'complete');
  await expect(pane(page, 'groq', 'llama-3.1-8b-instant')).toHaveAttribute(
    'data-state',
    'complete',
  );
  const source = pane(page, 'litellm', 'gpt-4o-mini');
  await source.getByRole('button', { name: 'Send to…' }).click();
  await source.getByRole('dialog').getByLabel('groq / llama-3.1-8b-instant').check();
  await source.getByRole('button', { name: 'Send as prompt' }).click();
  const target = pane(page, 'groq', 'llama-3.1-8b-instant');
  await expect(target.getByTestId('pane-answer')).toHaveText(
    'llama-3.1-8b-instant answers: gpt-4o-mini answers: Share me',
  );

  await scenario('google', 'gemini-2.0-flash', { text: 'All answers agree.' });
  await page.getByRole('button', { name: 'Fuse…' }).click();
  const menu = page.getByRole('dialog', { name: 'Fuse answers' });
  await menu.getByLabel('Template').selectOption({ label: 'Summarize' });
  await menu.getByLabel('Model that writes it').selectOption('google/gemini-2.0-flash');
  await menu.getByLabel('google / gemini-2.0-flash').uncheck();
  await menu.getByRole('button', { name: 'Fuse', exact: true }).click();
  const summary = page
    .locator('.pane', { hasText: 'fusion' })
    .filter({ hasText: 'All answers agree.' });
  await expect(summary).toHaveAttribute('data-state', 'complete');
  await expect(summary.locator('.fuse-request-line')).toHaveText(
    'Summarize · from A: litellm / gpt-4o-mini, B: groq / llama-3.1-8b-instant',
  );
  await page.screenshot({ path: 'test-results/screenshots/summary.png' });
  // Only the chosen panes' answers reached the summary model.
  const summaryPrompt = JSON.stringify((await fakeRequests(fakeUrl('google'))).at(-1)?.body);
  expect(summaryPrompt).toContain('llama-3.1-8b-instant answers: gpt-4o-mini answers: Share me');
  expect(summaryPrompt).not.toContain('gemini-2.0-flash answers: Share me');
});

test('a streaming pane follows its answer to the end, unless the reader scrolls up', async ({
  workspace: page,
}) => {
  // About 6 s of streaming: time to see the text overflow, scroll up, and keep streaming.
  const text = Array.from({ length: 600 }, (_, i) => `w${i}`).join(' ');
  for (const m of THREE)
    await scenario(m.providerId as 'litellm' | 'google' | 'groq', m.modelId, {
      text,
      chunkSize: 6,
      tokenDelayMs: 10,
    });
  await broadcast(page, 'Follow me');
  const followed = pane(page, 'litellm', 'gpt-4o-mini');
  const read = pane(page, 'groq', 'llama-3.1-8b-instant');
  const distanceFromEnd = (thread: Locator) =>
    thread.locator('.thread').evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
  // Once the answer overflows its pane, the reader scrolls up to its start.
  await expect
    .poll(() => read.locator('.thread').evaluate((el) => el.scrollHeight - el.clientHeight))
    .toBeGreaterThan(200);
  await expect(read).toHaveAttribute('data-state', 'streaming');
  await read.locator('.thread').hover();
  await page.mouse.wheel(0, -5000);
  // The wheel scrolls on the compositor while the page is busy streaming: a line or two added in
  // that moment may still move with the text, then the view stays where the reader left it.
  const scrollTop = () => read.locator('.thread').evaluate((el) => el.scrollTop);
  await expect.poll(scrollTop).toBeLessThan(100);
  const left = await scrollTop();
  for (const p of [followed, read]) await expect(p).toHaveAttribute('data-state', 'complete');
  await expect(followed.getByTestId('pane-answer')).toHaveText(text);
  expect(await distanceFromEnd(followed)).toBeLessThanOrEqual(1);
  expect(await scrollTop()).toBe(left);
  expect(await distanceFromEnd(read)).toBeGreaterThan(200);
});

test('per-model system prompt, temperature and max tokens reach the provider and show on the pane', async ({
  workspace: page,
}) => {
  await page.getByRole('button', { name: 'Settings for litellm/gpt-4o-mini' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings for litellm/gpt-4o-mini' });
  await settings.getByLabel('Temperature').fill('7');
  await settings.getByRole('button', { name: 'Apply' }).click();
  await expect(settings.getByRole('alert')).toHaveText('Temperature is a number from 0 to 2.');
  await settings.getByLabel('System prompt').fill('Answer like a pirate.');
  await settings.getByLabel('Temperature').fill('0.2');
  await settings.getByLabel('Max tokens').fill('64');
  await settings.getByRole('button', { name: 'Apply' }).click();
  await expect(settings).toBeHidden();
  await broadcast(page, 'Tuned');
  const tuned = pane(page, 'litellm', 'gpt-4o-mini');
  await expect(tuned).toHaveAttribute('data-state', 'complete');
  await expect(tuned.getByTestId('pane-settings')).toHaveText('temp 0.2 · max 64 · system prompt');
  await expect(pane(page, 'groq', 'llama-3.1-8b-instant').getByTestId('pane-settings')).toHaveCount(
    0,
  );
  const sent = (await fakeRequests(fakeUrl('litellm')))
    .filter((r) => r.path.endsWith('/chat/completions'))
    .at(-1)?.body;
  expect(sent).toMatchObject({
    temperature: 0.2,
    max_tokens: 64,
    messages: [
      { role: 'system', content: 'Answer like a pirate.' },
      { role: 'user', content: 'Tuned' },
    ],
  });
  // Remembered for the next visit.
  await page.reload();
  await expect(page.locator('.chip.custom')).toHaveCount(1);
});

test('a socket cut mid-stream reconnects and the answer completes exactly once', async ({
  workspace: page,
}) => {
  const text = Array.from({ length: 120 }, (_, i) => `w${i}`).join(' ');
  await scenario('litellm', 'gpt-4o-mini', { text, tokenDelayMs: 25 });
  let cut = false;
  await page.routeWebSocket(/\/trpc/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((m) => server.send(m));
    server.onMessage((m) => {
      ws.send(m);
      // Cut the first socket once tokens are flowing; later sockets pass untouched.
      if (!cut && typeof m === 'string' && m.includes('"token"')) {
        cut = true;
        setTimeout(() => void ws.close({ code: 1006 }), 300);
      }
    });
  });
  await page.reload();
  // The reconnect can succeed within a few hundred milliseconds: the page records every text its
  // status banner shows, so the test sees the banner however briefly it was up.
  await page.evaluate(() => {
    const seen: string[] = ((window as unknown as { __banner: string[] }).__banner = []);
    new MutationObserver(() => {
      const text = document.querySelector('[role="status"]')?.textContent;
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await broadcast(page, 'Cut the socket');
  const p = pane(page, 'litellm', 'gpt-4o-mini');
  await expect
    .poll(() =>
      page.evaluate(() => (window as unknown as { __banner: string[] }).__banner.join(' | ')),
    )
    .toContain('reconnecting');
  await expect(p).toHaveAttribute('data-state', 'complete');
  await expect(p.getByTestId('pane-answer')).toHaveText(text);
  expect(cut).toBe(true);
});

test('searches, renames and deletes a session through its menu and the app’s own dialogs', async ({
  workspace: page,
}) => {
  await broadcast(page, 'Unique zebra session');
  await expect(pane(page, 'litellm', 'gpt-4o-mini')).toHaveAttribute('data-state', 'complete');
  const sidebar = page.getByRole('navigation', { name: 'Sessions' });
  await sidebar.getByLabel('Search sessions').fill('zebra');
  await expect(sidebar.getByRole('listitem')).toHaveCount(1);
  // No browser prompt() or confirm() is ever used.
  page.on('dialog', (d) => {
    throw new Error(`A browser dialog opened: ${d.message()}`);
  });
  const row = sidebar.getByRole('button', { name: /^Unique zebra session/ });
  await row.hover();
  await sidebar.getByRole('button', { name: 'Actions for Unique zebra session' }).click();
  await page.getByRole('menuitem', { name: 'Rename…' }).click();
  const rename = page.getByRole('dialog', { name: 'Rename session' });
  await expect(rename.getByLabel('Title')).toBeFocused();
  await rename.getByLabel('Title').fill('Striped zebra notes');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(rename).toBeHidden();
  await expect(sidebar.getByRole('listitem')).toContainText('Striped zebra notes');
  // The new title is saved: it survives a reload.
  await page.reload();
  await sidebar.getByLabel('Search sessions').fill('zebra');
  await expect(sidebar.getByRole('listitem')).toContainText('Striped zebra notes');
  await sidebar.getByRole('button', { name: /^Striped zebra notes/ }).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Delete…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete session' });
  await expect(confirm).toContainText('Delete “Striped zebra notes” and all its answers?');
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(sidebar).toContainText('No session matches.');
  await expect(page).toHaveURL(/\/$/);
});

test('a session deleted in another tab says so here at once, and leaves this tab’s list', async ({
  workspace: page,
}) => {
  await broadcast(page, 'Shared by two tabs');
  await expect(pane(page, 'litellm', 'gpt-4o-mini')).toHaveAttribute('data-state', 'complete');
  const other = await page.context().newPage();
  await other.goto(page.url());
  await expect(pane(other, 'litellm', 'gpt-4o-mini')).toHaveAttribute('data-state', 'complete');
  const otherList = other.getByRole('navigation', { name: 'Sessions' });
  await expect(otherList).toContainText('Shared by two tabs');

  const sidebar = page.getByRole('navigation', { name: 'Sessions' });
  await sidebar.getByRole('button', { name: /^Shared by two tabs/ }).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Delete…' }).click();
  await page
    .getByRole('dialog', { name: 'Delete session' })
    .getByRole('button', { name: 'Delete' })
    .click();

  // The other tab was not touched: it hears of the deletion from its live subscription.
  await expect(other.getByRole('alert')).toContainText('This session does not exist');
  await expect(otherList).not.toContainText('Shared by two tabs');
  await other.close();
});
