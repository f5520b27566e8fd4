import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  envFor,
  startHarness,
  startUpstreams,
  tempDbUrl,
  type Harness,
  type Upstreams,
} from './harness';
import { rawRequest, tryUpgrade } from './raw-requests';

// Two workspaces behind an authenticating proxy that sets X-Forwarded-User: one trusts this
// machine as that proxy, the other trusts only 10.0.0.5, so the header from here means nothing.
let upstreams: Upstreams;
let trusting: Harness;
let distrusting: Harness;
const dbs = [tempDbUrl(), tempDbUrl()];

beforeAll(async () => {
  upstreams = await startUpstreams();
  const env = (proxies: string, db: string) =>
    envFor(upstreams, db, {
      TRUSTED_PROXY_AUTH_HEADER: 'X-Forwarded-User',
      TRUSTED_PROXIES: proxies,
    });
  trusting = await startHarness(env('127.0.0.1, ::1', dbs[0]!.url));
  distrusting = await startHarness(env('10.0.0.5', dbs[1]!.url));
});

afterAll(async () => {
  await Promise.all([trusting.stop(), distrusting.stop()]);
  await upstreams.close();
  for (const db of dbs) db.cleanup();
});

describe('single sign-on through a trusted proxy', () => {
  it('lets in the user the proxy names, on HTTP and on the WebSocket', async () => {
    const headers = { 'x-forwarded-user': 'ada@example.com' };
    const session = await rawRequest(`${trusting.server.url}/auth/session`, { headers });
    expect(session.status).toBe(200);
    expect(JSON.parse(session.body)).toEqual({
      required: true,
      method: 'proxy',
      user: 'ada@example.com',
    });
    const socket = await tryUpgrade(trusting.server.url, headers);
    expect(socket.open).toBe(true);
    if (socket.open) socket.socket.close();
  });

  it('refuses requests the proxy did not sign in, with no sign-in page to offer', async () => {
    const response = await rawRequest(`${trusting.server.url}/trpc/sessions.list`);
    expect(response.status).toBe(401);
    expect(response.body).toContain('through the authenticating proxy');
    const page = await rawRequest(`${trusting.server.url}/`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(401);
  });

  it('ignores the header from anyone but TRUSTED_PROXIES', async () => {
    const headers = { 'x-forwarded-user': 'ada@example.com' };
    expect((await rawRequest(`${distrusting.server.url}/auth/session`, { headers })).status).toBe(
      401,
    );
    expect(await tryUpgrade(distrusting.server.url, headers)).toMatchObject({
      open: false,
      status: 401,
    });
  });
});
