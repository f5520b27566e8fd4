import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Page } from '@playwright/test';

import { startWorkspace } from '../support/local-servers';
import { broadcast, expect, pane, scenario, test } from './fixtures';

const API_WORDS = /sessions\.list|broadcast\.create|sessionId|does not exist\./;

async function deleteSession(page: Page, sessionId: string): Promise<void> {
  const response = await page.request.post(`/trpc/sessions.delete`, {
    data: { sessionId },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(response.ok()).toBe(true);
}

test('a prompt sent to a session deleted meanwhile stays, and can go to a new session', async ({
  workspace: page,
}) => {
  await broadcast(page, 'Soon deleted');
  await expect(pane(page, 'litellm', 'gpt-4o-mini')).toHaveAttribute('data-state', 'complete');
  const sessionId = page.url().split('/s/')[1]!;
  await deleteSession(page, sessionId); // as from another tab

  await page.getByLabel('Prompt').fill('Are you still there?');
  await page.getByLabel('Prompt').press('Enter');
  // Either the send finds the session gone, or the tab already learned it from a refresh that the
  // answers' last saves cause: both say so in words and keep the prompt.
  const alert = page
    .getByRole('alert')
    .filter({ hasText: /This session (no longer exists|does not exist): it was deleted/ })
    .first();
  await expect(alert).toBeVisible();
  await expect(page.locator('main')).not.toContainText(API_WORDS);
  await expect(page.getByLabel('Prompt')).toHaveValue('Are you still there?');

  await alert.getByRole('button', { name: 'Start a new session' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByLabel('Prompt')).toHaveValue('Are you still there?');
  await page.getByLabel('Prompt').press('Enter');
  await expect(page).toHaveURL(/\/s\/[^/]+$/);
  await expect(pane(page, 'groq', 'llama-3.1-8b-instant').getByTestId('pane-answer')).toHaveText(
    'llama-3.1-8b-instant answers: Are you still there?',
  );
  await expect(page.getByLabel('Prompt')).toHaveValue('');
});

test('a stale link says the session is gone, in words, and offers a new one', async ({
  workspace: page,
}) => {
  await page.goto('/s/no-such-session-0001');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Session not found');
  const alert = page.getByRole('alert').first();
  await expect(alert).toContainText(
    'This session does not exist: it was deleted, or the link is out of date.',
  );
  await expect(page.locator('main')).not.toContainText(API_WORDS);
  await page.getByLabel('Prompt').fill('Typed on a dead link');
  await expect(page.getByRole('button', { name: 'Broadcast' })).toHaveAccessibleDescription(
    'This session no longer exists: start a new session to send.',
  );
  await alert.getByRole('button', { name: 'Start a new session' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByLabel('Prompt')).toHaveValue('Typed on a dead link');
});

test('a follow-up refused while panes still answer stays, with what to do', async ({
  workspace: page,
}) => {
  await scenario('litellm', 'gpt-4o-mini', { text: 'slow '.repeat(400), tokenDelayMs: 30 });
  await broadcast(page, 'Keep going');
  const slow = pane(page, 'litellm', 'gpt-4o-mini');
  await expect(slow).toHaveAttribute('data-state', 'streaming');
  await page.getByLabel('Prompt').fill('Too soon');
  await page.getByLabel('Prompt').press('Enter');
  const alert = page.getByRole('alert').filter({ hasText: 'still answering' });
  await expect(alert).toContainText('Some panes of this session are still answering.');
  await expect(alert).toContainText('Your prompt is still in the box.');
  await expect(page.getByLabel('Prompt')).toHaveValue('Too soon');
  await slow.getByRole('button', { name: 'Stop' }).click();
  await expect(slow).toHaveAttribute('data-state', 'stopped');
});

test('a dropped connection keeps the prompt; it goes once the connection is back', async ({
  workspace: page,
}) => {
  let dropped = false;
  let reachedServer = 0;
  await page.routeWebSocket(/\/trpc/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((m) => {
      const isBroadcast = typeof m === 'string' && m.includes('broadcast.create');
      // The first broadcast never reaches the server: the socket drops as it is sent.
      if (!dropped && isBroadcast) {
        dropped = true;
        void ws.close({ code: 1006 });
        return;
      }
      if (isBroadcast) reachedServer++;
      server.send(m);
    });
    server.onMessage((m) => ws.send(m));
  });
  await page.reload();
  await page.getByLabel('Prompt').fill('Through a bad network');
  await page.getByLabel('Prompt').press('Enter');
  const alert = page.getByRole('alert').filter({ hasText: 'connection' });
  await expect(alert).toContainText(
    'The connection to the workspace dropped before your prompt reached it.',
  );
  await expect(alert).toContainText('Your prompt is still in the box.');
  await expect(page.getByLabel('Prompt')).toHaveValue('Through a bad network');
  expect(dropped).toBe(true);
  await expect(page.getByText('Connection lost')).toBeHidden();
  await broadcast(page, 'Through a bad network');
  await expect(pane(page, 'litellm', 'gpt-4o-mini').getByTestId('pane-answer')).toHaveText(
    'gpt-4o-mini answers: Through a bad network',
  );
  // Sent once: not also over a socket the reconnect closed (which broadcast it twice).
  expect(reachedServer).toBe(1);
});

test('a session whose provider the workspace no longer has says so, and keeps the prompt', async ({
  page,
}) => {
  // One database, two starts: with the demo provider, then with DEMO_PROVIDER=false.
  const dir = mkdtempSync(join(tmpdir(), 'broadcast-e2e-provider-gone-'));
  const DATABASE_URL = `file:${join(dir, 'shared.db')}`;
  try {
    const before = await startWorkspace({ DATABASE_URL });
    let path: string;
    try {
      await page.goto(before.url);
      await page.getByLabel('Prompt').fill('Made with the demo');
      await page.getByLabel('Prompt').press('Enter');
      await expect(page).toHaveURL(/\/s\/[^/]+$/);
      await expect(page.locator('.pane[data-state="complete"]')).toHaveCount(3);
      path = new URL(page.url()).pathname;
    } finally {
      await before.stop();
    }
    const after = await startWorkspace({ DATABASE_URL, DEMO_PROVIDER: 'false' });
    try {
      await page.goto(`${after.url}${path}`);
      await expect(page.locator('.pane')).toHaveCount(3);
      await page.getByLabel('Prompt').fill('Anyone left?');
      await page.getByLabel('Prompt').press('Enter');
      const alert = page.getByRole('alert').filter({ hasText: 'provider' });
      await expect(alert).toContainText(
        'This workspace has no provider “demo”, so its models cannot answer.',
      );
      await expect(alert).toContainText('Your prompt is still in the box.');
      await expect(page.getByLabel('Prompt')).toHaveValue('Anyone left?');
    } finally {
      await after.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
