import { beforeAll, describe, expect, it } from 'vitest';

import { useHarness, type Harness } from './harness';
import { rawRequest, trpcPost, tryUpgrade } from './raw-requests';

// A page the browser loaded from another origin that the user trusts less (ALLOWED_ORIGINS lets one in).
const ctx = useHarness({ ALLOWED_ORIGINS: 'https://dashboard.example.com' });
let h: Harness;
let sessionId: string;

beforeAll(async () => {
  h = ctx.h();
  ({ sessionId } = await h.client.broadcast.create.mutate({
    prompt: 'Keep me',
    models: [{ providerId: 'demo', modelId: 'demo-fast' }],
  }));
});

const port = () => String(h.server.port);
const title = async () => (await h.client.sessions.get.query({ sessionId })).title;

describe('pages of other origins', () => {
  it('may not open the WebSocket, whatever the local origin', async () => {
    for (const origin of [
      'http://localhost:3000',
      'http://127.0.0.1:5500',
      'https://attacker.example',
      'null',
    ]) {
      const attempt = await tryUpgrade(h.server.url, { origin });
      expect(attempt).toMatchObject({ open: false, status: 403 });
      if (!attempt.open) expect(attempt.body).toContain('may not use this workspace');
    }
  });

  it('may not call a mutation over HTTP: 403 before the procedure runs, nothing changes', async () => {
    const response = await trpcPost(
      h.server.url,
      'sessions.rename',
      { sessionId, title: 'Pwned' },
      { origin: 'http://localhost:3000' },
    );
    expect(response.status).toBe(403);
    // In tRPC's format, so the client shows the message.
    expect(JSON.parse(response.body)).toMatchObject({
      error: { data: { code: 'FORBIDDEN', httpStatus: 403 } },
    });
    const deleted = await trpcPost(
      h.server.url,
      'sessions.delete',
      { sessionId },
      { origin: 'https://attacker.example' },
    );
    expect(deleted.status).toBe(403);
    expect(await title()).toBe('Keep me');
  });

  it('may not read through tags that send no Origin (the browser says it is another site)', async () => {
    const response = await rawRequest(
      `${h.server.url}/trpc/sessions.list?input=${encodeURIComponent('{}')}`,
      { headers: { 'sec-fetch-site': 'cross-site' } },
    );
    expect(response.status).toBe(403);
  });
});

describe('the workspace’s own pages and other clients', () => {
  it('are served under every loopback name of the workspace’s own origin', async () => {
    for (const [host, origin] of [
      [`127.0.0.1:${port()}`, `http://127.0.0.1:${port()}`],
      [`localhost:${port()}`, `http://localhost:${port()}`],
      [`127.0.0.1:${port()}`, `http://localhost:${port()}`],
      [`[::1]:${port()}`, `http://[::1]:${port()}`],
    ] as const) {
      const attempt = await tryUpgrade(h.server.url, { host, origin });
      expect(attempt.open, `${origin} → ${host}`).toBe(true);
      if (attempt.open) attempt.socket.close();
    }
  });

  it('include the Vite dev server, whose proxy keeps the browser’s Host', async () => {
    const attempt = await tryUpgrade(h.server.url, {
      host: 'localhost:5173',
      origin: 'http://localhost:5173',
    });
    expect(attempt.open).toBe(true);
    if (attempt.open) attempt.socket.close();
  });

  it('include ALLOWED_ORIGINS', async () => {
    const response = await trpcPost(
      h.server.url,
      'sessions.rename',
      { sessionId, title: 'Renamed by the dashboard' },
      { origin: 'https://dashboard.example.com' },
    );
    expect(response.status).toBe(200);
    expect(await title()).toBe('Renamed by the dashboard');
  });

  it('include clients that send no Origin, such as the typed client in Node', async () => {
    await h.client.sessions.rename.mutate({ sessionId, title: 'Keep me' });
    expect(await title()).toBe('Keep me');
  });
});

describe('DNS rebinding', () => {
  it('is refused with 421 on HTTP, the WebSocket and the web app: the Host names another site', async () => {
    const headers = {
      host: `attacker.example:${port()}`,
      origin: `http://attacker.example:${port()}`,
    };
    const call = await trpcPost(h.server.url, 'sessions.delete', { sessionId }, headers);
    expect(call.status).toBe(421);
    expect(call.body).toContain('ALLOWED_HOSTS');
    const attempt = await tryUpgrade(h.server.url, headers);
    expect(attempt).toMatchObject({ open: false, status: 421 });
    const page = await rawRequest(`${h.server.url}/`, { headers: { host: 'attacker.example' } });
    expect(page.status).toBe(421);
    expect(await title()).toBe('Keep me');
  });

  it('leaves /health open for load balancers, whatever name they use', async () => {
    const health = await rawRequest(`${h.server.url}/health`, { headers: { host: 'lb.internal' } });
    expect(health.status).toBe(200);
  });
});
