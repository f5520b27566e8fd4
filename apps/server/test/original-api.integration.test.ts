import SwaggerParser from '@apidevtools/swagger-parser';
import { beforeAll, describe, expect, it } from 'vitest';

import { LIMITS } from '@mlb/contracts';

import { collectEvents, finalsFor, useHarness, type Harness } from './harness';
import { api, ended, openStream } from './original-api';
import { rawRequest } from './raw-requests';

const ctx = useHarness();
let h: Harness;
let url: string;
beforeAll(() => {
  h = ctx.h();
  url = h.server.url;
});

interface Broadcast {
  session_id: string;
  broadcast_id: string;
  last_event_id: string;
  panes: { pane_id: string; message_id: string; provider_id: string; model_id: string }[];
}

/** Broadcasts and waits until every answer ended (read from the tRPC subscription). */
async function broadcastAndWait(body: Record<string, unknown>): Promise<Broadcast> {
  const { status, json } = await api<Broadcast>(url, 'POST', '/broadcast', body);
  expect(status, JSON.stringify(json)).toBe(200);
  await collectEvents(
    h.client,
    { sessionId: json.session_id, lastEventId: json.last_event_id },
    finalsFor(json.panes.map((p) => p.message_id)),
  );
  return json;
}

describe('the original routes, in its snake_case JSON', () => {
  it('POST /broadcast keeps the session id the caller chose, and continues it', async () => {
    const first = await broadcastAndWait({
      prompt: 'Explain quantum computing in simple terms',
      models: [
        { provider_id: 'litellm', model_id: 'gpt-4o-mini' },
        { provider_id: 'groq', model_id: 'llama-3.1-8b-instant' },
      ],
      session_id: 'kept-session',
    });
    expect(first.session_id).toBe('kept-session');
    expect(first.panes.map((p) => [p.provider_id, p.model_id])).toEqual([
      ['litellm', 'gpt-4o-mini'],
      ['groq', 'llama-3.1-8b-instant'],
    ]);
    const second = await broadcastAndWait({
      prompt: 'And in one sentence?',
      models: [{ provider_id: 'groq', model_id: 'llama-3.1-8b-instant' }],
      session_id: 'kept-session',
    });
    expect(second.panes[0]!.pane_id).toBe(first.panes[1]!.pane_id);

    const { status, json: session } = await api<{
      id: string;
      title: string;
      pane_count: number;
      panes: {
        provider_id: string;
        state: string;
        messages: { role: string; content: string }[];
      }[];
    }>(url, 'GET', '/sessions/kept-session');
    expect(status).toBe(200);
    expect(session).toMatchObject({
      id: 'kept-session',
      title: 'Explain quantum computing in simple terms',
      pane_count: 2,
    });
    const groq = session.panes.find((p) => p.provider_id === 'groq')!;
    expect(groq.state).toBe('complete');
    expect(groq.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    // The same session through tRPC: one workspace behind both APIs.
    const viaTrpc = await h.client.sessions.get.query({ sessionId: 'kept-session' });
    expect(viaTrpc.panes[1]!.messages.at(-1)!.content).toBe(groq.messages.at(-1)!.content);
  });

  it('POST /send-to and POST /summarize run through the same workspace', async () => {
    const made = await broadcastAndWait({
      prompt: 'Name a colour',
      models: [
        { provider_id: 'litellm', model_id: 'gpt-4o-mini' },
        { provider_id: 'groq', model_id: 'llama-3.1-8b-instant' },
      ],
    });
    const [source, target] = made.panes;
    const sent = await api<{ runs: unknown[]; context_message_ids: string[] }>(
      url,
      'POST',
      '/send-to',
      { source_pane_id: source!.pane_id, target_pane_ids: [target!.pane_id] },
    );
    expect(sent.status).toBe(200);
    expect(sent.json.runs).toEqual([]);
    expect(sent.json.context_message_ids).toHaveLength(1);

    const summary = await api<{ pane_id: string; message_id: string; last_event_id: string }>(
      url,
      'POST',
      '/summarize',
      { session_id: made.session_id, provider_id: 'demo', model_id: 'demo-fast' },
    );
    expect(summary.status).toBe(200);
    await collectEvents(
      h.client,
      { sessionId: made.session_id, lastEventId: summary.json.last_event_id },
      finalsFor([summary.json.message_id]),
    );
    const { json: session } = await api<{ panes: { id: string; kind: string }[] }>(
      url,
      'GET',
      `/sessions/${made.session_id}`,
    );
    expect(session.panes.find((p) => p.id === summary.json.pane_id)?.kind).toBe('summary');
  });

  it('GET /sessions pages with limit and next_cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=1&cursor=${encodeURIComponent(cursor)}` : '?limit=1';
      const page = await api<{ items: { id: string }[]; next_cursor: string | null }>(
        url,
        'GET',
        `/sessions${query}`,
      );
      expect(page.status).toBe(200);
      expect(page.json.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.json.items.map((s) => s.id));
      cursor = page.json.next_cursor;
    } while (cursor);
    const all = await h.client.sessions.list.query({ limit: 100 });
    expect(seen).toEqual(all.items.map((s) => s.id));
    expect(seen).toContain('kept-session');
  });

  it('DELETE /sessions/{session_id} deletes; then it is a JSON 404 with a suggestion', async () => {
    const made = await broadcastAndWait({
      prompt: 'Short-lived',
      models: [{ provider_id: 'demo', model_id: 'demo-fast' }],
    });
    const deleted = await api(url, 'DELETE', `/sessions/${made.session_id}`);
    expect(deleted).toMatchObject({ status: 200, json: { deleted: true } });
    const gone = await api(url, 'GET', `/sessions/${made.session_id}`);
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual({
      detail: `Session "${made.session_id}" does not exist.`,
      code: 'NOT_FOUND',
      suggestion: expect.stringContaining('sessions.list') as string,
    });
    expect((await api(url, 'DELETE', `/sessions/${made.session_id}`)).status).toBe(404);
  });

  it('GET /models, /providers/health, /stats and /health answer with provider status', async () => {
    const models = await api<
      { provider: { id: string; state: string }; models: { id: string; provider_id: string }[] }[]
    >(url, 'GET', '/models');
    expect(models.status).toBe(200);
    const groq = models.json.find((p) => p.provider.id === 'groq')!;
    expect(groq.models.map((m) => m.id)).toContain('llama-3.1-8b-instant');
    expect(groq.models[0]!.provider_id).toBe('groq');
    expect((await api(url, 'GET', '/models?refresh=true')).status).toBe(200);

    const providers = await api<{ id: string; state: string; latency_ms: number | null }[]>(
      url,
      'GET',
      '/providers/health',
    );
    expect(providers.status).toBe(200);
    expect(providers.json.find((p) => p.id === 'groq')).toMatchObject({ state: 'healthy' });
    expect(providers.json.find((p) => p.id === 'openai')).toMatchObject({
      state: 'not_configured',
      latency_ms: null,
    });

    // /health answers from that check, without asking the providers again.
    const asked = ctx.upstreams().groq.requests.length;
    const health = await api<{ providers: unknown[] }>(url, 'GET', '/health');
    expect(ctx.upstreams().groq.requests.length).toBe(asked);
    expect(health.status).toBe(200);
    expect(health.json).toMatchObject({
      status: 'ok',
      database: 'ok',
      version: expect.any(String) as string,
      uptime_seconds: expect.any(Number) as number,
      providers: expect.arrayContaining([
        expect.objectContaining({ id: 'groq', state: 'healthy', configured: true }),
      ]) as unknown,
      providers_checked_at: expect.any(String) as string,
    });

    const stats = await api<{
      sessions: number;
      totals: { requests: number };
      active_connections: number;
    }>(url, 'GET', '/stats');
    expect(stats.status).toBe(200);
    const trpcStats = await h.client.stats.get.query();
    expect(stats.json.sessions).toBe(trpcStats.sessions);
    expect(stats.json.totals.requests).toBe(trpcStats.totals.requests);
    expect(stats.json.active_connections).toBeGreaterThanOrEqual(1);
  });

  it('HEAD is answered as GET, without a body', async () => {
    const head = await rawRequest(`${url}/models`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });
});

describe('invalid input: 422 in FastAPI’s format, from the contracts’ schemas', () => {
  it('names each field as sent, with pydantic’s type and a suggestion; nothing runs', async () => {
    const before = (await h.client.sessions.list.query({ limit: 100 })).items.length;
    const { status, json } = await api(url, 'POST', '/broadcast', {
      models: [{ provider_id: 'Not A Provider', model_id: 'x' }],
    });
    expect(status).toBe(422);
    expect(json).toEqual({
      detail: [
        { loc: ['body', 'prompt'], msg: 'Field required', type: 'missing' },
        {
          loc: ['body', 'models', 0, 'provider_id'],
          msg: 'Provider ids are lower-case letters, digits, "-" and "_".',
          type: 'string_pattern_mismatch',
        },
      ],
      suggestion: 'Correct the fields listed in detail and send the request again.',
    });
    expect((await h.client.sessions.list.query({ limit: 100 })).items.length).toBe(before);
  });

  it('uses the contracts’ limits and messages (too many models)', async () => {
    const { status, json } = await api<{ detail: unknown[] }>(url, 'POST', '/broadcast', {
      prompt: 'Hi',
      models: Array.from({ length: LIMITS.panesPerBroadcast + 1 }, () => ({
        provider_id: 'demo',
        model_id: 'demo-fast',
      })),
    });
    expect(status).toBe(422);
    expect(json.detail).toEqual([
      {
        loc: ['body', 'models'],
        msg: `At most ${LIMITS.panesPerBroadcast} models per broadcast; remove some.`,
        type: 'too_long',
      },
    ]);
  });

  it('refuses a body that is not JSON, a bad query parameter and a bad path parameter', async () => {
    const notJson = await api<{ detail: { type: string; loc: unknown[] }[] }>(
      url,
      'POST',
      '/broadcast',
      '{"prompt": ',
    );
    expect(notJson.status).toBe(422);
    expect(notJson.json.detail[0]).toMatchObject({ type: 'json_invalid', loc: ['body'] });

    const noBody = await api<{ detail: unknown[] }>(url, 'POST', '/summarize');
    expect(noBody.status).toBe(422);
    expect(noBody.json.detail).toEqual([{ loc: ['body'], msg: 'Field required', type: 'missing' }]);

    const badQuery = await api<{ detail: { loc: unknown[]; type: string }[] }>(
      url,
      'GET',
      `/sessions?limit=${LIMITS.pageSizeMax + 1}`,
    );
    expect(badQuery.status).toBe(422);
    expect(badQuery.json.detail).toEqual([
      expect.objectContaining({ loc: ['query', 'limit'], type: 'less_than_equal' }),
    ]);

    const badPath = await api<{ detail: { loc: unknown[]; msg: string }[] }>(
      url,
      'GET',
      `/sessions/${'x'.repeat(65)}`,
    );
    expect(badPath.status).toBe(422);
    expect(badPath.json.detail).toEqual([
      {
        loc: ['path', 'session_id'],
        msg: 'An id is at most 64 characters.',
        type: 'string_too_long',
      },
    ]);
  });

  it('a refusal of the workspace keeps its status, code and suggestion', async () => {
    const { status, json } = await api(url, 'POST', '/broadcast', {
      prompt: 'Hi',
      models: [{ provider_id: 'openai', model_id: 'gpt-4o' }],
    });
    expect(status).toBe(412);
    expect(json).toEqual({
      detail: 'OpenAI is not configured.',
      code: 'PRECONDITION_FAILED',
      suggestion: expect.stringContaining('OPENAI_API_KEY') as string,
    });
  });
});

describe('paths and methods nothing serves', () => {
  it('unknown API paths and wrong methods get JSON 404 and 405, never the web app', async () => {
    for (const path of ['/sessions/a/panes', '/providers', '/models/x', '/openapi.json/x']) {
      const response = await rawRequest(`${url}${path}`, { headers: { accept: 'text/html' } });
      expect(response.status, path).toBe(404);
      expect(response.headers['content-type']).toBe('application/json');
      expect(JSON.parse(response.body)).toMatchObject({ detail: 'Not Found' });
    }
    const wrong = await api(url, 'GET', '/broadcast');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    expect(wrong.json).toMatchObject({ detail: 'Method Not Allowed' });
    const put = await api(url, 'PUT', '/sessions/abc', {});
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD, DELETE');
    expect((await api(url, 'POST', '/health')).status).toBe(405);
  });

  it('the web app answers only GET requests that accept HTML', async () => {
    const page = await rawRequest(`${url}/s/some-session`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    const script = await rawRequest(`${url}/s/some-session`, { headers: { accept: '*/*' } });
    expect(script.status).toBe(404);
    expect(JSON.parse(script.body)).toMatchObject({ detail: 'Not Found' });
    const post = await rawRequest(`${url}/s/some-session`, {
      method: 'POST',
      headers: { accept: 'text/html', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    expect(JSON.parse(post.body)).toMatchObject({ detail: 'Method Not Allowed' });
  });

  it('/ws/{session_id} over plain HTTP says to upgrade', async () => {
    const response = await api(url, 'GET', '/ws/some-session');
    expect(response.status).toBe(426);
    expect(response.json).toMatchObject({ code: 'UPGRADE_REQUIRED' });
  });
});

describe('the OpenAPI document and the reference page', () => {
  it('is a valid OpenAPI 3.1 document describing every route in the original’s names', async () => {
    const { status, json } = await api<Record<string, unknown>>(url, 'GET', '/openapi.json');
    expect(status).toBe(200);
    const document = structuredClone(json);
    await SwaggerParser.validate(document as never);
    const paths = json.paths as Record<string, Record<string, unknown>>;
    expect(
      Object.entries(paths).flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
      ),
    ).toEqual([
      'GET /health',
      'POST /broadcast',
      'POST /send-to',
      'POST /summarize',
      'GET /sessions',
      'GET /sessions/{session_id}',
      'DELETE /sessions/{session_id}',
      'GET /models',
      'GET /providers/health',
      'GET /stats',
    ]);
    const body = (
      paths['/broadcast']!.post as {
        requestBody: { content: { 'application/json': { schema: Record<string, unknown> } } };
      }
    ).requestBody.content['application/json'].schema as {
      required: string[];
      properties: Record<
        string,
        { maxItems?: number; items?: { properties: Record<string, unknown> } }
      >;
    };
    expect(body.required).toEqual(['prompt', 'models']);
    expect(Object.keys(body.properties)).toEqual([
      'prompt',
      'models',
      'session_id',
      'title',
      'budget_usd',
      'confirm_over_budget',
    ]);
    // Limits come from the contracts' schemas.
    expect(body.properties.models!.maxItems).toBe(LIMITS.panesPerBroadcast);
    expect(Object.keys(body.properties.models!.items!.properties)).toEqual([
      'provider_id',
      'model_id',
      'params',
      'system_prompt',
    ]);
    const listParameters = (
      paths['/sessions']!.get as { parameters: { name: string; in: string }[] }
    ).parameters;
    expect(listParameters.map((p) => `${p.in}:${p.name}`)).toEqual([
      'query:cursor',
      'query:limit',
      'query:search',
    ]);
    const stream = (json.components as { schemas: Record<string, { oneOf?: unknown[] }> }).schemas
      .StreamMessage!;
    expect(JSON.stringify(stream)).toContain('"tokens_used"');
  });

  it('the reference page loads its scripts and styles from this server only', async () => {
    const page = await rawRequest(`${url}/docs`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const sources = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources).toEqual([
      '/docs/swagger-ui.css',
      '/docs/swagger-ui-bundle.js',
      '/docs/init.js',
    ]);
    expect(page.body).not.toMatch(/<script>[^<]/);
    for (const source of sources) {
      const asset = await rawRequest(`${url}${source}`);
      expect(asset.status, source).toBe(200);
      expect(asset.body.length).toBeGreaterThan(0);
    }
    expect((await rawRequest(`${url}/docs/index.html`)).status).toBe(404);
  });
});

describe('WS /ws/{session_id}', () => {
  it('refuses a session id over the contracts’ limit before opening', async () => {
    const stream = openStream(url, 'x'.repeat(65));
    const refusal = await new Promise<number>((resolve) =>
      stream.socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
    );
    expect(refusal).toBe(422);
  });

  it('streams a session that already ended as status snapshots with their end', async () => {
    const made = await broadcastAndWait({
      prompt: 'Already done',
      models: [{ provider_id: 'groq', model_id: 'llama-3.1-8b-instant' }],
    });
    const stream = openStream(url, made.session_id);
    const [snapshot] = await stream.until(ended([made.panes[0]!.message_id]));
    expect(snapshot).toMatchObject({
      type: 'status',
      session_id: made.session_id,
      pane_id: made.panes[0]!.pane_id,
      data: {
        state: 'complete',
        content: 'llama-3.1-8b-instant answers: Already done',
        end: { reason: 'done', metrics: { tokens_used: expect.any(Number) as number } },
      },
    });
    expect(snapshot!.id).toEqual(expect.any(String));
    await stream.close();
  });
});
