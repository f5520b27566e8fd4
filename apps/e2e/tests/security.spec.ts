import { expect, test, type Page } from '@playwright/test';

import { startLocalServer, type LocalServer } from '../support/local-servers';
import { broadcast, pane, scenario, test as workspaceTest } from './fixtures';

const base = () => process.env.E2E_BASE_URL!;
const workspacePort = () => new URL(base()).port;

/** The workspace's tRPC over plain HTTP from Node (no Origin: a server-side client). */
async function trpc<T>(path: string, input: unknown, method: 'GET' | 'POST' = 'GET'): Promise<T> {
  const payload = encodeURIComponent(JSON.stringify(input));
  const response =
    method === 'GET'
      ? await fetch(`${base()}/trpc/${path}?input=${payload}`)
      : await fetch(`${base()}/trpc/${path}`, {
          method,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input),
        });
  const body = (await response.json()) as { result?: { data: T }; error?: unknown };
  if (!body.result) throw new Error(`${path} failed: ${JSON.stringify(body.error)}`);
  return body.result.data;
}

/**
 * The attacker's page: opens the workspace's WebSocket under both loopback names and, once open,
 * renames and deletes the session; also posts a rename as a "simple" cross-origin request, which
 * a browser sends without asking (no preflight). It reports what happened in #result.
 */
const ATTACK_PAGE = `<!doctype html><meta charset="utf-8"><title>Free prizes</title><pre id="result">running</pre>
<script>
(async () => {
  const params = new URLSearchParams(location.search);
  const port = params.get('port');
  const sessionId = params.get('session');
  const call = (id, path, input) =>
    JSON.stringify({ id, method: 'mutation', params: { path, input } });
  const tryWs = (url) => new Promise((resolve) => {
    const ws = new WebSocket(url);
    let opened = false;
    ws.onopen = () => {
      opened = true;
      ws.send(call(1, 'sessions.rename', { sessionId, title: 'Pwned' }));
      ws.send(call(2, 'sessions.delete', { sessionId }));
      setTimeout(() => resolve('opened'), 1000);
    };
    ws.onclose = () => { if (!opened) resolve('refused'); };
  });
  const results = {};
  results.ws127 = await tryWs('ws://127.0.0.1:' + port + '/trpc');
  results.wsLocalhost = await tryWs('ws://localhost:' + port + '/trpc');
  results.http = await fetch('http://127.0.0.1:' + port + '/trpc/sessions.rename', {
    method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' },
    body: JSON.stringify({ sessionId, title: 'Pwned' }),
  }).then(() => 'sent', () => 'failed');
  document.getElementById('result').textContent = JSON.stringify(results);
})();
</script>`;

test.describe('a page of another local origin', () => {
  let attacker: LocalServer;
  test.beforeAll(async () => {
    attacker = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ATTACK_PAGE);
    });
  });
  test.afterAll(() => attacker.stop());

  test('cannot open the workspace’s WebSocket or call a mutation: refused, nothing changed', async ({
    page,
  }) => {
    const { sessionId } = await trpc<{ sessionId: string }>(
      'broadcast.create',
      { prompt: 'Private notes', models: [{ providerId: 'demo', modelId: 'demo-fast' }] },
      'POST',
    );
    const statuses: number[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/trpc/sessions.rename')) statuses.push(r.status());
    });
    // Served as localhost:<other port>: the same site as the workspace's localhost name, so
    // SameSite cookies would flow; only the origin check stands in the way.
    await page.goto(
      `http://localhost:${attacker.port}/?port=${workspacePort()}&session=${sessionId}`,
    );
    await expect(page.locator('#result')).not.toHaveText('running', { timeout: 20_000 });
    const results = JSON.parse((await page.locator('#result').textContent())!) as Record<
      string,
      string
    >;
    expect(results).toEqual({ ws127: 'refused', wsLocalhost: 'refused', http: 'sent' });
    expect(statuses).toEqual([403]);

    const session = await trpc<{ title: string }>('sessions.get', { sessionId });
    expect(session.title).toBe('Private notes');
  });

  test('the same socket opens from the workspace’s own page (so the refusal above is the origin check)', async ({
    page,
  }) => {
    await page.goto(base());
    const outcome = await page.evaluate(
      (port) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(`ws://127.0.0.1:${port}/trpc`);
          ws.onopen = () => {
            ws.close();
            resolve('opened');
          };
          ws.onclose = () => resolve('refused');
        }),
      workspacePort(),
    );
    expect(outcome).toBe('opened');
  });
});

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

workspaceTest.describe('the page', () => {
  workspaceTest(
    'is served with a strict CSP and safe headers, and works under them',
    async ({ page }) => {
      const violations = await recordViolations(page);
      const response = (await page.goto('/'))!;
      const headers = response.headers();
      const csp = headers['content-security-policy']!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain(
        `connect-src 'self' ws://127.0.0.1:${workspacePort()} wss://127.0.0.1:${workspacePort()}`,
      );
      expect(csp).toContain("img-src 'self' data:");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toBe('no-referrer');

      // The whole app runs under it: a broadcast streams in with no violation reported…
      await broadcast(page, 'Under the policy');
      await expect(pane(page, 'demo', 'demo-fast')).toHaveAttribute('data-state', 'complete');
      expect(await violations()).toEqual([]);
      // …while an injected inline script is blocked.
      const ran = await page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'window.__injected = true';
        document.body.append(script);
        return (window as unknown as { __injected?: boolean }).__injected ?? false;
      });
      expect(ran).toBe(false);
      await expect.poll(violations).toEqual([expect.stringMatching(/^script-src/)]);
    },
  );

  workspaceTest(
    'never requests a remote image an answer contains: it shows a link instead',
    async ({ workspace: page }) => {
      const requests: string[] = [];
      const imageHost = await startLocalServer((req, res) => {
        requests.push(req.url ?? '');
        res.writeHead(200, { 'content-type': 'image/png' }).end();
      });
      try {
        const image = `${imageHost.url}/pixel.png?d=the-user-s-secret`;
        await scenario('litellm', 'gpt-4o-mini', {
          text: `Here is the chart: ![chart](${image})\n\nAnd a [link](${imageHost.url}/page).`,
        });
        await broadcast(page, 'Draw me a chart');
        const answer = pane(page, 'litellm', 'gpt-4o-mini');
        await expect(answer).toHaveAttribute('data-state', 'complete');
        const link = answer.getByRole('link', { name: '[image: chart]' });
        await expect(link).toHaveAttribute('href', image);
        await expect(answer.locator('img')).toHaveCount(0);
        expect(requests).toEqual([]);
      } finally {
        await imageHost.stop();
      }
    },
  );
});
