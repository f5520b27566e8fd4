import { beforeAll, describe, expect, it } from 'vitest';

import { createClient } from '@mlb/client/node';

import { useHarness, type Harness } from './harness';
import { rawRequest, trpcPost, tryUpgrade, type RawResponse } from './raw-requests';

const TOKEN = 'correct-horse-battery-staple-42';
// This machine is the trusted proxy, so tests can speak for other client addresses (X-Forwarded-For).
const ctx = useHarness({ ACCESS_TOKEN: TOKEN, TRUSTED_PROXIES: '127.0.0.1' }, { token: TOKEN });
let h: Harness;
let sessionId: string;
let cookie: string;

beforeAll(async () => {
  h = ctx.h();
  ({ sessionId } = await h.client.broadcast.create.mutate({
    prompt: 'Behind a token',
    models: [{ providerId: 'demo', modelId: 'demo-fast' }],
  }));
});

const signIn = (token: string, headers: Record<string, string> = {}, next = '/s/abc') =>
  rawRequest(`${h.server.url}/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ token, next }).toString(),
  });

const cookieOf = (response: RawResponse) => {
  const header = response.headers['set-cookie']?.[0] ?? '';
  return { header, pair: header.split(';')[0]! };
};

describe('without signing in', () => {
  it('every route but the sign-in page and /health refuses', async () => {
    const url = h.server.url;
    const page = await rawRequest(`${url}/s/abc`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/sign-in?next=%2Fs%2Fabc');
    expect((await rawRequest(`${url}/assets/index.js`)).status).toBe(401);
    expect((await rawRequest(`${url}/metrics`)).status).toBe(401);
    expect((await rawRequest(`${url}/auth/session`)).status).toBe(401);
    const call = await trpcPost(url, 'sessions.delete', { sessionId });
    expect(call.status).toBe(401);
    expect(JSON.parse(call.body)).toMatchObject({
      error: { data: { code: 'UNAUTHORIZED' } },
    });
    const query = await rawRequest(`${url}/trpc/sessions.list`);
    expect(query.status).toBe(401);
    expect(await tryUpgrade(url)).toMatchObject({ open: false, status: 401 });

    expect((await rawRequest(`${url}/health`)).status).toBe(200);
    const signInPage = await rawRequest(`${url}/sign-in?next=%2Fs%2Fabc`);
    expect(signInPage.status).toBe(200);
    expect(signInPage.body).toContain('<form method="post" action="/sign-in">');
    expect(signInPage.body).toContain('value="/s/abc"');
    expect(signInPage.headers['content-security-policy']).toMatch(/style-src 'sha256-/);
    // Nothing was deleted.
    expect((await h.client.sessions.get.query({ sessionId })).id).toBe(sessionId);
  });

  it('a forged or copied-and-edited cookie is refused', async () => {
    const forged = 'broadcast_session=v1.9999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    expect((await trpcPost(h.server.url, 'sessions.list', {}, { cookie: forged })).status).toBe(
      401,
    );
  });
});

describe('signing in', () => {
  it('with a wrong token shows the form again with the reason', async () => {
    const response = await signIn('not-the-token');
    expect(response.status).toBe(401);
    expect(response.body).toContain('That access token is not right');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('with the token sets an HttpOnly, SameSite=Strict session cookie and goes where the user was going', async () => {
    const response = await signIn(TOKEN);
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/s/abc');
    const { header, pair } = cookieOf(response);
    expect(header).toMatch(
      /^broadcast_session=v1\.\d+\.[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/,
    );
    expect(header).not.toContain('Secure');
    cookie = pair;
  });

  it('marks the cookie Secure when the client reached a trusted proxy over HTTPS', async () => {
    const { header } = cookieOf(await signIn(TOKEN, { 'x-forwarded-proto': 'https' }));
    expect(header).toMatch(/; Secure$/);
  });

  it('never sends the browser to another site afterwards', async () => {
    for (const next of [
      '//attacker.example',
      '/\\attacker.example',
      'https://attacker.example',
      '/\t/x',
    ])
      expect((await signIn(TOKEN, {}, next)).headers.location).toBe('/');
  });

  it('may not be done by a page of another origin (login CSRF)', async () => {
    expect((await signIn(TOKEN, { origin: 'http://localhost:3000' })).status).toBe(403);
  });

  it('is rate-limited per address after failures, even for the right token, and says when to retry', async () => {
    const from = { 'x-forwarded-for': '203.0.113.9' };
    for (let i = 0; i < 5; i++) expect((await signIn(`wrong-${i}`, from)).status).toBe(401);
    const locked = await signIn(TOKEN, from);
    expect(locked.status).toBe(429);
    expect(locked.body).toContain('Too many failed sign-ins from 203.0.113.9');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // A bearer token from that address is held back too.
    const bearer = await trpcPost(
      h.server.url,
      'sessions.list',
      {},
      { ...from, authorization: `Bearer ${TOKEN}` },
    );
    expect(bearer.status).toBe(429);
    // Other addresses are not affected.
    expect((await signIn(TOKEN, { 'x-forwarded-for': '203.0.113.10' })).status).toBe(303);
  });
});

describe('with the session cookie', () => {
  it('every route works: procedures, the WebSocket, the web app and /metrics', async () => {
    const url = h.server.url;
    const list = await rawRequest(`${url}/trpc/sessions.list?input=${encodeURIComponent('{}')}`, {
      headers: { cookie },
    });
    expect(list.status).toBe(200);
    const rename = await trpcPost(
      url,
      'sessions.rename',
      { sessionId, title: 'Renamed' },
      { cookie },
    );
    expect(rename.status).toBe(200);
    const socket = await tryUpgrade(url, { cookie, origin: url });
    expect(socket.open).toBe(true);
    if (socket.open) socket.socket.close();
    const page = await rawRequest(`${url}/`, { headers: { cookie, accept: 'text/html' } });
    expect([200, 503]).toContain(page.status); // 503 only when the web app is not built
    expect((await rawRequest(`${url}/metrics`, { headers: { cookie } })).status).toBe(200);
    const session = await rawRequest(`${url}/auth/session`, { headers: { cookie } });
    expect(JSON.parse(session.body)).toEqual({ required: true, method: 'cookie', user: null });
    // Signed in already: the sign-in page moves on.
    expect((await rawRequest(`${url}/sign-in`, { headers: { cookie } })).status).toBe(303);
  });

  it('signing out clears it', async () => {
    const response = await rawRequest(`${h.server.url}/sign-out`, {
      method: 'POST',
      headers: { cookie, origin: h.server.url },
    });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/sign-in');
    expect(cookieOf(response).header).toMatch(/^broadcast_session=; .*Max-Age=0/);
  });
});

describe('the typed client', () => {
  it('passes the token as a bearer header, over the WebSocket and over HTTP', async () => {
    const events: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const sub = h.client.sessions.events.subscribe(
        { sessionId },
        {
          onData: ({ data }) => {
            events.push(data.type);
            sub.unsubscribe();
            resolve();
          },
          onError: reject,
        },
      );
    });
    expect(events).toEqual(['status']);
    const http = createClient({ url: `${h.server.url}/trpc`, token: TOKEN, transport: 'http' });
    expect((await http.sessions.get.query({ sessionId })).id).toBe(sessionId);
    await http.close();
  });

  it('without the token, or with a wrong one, fails with an error that says what to do', async () => {
    const anonymous = createClient({ url: `${h.server.url}/trpc` });
    await expect(anonymous.sessions.list.query({})).rejects.toThrow(
      'The workspace requires sign-in (401): pass its ACCESS_TOKEN as createClient({ url, token }).',
    );
    await anonymous.close();
    const wrong = createClient({ url: `${h.server.url}/trpc`, token: 'wrong-token-123456' });
    await expect(wrong.sessions.list.query({})).rejects.toThrow(/refused the access token \(401\)/);
    await wrong.close();
  });
});
