import { request } from 'node:http';

import { beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';

import { appRouter } from '@mlb/api';

import { maxMessageBytes } from '../src/security';
import { useHarness, type Harness } from './harness';
import { api, openStream } from './original-api';
import { rawRequest } from './raw-requests';

const TOKEN = 'original-api-token';
const LIMIT = 3;
const ctx = useHarness(
  {
    ACCESS_TOKEN: TOKEN,
    ALLOWED_ORIGINS: 'https://dashboard.example.com',
    LIMIT_CONNECTIONS_PER_ADDRESS: String(LIMIT),
  },
  { token: TOKEN },
);
let h: Harness;
let url: string;
let sessionId: string;
const bearer = { authorization: `Bearer ${TOKEN}` };

beforeAll(async () => {
  h = ctx.h();
  url = h.server.url;
  ({ sessionId } = await h.client.broadcast.create.mutate({
    prompt: 'Keep me',
    models: [{ providerId: 'demo', modelId: 'demo-fast' }],
  }));
});

const sessionCount = async () => (await h.client.sessions.list.query({ limit: 100 })).items.length;
const BROADCAST = {
  prompt: 'Spend my provider credits',
  models: [{ provider_id: 'groq', model_id: 'llama-3.1-8b-instant' }],
};

/** Tries WS /ws/{session_id}: open, or the refusal's status and JSON-less text. */
function tryStream(
  id: string,
  headers: Record<string, string>,
): Promise<{ open: true; socket: WebSocket } | { open: false; status: number; body: string }> {
  const stream = openStream(url, id, { headers });
  return new Promise((resolve) => {
    stream.socket.once('open', () => resolve({ open: true, socket: stream.socket }));
    stream.socket.once('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ open: false, status: res.statusCode ?? 0, body }));
    });
    stream.opened.catch(() => undefined);
  });
}

describe('sign-in (ACCESS_TOKEN) on the original API', () => {
  it('refuses every route but /health without the token, as JSON, and runs nothing', async () => {
    const before = await sessionCount();
    const refused = await api(url, 'POST', '/broadcast', BROADCAST);
    expect(refused.status).toBe(401);
    expect(refused.json).toMatchObject({
      code: 'UNAUTHORIZED',
      detail: expect.stringContaining('Bearer') as string,
    });
    for (const [method, path] of [
      ['GET', '/sessions'],
      ['GET', `/sessions/${sessionId}`],
      ['DELETE', `/sessions/${sessionId}`],
      ['GET', '/models'],
      ['GET', '/stats'],
      ['GET', '/openapi.json'],
      ['GET', '/sessions/a/b'],
    ] as const)
      expect((await api(url, method, path)).status, `${method} ${path}`).toBe(401);
    const wrong = await api(url, 'GET', '/sessions', undefined, { authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    expect(await tryStream(sessionId, {})).toMatchObject({ open: false, status: 401 });
    expect((await api(url, 'GET', '/health')).status).toBe(200);
    expect(await sessionCount()).toBe(before);
    expect((await h.client.sessions.get.query({ sessionId })).id).toBe(sessionId);
  });

  it('sends a browser without the cookie from the reference page to the sign-in page', async () => {
    const page = await rawRequest(`${url}/docs`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/sign-in?next=%2Fdocs');
  });

  it('works with the token as a bearer header, over HTTP and the WebSocket', async () => {
    const listed = await api<{ items: { id: string }[] }>(
      url,
      'GET',
      '/sessions',
      undefined,
      bearer,
    );
    expect(listed.status).toBe(200);
    expect(listed.json.items.map((s) => s.id)).toContain(sessionId);
    const stream = await tryStream(sessionId, bearer);
    expect(stream.open).toBe(true);
    if (stream.open) stream.socket.close();
  });
});

describe('pages of other origins', () => {
  it('may not call the API from the browser, even signed in: 403 before anything runs', async () => {
    const before = await sessionCount();
    for (const origin of ['http://localhost:3000', 'https://attacker.example', 'null']) {
      const response = await api(url, 'POST', '/broadcast', BROADCAST, { ...bearer, origin });
      expect(response.status, origin).toBe(403);
      expect(response.json).toMatchObject({ code: 'FORBIDDEN' });
      expect(
        (await api(url, 'DELETE', `/sessions/${sessionId}`, undefined, { ...bearer, origin }))
          .status,
      ).toBe(403);
    }
    // A tag that sends no Origin, marked by the browser as made for another site.
    const img = await api(url, 'GET', '/sessions', undefined, {
      ...bearer,
      'sec-fetch-site': 'cross-site',
    });
    expect(img.status).toBe(403);
    expect(await sessionCount()).toBe(before);
    expect((await h.client.sessions.get.query({ sessionId })).id).toBe(sessionId);
  });

  it('may not open /ws/{session_id}; an origin in ALLOWED_ORIGINS may', async () => {
    const attack = await tryStream(sessionId, { ...bearer, origin: 'https://attacker.example' });
    expect(attack).toMatchObject({ open: false, status: 403 });
    if (!attack.open) expect(attack.body).toContain('may not use this workspace');
    const dashboard = await tryStream(sessionId, {
      ...bearer,
      origin: 'https://dashboard.example.com',
    });
    expect(dashboard.open).toBe(true);
    if (dashboard.open) dashboard.socket.close();
  });
});

describe('Host, body size and connection limits', () => {
  it('refuses a Host that does not name the workspace (DNS rebinding) with 421, on HTTP and the WebSocket', async () => {
    const port = new URL(url).port;
    const rebound = await rawRequest(`${url}/sessions`, {
      headers: { ...bearer, host: `attacker.example:${port}` },
    });
    expect(rebound.status).toBe(421);
    expect(JSON.parse(rebound.body)).toMatchObject({
      detail: expect.stringContaining('ALLOWED_HOSTS') as string,
    });
    expect(
      await tryStream(sessionId, { ...bearer, host: `attacker.example:${port}` }),
    ).toMatchObject({
      open: false,
      status: 421,
    });
  });

  it('refuses a body over the largest valid input with 413 JSON, declared or streamed', async () => {
    const limit = maxMessageBytes(appRouter);
    const before = await sessionCount();
    /** Sends headers, then (unless declared) a valid-looking JSON body that outgrows the limit. */
    const post = (declared: boolean) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(
          `${url}/broadcast`,
          {
            method: 'POST',
            headers: {
              ...bearer,
              'content-type': 'application/json',
              ...(declared ? { 'content-length': String(limit + 1) } : {}),
            },
          },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (body += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        let answered = false;
        req.once('response', () => (answered = true));
        // The server cuts the connection after answering: writes may fail then, as expected.
        req.on('error', (error) => (answered ? undefined : reject(error)));
        req.flushHeaders();
        if (declared) return;
        const chunk = 'a'.repeat(64 * 1024);
        let written = 0;
        const pump = () => {
          if (written === 0) req.write('{"prompt": "');
          while (!answered && written <= limit + chunk.length) {
            written += chunk.length;
            if (!req.write(chunk)) return void req.once('drain', pump);
          }
        };
        pump();
      });
    for (const declared of [true, false]) {
      const { status, body } = await post(declared);
      expect(status).toBe(413);
      expect(JSON.parse(body)).toMatchObject({
        code: 'PAYLOAD_TOO_LARGE',
        detail: expect.stringContaining('larger than') as string,
      });
    }
    expect(await sessionCount()).toBe(before);
  });

  it('counts /ws connections with the others of the address, and names the limit', async () => {
    const open: WebSocket[] = [];
    let refusal: { status: number; body: string } | null = null;
    for (let i = 0; i <= LIMIT && !refusal; i++) {
      const attempt = await tryStream(sessionId, bearer);
      if (attempt.open) open.push(attempt.socket);
      else refusal = attempt;
    }
    expect(open.length).toBeLessThanOrEqual(LIMIT);
    expect(refusal).toMatchObject({
      status: 429,
      body: expect.stringContaining('LIMIT_CONNECTIONS_PER_ADDRESS') as string,
    });
    for (const socket of open) socket.close();
  });
});
