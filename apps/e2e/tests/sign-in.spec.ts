import { expect, test } from '@playwright/test';

import { startWorkspace, type LocalServer } from '../support/local-servers';

const TOKEN = 'e2e-access-token-0123456789';

// A workspace of its own, started with ACCESS_TOKEN (the shared one has no sign-in).
let workspace: LocalServer;
test.beforeAll(async () => {
  workspace = await startWorkspace({ ACCESS_TOKEN: TOKEN });
});
test.afterAll(() => workspace.stop());

/** Every kind of route: the app, its assets, /metrics, tRPC over HTTP. */
async function routes(): Promise<string[]> {
  // The asset paths are hashed: read them from the built page (open to a signed-in client).
  const html = await fetch(`${workspace.url}/`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  }).then((r) => r.text());
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
  expect(assets.length).toBeGreaterThan(0);
  const input = encodeURIComponent('{"json":{}}');
  return ['/', '/s/some-session', ...assets, '/metrics', `/trpc/sessions.list?input=${input}`];
}

test('without the cookie every route but the sign-in page and /health refuses; with it everything works', async ({
  page,
  playwright,
}) => {
  const anonymous = await playwright.request.newContext({ baseURL: workspace.url });
  for (const path of await routes()) {
    const response = await anonymous.get(path, { maxRedirects: 0 });
    expect([401, 303], path).toContain(response.status());
  }
  expect((await anonymous.get('/health')).status()).toBe(200);
  expect((await anonymous.get('/sign-in')).status()).toBe(200);

  // A visitor lands on the sign-in page, and returns to where they were going.
  await page.goto(`${workspace.url}/s/some-session`);
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fs%2Fsome-session$/);
  await page.getByLabel('Access token').fill('not the token');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('That access token is not right');
  await page.getByLabel('Access token').fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(`${workspace.url}/s/some-session`);

  const [cookie] = await page.context().cookies();
  expect(cookie).toMatchObject({ name: 'broadcast_session', httpOnly: true, sameSite: 'Strict' });

  // With it: every route answers, and the app works over its WebSocket. (As a browser asks: the
  // web app's session URLs answer only requests that accept HTML.)
  for (const path of await routes()) {
    const response = await page.request.get(`${workspace.url}${path}`, {
      maxRedirects: 0,
      headers: { accept: 'text/html,*/*' },
    });
    expect(response.status(), path).toBeLessThan(300);
  }
  await page.goto(workspace.url);
  await page.getByLabel('Prompt').fill('Signed in');
  await page.getByLabel('Prompt').press('Enter');
  const demo = page.getByRole('region', { name: 'demo / demo-fast' });
  await expect(demo).toHaveAttribute('data-state', 'complete');
  await expect(page.getByRole('status')).toHaveCount(0); // no connection banner
  await anonymous.dispose();
});

test('signing out ends the session: the app goes back to the sign-in page', async ({ page }) => {
  await page.goto(`${workspace.url}/sign-in`);
  await page.getByLabel('Access token').fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByLabel('Prompt')).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  expect(await page.context().cookies()).toEqual([]);
  await page.goto(workspace.url);
  await expect(page).toHaveURL(/\/sign-in\?next=%2F$/);
});
