import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Page } from '@playwright/test';

import { expect, scenario, test, THREE } from './fixtures';

const base = () => process.env.E2E_BASE_URL!;
const port = () => new URL(base()).port;

/** A code block of the original backend's README (a verbatim copy kept with the server's tests). */
function readmeExample(heading: string, language: string): string {
  const readme = readFileSync(
    join(
      dirname(fileURLToPath(import.meta.url)),
      '../../server/test/fixtures/original-backend-README.md',
    ),
    'utf8',
  );
  const at = readme.search(new RegExp(`^#+ ${heading}$`, 'm'));
  const block = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(readme.slice(at));
  if (at < 0 || !block) throw new Error(`No ${language} block under "${heading}".`);
  return block[1]!.replaceAll('localhost:8080', `localhost:${port()}`);
}

/** Records the page's Content-Security-Policy violations from the very start. */
async function recordViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
}

test('the original README’s browser WebSocket snippet prints tokens, final, meter and error of a three-provider broadcast', async ({
  workspace: page,
}) => {
  // One of the three fails, so the snippet's error branch runs too.
  await scenario('groq', 'llama-3.1-8b-instant', { error: { status: 401 } });
  // The page of the workspace at localhost (the snippet's host), whose origin may open the socket.
  await page.goto(`http://localhost:${port()}/`);
  const printed: string[] = [];
  page.on('console', (message) => printed.push(message.text()));

  // The snippet opens ws://localhost:<port>/ws/test-session before the session exists; the
  // server says it waits for it. The broadcast comes after that, as in the README (a socket that
  // opens while the session is being created gets a snapshot of it instead of its events).
  // The snippet's session id is fixed: one left by an earlier run (a retry) goes first.
  await fetch(`${base()}/sessions/test-session`, { method: 'DELETE' });
  let waiting = false;
  page.on('websocket', (socket) =>
    socket.on('framereceived', (frame) => {
      if (String(frame.payload).includes('"type":"waiting"')) waiting = true;
    }),
  );
  await page.evaluate(readmeExample('WebSocket Streaming', 'javascript'));
  await expect
    .poll(() => waiting, { message: 'the socket says it waits for the session' })
    .toBe(true);
  const response = await fetch(`${base()}/broadcast`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      prompt: 'Explain quantum computing in simple terms',
      models: THREE.map((m) => ({ provider_id: m.providerId, model_id: m.modelId })),
      session_id: 'test-session',
    }),
  });
  expect(response.status).toBe(200);

  const count = (prefix: string) => printed.filter((line) => line.startsWith(prefix)).length;
  // Every answer ends with final and meter, the failed one (no text) after its error.
  await expect.poll(() => count('Final: ')).toBe(3);
  await expect.poll(() => count('Error: ')).toBe(1);
  await expect.poll(() => count('Metrics: ')).toBe(3);
  for (const line of printed) console.log(`  ${line}`);

  const tokens = printed
    .filter((line) => line.startsWith('Token: '))
    .map((line) => line.slice('Token: '.length));
  const finals = printed.filter((line) => line.startsWith('Final: '));
  expect([...finals].sort()).toEqual([
    'Final: ',
    'Final: gemini-2.0-flash answers: Explain quantum computing in simple terms',
    'Final: gpt-4o-mini answers: Explain quantum computing in simple terms',
  ]);
  // Every token was printed: the two answers' texts are made of them.
  expect(tokens.join('').length).toBe(
    finals.reduce((sum, line) => sum + line.length - 'Final: '.length, 0),
  );
  expect(printed.filter((line) => line.startsWith('Metrics: '))).toEqual(
    Array.from({ length: 3 }, () => expect.stringMatching(/^Metrics: \d+ tokens, \$(\d|null)/)),
  );
  expect(printed.find((line) => line.startsWith('Error: '))).toMatch(/Groq/i);
});

test('the API reference page renders the OpenAPI document under the strict CSP', async ({
  page,
}) => {
  const violations = await recordViolations(page);
  const response = (await page.goto('/docs'))!;
  expect(response.headers()['content-security-policy']).toContain("script-src 'self'");
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await expect(page.getByText('Broadcast Workspace: the original API')).toBeVisible();
  await expect(page.locator('.opblock-summary-path', { hasText: '/broadcast' })).toBeVisible();
  await page.locator('.opblock-summary-path', { hasText: '/broadcast' }).click();
  await expect(page.getByText('session_id').first()).toBeVisible();
  expect(await violations()).toEqual([]);
  // Nothing is fetched from anywhere but this server.
  expect(requests.filter((url) => !url.startsWith(base()) && !url.startsWith('data:'))).toEqual([]);
});
